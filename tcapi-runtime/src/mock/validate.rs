//! Checking a request body against the spec, with Tencent's error codes.

use serde_json::Value;
use tcapi_spec::{MemberType, Object, Scalar, Service};

use super::Refusal;

/// Objects nest at most this deep; deeper bodies are rejected rather than recursed into.
const MAX_DEPTH: usize = 32;

pub(super) fn body(service: &Service, request: &Object, body: &Value) -> Result<(), Refusal> {
    match body {
        Value::Object(_) => object(service, request, body, "", 0),
        _ => Err(Refusal::new(
            "InvalidParameter",
            "The request body must be a JSON object.",
        )),
    }
}

fn object(service: &Service, object: &Object, value: &Value, path: &str, depth: usize) -> Result<(), Refusal> {
    let Value::Object(map) = value else {
        return Err(invalid(path, "an object"));
    };
    if depth > MAX_DEPTH {
        return Err(invalid(path, "less deeply nested"));
    }
    for key in map.keys() {
        if !object.members.iter().any(|m| &m.name == key) {
            return Err(Refusal::new(
                "UnknownParameter",
                format!("The parameter `{}` is not recognized.", join(path, key)),
            ));
        }
    }
    for member in &object.members {
        let member_path = join(path, &member.name);
        match map.get(&member.name) {
            // Like the generated types, only top-level request members are required:
            // official examples leave out members that nested models flag as required.
            None | Some(Value::Null) if member.required && depth == 0 => {
                return Err(Refusal::new(
                    "MissingParameter",
                    format!("The request is missing a required parameter `{member_path}`."),
                ))
            }
            None | Some(Value::Null) => {}
            Some(value) => typed(service, &member.ty, value, &member_path, depth)?,
        }
    }
    Ok(())
}

fn typed(service: &Service, ty: &MemberType, value: &Value, path: &str, depth: usize) -> Result<(), Refusal> {
    match ty {
        MemberType::Scalar(scalar) => self::scalar(*scalar, value, path),
        MemberType::Object(name) => match service.objects.get(name) {
            // A member-less model carries free-form JSON.
            Some(target) if target.members.is_empty() => Ok(()),
            Some(target) => object(service, target, value, path, depth + 1),
            None => Ok(()),
        },
        MemberType::ScalarList(_) | MemberType::ObjectList(_) => {
            let Value::Array(items) = value else {
                return Err(invalid(path, "a list"));
            };
            let item_type = match ty {
                MemberType::ScalarList(scalar) => MemberType::Scalar(*scalar),
                MemberType::ObjectList(name) => MemberType::Object(name.clone()),
                other => other.clone(),
            };
            for (i, item) in items.iter().enumerate() {
                typed(service, &item_type, item, &format!("{path}.{i}"), depth + 1)?;
            }
            Ok(())
        }
    }
}

fn scalar(scalar: Scalar, value: &Value, path: &str) -> Result<(), Refusal> {
    let ok = match scalar {
        Scalar::String | Scalar::Binary => value.is_string(),
        Scalar::Int64 => value.is_i64(),
        Scalar::Uint64 => value.is_u64(),
        Scalar::Float => value.is_number(),
        Scalar::Bool => value.is_boolean(),
    };
    if ok {
        return Ok(());
    }
    let expected = match scalar {
        Scalar::String | Scalar::Binary => "a string",
        Scalar::Int64 => "an integer (int64)",
        Scalar::Uint64 => "a non-negative integer (uint64)",
        Scalar::Float => "a number",
        Scalar::Bool => "a boolean",
    };
    Err(invalid(path, expected))
}

fn invalid(path: &str, expected: &str) -> Refusal {
    Refusal::new(
        "InvalidParameterValue",
        format!("The value of parameter `{path}` must be {expected}."),
    )
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}
