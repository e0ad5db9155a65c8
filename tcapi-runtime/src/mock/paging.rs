//! Paged answers: for an action that pages (by the same rule as the generated
//! paginators, `tcapi_spec::paging`), a success answer's list is cut to the page
//! the request asks for, and its total says how long the whole list is.
//!
//! This applies to every success the mock sends for such an action: an
//! official example, an answer built from the members' examples, or a
//! scripted [`Reply::Response`] (also inside [`Reply::Delay`]). A test that
//! queues one response with 250 items can so collect them over several pages.
//! A list shorter than the answer's total is taken for one page already (as
//! official examples often are: one item of `"TotalCount": 4`) and is sent as it is.
//! Errors, raw [`Reply::Http`] bodies and hangups are sent as they are.

use serde_json::{Map, Value};
use tcapi_spec::{PageStyle, Paging, Service};

use super::play::Reply;
use super::route::Answer;

/// How the routed action pages, if it does; STS answers never page.
pub(super) fn of(answer: &Answer<'_>, action: &str) -> Option<Paging> {
    let Answer::Example(example) = answer else {
        return None;
    };
    let service: &Service = &example.served.service;
    tcapi_spec::paging(service, service.actions.get(action)?)
}

/// Cuts `envelope`, a `{"Response": {…}}` success such as
/// [`default_response`](super::default_response) gives, to the page that
/// `request` asks for, as the mock answers a paged `action`; anything else is
/// left as it is. Tests use it to predict the mock's answer.
pub fn paged_response(service: &Service, action: &str, request: &Value, envelope: &mut Value) {
    let paging = service.actions.get(action).and_then(|a| tcapi_spec::paging(service, a));
    if let Some(Value::Object(response)) = envelope.get_mut("Response") {
        page(paging.as_ref(), request, response);
    }
}

/// [`page`] applied to the success a scripted reply sends.
pub(super) fn reply(paging: Option<&Paging>, request: &Value, reply: Reply) -> Reply {
    match (paging, reply) {
        (Some(paging), Reply::Response(Value::Object(mut response))) => {
            page(Some(paging), request, &mut response);
            Reply::Response(Value::Object(response))
        }
        (Some(paging), Reply::Delay(delay, next)) => {
            Reply::Delay(delay, Box::new(self::reply(Some(paging), request, *next)))
        }
        (_, reply) => reply,
    }
}

/// Cuts a success `Response` (without its envelope) to the page `request`
/// asks for: `Offset` items in (or `PageNumber - 1` pages of `PageSize`), at
/// most `Limit` (or `PageSize`) of them, all the rest without a limit. The
/// total becomes the whole list's length when it is absent or smaller. A list
/// shorter than its total is one page already, and is left as it is.
pub(super) fn page(paging: Option<&Paging>, request: &Value, response: &mut Map<String, Value>) {
    let Some(paging) = paging else { return };
    if response.contains_key("Error") {
        return;
    }
    // Counts are integers, or strings of one where the spec says so; the total is sent back as it came.
    let total_is_text = response.get(&paging.total).is_some_and(Value::is_string);
    let total = response.get(&paging.total).and_then(count);
    let Some(Value::Array(items)) = response.get_mut(&paging.items) else {
        return;
    };
    let len = items.len();
    let whole = u64::try_from(len).unwrap_or(u64::MAX);
    if total.is_some_and(|total| total > whole) {
        // Already one page of a longer list, as official examples often are.
        return;
    }
    let number = |name: &str| Some(usize::try_from(count(request.get(name)?)?).unwrap_or(usize::MAX));
    let limit = number(&paging.limit).filter(|l| *l > 0);
    let start = match paging.style {
        PageStyle::OffsetLimit => number(&paging.position).unwrap_or(0),
        PageStyle::PageNumber => number(&paging.position)
            .unwrap_or(1)
            .saturating_sub(1)
            .saturating_mul(limit.unwrap_or(len)),
    }
    .min(len);
    let end = limit.map_or(len, |limit| start.saturating_add(limit).min(len));
    items.truncate(end);
    items.drain(..start);
    let total = if total_is_text {
        Value::from(whole.to_string())
    } else {
        Value::from(whole)
    };
    response.insert(paging.total.clone(), total);
}

