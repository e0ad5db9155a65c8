//! What one call is sent to, and what comes back.

use std::borrow::Cow;

use crate::action::ActionInfo;
use crate::decode::{decode, decode_knowing, may_hold_error};
use crate::error::ActionError;
use crate::transport::Answer;

/// The raw answer to one request.
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) body: Vec<u8>,
    /// The `X-TC-RequestId` header.
    pub(crate) request_id: Option<String>,
    /// What [`may_hold_error`] says of it: asked once, for the retry decision and for decoding.
    pub(crate) may_hold_error: bool,
}

impl Reply {
    pub(super) fn new(answer: Answer) -> Reply {
        let may_hold_error = may_hold_error(answer.status, &answer.body);
        Reply {
            status: answer.status,
            body: answer.body,
            request_id: answer.request_id,
            may_hold_error,
        }
    }

    /// The value of a success, or the service's error, or a typed error about
    /// the body. A RequestId missing from the body is taken from the header.
    pub(crate) fn decode<T: serde::de::DeserializeOwned, C: crate::action::ErrorCode>(
        &self,
        action: Cow<'static, str>,
    ) -> Result<T, ActionError<C>> {
        let decoded = match self.body_with_header_request_id() {
            Some(body) => decode(action, self.status, &body),
            None => decode_knowing(action, self.status, &self.body, self.may_hold_error),
        };
        decoded.map_err(|error| error.or_request_id(self.request_id.as_deref()))
    }

    /// The body with the header's RequestId put into `Response`, when the
    /// header has one and the body has none: rare, so it may cost a copy.
    fn body_with_header_request_id(&self) -> Option<Vec<u8>> {
        let id = self.request_id.as_deref()?;
        if memchr::memmem::find(&self.body, b"\"RequestId\"").is_some() {
            return None;
        }
        let mut envelope: serde_json::Value = serde_json::from_slice(&self.body).ok()?;
        let response = envelope.get_mut("Response")?.as_object_mut()?;
        response.insert("RequestId".to_string(), id.into());
        serde_json::to_vec(&envelope).ok()
    }
}

/// The final reply of a call, and why earlier attempts failed.
pub(crate) struct Sent {
    pub(crate) reply: Reply,
    pub(crate) attempts: u32,
    pub(crate) history: Vec<String>,
}

/// What a call is sent to. Generated methods fill it from their [`ActionInfo`];
/// the common client from its arguments.
pub(crate) struct Target<'a> {
    pub(crate) service: &'a str,
    pub(crate) version: &'a str,
    pub(crate) action: &'a str,
    /// The spec's host; `None` for calls without a spec.
    pub(crate) spec_host: Option<&'a str>,
    pub(crate) idempotent: bool,
    pub(crate) rate_limit_per_second: Option<u32>,
}

impl<'a> From<&'a ActionInfo> for Target<'a> {
    fn from(info: &'a ActionInfo) -> Self {
        Target {
            service: info.service.name,
            version: info.service.version,
            action: info.name,
            spec_host: Some(info.service.host),
            idempotent: info.idempotent,
            rate_limit_per_second: info.rate_limit_per_second,
        }
    }
}
