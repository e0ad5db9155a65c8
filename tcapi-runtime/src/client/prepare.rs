//! The client's request options with the call's laid over them.

use std::borrow::Cow;

use reqwest::header::{HeaderName, HeaderValue};

use super::Client;
use crate::config::Language;
use crate::error::{ErrorKind, Failure};
use crate::options::{extra_header, request_client, CallOptions, ContentType};

/// The client's options with the call's laid over them, checked once per call.
pub(super) struct Prepared<'a> {
    pub(super) language: Language,
    pub(super) headers: Cow<'a, [(HeaderName, HeaderValue)]>,
    pub(super) request_client: Cow<'a, HeaderValue>,
    pub(super) unsigned: bool,
    pub(super) content_type: ContentType,
}

impl Client {
    /// Lays the call's options over the client's, and checks them.
    pub(super) fn prepare<'o>(&'o self, options: &'o CallOptions) -> Result<Prepared<'o>, Failure> {
        let settings = &*self.settings;
        let invalid = |message: String| Failure::new(ErrorKind::Request, message);
        // Most calls add no header: borrow the client's instead of copying them per call.
        let headers = if options.headers.is_empty() {
            Cow::Borrowed(settings.headers.as_slice())
        } else {
            let mut call_headers = Vec::with_capacity(options.headers.len());
            for (name, value) in &options.headers {
                call_headers.push(extra_header(name, value).map_err(invalid)?);
            }
            // A call's header replaces the client's of the same name.
            let mut headers: Vec<(HeaderName, HeaderValue)> = settings
                .headers
                .iter()
                .filter(|(name, _)| !call_headers.iter().any(|(own, _)| own == name))
                .cloned()
                .collect();
            headers.extend(call_headers);
            Cow::Owned(headers)
        };
        let request_client = match &options.request_client_suffix {
            Some(suffix) => Cow::Owned(request_client(Some(suffix)).map_err(invalid)?),
            None => Cow::Borrowed(&settings.request_client),
        };
        Ok(Prepared {
            language: options.language.unwrap_or(settings.language),
            headers,
            request_client,
            unsigned: options.unsigned,
            content_type: options.content_type.unwrap_or(settings.content_type),
        })
    }
}
