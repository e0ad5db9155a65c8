//! The client's request options with the call's laid over them.

use std::borrow::Cow;

use super::Client;
use crate::error::{ErrorKind, Failure};
use crate::options::{CallOptions, Resolved};

/// The options one call is sent with, checked once per call.
pub(super) type Prepared<'a> = Cow<'a, Resolved>;

impl Client {
    /// Lays the call's options over the client's, and checks them.
    pub(super) fn prepare<'o>(&'o self, options: &CallOptions) -> Result<Prepared<'o>, Failure> {
        self.settings
            .defaults
            .layer(options)
            .map_err(|message| Failure::new(ErrorKind::Request, message))
    }
}
