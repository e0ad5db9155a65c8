//! Building a response (or a request) that fits the spec from its members' examples.

use serde_json::{Map, Value};
use tcapi_spec::{Member, MemberType, Object, Scalar, Service};

/// Nested objects deeper than this are left out, which also ends recursive types.
const MAX_DEPTH: usize = 6;
/// At most this many members are filled in per response, so that a spec whose
/// objects fan out cannot make an answer explode.
const MAX_MEMBERS: usize = 2_000;

/// The `Response` object of an action, without `RequestId`. It never gets a
/// top-level `Error`, even where the spec has a member of that name
/// (lkeap GetReconstructDocumentResult): clients take any `Response.Error`
/// for a service error.
pub(super) fn example(service: &Service, output: &Object) -> Map<String, Value> {
    let mut map = build(service, output);
    map.remove("Error");
    map
}

/// A request body for `action` built from its request members' examples:
/// every member, nested objects a few levels deep, each value of its
/// member's type. `None` when the service has no such action.
pub fn example_request(service: &Service, action: &str) -> Option<Value> {
    let input = service.input(service.actions.get(action)?)?;
    Some(Value::Object(build(service, input)))
}

fn build(service: &Service, object: &Object) -> Map<String, Value> {
    let mut walk = Walk {
        stack: vec![object.name.as_str()],
        budget: MAX_MEMBERS,
    };
    members(service, object, &mut walk)
}

struct Walk<'a> {
    stack: Vec<&'a str>,
    budget: usize,
}

fn members<'a>(service: &'a Service, object: &'a Object, walk: &mut Walk<'a>) -> Map<String, Value> {
    let mut map = Map::new();
    for member in object.members.iter().filter(|m| m.name != "RequestId") {
        if walk.budget == 0 {
            break;
        }
        walk.budget -= 1;
        if let Some(value) = value(service, member, walk) {
            map.insert(member.name.clone(), value);
        }
    }
    map
}

fn value<'a>(service: &'a Service, member: &'a Member, walk: &mut Walk<'a>) -> Option<Value> {
    let example = member
        .example
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty() && *e != "无");
    match &member.ty {
        MemberType::Scalar(scalar) => Some(scalar_value(*scalar, example)),
        MemberType::ScalarList(scalar) => {
            let parsed = example.and_then(|e| serde_json::from_str::<Vec<Value>>(e).ok());
            match parsed {
                Some(items) if items.iter().all(|item| fits(*scalar, item)) => Some(Value::Array(items)),
                _ => Some(Value::Array(vec![scalar_value(*scalar, example)])),
            }
        }
        MemberType::Object(name) => nested(service, name, walk),
        MemberType::ObjectList(name) => Some(Value::Array(nested(service, name, walk).into_iter().collect())),
    }
}

fn nested<'a>(service: &'a Service, name: &'a str, walk: &mut Walk<'a>) -> Option<Value> {
    if walk.stack.len() >= MAX_DEPTH || walk.stack.contains(&name) {
        return None;
    }
    let object = service.objects.get(name)?;
    if object.members.is_empty() {
        return Some(Value::Object(Map::new()));
    }
    walk.stack.push(name);
    let map = members(service, object, walk);
    walk.stack.pop();
    Some(Value::Object(map))
}

fn scalar_value(scalar: Scalar, example: Option<&str>) -> Value {
    let example = example.map(|e| e.trim_matches('"'));
    match scalar {
        Scalar::String | Scalar::Binary => Value::String(example.unwrap_or("").to_string()),
        Scalar::Int64 => Value::from(example.and_then(|e| e.parse::<i64>().ok()).unwrap_or(0)),
        Scalar::Uint64 => Value::from(example.and_then(|e| e.parse::<u64>().ok()).unwrap_or(0)),
        Scalar::Float => example
            .and_then(|e| e.parse::<f64>().ok())
            .and_then(|f| serde_json::Number::from_f64(f).map(Value::Number))
            .unwrap_or_else(|| Value::from(0.0)),
        Scalar::Bool => Value::Bool(example.is_some_and(|e| e.eq_ignore_ascii_case("true"))),
    }
}

fn fits(scalar: Scalar, value: &Value) -> bool {
    match scalar {
        Scalar::String | Scalar::Binary => value.is_string(),
        Scalar::Int64 => value.is_i64(),
        Scalar::Uint64 => value.is_u64(),
        Scalar::Float => value.is_number(),
        Scalar::Bool => value.is_boolean(),
    }
}
