//! One request: read and record it, then answer it.

use std::collections::HashMap;
use std::sync::Arc;

use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use hyper::Request;

use super::auth;
use super::envelope::{envelope, error_envelope, http, HttpResponse};
use super::paging;
use super::play::{play, Hangup};
use super::route::{route, Answer};
use super::State;

/// The largest request body the mock reads.
const MAX_BODY_BYTES: usize = 10 * 1024 * 1024;

/// Answers a request: the metadata service for its GET paths; else, once the
/// request passes [`route`], a scripted reply or the default answer; else the refusal.
pub(super) async fn handle(state: Arc<State>, request: Request<Incoming>) -> Result<HttpResponse, Hangup> {
    let (parts, body) = request.into_parts();
    let body = match Limited::new(body, MAX_BODY_BYTES).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return Ok(http(413, "text/plain", "request body too large or unreadable".into())),
    };
    let headers: HashMap<String, String> = parts
        .headers
        .iter()
        .filter_map(|(name, value)| Some((name.as_str().to_string(), value.to_str().ok()?.to_string())))
        .collect();
    let request_id = state.next_request_id();
    state.record(parts.method.as_str(), parts.uri.path(), &headers, &body);
    if parts.method == hyper::Method::GET {
        if let Some((status, body)) = state.metadata(parts.uri.path()) {
            return Ok(http(status, "text/plain", body));
        }
    }
    let received = auth::Received {
        method: parts.method.as_str(),
        query: parts.uri.query().unwrap_or(""),
        headers: &headers,
        body: &body,
    };
    let answer = match route(&state, &received) {
        Ok((action, body, response)) => {
            // A paged action's success answers the page asked for (see `paging`).
            let paged = paging::of(&response, &action);
            match state.scripted(&action, &body, &headers) {
                Some(reply) => play(paging::reply(paged.as_ref(), &body, reply), &request_id).await,
                // Built only when no scripted reply replaces it.
                None => {
                    let mut answer = match response {
                        Answer::Example(example) => example.served.answer(&action, example.output),
                        Answer::Direct(map) => map,
                    };
                    paging::page(paged.as_ref(), &body, &mut answer);
                    Ok(envelope(answer, &request_id))
                }
            }
        }
        Err(refusal) => Ok(error_envelope(refusal.code, &refusal.message, &request_id)),
    };
    // As Tencent's streaming answers do: the RequestId in a header too, also for raw replies.
    answer.map(|mut response| {
        if let Ok(value) = hyper::header::HeaderValue::from_str(&request_id) {
            response.headers_mut().insert("x-tc-requestid", value);
        }
        response
    })
}
