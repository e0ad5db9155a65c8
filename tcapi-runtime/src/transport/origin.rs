//! Where a connection goes: scheme, host and port. URLs are parsed with
//! `http::Uri`; hosts are ASCII, as every Tencent Cloud host is, so no IDNA.

use std::borrow::Cow;
use std::fmt;
use std::net::IpAddr;

/// The two schemes a client speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scheme {
    Http,
    Https,
}

impl Scheme {
    pub(crate) fn default_port(self) -> u16 {
        match self {
            Scheme::Http => 80,
            Scheme::Https => 443,
        }
    }
}

/// The scheme, host and port of a server: what a pooled connection is kept for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    pub(crate) scheme: Scheme,
    /// Lowercase; an IPv6 address in brackets, as in a URL.
    pub(crate) host: String,
    pub(crate) port: u16,
}

/// Why a URL is not one a client can send to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UrlError {
    /// Not a URL at all; the parser's words.
    Syntax(String),
    NoHost,
    UserInfo,
    Fragment,
    Scheme(String),
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlError::Syntax(e) => write!(f, "not a URL ({e})"),
            UrlError::NoHost => f.write_str("no host"),
            UrlError::UserInfo => f.write_str("a user name or password"),
            UrlError::Fragment => f.write_str("a fragment"),
            UrlError::Scheme(scheme) => write!(f, "the scheme `{scheme}`, not http or https"),
        }
    }
}

impl Origin {
    /// `https://<host>/`, for a host made from a spec, a root domain and a region.
    pub(crate) fn https(host: &str) -> Result<Origin, String> {
        let valid = !host.is_empty()
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'));
        if !valid {
            return Err(format!("`{host}` is not a host name"));
        }
        Ok(Origin {
            scheme: Scheme::Https,
            host: host.to_ascii_lowercase(),
            port: Scheme::Https.default_port(),
        })
    }

    /// Splits `scheme://host[:port][/path][?query]` into its origin and its
    /// path and query (`/` when there is none).
    pub(crate) fn split_url(text: &str) -> Result<(Origin, String), UrlError> {
        // http::Uri drops a fragment without a word: refuse it here.
        if text.contains('#') {
            return Err(UrlError::Fragment);
        }
        let uri: http::Uri = text
            .parse()
            .map_err(|e: http::uri::InvalidUri| UrlError::Syntax(e.to_string()))?;
        let scheme = match uri.scheme_str() {
            Some(s) if s.eq_ignore_ascii_case("https") => Scheme::Https,
            Some(s) if s.eq_ignore_ascii_case("http") => Scheme::Http,
            Some(other) => return Err(UrlError::Scheme(other.to_string())),
            None => return Err(UrlError::Syntax("it has no scheme".to_string())),
        };
        let authority = uri.authority().ok_or(UrlError::NoHost)?;
        if authority.as_str().contains('@') {
            return Err(UrlError::UserInfo);
        }
        let host = authority.host();
        if host.is_empty() || host == "[]" {
            return Err(UrlError::NoHost);
        }
        let origin = Origin {
            scheme,
            host: host.to_ascii_lowercase(),
            port: authority.port_u16().unwrap_or(scheme.default_port()),
        };
        let path = uri.path_and_query().map_or("/", |p| p.as_str());
        let path = if path.is_empty() { "/" } else { path };
        Ok((origin, path.to_string()))
    }

    /// `host`, or `host:port` when the port is not the scheme's: the Host header.
    pub(crate) fn authority(&self) -> Cow<'_, str> {
        if self.port == self.scheme.default_port() {
            Cow::Borrowed(&self.host)
        } else {
            Cow::Owned(format!("{}:{}", self.host, self.port))
        }
    }

    /// The host without brackets: what to resolve or connect to, and the TLS server name.
    pub(crate) fn bare_host(&self) -> &str {
        self.host.trim_start_matches('[').trim_end_matches(']')
    }

    /// `localhost` or a loopback address.
    pub(crate) fn is_loopback(&self) -> bool {
        is_loopback(self.bare_host())
    }
}

/// `localhost` or a loopback address, with or without brackets.
pub(crate) fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_split_into_origin_and_path() {
        let (origin, path) = Origin::split_url("HTTPS://Sts.TencentCloudAPI.com").expect("valid");
        assert_eq!(
            (origin.scheme, origin.host.as_str(), origin.port, path.as_str()),
            (Scheme::Https, "sts.tencentcloudapi.com", 443, "/")
        );
        assert_eq!(origin.authority(), "sts.tencentcloudapi.com");
        let (origin, path) = Origin::split_url("http://[::1]:9000/latest/meta-data/?x=1").expect("valid");
        assert_eq!((origin.bare_host(), origin.port), ("::1", 9000));
        assert_eq!(origin.authority(), "[::1]:9000");
        assert_eq!(path, "/latest/meta-data/?x=1");
        assert!(origin.is_loopback());
        for (bad, error) in [
            ("not a url", "not a URL"),
            ("ftp://h/", "scheme"),
            ("https://u:p@h/", "user name"),
            ("https://h/#top", "fragment"),
            ("/just/a/path", "not a URL"),
        ] {
            let shown = Origin::split_url(bad).expect_err(bad).to_string();
            assert!(shown.contains(error), "{bad}: {shown}");
        }
        assert!(Origin::https("cvm.ap-guangzhou.tencentcloudapi.com").is_ok());
        assert!(Origin::https("bad host/").is_err());
        assert!(is_loopback("LOCALHOST") && is_loopback("127.0.0.2") && !is_loopback("10.0.0.1"));
    }
}
