//! Which HTTP CONNECT proxy a connection goes through: the builder's, or
//! `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY` in either case.

use std::fmt;
use std::net::IpAddr;

use super::origin::{is_loopback, Origin, Scheme};
use super::tunnel::{parse_proxy, Proxy};
use crate::error::ConfigError;

/// The host of the CVM metadata service: reachable only from the instance, never through a proxy.
const METADATA_HOST: &str = "metadata.tencentyun.com";

/// How a client picks its proxy.
#[derive(Clone, Default, PartialEq, Eq)]
pub(crate) enum ProxySetting {
    /// From the environment, the default.
    #[default]
    Environment,
    /// None: every connection goes direct.
    Off,
    /// This one, for every connection.
    Url(String),
}

impl fmt::Debug for ProxySetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProxySetting::Environment => f.write_str("Environment"),
            ProxySetting::Off => f.write_str("Off"),
            // The URL may hold a password.
            ProxySetting::Url(_) => f.write_str("Url(<redacted>)"),
        }
    }
}

/// The proxies of a client and the hosts that bypass them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Proxies {
    https: Option<Proxy>,
    http: Option<Proxy>,
    no_proxy: NoProxy,
    /// Loopback and the metadata service go direct: true for proxies from the environment.
    direct_to_local: bool,
}

