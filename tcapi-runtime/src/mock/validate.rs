//! Checking a request body or a response against the spec, with one walker.
//!
//! Requests are checked as Tencent checks them, with its error codes. Responses
//! are checked by what the generated types decode, so that a response that
//! passes also decodes (see [`Mode::Response`]).

use serde_json::Value;
use tcapi_spec::json::kind_of;
use tcapi_spec::{MemberType, Object, Scalar, Service};

use super::Refusal;
use crate::lenient::TextNumber;

/// Objects nest at most this deep; deeper bodies are rejected rather than recursed into.
const MAX_DEPTH: usize = 32;

/// What is being checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// A request body, as the service checks one: the action's own required
    /// members must be there, unknown members are refused, types must match.
    Request,
    /// A response, by what the generated response types decode: the rules
    /// of [`validate_response`].
    Response,
}

/// Checks a request body against the request of `action`, as the mock does
/// before it answers: a JSON object, with the action's required members, no
/// unknown members, and every value of its member's type.
///
/// The error is the mock's refusal, `Code: message`, e.g.
/// `MissingParameter: The request is missing a required parameter `Name`.`
pub fn validate_request(service: &Service, action: &str, body: &Value) -> Result<(), String> {
    let request = service
        .actions
        .get(action)
        .and_then(|a| service.input(a))
        .ok_or_else(|| no_action(service, action))?;
    self::body(service, request, body).map_err(|refusal| format!("{}: {}", refusal.code, refusal.message))
}

/// Checks a response envelope, `{"Response": {…}}`, against the response of
/// `action`, by the rules the mock's answers follow: a response that passes
/// decodes into the response type `#[derive(TcApi)]` generates for the action.
///
/// - `Response.RequestId` must be a string, and `Response.Error` must be absent
///   (an error envelope is not a response of the action);
/// - a member may be null or absent: nothing is required, because the
///   official `required` and `output_required` flags do not hold for responses;
/// - members the spec does not have are allowed: the generated types ignore them;
/// - an integer or number sent as a string (`"1753780282000"`) is allowed where
///   the client's decoder reads it as the member's number type;
/// - any other type mismatch fails, and so does a null list item.
///
/// The error names the first member that does not fit.
pub fn validate_response(service: &Service, action: &str, envelope: &Value) -> Result<(), String> {
    let output = service
        .actions
        .get(action)
        .and_then(|a| service.output(a))
        .ok_or_else(|| no_action(service, action))?;
    match envelope.get("Response") {
        Some(response) => self::response(service, output, response),
        None => Err("the envelope has no `Response`".to_string()),
    }
}

fn no_action(service: &Service, action: &str) -> String {
    format!(
        "`{}` {} has no action `{action}`, or its spec is incomplete",
        service.short_name, service.api_version
    )
}

/// Checks a request body against the action's request object.
pub(super) fn body(service: &Service, request: &Object, body: &Value) -> Result<(), Refusal> {
    match body {
        Value::Object(_) => object(service, request, body, "", 0, Mode::Request),
        _ => Err(Refusal::new(
            "InvalidParameter",
            "The request body must be a JSON object.",
        )),
    }
}

/// Checks the content of `Response` against the action's response object.
/// The message names the first member that does not fit.
pub(super) fn response(service: &Service, output: &Object, response: &Value) -> Result<(), String> {
    let Value::Object(map) = response else {
        return Err("`Response` must be a JSON object".to_string());
    };
    // Clients take any `Response.Error` for a service error, even where the
    // spec gives a response a member of that name (lkeap GetReconstructDocumentResult).
    if map.get("Error").is_some_and(|e| !e.is_null()) {
        return Err("`Response.Error` is there: an error envelope, not a response".to_string());
    }
    match map.get("RequestId") {
        Some(Value::String(_)) => {}
        Some(other) => return Err(format!("`RequestId` must be a string, not {}", kind_of(other))),
        None => return Err("`RequestId` is missing".to_string()),
    }
    object(service, output, response, "", 0, Mode::Response).map_err(|refusal| refusal.message)
}

fn object(
    service: &Service,
    object: &Object,
    value: &Value,
    path: &str,
    depth: usize,
    mode: Mode,
) -> Result<(), Refusal> {
    let Value::Object(map) = value else {
        return Err(invalid(path, "an object", value, mode));
    };
    if depth > MAX_DEPTH {
        return Err(invalid(path, "less deeply nested", value, mode));
    }
    if mode == Mode::Request {
        for key in map.keys() {
            if !object.members.iter().any(|m| &m.name == key) {
                return Err(Refusal::new(
                    "UnknownParameter",
                    format!("The parameter `{}` is not recognized.", join(path, key)),
                ));
            }
        }
    }
    for member in &object.members {
        let member_path = join(path, &member.name);
        match map.get(&member.name) {
            // Like the generated types, only top-level request members are required:
            // official examples leave out members that nested models flag as required.
            None | Some(Value::Null) if mode == Mode::Request && member.required && depth == 0 => {
                return Err(Refusal::new(
                    "MissingParameter",
                    format!("The request is missing a required parameter `{member_path}`."),
                ))
            }
            None | Some(Value::Null) => {}
            Some(value) => typed(service, &member.ty, value, &member_path, depth, mode)?,
        }
    }
    Ok(())
}

