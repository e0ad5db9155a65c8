//! Building a response that fits the spec from its members' examples.

use serde_json::{Map, Value};
use tcapi_spec::{Member, MemberType, Object, Scalar, Service};

/// Nested objects deeper than this are left out, which also ends recursive types.
const MAX_DEPTH: usize = 6;

/// The `Response` object of an action, without `RequestId`.
pub(super) fn example(service: &Service, output: &Object) -> Map<String, Value> {
    let mut stack = vec![output.name.as_str()];
    members(service, output, &mut stack)
}

fn members<'a>(service: &'a Service, object: &'a Object, stack: &mut Vec<&'a str>) -> Map<String, Value> {
    let mut map = Map::new();
    for member in object.members.iter().filter(|m| m.name != "RequestId") {
        if let Some(value) = value(service, member, stack) {
            map.insert(member.name.clone(), value);
        }
    }
    map
}

fn value<'a>(service: &'a Service, member: &'a Member, stack: &mut Vec<&'a str>) -> Option<Value> {
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
        MemberType::Object(name) => nested(service, name, stack),
        MemberType::ObjectList(name) => Some(Value::Array(nested(service, name, stack).into_iter().collect())),
    }
}

fn nested<'a>(service: &'a Service, name: &'a str, stack: &mut Vec<&'a str>) -> Option<Value> {
    if stack.len() >= MAX_DEPTH || stack.contains(&name) {
        return None;
    }
    let object = service.objects.get(name)?;
    if object.members.is_empty() {
        return Some(Value::Object(Map::new()));
    }
    stack.push(name);
    let map = members(service, object, stack);
    stack.pop();
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
