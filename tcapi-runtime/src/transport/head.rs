//! The request of one API call, as hyper sends it.

use bytes::Bytes;
use http::header::{HeaderMap, HeaderName, HeaderValue};
use http::{Method, Request, Uri};
use http_body_util::Full;

use super::pool::Body;
use super::unsent;
use crate::error::{ErrorKind, Failure};

/// The headers of one call, borrowed from it. A request is made from them
/// anew for each send, which is rarely more than once.
pub(crate) struct RequestHead<'a> {
    pub(crate) host: &'a str,
    pub(crate) content_type: &'static str,
    pub(crate) authorization: &'a str,
    pub(crate) action: &'a str,
    pub(crate) version: &'a str,
    pub(crate) timestamp: u64,
    pub(crate) language: &'static str,
    pub(crate) request_client: &'a HeaderValue,
    pub(crate) region: Option<&'a str>,
    pub(crate) token: Option<&'a str>,
    /// Checked when the options were set.
    pub(crate) extra: &'a [(HeaderName, HeaderValue)],
}

impl RequestHead<'_> {
    /// `POST /` with these headers and `body`. Content-Length is hyper's to add.
    pub(crate) fn request(&self, body: &[u8]) -> Result<Request<Body>, Failure> {
        let mut headers = HeaderMap::with_capacity(12 + self.extra.len());
        let text = [
            (http::header::HOST, Some(self.host)),
            (http::header::CONTENT_TYPE, Some(self.content_type)),
            (http::header::AUTHORIZATION, Some(self.authorization)),
            (HeaderName::from_static("x-tc-action"), Some(self.action)),
            (HeaderName::from_static("x-tc-version"), Some(self.version)),
            (HeaderName::from_static("x-tc-language"), Some(self.language)),
            (HeaderName::from_static("x-tc-region"), self.region),
            (HeaderName::from_static("x-tc-token"), self.token),
        ];
        for (name, value) in text {
            let Some(value) = value else { continue };
            let mut value = HeaderValue::from_str(value).map_err(|_| {
                unsent(
                    ErrorKind::Request,
                    format!("the {name} header cannot be sent: it has a control character"),
                )
            })?;
            if name == http::header::AUTHORIZATION || name.as_str() == "x-tc-token" {
                value.set_sensitive(true);
            }
            headers.insert(name, value);
        }
        headers.insert(
            HeaderName::from_static("x-tc-timestamp"),
            HeaderValue::from(self.timestamp),
        );
        headers.insert(
            HeaderName::from_static("x-tc-requestclient"),
            self.request_client.clone(),
        );
        for (name, value) in self.extra {
            headers.append(name.clone(), value.clone());
        }
        let mut request = Request::new(Full::new(Bytes::copy_from_slice(body)));
        *request.method_mut() = Method::POST;
        *request.uri_mut() = Uri::from_static("/");
        *request.headers_mut() = headers;
        Ok(request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_with_a_control_character_is_refused_before_sending() {
        let client = HeaderValue::from_static("tcapi-rust/0");
        let extra = [(HeaderName::from_static("x-tc-traceid"), HeaderValue::from_static("t1"))];
        let head = RequestHead {
            host: "h",
            content_type: "application/json",
            authorization: "SKIP",
            action: "A",
            version: "v",
            timestamp: 17,
            language: "en-US",
            request_client: &client,
            region: None,
            token: Some("tok"),
            extra: &extra,
        };
        let request = head.request(b"{}").expect("valid");
        let headers = request.headers();
        assert_eq!(
            headers.get("x-tc-timestamp").map(HeaderValue::as_bytes),
            Some(&b"17"[..])
        );
        assert_eq!(headers.get("x-tc-traceid").map(HeaderValue::as_bytes), Some(&b"t1"[..]));
        assert!(headers.get("x-tc-token").is_some_and(HeaderValue::is_sensitive));
        assert!(headers.get("x-tc-region").is_none());
        let bad = RequestHead {
            action: "x\r\ny: z",
            ..head
        };
        let failure = bad.request(b"{}").expect_err("refused");
        assert!(failure.summary().contains("x-tc-action"), "{}", failure.summary());
        assert!(!failure.maybe_sent);
    }
}
