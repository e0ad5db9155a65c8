//! Paging detection over the shipped catalog, and the `paging` extension.

use std::path::{Path, PathBuf};

use tcapi_spec::load::load_sources;
use tcapi_spec::{load, paging, Catalog, PageStyle, Paging, PagingExtension, Service};

fn shipped_specs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

/// A one-action service: `List` with these request and response members
/// (`name: type/member` pairs) and this `paging` extension, if any.
fn demo(request: &[(&str, &str, &str)], response: &[(&str, &str, &str)], extension: Option<&str>) -> String {
    let members = |list: &[(&str, &str, &str)]| {
        list.iter()
            .map(|(name, ty, member)| format!(r#"{{"name": "{name}", "type": "{ty}", "member": "{member}"}}"#))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let extension = extension.map(|e| format!(r#", "paging": {e}"#)).unwrap_or_default();
    format!(
        r#"{{"metadata": {{"apiVersion": "2020-01-01", "serviceShortName": "demo"}},
        "actions": {{"List": {{"input": "ListRequest", "output": "ListResponse"{extension}}}}},
        "objects": {{"ListRequest": {{"type": "object", "members": [{}]}},
                     "ListResponse": {{"type": "object", "members": [{}]}},
                     "Thing": {{"type": "object", "members": []}}}}}}"#,
        members(request),
        members(response)
    )
}

const OFFSET_LIMIT: &[(&str, &str, &str)] = &[("Offset", "int", "uint64"), ("Limit", "int", "int64")];
const PAGED_RESPONSE: &[(&str, &str, &str)] = &[
    ("TotalCount", "int", "int64"),
    ("Things", "list", "Thing"),
    ("RequestId", "string", "string"),
];

fn load_demo(text: &str) -> Service {
    load_sources([("demo.json", text)]).unwrap_or_else(|e| panic!("{e}"))
}

fn paging_of(service: &Service) -> Option<Paging> {
    paging(service, &service.actions["List"])
}

fn error_at(text: &str) -> (String, String) {
    let error = load_sources([("demo.json", text)]).expect_err("a bad paging extension");
    (error.location().to_string(), error.message().to_string())
}

#[test]
fn the_catalog_pages_1011_offset_and_51_page_number_actions() {
    let catalog = Catalog::open(shipped_specs()).unwrap_or_else(|e| panic!("{e}"));
    let (mut offset, mut page_number) = (0, 0);
    for dir in catalog.dirs() {
        let service = load(&dir).unwrap_or_else(|e| panic!("{e}")).service;
        for action in service.actions.values() {
            match paging(&service, action).map(|p| p.style) {
                Some(PageStyle::OffsetLimit) => offset += 1,
                Some(PageStyle::PageNumber) => page_number += 1,
                None => {}
            }
        }
    }
    // Offset/Limit (or PageNumber/PageSize), a TotalCount or Total, integers
    // or strings, and exactly one list. The README explains the gap to the
    // issue's 1,015, a count by member names: by names alone the catalog has
    // 1,020, and 9 billing summaries among them have an object `Total`.
    assert_eq!((offset, page_number), (1011, 51));
}

#[test]
fn cvm_describe_instances_pages_by_offset_and_limit() {
    let service = load(&shipped_specs().join("cvm/2017-03-12"))
        .unwrap_or_else(|e| panic!("{e}"))
        .service;
    let found = paging(&service, &service.actions["DescribeInstances"]);
    let want = Paging {
        style: PageStyle::OffsetLimit,
        position: "Offset".into(),
        limit: "Limit".into(),
        total: "TotalCount".into(),
        items: "InstanceSet".into(),
    };
    assert_eq!(found, Some(want));
}

#[test]
fn detection_needs_count_members_a_total_and_exactly_one_list() {
    assert!(paging_of(&load_demo(&demo(OFFSET_LIMIT, PAGED_RESPONSE, None))).is_some());
    let page_number = [("PageNumber", "int", "int64"), ("PageSize", "int", "int64")];
    let total = [("Total", "int", "uint64"), ("Ids", "list", "string")];
    let found = paging_of(&load_demo(&demo(&page_number, &total, None))).expect("page-number paging");
    assert_eq!(
        (
            found.style,
            found.position.as_str(),
            found.total.as_str(),
            found.items.as_str()
        ),
        (PageStyle::PageNumber, "PageNumber", "Total", "Ids")
    );
    // Counts may be strings, as vpc's DescribeVpcs and lke's ListDoc have them.
    let string_offset = [("Offset", "string", "string"), ("Limit", "string", "string")];
    let string_total = [("TotalCount", "string", "string"), ("Things", "list", "Thing")];
    let found = paging_of(&load_demo(&demo(&string_offset, &string_total, None))).expect("string counts page");
    assert_eq!(
        (found.position.as_str(), found.total.as_str()),
        ("Offset", "TotalCount")
    );

    let bool_offset = [("Offset", "bool", "bool"), ("Limit", "int", "int64")];
    let object_total = [("Total", "object", "Thing"), ("Things", "list", "Thing")];
    let two_lists = [
        ("TotalCount", "int", "int64"),
        ("Things", "list", "Thing"),
        ("Ids", "list", "string"),
    ];
    let no_list = [("TotalCount", "int", "int64")];
    for (request, response) in [
        (&bool_offset[..], PAGED_RESPONSE),
        (OFFSET_LIMIT, &two_lists[..]),
        (OFFSET_LIMIT, &object_total[..]),
        (OFFSET_LIMIT, &no_list[..]),
        (&OFFSET_LIMIT[..1], PAGED_RESPONSE),
    ] {
        assert_eq!(
            paging_of(&load_demo(&demo(request, response, None))),
            None,
            "{request:?} {response:?}"
        );
    }
}

#[test]
fn the_extension_turns_paging_off_requires_it_or_names_the_members() {
    let off = load_demo(&demo(OFFSET_LIMIT, PAGED_RESPONSE, Some("false")));
    assert_eq!(off.actions["List"].paging, Some(PagingExtension::Off));
    assert_eq!(paging_of(&off), None);

    let required = load_demo(&demo(OFFSET_LIMIT, PAGED_RESPONSE, Some("true")));
    assert_eq!(paging_of(&required).map(|p| p.items), Some("Things".to_string()));

    let request = [("Skip", "int", "int64"), ("Take", "int", "uint64")];
    let response = [
        ("Count", "int", "int64"),
        ("Things", "list", "Thing"),
        ("Ids", "list", "string"),
    ];
    let named = r#"{"offset": "Skip", "limit": "Take", "total": "Count", "items": "Ids"}"#;
    let want = Paging {
        style: PageStyle::OffsetLimit,
        position: "Skip".into(),
        limit: "Take".into(),
        total: "Count".into(),
        items: "Ids".into(),
    };
    assert_eq!(
        paging_of(&load_demo(&demo(&request, &response, Some(named)))),
        Some(want)
    );
    let pages = r#"{"page_number": "Skip", "page_size": "Take", "total": "Count", "items": "Things"}"#;
    let found = paging_of(&load_demo(&demo(&request, &response, Some(pages)))).map(|p| p.style);
    assert_eq!(found, Some(PageStyle::PageNumber));
}

#[test]
fn a_bad_extension_is_an_error_at_actions_list_paging() {
    let no_list = [("TotalCount", "int", "int64")];
    let cases = [
        (
            demo(OFFSET_LIMIT, PAGED_RESPONSE, Some(r#""yes""#)),
            "must be true, false",
        ),
        (demo(OFFSET_LIMIT, PAGED_RESPONSE, Some("1")), "found a number"),
        (demo(OFFSET_LIMIT, &no_list, Some("true")), "exactly one list"),
        (
            demo(
                OFFSET_LIMIT,
                PAGED_RESPONSE,
                Some(r#"{"offset": "Offset", "limit": "Limit"}"#),
            ),
            "must be true, false",
        ),
        (
            demo(
                OFFSET_LIMIT,
                PAGED_RESPONSE,
                Some(r#"{"offset": "Offset", "page_size": "Limit", "total": "TotalCount", "items": "Things"}"#),
            ),
            "must be true, false",
        ),
        (
            demo(
                OFFSET_LIMIT,
                PAGED_RESPONSE,
                Some(r#"{"offset": "Offset", "limit": "Limit", "total": "TotalCount", "item": "Things"}"#),
            ),
            "unknown key `item`",
        ),
        (
            demo(
                OFFSET_LIMIT,
                PAGED_RESPONSE,
                Some(r#"{"offset": "Start", "limit": "Limit", "total": "TotalCount", "items": "Things"}"#),
            ),
            "names `Start`, which is not a member of `ListRequest`",
        ),
        (
            demo(
                OFFSET_LIMIT,
                PAGED_RESPONSE,
                Some(r#"{"offset": "Offset", "limit": "Limit", "total": "Things", "items": "Things"}"#),
            ),
            "names `Things` of `ListResponse`, which must be an integer or a string",
        ),
        (
            demo(
                OFFSET_LIMIT,
                PAGED_RESPONSE,
                Some(r#"{"offset": "Offset", "limit": "Limit", "total": "TotalCount", "items": "TotalCount"}"#),
            ),
            "which must be a list",
        ),
    ];
    for (text, message) in cases {
        let (location, found) = error_at(&text);
        assert_eq!(location, "actions.List.paging", "{found}");
        assert!(found.contains(message), "{found:?} should say {message:?}");
    }
    let (location, _) = error_at(&demo(
        OFFSET_LIMIT,
        PAGED_RESPONSE,
        Some(r#"{"offset": 3, "limit": "Limit", "total": "TotalCount", "items": "Things"}"#),
    ));
    assert_eq!(location, "actions.List.paging.offset");
}
