//! The request of one API call, as hyper sends it.

use bytes::Bytes;
use http::header::{HeaderMap, HeaderName, HeaderValue};
use http::{Method, Request, Uri};
use http_body_util::Full;

use super::pool::Body;
use super::unsent;
use crate::error::{ErrorKind, Failure};

const X_TC_ACTION: HeaderName = HeaderName::from_static("x-tc-action");
const X_TC_VERSION: HeaderName = HeaderName::from_static("x-tc-version");
const X_TC_LANGUAGE: HeaderName = HeaderName::from_static("x-tc-language");
const X_TC_REGION: HeaderName = HeaderName::from_static("x-tc-region");
const X_TC_TOKEN: HeaderName = HeaderName::from_static("x-tc-token");
const X_TC_TIMESTAMP: HeaderName = HeaderName::from_static("x-tc-timestamp");
const X_TC_REQUESTCLIENT: HeaderName = HeaderName::from_static("x-tc-requestclient");

/// The headers of one call, borrowed from it. A request is made from them
/// anew for each send, which is rarely more than once.
pub(crate) struct RequestHead<'a> {
    /// Checked when the endpoint was parsed or the host made.
    pub(crate) host: &'a HeaderValue,
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
        let mut headers = HeaderMap::with_capacity(10 + self.extra.len());
        headers.insert(http::header::HOST, self.host.clone());
        headers.insert(http::header::CONTENT_TYPE, HeaderValue::from_static(self.content_type));
        let text = [
            (http::header::AUTHORIZATION, Some(self.authorization)),
            (X_TC_ACTION, Some(self.action)),
            (X_TC_VERSION, Some(self.version)),
            (X_TC_REGION, self.region),
            (X_TC_TOKEN, self.token),
        ];
        for (name, value) in text {
            let Some(value) = value else { continue };
            let mut value = HeaderValue::from_str(value).map_err(|_| {
                unsent(
                    ErrorKind::Request,
                    format!("the {name} header cannot be sent: it has a control character"),
                )
            })?;
            if name == http::header::AUTHORIZATION || name == X_TC_TOKEN {
                value.set_sensitive(true);
            }
            headers.insert(name, value);
        }
        headers.insert(X_TC_LANGUAGE, HeaderValue::from_static(self.language));
        headers.insert(X_TC_TIMESTAMP, HeaderValue::from(self.timestamp));
        headers.insert(X_TC_REQUESTCLIENT, self.request_client.clone());
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
        let host = HeaderValue::from_static("h");
        let extra = [(HeaderName::from_static("x-tc-traceid"), HeaderValue::from_static("t1"))];
        let head = RequestHead {
            host: &host,
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
