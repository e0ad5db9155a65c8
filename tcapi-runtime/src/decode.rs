//! Reading the `{"Response": …}` envelope. Nothing from the network can panic here.

use std::borrow::Cow;

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::action::{Action, ErrorCode};
use crate::error::{ActionError, ErrorKind, Failure, ServiceError};
use crate::lenient::Lenient;

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(rename = "Response", borrow)]
    response: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct Probe {
    #[serde(rename = "Error")]
    error: Option<ErrorBody>,
    #[serde(rename = "RequestId")]
    request_id: Option<String>,
}

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(rename = "Code")]
    code: Option<String>,
    #[serde(rename = "Message")]
    message: Option<String>,
}

/// The longest piece of a non-JSON body kept in an error.
const SNIPPET_CHARS: usize = 200;

/// Decodes the body of a response to action `A`, as [`crate::Client::call`] does:
/// the value, the service's error, or a typed error about the body. For callers
/// with a transport of their own, and for checks over recorded responses.
pub fn decode_response<A: Action>(status: u16, body: &[u8]) -> Result<A::Output, ActionError<A::ErrorCode>> {
    decode::<A::Output, A::ErrorCode>(Cow::Borrowed(A::INFO.name), status, body)
}

/// Decodes a response body. The JSON envelope is read first whatever the
/// status, so that a service error on a non-200 keeps its code and RequestId.
pub(crate) fn decode<T: DeserializeOwned, C: ErrorCode>(
    action: Cow<'static, str>,
    status: u16,
    body: &[u8],
) -> Result<T, ActionError<C>> {
    decode_knowing(action, status, body, may_hold_error(status, body))
}

/// [`decode`], told what [`may_hold_error`] says of the reply.
pub(crate) fn decode_knowing<T: DeserializeOwned, C: ErrorCode>(
    action: Cow<'static, str>,
    status: u16,
    body: &[u8],
    may_hold_error: bool,
) -> Result<T, ActionError<C>> {
    // The common case in one pass: a 200 without an `"Error"` key anywhere.
    // Anything else, or anything that fails here, takes the careful path below.
    // Strict JSON first: lenient decoding accepts a superset, so a strict
    // success is the same value, and it skips the lenient layer's cost.
    if !may_hold_error {
        // UTF-8 checked once for the whole body, not once per string as
        // from_slice does. A body that is not all UTF-8 may still decode:
        // from_slice does not check strings in members the type ignores.
        let strict = match std::str::from_utf8(body) {
            Ok(text) => serde_json::from_str::<Whole<T>>(text),
            Err(_) => serde_json::from_slice::<Whole<T>>(body),
        };
        if let Ok(whole) = strict {
            return Ok(whole.response);
        }
        if let Ok(whole) = decode_lenient::<_, Whole<T>>(serde_json::Deserializer::from_slice(body)) {
            return Ok(whole.response);
        }
    }
    let raw = match envelope(status, body) {
        Ok(Outcome::Success { raw }) => raw,
        Ok(Outcome::Service {
            code,
            message,
            request_id,
        }) => {
            return Err(ActionError::service(
                action,
                ServiceError::new(&code, message, request_id),
            ))
        }
        Err(failure) => return Err(ActionError::other(action, failure)),
    };
    decode_lenient::<_, T>(serde_json::Deserializer::from_str(raw.get())).map_err(|e| {
        let request_id = serde_json::from_str::<Probe>(raw.get()).ok().and_then(|p| p.request_id);
        ActionError::other(
            action,
            Failure::new(
                ErrorKind::MalformedResponse,
                format!("`Response` does not fit the response type: {e}"),
            )
            .with_status(status)
            .with_request_id(request_id),
        )
    })
}

pub(crate) enum Outcome<'a> {
    Success {
        raw: &'a RawValue,
    },
    Service {
        code: String,
        message: String,
        request_id: String,
    },
}

