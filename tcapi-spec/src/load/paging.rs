//! The `paging` extension of an action: read from its JSON, then checked
//! against the merged request and response objects.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::json::kind_of;
use crate::model::{Action, Object};
use crate::paging::{check, PageStyle, Paging, PagingExtension};
use crate::SpecError;

/// What `paging` may be, for messages.
const EXPECTED: &str = "must be true, false, or an object naming the members: \
    {\"offset\", \"limit\", \"total\", \"items\"} or {\"page_number\", \"page_size\", \"total\", \"items\"}";

/// Reads `actions.<Name>.paging`; absent or `null` is `None`.
pub(super) fn parse(file: &Path, raw: Option<&Value>, at: &str) -> Result<Option<PagingExtension>, SpecError> {
    let map = match raw {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Bool(true)) => return Ok(Some(PagingExtension::Required)),
        Some(Value::Bool(false)) => return Ok(Some(PagingExtension::Off)),
        Some(Value::Object(map)) => map,
        Some(other) => {
            return Err(SpecError::new(
                file,
                at,
                format!("{EXPECTED}; found {}", kind_of(other)),
            ))
        }
    };
    let key = |name: &str| -> Result<Option<String>, SpecError> {
        match map.get(name) {
            None => Ok(None),
            Some(Value::String(s)) if !s.is_empty() => Ok(Some(s.clone())),
            Some(_) => Err(SpecError::new(file, format!("{at}.{name}"), "must be a member name")),
        }
    };
    if let Some(unknown) = map
        .keys()
        .find(|k| !["offset", "limit", "page_number", "page_size", "total", "items"].contains(&k.as_str()))
    {
        return Err(SpecError::new(file, at, format!("unknown key `{unknown}`; {EXPECTED}")));
    }
    let fields = match (key("offset")?, key("limit")?, key("page_number")?, key("page_size")?) {
        (Some(position), Some(limit), None, None) => (PageStyle::OffsetLimit, position, limit),
        (None, None, Some(position), Some(limit)) => (PageStyle::PageNumber, position, limit),
        _ => return Err(SpecError::new(file, at, EXPECTED)),
    };
    let (Some(total), Some(items)) = (key("total")?, key("items")?) else {
        return Err(SpecError::new(file, at, EXPECTED));
    };
    Ok(Some(PagingExtension::Fields(Paging {
        style: fields.0,
        position: fields.1,
        limit: fields.2,
        total,
        items,
    })))
}

/// Checks each action's extension against its request and response, once the
/// references resolve: an error at `actions.<Name>.paging` otherwise.
pub(super) fn validate(
    actions: &BTreeMap<String, Action>,
    action_files: &BTreeMap<String, PathBuf>,
    objects: &BTreeMap<String, (PathBuf, Object)>,
) -> Result<(), SpecError> {
    for (name, action) in actions {
        let (Some(extension), Some((_, input)), Some((_, output))) =
            (&action.paging, objects.get(&action.input), objects.get(&action.output))
        else {
            continue;
        };
        check(extension, input, output).map_err(|message| {
            let file = action_files.get(name).map(PathBuf::as_path).unwrap_or(Path::new(""));
            SpecError::new(file, format!("actions.{name}.paging"), message)
        })?;
    }
    Ok(())
}