impl Proxies {
    /// Resolves a setting; `var` reads the environment (a fixed map in tests).
    pub(crate) fn new(setting: &ProxySetting, var: impl Fn(&str) -> Option<String>) -> Result<Proxies, ConfigError> {
        match setting {
            ProxySetting::Off => Ok(Proxies::default()),
            ProxySetting::Url(url) => {
                let proxy = parse_proxy(url).map_err(|e| ConfigError::new(format!("the proxy: {e}")))?;
                Ok(Proxies {
                    https: Some(proxy.clone()),
                    http: Some(proxy),
                    no_proxy: NoProxy::default(),
                    direct_to_local: false,
                })
            }
            ProxySetting::Environment => {
                let first = |names: &[&'static str]| {
                    names
                        .iter()
                        .find_map(|&name| var(name).filter(|v| !v.trim().is_empty()).map(|v| (name, v)))
                };
                // Under CGI, HTTP_PROXY is the client's `Proxy:` header ("httpoxy"): not ours to follow.
                let cgi = var("REQUEST_METHOD").is_some();
                let http_names: &[&str] = if cgi {
                    &["http_proxy", "all_proxy", "ALL_PROXY"]
                } else {
                    &["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"]
                };
                let read = |found: Option<(&'static str, String)>| {
                    found
                        .map(|(name, url)| {
                            parse_proxy(&url).map_err(|e| {
                                ConfigError::new(format!(
                                    "{name}: {e}; unset it, or call no_proxy() on the builder to ignore the environment's proxies"
                                ))
                            })
                        })
                        .transpose()
                };
                Ok(Proxies {
                    https: read(first(&["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]))?,
                    http: read(first(http_names))?,
                    no_proxy: NoProxy::parse(&first(&["no_proxy", "NO_PROXY"]).map(|(_, v)| v).unwrap_or_default()),
                    direct_to_local: true,
                })
            }
        }
    }

    /// The proxy a connection to `origin` goes through, if any.
    pub(crate) fn route(&self, origin: &Origin) -> Option<&Proxy> {
        let proxy = match origin.scheme {
            Scheme::Https => self.https.as_ref(),
            Scheme::Http => self.http.as_ref(),
        }?;
        let host = origin.bare_host();
        if self.direct_to_local && (is_loopback(host) || host == METADATA_HOST) {
            return None;
        }
        if self.no_proxy.matches(host) {
            return None;
        }
        Some(proxy)
    }
}

/// `NO_PROXY`: `*`, or a comma-separated list of domains (each matching itself
/// and its subdomains, with or without a leading dot), addresses and CIDR blocks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct NoProxy {
    all: bool,
    domains: Vec<String>,
    networks: Vec<(IpAddr, u8)>,
}

impl NoProxy {
    fn parse(text: &str) -> NoProxy {
        let mut no_proxy = NoProxy::default();
        for entry in text.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            if entry == "*" {
                no_proxy.all = true;
                continue;
            }
            let (address, bits) = match entry.split_once('/') {
                Some((address, bits)) => (address, bits.parse::<u8>().ok()),
                None => (entry, None),
            };
            // `[v6]` or `[v6]:port`: the address between the brackets.
            let address = match address.strip_prefix('[') {
                Some(rest) => rest.split(']').next().unwrap_or(rest),
                None => address,
            };
            if let Ok(ip) = address.parse::<IpAddr>() {
                let max = if ip.is_ipv4() { 32 } else { 128 };
                no_proxy.networks.push((ip, bits.unwrap_or(max).min(max)));
                continue;
            }
            // A port in an entry is ignored: the host decides.
            let domain = entry.rsplit_once(':').map_or(entry, |(host, _)| host);
            let domain = domain.trim_start_matches("*.").trim_start_matches('.');
            if !domain.is_empty() {
                no_proxy.domains.push(domain.to_ascii_lowercase());
            }
        }
        no_proxy
    }

    /// Whether `host` (lowercase, without brackets) goes direct.
    fn matches(&self, host: &str) -> bool {
        if self.all {
            return true;
        }
        if let Ok(ip) = host.parse::<IpAddr>() {
            return self
                .networks
                .iter()
                .any(|&(network, bits)| in_network(ip, network, bits));
        }
        self.domains.iter().any(|domain| {
            host == domain
                || host
                    .strip_suffix(domain.as_str())
                    .is_some_and(|head| head.ends_with('.'))
        })
    }
}

fn in_network(ip: IpAddr, network: IpAddr, bits: u8) -> bool {
    let mask = |width: u32| -> u128 {
        match u32::from(bits) {
            0 => 0,
            b => (!0u128 >> (128 - width)) & !((1u128 << (width - b.min(width))) - 1),
        }
    };
    match (ip, network) {
        (IpAddr::V4(ip), IpAddr::V4(network)) => {
            let mask = mask(32);
            u128::from(u32::from(ip)) & mask == u128::from(u32::from(network)) & mask
        }
        (IpAddr::V6(ip), IpAddr::V6(network)) => {
            let mask = mask(128);
            u128::from(ip) & mask == u128::from(network) & mask
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn origin(url: &str) -> Origin {
        Origin::split_url(url).expect("a URL").0
    }

    fn from_env(vars: &[(&str, &str)]) -> Result<Proxies, ConfigError> {
        let vars: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Proxies::new(&ProxySetting::Environment, |name| vars.get(name).cloned())
    }

    #[test]
    fn the_environment_picks_a_proxy_per_scheme() {
        let proxies = from_env(&[
            ("HTTPS_PROXY", "http://secure.proxy:3128"),
            ("http_proxy", "plain.proxy"),
            ("NO_PROXY", "internal.example, .corp.example,10.0.0.0/8,[fd00::1]:80"),
        ])
        .expect("valid");
        let route = |url: &str| proxies.route(&origin(url)).map(|p| (p.host.clone(), p.port));
        assert_eq!(
            route("https://cvm.tencentcloudapi.com"),
            Some(("secure.proxy".into(), 3128))
        );
        assert_eq!(
            route("http://cvm.tencentcloudapi.com"),
            Some(("plain.proxy".into(), 80))
        );
        for direct in [
            "https://internal.example",
            "https://a.internal.example",
            "https://x.corp.example",
            "https://10.1.2.3",
            "https://[fd00::1]",
            "https://127.0.0.1:8443",
            "https://localhost",
            "http://metadata.tencentyun.com/latest/meta-data/",
        ] {
            assert_eq!(route(direct), None, "{direct}");
        }
        assert!(route("https://notinternal.example").is_some());
        assert!(route("https://11.0.0.1").is_some());
        let everything = from_env(&[("all_proxy", "http://p:1"), ("no_proxy", "*")]).expect("valid");
        assert!(everything.route(&origin("https://cvm.tencentcloudapi.com")).is_none());
        let all = from_env(&[("ALL_PROXY", "p:1")]).expect("valid");
        assert!(all.route(&origin("http://cvm.tencentcloudapi.com")).is_some());
        // CGI: HTTP_PROXY may come from the request, and is ignored.
        let cgi = from_env(&[("HTTP_PROXY", "http://p:1"), ("REQUEST_METHOD", "GET")]).expect("valid");
        assert!(cgi.route(&origin("http://cvm.tencentcloudapi.com")).is_none());
        assert!(from_env(&[("HTTPS_PROXY", "socks5://p:1080")]).is_err());
        assert!(from_env(&[("HTTPS_PROXY", "http://p:notaport")]).is_err());
        assert!(from_env(&[])
            .expect("valid")
            .route(&origin("https://x.example"))
            .is_none());
    }

    #[test]
    fn an_explicit_proxy_takes_every_connection() {
        let proxies = Proxies::new(&ProxySetting::Url("http://[::1]:8080/".into()), |_| None).expect("valid");
        let proxy = proxies.route(&origin("https://localhost:9")).expect("proxied");
        assert_eq!((proxy.host.as_str(), proxy.port), ("::1", 8080));
        assert!(Proxies::new(&ProxySetting::Off, |_| Some("http://p:1".into()))
            .expect("valid")
            .route(&origin("https://x.example"))
            .is_none());
    }

    #[test]
    fn networks_match_by_prefix() {
        let ip = |s: &str| s.parse::<IpAddr>().expect("an address");
        assert!(in_network(ip("192.168.1.7"), ip("192.168.0.0"), 16));
        assert!(!in_network(ip("192.169.1.7"), ip("192.168.0.0"), 16));
        assert!(in_network(ip("1.2.3.4"), ip("9.9.9.9"), 0));
        assert!(in_network(ip("fd00::5"), ip("fd00::"), 64));
        assert!(!in_network(ip("fd00::5"), ip("192.168.0.0"), 0));
    }
}
