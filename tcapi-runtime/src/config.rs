//! Building a [`Client`]: credentials, region, endpoint, request options and timeouts.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;

use crate::client::{Client, Settings, SigningKeyCache};
use crate::credentials::{env_var, Credentials};
use crate::endpoint::{parse_endpoint, parse_root_domain, Endpoint, DEFAULT_ROOT_DOMAIN};
use crate::error::ConfigError;
use crate::options::{CallOptions, ContentType, Resolved};
use crate::provider::{CredentialsCache, DefaultCredentialsChain, ProvideCredentials};
use crate::ratelimit::{Limiter, RateLimit};
use crate::retry::RetryPolicy;
use crate::transport::{HttpClient, HttpConfig, HttpSettings, ProxySetting, TlsRoots};

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

/// Configures a [`Client`]. Start from [`Client::builder`].
#[derive(Clone, Default)]
pub struct ClientBuilder {
    credentials: Option<Arc<dyn ProvideCredentials>>,
    region: Option<String>,
    endpoint: Option<String>,
    root_domain: Option<String>,
    regional: bool,
    allow_insecure_http: bool,
    /// The request options of every call; each call's own are laid over them.
    options: CallOptions,
    connect_timeout: Option<Duration>,
    max_response_bytes: Option<usize>,
    rate_limit: RateLimit,
    tls_roots: TlsRoots,
    root_certificates_pem: Vec<Vec<u8>>,
    proxy: ProxySetting,
    /// A parent client's HTTP settings, for the STS client of its provider.
    inherited: Option<HttpSettings>,
}

