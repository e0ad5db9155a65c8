//! Building a [`Client`]: credentials, region, endpoint, language and timeouts.

use std::net::IpAddr;
use std::time::Duration;

use crate::client::{Client, Settings, SigningKeyCache};
use crate::credentials::{env_var, Credentials};
use crate::error::ConfigError;
use crate::ratelimit::{Limiter, RateLimit};
use crate::retry::RetryPolicy;

/// Environment variable of the region, e.g. `ap-singapore`.
pub const ENV_REGION: &str = "TENCENTCLOUD_REGION";
/// Environment variable of an endpoint override: a full URL such as `http://127.0.0.1:9000`.
pub const ENV_ENDPOINT: &str = "TENCENTCLOUD_ENDPOINT";

/// The default timeout of each attempt of a call; the retry policy's total deadline bounds the whole call.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The default timeout of establishing a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The default cap on a response body.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

/// The language of service messages, sent as `X-TC-Language`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    /// `en-US`, the default.
    #[default]
    EnUs,
    /// `zh-CN`.
    ZhCn,
}

impl Language {
    /// The header value.
    pub fn as_str(self) -> &'static str {
        match self {
            Language::EnUs => "en-US",
            Language::ZhCn => "zh-CN",
        }
    }
}

/// Where calls go: the spec's host over HTTPS, or one URL for every service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Endpoint {
    SpecHost,
    /// Parsed once, so that a call clones the URL instead of parsing it again.
    Fixed {
        url: reqwest::Url,
        host: String,
    },
}

/// Configures a [`Client`]. Start from [`Client::builder`].
#[derive(Debug, Clone, Default)]
pub struct ClientBuilder {
    credentials: Option<Credentials>,
    region: Option<String>,
    endpoint: Option<String>,
    allow_insecure_http: bool,
    language: Language,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    max_response_bytes: Option<usize>,
    retry: RetryPolicy,
    rate_limit: RateLimit,
}

impl ClientBuilder {
    /// Sets the credentials that sign every call.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Sets the region, sent as `X-TC-Region`, e.g. `ap-singapore`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sends every call to this URL (`https://host[:port]` or `http://127.0.0.1:port`)
    /// instead of the spec's host.
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// Allows a plain-http endpoint that is not a loopback address. Off by
    /// default, because the request and the token would cross the network in clear.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// Sets the language of service messages.
    pub fn language(mut self, language: Language) -> Self {
        self.language = language;
        self
    }

    /// Sets the timeout of each attempt (default 30 s). The whole call, retries
    /// included, is bounded by the retry policy's total deadline.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sets how failed calls are retried (default: [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Sets client-side rate limiting (default: [`RateLimit::Off`]).
    pub fn rate_limit(mut self, limit: RateLimit) -> Self {
        self.rate_limit = limit;
        self
    }

    /// Sets the timeout of establishing a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Sets the largest response body accepted (default 32 MiB).
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = Some(bytes);
        self
    }

    /// Fills what is not yet set from `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY`,
    /// `TENCENTCLOUD_TOKEN`, `TENCENTCLOUD_REGION` and `TENCENTCLOUD_ENDPOINT`.
    pub fn from_env(mut self) -> Result<Self, ConfigError> {
        if self.credentials.is_none() {
            self.credentials = Credentials::from_env()?;
        }
        if self.region.is_none() {
            self.region = env_var(ENV_REGION)?;
        }
        if self.endpoint.is_none() {
            self.endpoint = env_var(ENV_ENDPOINT)?;
        }
        Ok(self)
    }

    /// Builds the client. Fails on an unusable endpoint or region.
    pub fn build(self) -> Result<Client, ConfigError> {
        let endpoint = match &self.endpoint {
            None => Endpoint::SpecHost,
            Some(url) => parse_endpoint(url, self.allow_insecure_http)?,
        };
        let region = match self.region {
            Some(region) if region.is_empty() => None,
            Some(region) => {
                if !region
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                {
                    return Err(ConfigError::new(format!(
                        "region {region:?} is not a region name such as `ap-singapore`"
                    )));
                }
                Some(region)
            }
            None => None,
        };
        // No redirects: a 3xx would carry the token to another host, maybe over plain http.
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
            .build()
            .map_err(|e| ConfigError::new(format!("cannot build the HTTP client: {e}")))?;
        Ok(Client::from_settings(Settings {
            http,
            signing_keys: SigningKeyCache::default(),
            credentials: self.credentials,
            region,
            endpoint,
            language: self.language,
            max_response_bytes: self.max_response_bytes.unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
            timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
            retry: self.retry,
            rate_limit: self.rate_limit,
            limiter: Limiter::default(),
        }))
    }
}

fn parse_endpoint(text: &str, allow_insecure_http: bool) -> Result<Endpoint, ConfigError> {
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
}
