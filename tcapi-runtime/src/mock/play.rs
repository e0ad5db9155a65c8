//! Scripted answers: a [`Reply`] chosen by the responder or queued per action,
//! and how it is played, faults included.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::time::Duration;

use serde_json::{json, Value};

use super::envelope::{envelope, error_envelope, http, HttpResponse};
use super::{lock, MockRequest, State};

/// A scripted answer to the next call of one action.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A success: the content of `Response`. A `RequestId` is added when absent.
    Response(Value),
    /// A service error envelope with this code and message.
    Error {
        /// The code, e.g. `InvalidParameter`.
        code: String,
        /// The message.
        message: String,
    },
    /// A raw HTTP answer, such as a gateway's HTML 502 page.
    Http {
        /// The status code.
        status: u16,
        /// The Content-Type.
        content_type: String,
        /// The body, sent as is.
        body: String,
    },
    /// Closes the connection without answering.
    Hangup,
    /// Waits, then answers.
    Delay(Duration, Box<Reply>),
}

impl Reply {
    /// A service error envelope.
    pub fn error(code: impl Into<String>, message: impl Into<String>) -> Reply {
        Reply::Error {
            code: code.into(),
            message: message.into(),
        }
    }
}

/// Returned by the handler to drop the connection without an answer.
#[derive(Debug)]
pub(super) struct Hangup;

impl fmt::Display for Hangup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("scripted hangup")
    }
}

impl std::error::Error for Hangup {}

impl State {
    /// The scripted reply to a validated request, if any: the responder's,
    /// else the next one queued for the action (which it then uses up).
    pub(super) fn scripted(&self, action: &str, body: &Value, headers: &HashMap<String, String>) -> Option<Reply> {
        let hooked = self
            .responder
            .as_ref()
            .and_then(|respond| respond(&MockRequest { action, body, headers }));
        hooked.or_else(|| lock(&self.scripts).get_mut(action).and_then(VecDeque::pop_front))
    }
}

/// Sends a reply, after its delays; [`Reply::Hangup`] becomes [`Hangup`].
pub(super) async fn play(reply: Reply, request_id: &str) -> Result<HttpResponse, Hangup> {
    let mut reply = reply;
    loop {
        return match reply {
            Reply::Response(Value::Object(map)) => Ok(envelope(map, request_id)),
            Reply::Response(other) => Ok(http(200, "application/json", json!({ "Response": other }).to_string())),
            Reply::Error { code, message } => Ok(error_envelope(&code, &message, request_id)),
            Reply::Http {
                status,
                content_type,
                body,
            } => Ok(http(status, &content_type, body)),
            Reply::Hangup => Err(Hangup),
            Reply::Delay(delay, next) => {
                tokio::time::sleep(delay).await;
                reply = *next;
                continue;
            }
        };
    }
}