impl ClientBuilder {
    /// Signs every call with these long-term (or fixed temporary) credentials.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(Arc::new(credentials));
        self
    }

    /// Takes credentials from a provider, e.g. [`crate::AssumeRoleProvider`].
    /// The client caches them and asks again before they expire.
    pub fn credentials_provider(self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials_provider_arc(Arc::new(provider))
    }

    pub(crate) fn credentials_provider_arc(mut self, provider: Arc<dyn ProvideCredentials>) -> Self {
        self.credentials = Some(provider);
        self
    }

    /// Takes credentials from the [`DefaultCredentialsChain`]: environment,
    /// profile file, CVM role, STS AssumeRole, TKE OIDC.
    pub fn default_credentials_chain(self) -> Self {
        self.credentials_provider(DefaultCredentialsChain::new())
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

    /// Sends each call to `<service>.<root>` instead of the spec's host, e.g.
    /// `internal.tencentcloudapi.com` for the internal network.
    pub fn root_domain(mut self, root: impl Into<String>) -> Self {
        self.root_domain = Some(root.into());
        self
    }

    /// Sends each call to the region's own host, `<service>.<region>.<root>`
    /// (root `tencentcloudapi.com` unless [`ClientBuilder::root_domain`] says
    /// otherwise). Financial zones such as `ap-shanghai-fsi` need this.
    pub fn regional_endpoint(mut self, regional: bool) -> Self {
        self.regional = regional;
        self
    }

    /// Adds a header to every call, e.g. `X-TC-TraceId`. It is not signed; the
    /// headers the client sets itself cannot be replaced.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.options = self.options.header(name, value);
        self
    }

    /// Appends `; <suffix>` to `X-TC-RequestClient` (`tcapi-rust/<version>`), to
    /// tell your program's calls apart in CloudAudit.
    pub fn request_client_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.options = self.options.request_client_suffix(suffix);
        self
    }

    /// Sets the content type of every call (default [`ContentType::JsonUtf8`]).
    pub fn content_type(mut self, content_type: ContentType) -> Self {
        self.options = self.options.content_type(content_type);
        self
    }

    /// Chooses the certificate authorities trusted for TLS (default
    /// [`TlsRoots::System`]: the operating system's store).
    pub fn tls_roots(mut self, roots: TlsRoots) -> Self {
        self.tls_roots = roots;
        self
    }

    /// Trusts the certificates of this PEM too, besides the [`TlsRoots`]: for
    /// a private CA or a TLS-intercepting gateway that the machine does not trust.
    pub fn add_root_certificate_pem(mut self, pem: impl AsRef<[u8]>) -> Self {
        self.root_certificates_pem.push(pem.as_ref().to_vec());
        self
    }

    /// Sends every connection through this HTTP proxy (`http://[user:password@]host:port`),
    /// with CONNECT, loopback included, instead of the environment's.
    ///
    /// By default the proxy comes from `HTTPS_PROXY` (for https) or `HTTP_PROXY`
    /// (for http), then `ALL_PROXY`, lowercase names first, and `NO_PROXY` lists
    /// the hosts that go direct (`*`, domains with their subdomains, addresses and
    /// CIDR blocks); loopback and the CVM metadata service always go direct.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = ProxySetting::Url(url.into());
        self
    }

    /// Ignores the environment's proxies: every connection goes direct.
    pub fn no_proxy(mut self) -> Self {
        self.proxy = ProxySetting::Off;
        self
    }

    /// Sends with a parent client's transport: its connections, roots and proxy,
    /// and its timeout unless this builder sets one.
    pub(crate) fn http_settings(mut self, parent: HttpSettings) -> Self {
        self.inherited = Some(parent);
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
        self.options = self.options.language(language);
        self
    }

    /// Sets the timeout of each attempt (default 30 s). The whole call, retries
    /// included, is bounded by the retry policy's total deadline.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options = self.options.timeout(timeout);
        self
    }

    /// Sets how failed calls are retried (default: [`RetryPolicy::default`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.options = self.options.retry(policy);
        self
    }

    /// Sets every request option at once: the defaults of each call, which a
    /// call's own [`CallOptions`] are laid over. Replaces what the setters
    /// ([`ClientBuilder::timeout`], [`ClientBuilder::header`], …) set before.
    pub fn options(mut self, options: CallOptions) -> Self {
        self.options = options;
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

    /// Fills what is not yet set from `TENCENTCLOUD_REGION` and `TENCENTCLOUD_ENDPOINT`,
    /// and the credentials from `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY`
    /// and `TENCENTCLOUD_TOKEN`; when those are unset, from the rest of the
    /// [`DefaultCredentialsChain`], at the first call.
    pub fn from_env(mut self) -> Result<Self, ConfigError> {
        if self.credentials.is_none() {
            self = match Credentials::from_env()? {
                Some(credentials) => self.credentials(credentials),
                None => self.default_credentials_chain(),
            };
        }
        if self.region.is_none() {
            self.region = env_var(ENV_REGION)?;
        }
        if self.endpoint.is_none() {
            self.endpoint = env_var(ENV_ENDPOINT)?;
        }
        Ok(self)
    }

    /// Builds the client. Fails on an unusable endpoint, region or header.
    pub fn build(self) -> Result<Client, ConfigError> {
        let root = self.root_domain.as_deref().map(parse_root_domain).transpose()?;
        let endpoint = match (&self.endpoint, root, self.regional) {
            (Some(url), _, _) => parse_endpoint(url, self.allow_insecure_http)?,
            (None, root, true) => {
                if self.region.as_deref().is_none_or(str::is_empty) {
                    return Err(ConfigError::new(
                        "regional_endpoint(true) needs a region: set one with .region(..) or TENCENTCLOUD_REGION",
                    ));
                }
                Endpoint::Regional {
                    root: root.unwrap_or_else(|| DEFAULT_ROOT_DOMAIN.to_string()),
                }
            }
            (None, Some(root), false) => Endpoint::RootDomain(root),
            (None, None, false) => Endpoint::SpecHost,
        };
        // The same check as a call's options get: one rule for both.
        let mut defaults = Resolved::builtin()
            .layer(&self.options)
            .map_err(ConfigError::new)?
            .into_owned();
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
        let inherited = self.inherited.as_ref();
        let http = match inherited {
            Some(parent) => Arc::clone(&parent.http),
            None => Arc::new(HttpClient::new(HttpConfig {
                connect_timeout: self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT),
                roots: self.tls_roots,
                added_roots: parse_roots(&self.root_certificates_pem)?,
                proxy: &self.proxy,
            })?),
        };
        if let (None, Some(parent)) = (self.options.timeout, inherited) {
            defaults.timeout = parent.timeout;
        }
        let timeout = defaults.timeout;
        let max_response_bytes = self
            .max_response_bytes
            .or(inherited.map(|parent| parent.max_response_bytes))
            .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES);
        if let Some(provider) = &self.credentials {
            provider.use_client_http(&HttpSettings {
                http: Arc::clone(&http),
                timeout,
                max_response_bytes,
            });
        }
        Ok(Client::from_settings(Settings {
            http,
            signing_keys: SigningKeyCache::default(),
            credentials: self.credentials.map(CredentialsCache::new),
            region,
            endpoint,
            defaults,
            max_response_bytes,
            rate_limit: self.rate_limit,
            limiter: Limiter::default(),
        }))
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("credentials", &self.credentials)
            .field("region", &self.region)
            .field("endpoint", &self.endpoint)
            .field("root_domain", &self.root_domain)
            .field("regional", &self.regional)
            .field("options", &self.options)
            .field("tls_roots", &self.tls_roots)
            .field("proxy", &self.proxy)
            .finish_non_exhaustive()
    }
}

/// The certificates of each PEM; a PEM with none is an error.
fn parse_roots(pems: &[Vec<u8>]) -> Result<Vec<CertificateDer<'static>>, ConfigError> {
    let mut roots = Vec::new();
    for pem in pems {
        let before = roots.len();
        for certificate in CertificateDer::pem_slice_iter(pem) {
            roots.push(certificate.map_err(|e| ConfigError::new(format!("a root certificate PEM is invalid: {e}")))?);
        }
        if roots.len() == before {
            return Err(ConfigError::new("a root certificate PEM holds no certificate"));
        }
    }
    Ok(roots)
}
