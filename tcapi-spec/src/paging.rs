//! Which actions page their results, and by which members.
//!
//! One rule, used by the generator (which emits a paginator per paged action)
//! and by the mock server (which slices its answers), so that the two agree:
//! an action pages when its request has `Offset` and `Limit` members (or
//! `PageNumber` and `PageSize`), and its response has a `TotalCount` (or
//! `Total`) and exactly one list member. Those counts are integers, or strings
//! holding one: vpc's DescribeVpcs takes `Offset` and `Limit` as strings, and
//! lke's ListDoc sends `Total` as one. The spec extension
//! `actions.<Name>.paging` turns it off, requires it, or names the members.

use crate::model::{Action, Member, MemberType, Object, Scalar, Service};

/// How a paged request says where its page starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageStyle {
    /// `Offset` counts items from 0; the next page starts at `Offset + items on this page`.
    OffsetLimit,
    /// `PageNumber` counts pages from 1; the next page is `PageNumber + 1`.
    PageNumber,
}

/// The members an action pages by, by wire name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paging {
    /// Offset/limit or page number/page size.
    pub style: PageStyle,
    /// The request member that says where the page starts: `Offset` or `PageNumber`.
    pub position: String,
    /// The request member that says how many items a page holds: `Limit` or `PageSize`.
    pub limit: String,
    /// The response member with the number of items over all pages: `TotalCount` or `Total`.
    pub total: String,
    /// The response's one list member: the page's items.
    pub items: String,
}

/// The spec extension `actions.<Name>.paging`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PagingExtension {
    /// `false`: the action has no paginator, whatever its members.
    Off,
    /// `true`: the action pages by the rule of [`paging`]; loading fails if it does not fit.
    Required,
    /// An object that names the members (`offset`/`limit` or `page_number`/`page_size`,
    /// with `total` and `items`); loading checks that they exist with the right kinds.
    Fields(Paging),
}

/// The request position/limit names the rule looks for, by style.
const RULES: [(PageStyle, &str, &str); 2] = [
    (PageStyle::OffsetLimit, "Offset", "Limit"),
    (PageStyle::PageNumber, "PageNumber", "PageSize"),
];

/// The response total names the rule looks for, in order of preference.
const TOTALS: [&str; 2] = ["TotalCount", "Total"];

/// How `action` pages, if it does: the extension's members when it names
/// them, `None` when it says `false`, else the members the rule finds.
pub fn paging(service: &Service, action: &Action) -> Option<Paging> {
    let (input, output) = (service.input(action)?, service.output(action)?);
    match &action.paging {
        Some(PagingExtension::Off) => None,
        Some(PagingExtension::Fields(fields)) => check_fields(fields, input, output).ok().map(|()| fields.clone()),
        Some(PagingExtension::Required) | None => detect(input, output),
    }
}

/// The rule alone, on an action's request and response objects.
pub fn detect(input: &Object, output: &Object) -> Option<Paging> {
    let (style, position, limit) = RULES
        .iter()
        .find(|(_, position, limit)| has_count(input, position) && has_count(input, limit))?;
    let total = TOTALS.iter().find(|total| has_count(output, total))?;
    let mut lists = output.members.iter().filter(|m| is_list(m));
    let items = lists.next()?;
    if lists.next().is_some() {
        return None;
    }
    Some(Paging {
        style: *style,
        position: position.to_string(),
        limit: limit.to_string(),
        total: total.to_string(),
        items: items.name.clone(),
    })
}

/// Checks an action's extension against its request and response: the members
/// it names exist with the right kinds, and `true` fits the rule. The message
/// says what is wrong, for an error at `actions.<Name>.paging`.
pub fn check(extension: &PagingExtension, input: &Object, output: &Object) -> Result<(), String> {
    match extension {
        PagingExtension::Off => Ok(()),
        PagingExtension::Fields(fields) => check_fields(fields, input, output),
        PagingExtension::Required => detect(input, output).map(|_| ()).ok_or_else(|| {
            format!(
                "`true` needs `Offset` and `Limit` (or `PageNumber` and `PageSize`) in `{}`, and a `TotalCount` (or \
                 `Total`) and exactly one list in `{}`, the counts integers or strings; name the members with an \
                 object instead",
                input.name, output.name
            )
        }),
    }
}

fn check_fields(fields: &Paging, input: &Object, output: &Object) -> Result<(), String> {
    for (object, name, want) in [
        (input, &fields.position, "an integer or a string"),
        (input, &fields.limit, "an integer or a string"),
        (output, &fields.total, "an integer or a string"),
        (output, &fields.items, "a list"),
    ] {
        let Some(member) = object.members.iter().find(|m| &m.name == name) else {
            return Err(format!("names `{name}`, which is not a member of `{}`", object.name));
        };
        let fits = if want == "a list" {
            is_list(member)
        } else {
            is_count(member)
        };
        if !fits {
            return Err(format!("names `{name}` of `{}`, which must be {want}", object.name));
        }
    }
    Ok(())
}

fn has_count(object: &Object, name: &str) -> bool {
    object.members.iter().any(|m| m.name == name && is_count(m))
}

/// A member that can hold a count: an integer, or a string of one.
fn is_count(member: &Member) -> bool {
    matches!(
        member.ty,
        MemberType::Scalar(Scalar::Int64 | Scalar::Uint64 | Scalar::String)
    )
}

fn is_list(member: &Member) -> bool {
    matches!(member.ty, MemberType::ObjectList(_) | MemberType::ScalarList(_))
}