fn typed(
    service: &Service,
    ty: &MemberType,
    value: &Value,
    path: &str,
    depth: usize,
    mode: Mode,
) -> Result<(), Refusal> {
    match ty {
        MemberType::Scalar(scalar) => self::scalar(*scalar, value, path, mode),
        MemberType::Object(name) => match service.objects.get(name) {
            // A member-less model carries free-form JSON.
            Some(target) if target.is_free_form() => Ok(()),
            Some(target) => object(service, target, value, path, depth + 1, mode),
            None => Ok(()),
        },
        MemberType::ScalarList(_) | MemberType::ObjectList(_) => {
            let Value::Array(items) = value else {
                return Err(invalid(path, "a list", value, mode));
            };
            let item_type = match ty {
                MemberType::ScalarList(scalar) => MemberType::Scalar(*scalar),
                MemberType::ObjectList(name) => MemberType::Object(name.clone()),
                other => other.clone(),
            };
            for (i, item) in items.iter().enumerate() {
                let item_path = format!("{path}.{i}");
                // A list decodes into a Vec of its item type, whose items cannot be null.
                if item.is_null() {
                    return Err(invalid(&item_path, "a value (a list holds no nulls)", item, mode));
                }
                typed(service, &item_type, item, &item_path, depth + 1, mode)?;
            }
            Ok(())
        }
    }
}

fn scalar(scalar: Scalar, value: &Value, path: &str, mode: Mode) -> Result<(), Refusal> {
    let ok = match scalar {
        Scalar::String | Scalar::Binary => value.is_string(),
        Scalar::Int64 => value.is_i64(),
        Scalar::Uint64 => value.is_u64(),
        Scalar::Float => value.is_number(),
        Scalar::Bool => value.is_boolean(),
    };
    if ok || (mode == Mode::Response && number_in_text(scalar, value)) {
        return Ok(());
    }
    let expected = match scalar {
        Scalar::String | Scalar::Binary => "a string",
        Scalar::Int64 => "an integer (int64)",
        Scalar::Uint64 => "a non-negative integer (uint64)",
        Scalar::Float => "a number",
        Scalar::Bool => "a boolean",
    };
    Err(invalid(path, expected, value, mode))
}

/// Whether the lenient decoder reads this string as a number of the scalar's type.
fn number_in_text(scalar: Scalar, value: &Value) -> bool {
    let Value::String(text) = value else {
        return false;
    };
    match (scalar, crate::lenient::number_in_text(text)) {
        (Scalar::Int64, Some(TextNumber::I64(_))) => true,
        (Scalar::Uint64, Some(TextNumber::I64(n))) => n >= 0,
        (Scalar::Uint64, Some(TextNumber::U64(_))) => true,
        (Scalar::Float, Some(_)) => true,
        _ => false,
    }
}

