//! What one call is sent to, and what comes back.

use std::borrow::Cow;

use crate::action::ActionInfo;
use crate::decode::{decode_knowing, may_hold_error};
use crate::error::Error;

/// The raw answer to one request.
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) body: Vec<u8>,
    /// What [`may_hold_error`] says of it: asked once, for the retry decision and for decoding.
    pub(crate) may_hold_error: bool,
}

impl Reply {
    pub(super) fn new(status: u16, body: Vec<u8>) -> Reply {
        let may_hold_error = may_hold_error(status, &body);
        Reply {
            status,
            body,
            may_hold_error,
        }
    }

    /// The value of a success, or the service's error, or a typed error about the body.
    pub(crate) fn decode<T: serde::de::DeserializeOwned, C: crate::action::ErrorCode>(
        &self,
        action: Cow<'static, str>,
    ) -> Result<T, Error<C>> {
        decode_knowing(action, self.status, &self.body, self.may_hold_error)
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
