//! Where a call goes: the spec's host, `<service>.<root domain>`, a regional
//! host, or one fixed URL. The credential scope's service is always the spec's
//! short name; nothing here is parsed back out of a host.

use http::HeaderValue;

use crate::error::ConfigError;
use crate::transport::{Origin, Scheme, UrlError};

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
    /// One URL for every call, parsed once; `host` is its Host header, as
    /// text to sign and as the value to send.
    Fixed {
        origin: Origin,
        host: String,
        host_value: HeaderValue,
    },
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
    let (origin, path) = Origin::split_url(text.trim()).map_err(|e| {
        ConfigError::new(match e {
            UrlError::UserInfo => "the endpoint must not carry a user name or password".to_string(),
            UrlError::Scheme(other) => format!("endpoint scheme `{other}` is not supported; use https"),
            UrlError::NoHost => format!("endpoint {text:?} has no host"),
            UrlError::Fragment => format!("endpoint {text:?} must have no path or query: TC3 signs the path `/`"),
            UrlError::Syntax(_) => {
                format!("endpoint {text:?} is {e}; write it in full, e.g. `https://tcsas.intl.tencentcloudapi.com`")
            }
        })
    })?;
    if path != "/" {
        return Err(ConfigError::new(format!(
            "endpoint {text:?} must have no path or query: TC3 signs the path `/`"
        )));
    }
    if origin.scheme == Scheme::Http && !allow_insecure_http && !origin.is_loopback() {
        return Err(ConfigError::new(format!(
            "endpoint {text:?} is plain http to a host that is not loopback: the request would cross the network unencrypted; use https, or call allow_insecure_http(true) if you really mean it"
        )));
    }
    // The Host header is signed, so it must be exactly what is sent: the port only when it is not the default.
    let host = origin.authority().into_owned();
    let host_value = HeaderValue::from_str(&host)
        .map_err(|_| ConfigError::new(format!("endpoint {text:?} has a host that cannot be sent")))?;
    Ok(Endpoint::Fixed {
        origin,
        host,
        host_value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints() {
        let fixed = |text: &str| match parse_endpoint(text, false) {
            Ok(Endpoint::Fixed { origin, host, .. }) => (origin.scheme, origin.host, origin.port, host),
            other => panic!("{text}: {other:?}"),
        };
        assert_eq!(
            fixed("http://127.0.0.1:9000"),
            (Scheme::Http, "127.0.0.1".into(), 9000, "127.0.0.1:9000".into())
        );
        assert_eq!(
            fixed("https://TCSAS.intl.tencentcloudapi.com:443/"),
            (
                Scheme::Https,
                "tcsas.intl.tencentcloudapi.com".into(),
                443,
                "tcsas.intl.tencentcloudapi.com".into()
            )
        );
        assert!(parse_endpoint("http://example.com", false).is_err());
        assert!(parse_endpoint("http://example.com", true).is_ok());
        assert!(parse_endpoint("http://[::1]:8080", false).is_ok());
        assert!(parse_endpoint("not a url", false).is_err());
        assert!(parse_endpoint("https://h/path", false).is_err());
        assert!(parse_endpoint("https://h/?q=1", false).is_err());
        assert!(parse_endpoint("https://h/#f", false).is_err());
        assert!(parse_endpoint("https://user:pw@h/", false).is_err());
        assert!(parse_endpoint("ftp://h/", false).is_err());
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
