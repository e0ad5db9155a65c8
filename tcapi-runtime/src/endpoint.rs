//! Where a call goes: the spec's host, `<service>.<root domain>`, a regional
//! host, or one fixed URL. The credential scope's service is always the spec's
//! short name; nothing here is parsed back out of a host.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{PoisonError, RwLock};

use crate::error::ConfigError;

/// The root domain of the official SDKs' default hosts.
pub const DEFAULT_ROOT_DOMAIN: &str = "tencentcloudapi.com";

/// How the host of a call is chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Endpoint {
    /// The spec's host (e.g. `tcsas.intl.tencentcloudapi.com`); for calls
    /// without a spec, `<service>.tencentcloudapi.com`.
    SpecHost,
    /// `<service>.<root>`, e.g. `cvm.internal.tencentcloudapi.com`.
    RootDomain(String),
    /// `<service>.<region>.<root>`, e.g. `cvm.ap-shanghai-fsi.tencentcloudapi.com`.
    Regional { root: String },
    /// One URL for every call, parsed once.
    Fixed { url: reqwest::Url, host: String },
}

impl Endpoint {
    /// The host of a call to `service`. `None` only for a fixed endpoint, whose
    /// URL and host are used as they are.
    pub(crate) fn host(&self, service: &str, spec_host: Option<&str>, region: Option<&str>) -> Option<String> {
        match self {
            Endpoint::SpecHost => Some(match spec_host {
                Some(host) => host.to_string(),
                None => format!("{service}.{DEFAULT_ROOT_DOMAIN}"),
            }),
            Endpoint::RootDomain(root) => Some(format!("{service}.{root}")),
            Endpoint::Regional { root } => Some(match region {
                Some(region) => format!("{service}.{region}.{root}"),
                None => format!("{service}.{root}"),
            }),
            Endpoint::Fixed { .. } => None,
        }
    }
}

/// Parsed `https://<host>/` URLs by host, so that a call does not parse its URL again.
#[derive(Debug, Default)]
pub(crate) struct UrlCache {
    urls: RwLock<HashMap<String, reqwest::Url>>,
}

/// More hosts than any process talks to; past it, the cache starts over.
const MAX_CACHED_URLS: usize = 256;

impl UrlCache {
    pub(crate) fn https(&self, host: &str) -> Result<reqwest::Url, String> {
        if let Some(url) = self.urls.read().unwrap_or_else(PoisonError::into_inner).get(host) {
            return Ok(url.clone());
        }
        let url = reqwest::Url::parse(&format!("https://{host}/"))
            .map_err(|e| format!("`{host}` is not a host name: {e}"))?;
        let mut urls = self.urls.write().unwrap_or_else(PoisonError::into_inner);
        if urls.len() >= MAX_CACHED_URLS {
            urls.clear();
        }
        urls.insert(host.to_string(), url.clone());
        Ok(url)
    }
}

/// Checks a root domain such as `tencentcloudapi.com` or `internal.tencentcloudapi.com`.
pub(crate) fn parse_root_domain(root: &str) -> Result<String, ConfigError> {
    let root = root.trim().trim_matches('.').to_ascii_lowercase();
    let valid = !root.is_empty()
        && root.len() <= 200
        && root
            .split('.')
            .all(|label| !label.is_empty() && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    if !valid {
        return Err(ConfigError::new(format!(
            "root domain {root:?} is not a domain such as `tencentcloudapi.com`; give the domain only, without scheme or path"
        )));
    }
    Ok(root)
}

/// Checks a full endpoint URL, and refuses plain http to anything but loopback
/// unless the caller allows it.
pub(crate) fn parse_endpoint(text: &str, allow_insecure_http: bool) -> Result<Endpoint, ConfigError> {
    let url = reqwest::Url::parse(text.trim()).map_err(|e| {
        ConfigError::new(format!(
            "endpoint {text:?} is not a URL ({e}); write it in full, e.g. `https://tcsas.intl.tencentcloudapi.com`"
        ))
    })?;
    let host = url
        .host_str()
        .ok_or_else(|| ConfigError::new(format!("endpoint {text:?} has no host")))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(ConfigError::new("the endpoint must not carry a user name or password"));
    }
    if !matches!(url.path(), "" | "/") || url.query().is_some() || url.fragment().is_some() {
        return Err(ConfigError::new(format!(
            "endpoint {text:?} must have no path or query: TC3 signs the path `/`"
        )));
    }
    match url.scheme() {
        "https" => {}
        "http" if allow_insecure_http || is_loopback(host) => {}
        "http" => {
            return Err(ConfigError::new(format!(
                "endpoint {text:?} is plain http to a host that is not loopback: the request would cross the network unencrypted; use https, or call allow_insecure_http(true) if you really mean it"
            )))
        }
        other => return Err(ConfigError::new(format!("endpoint scheme `{other}` is not supported; use https"))),
    }
    // The Host header is signed, so it must be exactly what is sent: the port only when it is not the default.
    let host = match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    };
    let mut base = url.clone();
    base.set_path("/");
    Ok(Endpoint::Fixed { url: base, host })
}

fn is_loopback(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    host.trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>()
        .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints() {
        assert_eq!(
            parse_endpoint("http://127.0.0.1:9000", false),
            Ok(Endpoint::Fixed {
                url: reqwest::Url::parse("http://127.0.0.1:9000/").expect("a URL"),
                host: "127.0.0.1:9000".into()
            })
        );
        assert_eq!(
            parse_endpoint("https://tcsas.intl.tencentcloudapi.com:443/", false),
            Ok(Endpoint::Fixed {
                url: reqwest::Url::parse("https://tcsas.intl.tencentcloudapi.com/").expect("a URL"),
                host: "tcsas.intl.tencentcloudapi.com".into()
            })
        );
        assert!(parse_endpoint("http://example.com", false).is_err());
        assert!(parse_endpoint("http://example.com", true).is_ok());
        assert!(parse_endpoint("http://[::1]:8080", false).is_ok());
        assert!(parse_endpoint("not a url", false).is_err());
        assert!(parse_endpoint("https://h/path", false).is_err());
    }

    #[test]
    fn hosts_by_option() {
        let spec = Some("tcsas.intl.tencentcloudapi.com");
        assert_eq!(
            Endpoint::SpecHost.host("tcsas", spec, None).as_deref(),
            Some("tcsas.intl.tencentcloudapi.com")
        );
        assert_eq!(
            Endpoint::SpecHost.host("sts", None, None).as_deref(),
            Some("sts.tencentcloudapi.com")
        );
        let internal = Endpoint::RootDomain("internal.tencentcloudapi.com".into());
        assert_eq!(
            internal.host("cvm", None, Some("ap-guangzhou")).as_deref(),
            Some("cvm.internal.tencentcloudapi.com")
        );
        let regional = Endpoint::Regional {
            root: DEFAULT_ROOT_DOMAIN.into(),
        };
        assert_eq!(
            regional.host("cvm", spec, Some("ap-shanghai-fsi")).as_deref(),
            Some("cvm.ap-shanghai-fsi.tencentcloudapi.com")
        );
        assert!(parse_root_domain("https://x.com/").is_err());
        assert_eq!(
            parse_root_domain("Internal.TencentCloudAPI.com").as_deref(),
            Ok("internal.tencentcloudapi.com")
        );
    }
}