fn invalid(path: &str, expected: &str, found: &Value, mode: Mode) -> Refusal {
    let found = kind_of(found);
    let message = match mode {
        Mode::Request => format!("The value of parameter `{path}` must be {expected}, not {found}."),
        Mode::Response => format!("`{path}` must be {expected}, not {found}"),
    };
    Refusal::new("InvalidParameterValue", message)
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use serde::Deserialize;
    use serde_json::{json, Value};

    use super::{validate_request, validate_response};
    use crate::RawCode;

    const SPEC: &str = r#"{
        "metadata": {"serviceShortName": "demo", "apiVersion": "2020-01-01"},
        "actions": {"Ping": {"input": "PingRequest", "output": "PingResponse"}},
        "objects": {
            "PingRequest": {"type": "object", "members": [
                {"name": "Name", "type": "string", "member": "string", "required": true},
                {"name": "Count", "type": "int", "member": "int64"}
            ]},
            "PingResponse": {"type": "object", "members": [
                {"name": "N", "type": "int", "member": "int64"},
                {"name": "U", "type": "int", "member": "uint64"},
                {"name": "F", "type": "float", "member": "float"},
                {"name": "S", "type": "string", "member": "string", "output_required": true},
                {"name": "B", "type": "bool", "member": "bool"},
                {"name": "L", "type": "list", "member": "int64"},
                {"name": "O", "type": "object", "member": "Inner"},
                {"name": "Free", "type": "object", "member": "Free"},
                {"name": "RequestId", "type": "string", "member": "string"}
            ]},
            "Inner": {"type": "object", "usage": "out", "members": [
                {"name": "X", "type": "int", "member": "int64", "required": true}
            ]},
            "Free": {"type": "object", "usage": "out", "members": []}
        }
    }"#;

    /// What `#[derive(TcApi)]` generates for PingResponse.
    #[derive(Deserialize, Default)]
    #[serde(rename_all = "PascalCase", default)]
    #[allow(dead_code)]
    struct PingResponse {
        #[serde(rename = "N")]
        n: Option<i64>,
        #[serde(rename = "U")]
        u: Option<u64>,
        #[serde(rename = "F")]
        f: Option<f64>,
        #[serde(rename = "S")]
        s: Option<String>,
        #[serde(rename = "B")]
        b: Option<bool>,
        #[serde(rename = "L")]
        l: Option<Vec<i64>>,
        #[serde(rename = "O")]
        o: Option<Inner>,
        free: Option<Value>,
        request_id: Option<String>,
    }

    #[derive(Deserialize, Default)]
    #[serde(rename_all = "PascalCase", default)]
    #[allow(dead_code)]
    struct Inner {
        x: Option<i64>,
    }

    fn service() -> tcapi_spec::Service {
        tcapi_spec::load::load_sources([("demo.json", SPEC)]).expect("the test spec loads")
    }

    /// The client's own decoder, on the bytes the mock would send.
    fn decodes(response: &Value) -> bool {
        let body = json!({ "Response": response }).to_string();
        crate::decode::decode::<PingResponse, RawCode>(Cow::Borrowed("Ping"), 200, body.as_bytes()).is_ok()
    }

    #[test]
    fn a_response_that_passes_decodes_into_the_generated_type() {
        let service = service();
        let cases = [
            (json!({"RequestId": "r"}), true, true),
            (
                json!({"RequestId": "r", "N": null, "S": null, "O": null, "L": null}),
                true,
                true,
            ),
            (json!({"RequestId": "r", "O": {}}), true, true),
            (
                json!({"RequestId": "r", "Unknown": [1, {"a": 2}], "O": {"Y": 1}}),
                true,
                true,
            ),
            (
                json!({"RequestId": "r", "N": "1753780282000", "U": " 7 ", "F": "1.5", "L": ["1", 2]}),
                true,
                true,
            ),
            (json!({"RequestId": "r", "F": 3, "Free": [1, "x"]}), true, true),
            (
                json!({"RequestId": "r", "U": "18446744073709551615", "N": -9007199254740993_i64}),
                true,
                true,
            ),
            (json!({"RequestId": "r", "N": "1.5"}), false, false),
            (json!({"RequestId": "r", "N": 1.0}), false, false),
            (json!({"RequestId": "r", "U": -1}), false, false),
            (json!({"RequestId": "r", "U": "-1"}), false, false),
            (json!({"RequestId": "r", "N": "9223372036854775808"}), false, false),
            (json!({"RequestId": "r", "F": "inf"}), false, false),
            (json!({"RequestId": "r", "S": 5}), false, false),
            (json!({"RequestId": "r", "B": "true"}), false, false),
            (json!({"RequestId": "r", "L": [1, null]}), false, false),
            (json!({"RequestId": "r", "L": 1}), false, false),
            (json!({"RequestId": "r", "O": []}), false, true),
            (json!({"RequestId": "r", "O": {"X": "x"}}), false, false),
            (json!({"RequestId": 5}), false, false),
            (
                json!({"RequestId": "r", "Error": {"Code": "InternalError", "Message": "m"}}),
                false,
                false,
            ),
        ];
        // (response, passes, decodes): everything that passes decodes; serde also
        // reads a struct from a list, which the validator refuses.
        for (response, fits, decoded) in cases {
            let verdict = validate_response(&service, "Ping", &json!({ "Response": response.clone() }));
            assert_eq!(verdict.is_ok(), fits, "{response}: {verdict:?}");
            assert_eq!(decodes(&response), decoded, "the decoder on {response}");
        }
    }

    #[test]
    fn response_errors_name_the_member_and_requests_keep_their_codes() {
        let service = service();
        let check = |response: Value| validate_response(&service, "Ping", &json!({ "Response": response }));
        assert_eq!(
            check(json!({"RequestId": "r", "O": {"X": true}})),
            Err("`O.X` must be an integer (int64), not a boolean".into())
        );
        assert_eq!(check(json!({})), Err("`RequestId` is missing".into()));
        assert!(validate_response(&service, "Ping", &json!({})).is_err(), "no Response");
        assert!(validate_response(&service, "Pong", &json!({"Response": {"RequestId": "r"}})).is_err());

        let request = |body: Value| validate_request(&service, "Ping", &body);
        assert_eq!(request(json!({"Name": "n", "Count": 2})), Ok(()));
        assert_eq!(
            request(json!({"Count": 2})),
            Err("MissingParameter: The request is missing a required parameter `Name`.".into())
        );
        assert_eq!(
            request(json!({"Name": "n", "Other": 1})),
            Err("UnknownParameter: The parameter `Other` is not recognized.".into())
        );
        assert_eq!(
            request(json!({"Name": "n", "Count": "2"})),
            Err(
                "InvalidParameterValue: The value of parameter `Count` must be an integer (int64), not a string."
                    .into()
            ),
            "requests get no leniency"
        );
    }
}