/// A count as the request or answer holds it: a number (a negative one is 0),
/// or a string of decimal digits.
fn count(value: &Value) -> Option<u64> {
    match value {
        Value::String(text) => {
            let text = text.trim();
            text.parse::<u64>()
                .ok()
                .or_else(|| text.parse::<i64>().ok().map(|n| n.max(0).unsigned_abs()))
        }
        _ => value
            .as_u64()
            .or_else(|| value.as_i64().map(|n| n.max(0).unsigned_abs())),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Map, Value};
    use tcapi_spec::{PageStyle, Paging};

    use super::page;

    fn paging(style: PageStyle) -> Paging {
        let (position, limit) = match style {
            PageStyle::OffsetLimit => ("Offset", "Limit"),
            PageStyle::PageNumber => ("PageNumber", "PageSize"),
        };
        Paging {
            style,
            position: position.into(),
            limit: limit.into(),
            total: "TotalCount".into(),
            items: "Set".into(),
        }
    }

    fn paged(style: PageStyle, request: Value, response: Value) -> Value {
        let Value::Object(mut response) = response else {
            return Value::Null;
        };
        page(Some(&paging(style)), &request, &mut response);
        Value::Object(response)
    }

    #[test]
    fn a_list_is_cut_by_offset_and_limit_and_the_total_is_its_length() {
        let ten: Vec<u32> = (0..10).collect();
        let response = json!({"Set": ten, "TotalCount": 1});
        let got = paged(
            PageStyle::OffsetLimit,
            json!({"Offset": 4, "Limit": 3}),
            response.clone(),
        );
        assert_eq!(got, json!({"Set": [4, 5, 6], "TotalCount": 10}));
        let got = paged(
            PageStyle::OffsetLimit,
            json!({"Offset": 8, "Limit": 3}),
            response.clone(),
        );
        assert_eq!(got, json!({"Set": [8, 9], "TotalCount": 10}));
        let got = paged(PageStyle::OffsetLimit, json!({"Offset": 20}), response.clone());
        assert_eq!(got, json!({"Set": [], "TotalCount": 10}));
        let got = paged(PageStyle::PageNumber, json!({"PageNumber": 2, "PageSize": 4}), response);
        assert_eq!(got, json!({"Set": [4, 5, 6, 7], "TotalCount": 10}));
    }

    #[test]
    fn string_counts_page_too_and_a_string_total_stays_a_string() {
        let ten: Vec<u32> = (0..10).collect();
        let got = paged(
            PageStyle::OffsetLimit,
            json!({"Offset": "4", "Limit": "3"}),
            json!({"Set": ten, "TotalCount": "0"}),
        );
        assert_eq!(got, json!({"Set": [4, 5, 6], "TotalCount": "10"}));
    }

    #[test]
    fn a_list_shorter_than_its_total_is_a_page_already_and_errors_are_left_alone() {
        let page_already = json!({"Set": [1, 2], "TotalCount": 7});
        let got = paged(
            PageStyle::OffsetLimit,
            json!({"Offset": 4, "Limit": 1}),
            page_already.clone(),
        );
        assert_eq!(got, page_already);
        let error = json!({"Error": {"Code": "X", "Message": "m"}, "Set": [1, 2]});
        assert_eq!(paged(PageStyle::OffsetLimit, json!({"Limit": 1}), error.clone()), error);
        let mut empty = Map::new();
        page(Some(&paging(PageStyle::OffsetLimit)), &json!({}), &mut empty);
        assert!(empty.is_empty(), "no list, nothing to page");
    }
}
