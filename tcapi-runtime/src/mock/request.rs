//! A request as the mock's users see it: [`MockRequest`] for a responder,
//! [`RecordedRequest`] for [`MockServer::requests`](super::MockServer::requests).

use std::collections::HashMap;
use std::fmt;

use serde_json::Value;

use super::{lock, Reply, State};

/// How many requests the mock remembers for [`MockServer::requests`](super::MockServer::requests).
const MAX_RECORDED: usize = 1024;
/// How much of each request body it remembers.
const MAX_RECORDED_BODY: usize = 1024 * 1024;

/// A validated request, as a [`MockBuilder::responder`](super::MockBuilder::responder) sees it.
pub struct MockRequest<'a> {
    /// The action, e.g. `DescribeMNPMAUMetricCard`.
    pub action: &'a str,
    /// The JSON body.
    pub body: &'a Value,
    /// Headers, with lower-case names.
    pub headers: &'a HashMap<String, String>,
}

pub(super) type Responder = dyn Fn(&MockRequest<'_>) -> Option<Reply> + Send + Sync;

/// One request as the mock received it. Its body is kept up to 1 MiB.
#[derive(Clone)]
pub struct RecordedRequest {
    /// The HTTP method.
    pub method: String,
    /// The path, e.g. `/` or a metadata path.
    pub path: String,
    /// Headers, with lower-case names.
    pub headers: HashMap<String, String>,
    /// The body.
    pub body: Vec<u8>,
}

impl RecordedRequest {
    /// A header's value, by lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }
}

impl State {
    /// Remembers a request, forgetting the oldest beyond [`MAX_RECORDED`].
    pub(super) fn record(&self, method: &str, path: &str, headers: &HashMap<String, String>, body: &[u8]) {
        let mut recorded = lock(&self.recorded);
        if recorded.len() == MAX_RECORDED {
            recorded.pop_front();
        }
        recorded.push_back(RecordedRequest {
            method: method.to_string(),
            path: path.to_string(),
            headers: headers.clone(),
            body: body[..body.len().min(MAX_RECORDED_BODY)].to_vec(),
        });
    }
}

/// Headers as Debug shows them: the signature and the token are redacted.
struct RedactedHeaders<'a>(&'a HashMap<String, String>);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in self.0 {
            let shown = if matches!(name.as_str(), "authorization" | "x-tc-token") {
                "<redacted>"
            } else {
                value
            };
            map.entry(name, &shown);
        }
        map.finish()
    }
}

impl fmt::Debug for MockRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockRequest")
            .field("action", &self.action)
            .field("body", &self.body)
            .field("headers", &RedactedHeaders(self.headers))
            .finish()
    }
}

impl fmt::Debug for RecordedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecordedRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &String::from_utf8_lossy(&self.body))
            .finish()
    }
}
