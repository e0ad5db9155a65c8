//! Reading one definition (an action, an object, a member) from its raw JSON.

use std::path::Path;

use serde_json::{Map, Value};

use crate::json::{as_object, kind_of};
use crate::model::{Action, Member, MemberType, Object, Scalar, Usage};
use crate::SpecError;

/// An action of `actions`, with the extensions `error_codes`, `rate_limit_per_second`, `idempotent` and `paging`.
pub(super) fn parse_action(file: &Path, name: &str, raw: &Value, at: &str) -> Result<Action, SpecError> {
    let map = as_object(file, raw, at)?;
    let codes = match map.get("error_codes") {
        Some(list) => string_list(file, list, &format!("{at}.error_codes"))?,
        None => Vec::new(),
    };
    let rate_limit_per_second = match map.get("rate_limit_per_second") {
        None | Some(Value::Null) => None,
        Some(v) => Some(
            v.as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .filter(|n| *n > 0)
                .ok_or_else(|| {
                    SpecError::new(
                        file,
                        format!("{at}.rate_limit_per_second"),
                        "must be a positive whole number of requests per second",
                    )
                })?,
        ),
    };
    let idempotent = match map.get("idempotent") {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(_) => {
            return Err(SpecError::new(
                file,
                format!("{at}.idempotent"),
                "must be true or false: whether the action may be sent again after a failure that may have reached the service",
            ))
        }
    };
    Ok(Action {
        name: name.to_string(),
        input: required_str(file, map, "input", at)?.to_string(),
        output: required_str(file, map, "output", at)?.to_string(),
        document: optional_str(file, map, "document", at)?.unwrap_or_default().to_string(),
        title: optional_str(file, map, "name", at)?.unwrap_or_default().to_string(),
        status: optional_str(file, map, "status", at)?.unwrap_or_default().to_string(),
        error_codes: codes,
        rate_limit_per_second,
        idempotent,
        paging: super::paging::parse(file, map.get("paging"), &format!("{at}.paging"))?,
    })
}

/// An object of `objects`; its member names must be unique.
pub(super) fn parse_object(file: &Path, name: &str, raw: &Value, at: &str) -> Result<Object, SpecError> {
    let map = as_object(file, raw, at)?;
    let usage = match optional_str(file, map, "usage", at)? {
        Some("in") => Usage::In,
        Some("out") => Usage::Out,
        Some("both") | None => Usage::Both,
        Some(other) => {
            return Err(SpecError::new(
                file,
                format!("{at}.usage"),
                format!("unknown usage `{other}`; expected in, out or both"),
            ))
        }
    };
    let members_at = format!("{at}.members");
    let members = match map.get("members") {
        None => Vec::new(),
        Some(Value::Array(items)) => {
            let mut members: Vec<Member> = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let at = format!("{members_at}[{i}]");
                let member = parse_member(file, item, &at)?;
                if members.iter().any(|m| m.name == member.name) {
                    return Err(SpecError::new(
                        file,
                        format!("{at}.name"),
                        format!(
                            "a second member named `{}`; member names must be unique in an object",
                            member.name
                        ),
                    ));
                }
                members.push(member);
            }
            members
        }
        Some(_) => return Err(SpecError::new(file, members_at, "must be a list of members")),
    };
    Ok(Object {
        name: name.to_string(),
        document: optional_str(file, map, "document", at)?.unwrap_or_default().to_string(),
        members,
        usage,
    })
}

fn parse_member(file: &Path, raw: &Value, at: &str) -> Result<Member, SpecError> {
    let map = as_object(file, raw, at)?;
    let name = required_str(file, map, "name", at)?;
    let kind = required_str(file, map, "type", at)?;
    let member = required_str(file, map, "member", at)?;
    let unknown_member = || {
        SpecError::new(
            file,
            format!("{at}.member"),
            format!("unknown member type `{member}` for type `{kind}`; expected string, date, datetime, datetime_iso, int64, uint64, float, bool or binary"),
        )
    };
    let ty = match kind {
        "object" => MemberType::Object(member.to_string()),
        "list" => match Scalar::from_member(member) {
            Some(scalar) => MemberType::ScalarList(scalar),
            None => MemberType::ObjectList(member.to_string()),
        },
        "string" | "int" | "bool" | "float" | "binary" => {
            MemberType::Scalar(Scalar::from_member(member).ok_or_else(unknown_member)?)
        }
        other => {
            return Err(SpecError::new(
                file,
                format!("{at}.type"),
                format!(
                "unknown type `{other}` of member `{name}`; expected string, int, bool, float, binary, object or list"
            ),
            ))
        }
    };
    let example = match map.get("example") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => Some(other.to_string()),
    };
    Ok(Member {
        name: name.to_string(),
        ty,
        document: optional_str(file, map, "document", at)?.unwrap_or_default().to_string(),
        required: flag(file, map, "required", at)?,
        output_required: flag(file, map, "output_required", at)?,
        value_allowed_null: flag(file, map, "value_allowed_null", at)?,
        disabled: flag(file, map, "disabled", at)?,
        example,
    })
}

/// The string under `key`, which must be there.
pub(super) fn required_str<'a>(
    file: &Path,
    map: &'a Map<String, Value>,
    key: &str,
    at: &str,
) -> Result<&'a str, SpecError> {
    optional_str(file, map, key, at)?
        .ok_or_else(|| SpecError::new(file, format!("{at}.{key}"), "missing; it must be a string"))
}

/// The string under `key`, if any; `null` counts as absent.
pub(super) fn optional_str<'a>(
    file: &Path,
    map: &'a Map<String, Value>,
    key: &str,
    at: &str,
) -> Result<Option<&'a str>, SpecError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(SpecError::new(
            file,
            format!("{at}.{key}"),
            format!("must be a string, found {}", kind_of(other)),
        )),
    }
}

fn flag(file: &Path, map: &Map<String, Value>, key: &str, at: &str) -> Result<bool, SpecError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(other) => Err(SpecError::new(
            file,
            format!("{at}.{key}"),
            format!("must be true or false, found {}", kind_of(other)),
        )),
    }
}

/// A list of strings, such as an action's error codes.
pub(super) fn string_list(file: &Path, value: &Value, at: &str) -> Result<Vec<String>, SpecError> {
    let items = value
        .as_array()
        .ok_or_else(|| SpecError::new(file, at, format!("must be a list of strings, found {}", kind_of(value))))?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            item.as_str()
                .map(str::to_string)
                .ok_or_else(|| SpecError::new(file, format!("{at}[{i}]"), "must be a string"))
        })
        .collect()
}
