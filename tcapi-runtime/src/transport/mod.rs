//! How a signed request travels: the inline HTTP/1.1 exchange, or reqwest.
//!
//! reqwest hands each request to a connection task through channels; on a
//! loopback round trip of about 30 µs that machinery costs more than the trip
//! (measured: reqwest alone reaches about 30% of wrk's rate on one connection).
//! The inline transport writes the request and reads the response in the
//! calling task, over a pooled keep-alive connection, with `httparse` for the
//! head and rustls for TLS. reqwest stays for proxies and HTTP/2.

mod h1;
mod inline;

pub(crate) use inline::InlinePool;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

/// The headers of one request, borrowed from the call: each transport renders
/// them its own way, the inline one straight into its write buffer.
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
    /// The text headers with their names, in the order they are sent.
    fn text_headers(&self) -> [(&'static str, Option<&str>); 8] {
        [
            ("host", Some(self.host)),
            ("content-type", Some(self.content_type)),
            ("authorization", Some(self.authorization)),
            ("x-tc-action", Some(self.action)),
            ("x-tc-version", Some(self.version)),
            ("x-tc-language", Some(self.language)),
            ("x-tc-region", self.region),
            ("x-tc-token", self.token),
        ]
    }

    /// At least the length of the head as written, for sizing the write buffer.
    pub(crate) fn len_hint(&self) -> usize {
        // The request line, x-tc-timestamp, x-tc-requestclient's name, content-length and the end.
        const FIXED: usize = 128;
        let text: usize = self
            .text_headers()
            .iter()
            .map(|(name, value)| value.map_or(0, |value| name.len() + value.len() + 4))
            .sum();
        let extra: usize = self
            .extra
            .iter()
            .map(|(name, value)| name.as_str().len() + value.len() + 4)
            .sum();
        FIXED + text + extra + self.request_client.len()
    }

    /// Names the first header whose value could break the request's framing.
    /// Only the action and version need a look here: the host, region, token,
    /// extra headers and the Authorization parts were checked when configured.
    pub(crate) fn check(&self) -> Result<(), &'static str> {
        let safe = |value: &str| value.bytes().all(|b| (b' '..=b'~').contains(&b));
        if !safe(self.action) {
            return Err("x-tc-action");
        }
        if !safe(self.version) {
            return Err("x-tc-version");
        }
        Ok(())
    }

    /// The headers as reqwest takes them.
    pub(crate) fn header_map(&self) -> Result<HeaderMap, &'static str> {
        let mut map = HeaderMap::with_capacity(12 + self.extra.len());
        for (name, value) in self.text_headers() {
            if let Some(value) = value {
                let mut value = HeaderValue::from_str(value).map_err(|_| name)?;
                if name == "x-tc-token" || name == "authorization" {
                    value.set_sensitive(true);
                }
                map.insert(HeaderName::from_static(name), value);
            }
        }
        map.insert(
            HeaderName::from_static("x-tc-timestamp"),
            HeaderValue::from(self.timestamp),
        );
        map.insert(
            HeaderName::from_static("x-tc-requestclient"),
            self.request_client.clone(),
        );
        for (name, value) in self.extra {
            map.append(name.clone(), value.clone());
        }
        Ok(map)
    }
}

/// Which HTTP stack sends requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Transport {
    /// [`Transport::InlineHttp1`], unless the environment configures a proxy
    /// (`HTTPS_PROXY`, `HTTP_PROXY` or `ALL_PROXY`, any case): then [`Transport::Reqwest`],
    /// which honours it. The default.
    #[default]
    Auto,
    /// HTTP/1.1 with keep-alive, run inline in the calling task: one write per
    /// request, reads until the response is complete. The fastest; no proxy support.
    InlineHttp1,
    /// reqwest over rustls: HTTP/2 when the server offers it, proxies from the environment.
    Reqwest,
}

impl Transport {
    /// What `Auto` means in this environment.
    pub(crate) fn resolve(self) -> Transport {
        match self {
            Transport::Auto if proxy_configured() => Transport::Reqwest,
            Transport::Auto => Transport::InlineHttp1,
            other => other,
        }
    }
}

fn proxy_configured() -> bool {
    [
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
        "ALL_PROXY",
        "all_proxy",
    ]
    .iter()
    .any(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()))
}
