//! Reading JSON text with errors that name the file and the place.

use std::path::Path;

use serde_json::{Map, Value};

use crate::SpecError;

/// Parses a spec or examples file; invalid JSON is an error at its line and column.
pub(crate) fn parse(file: &Path, text: &str) -> Result<Value, SpecError> {
    serde_json::from_str(text).map_err(|e| {
        // serde_json ends its message with the position, which the location already gives.
        let message = e.to_string();
        let message = message.rsplit_once(" at line ").map_or(message.as_str(), |(m, _)| m);
        SpecError::new(
            file,
            format!("line {}, column {}", e.line(), e.column()),
            format!("invalid JSON: {message}"),
        )
    })
}

/// `value` as an object, or an error at `at` that says what was found instead.
pub(crate) fn as_object<'a>(file: &Path, value: &'a Value, at: &str) -> Result<&'a Map<String, Value>, SpecError> {
    value
        .as_object()
        .ok_or_else(|| SpecError::new(file, at, format!("must be a JSON object, found {}", kind_of(value))))
}

/// What a JSON value is, for messages: `a string`, `a list`, `null`, …
pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
