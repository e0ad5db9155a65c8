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