/// The non-generic part of decoding: envelope and error detection.
pub(crate) fn envelope(status: u16, body: &[u8]) -> Result<Outcome<'_>, Failure> {
    if body.iter().all(u8::is_ascii_whitespace) {
        let kind = if status == 200 {
            ErrorKind::MalformedResponse
        } else {
            ErrorKind::HttpStatus
        };
        return Err(Failure::new(kind, "the response body is empty").with_status(status));
    }
    let envelope: Envelope<'_> = match serde_json::from_slice(body) {
        Ok(envelope) => envelope,
        Err(e) if status != 200 => {
            return Err(Failure::new(ErrorKind::HttpStatus, format!("body: {}", snippet(body)))
                .with_status(status)
                .with_source(e))
        }
        Err(e) => {
            return Err(Failure::new(
                ErrorKind::MalformedResponse,
                format!("the body is not valid JSON ({e}): {}", snippet(body)),
            )
            .with_status(status))
        }
    };
    let Some(raw) = envelope.response else {
        let kind = if status == 200 {
            ErrorKind::MissingResponse
        } else {
            ErrorKind::HttpStatus
        };
        return Err(Failure::new(kind, format!("body: {}", snippet(body))).with_status(status));
    };
    if !raw.get().starts_with('{') {
        return Err(Failure::new(ErrorKind::MalformedResponse, "`Response` is not a JSON object").with_status(status));
    }
    let probe: Probe = serde_json::from_str(raw.get()).map_err(|e| {
        Failure::new(
            ErrorKind::MalformedResponse,
            format!("`Response.Error` or `Response.RequestId` is malformed: {e}"),
        )
        .with_status(status)
    })?;
    match probe.error {
        None if status == 200 => Ok(Outcome::Success { raw }),
        None => Err(Failure::new(
            ErrorKind::HttpStatus,
            "a `Response` without `Error` on a non-200 status",
        )
        .with_status(status)
        .with_request_id(probe.request_id)),
        Some(ErrorBody {
            code: Some(code),
            message,
        }) => Ok(Outcome::Service {
            code,
            message: message.unwrap_or_default(),
            request_id: probe.request_id.unwrap_or_default(),
        }),
        Some(ErrorBody { code: None, .. }) => Err(Failure::new(
            ErrorKind::MalformedResponse,
            "`Response.Error` has no `Code`",
        )
        .with_status(status)
        .with_request_id(probe.request_id)),
    }
}

fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out: String = text.chars().take(SNIPPET_CHARS).collect();
    if text.chars().nth(SNIPPET_CHARS).is_some() {
        out.push('…');
    }
    out
}

/// Whether a reply may be a service error: any non-200, or a body with an
/// `"Error"` key somewhere (a cheap scan, so that successes are parsed once).
pub(crate) fn may_hold_error(status: u16, body: &[u8]) -> bool {
    // Built once: building a searcher costs more than searching a reply.
    static ERROR_KEY: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"\"Error\""));
    status != 200 || ERROR_KEY.find(body).is_some()
}

/// The whole envelope of a success, for the one-pass decode.
#[derive(Deserialize)]
struct Whole<T> {
    #[serde(rename = "Response")]
    response: T,
}

/// Deserializes, reading numeric strings as numbers (see [`crate::lenient`]),
/// from bytes (`Deserializer::from_slice`) or text (`from_str`).
fn decode_lenient<'de, R: serde_json::de::Read<'de>, T: DeserializeOwned>(
    mut deserializer: serde_json::Deserializer<R>,
) -> Result<T, serde_json::Error> {
    let value = T::deserialize(Lenient(&mut deserializer))?;
    deserializer.end()?;
    Ok(value)
}

/// The RequestId of a response envelope, if it has one.
pub(crate) fn request_id(body: &[u8]) -> Option<String> {
    let envelope: Envelope<'_> = serde_json::from_slice(body).ok()?;
    serde_json::from_str::<Probe>(envelope.response?.get()).ok()?.request_id
}
