//! The one generic call path that every generated method goes through.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use tracing::Instrument;

use crate::action::{Action, ServiceInfo};
use crate::config::{ClientBuilder, Endpoint, Language};
use crate::credentials::Credentials;
use crate::decode::decode;
use crate::error::{ConfigError, Error, ErrorKind, Failure};
use crate::sign::{self, SigningInput};

/// The Content-Type of every call, signed as sent.
pub const CONTENT_TYPE: &str = "application/json; charset=utf-8";
/// The `X-TC-RequestClient` header value.
pub const REQUEST_CLIENT: &str = concat!("tcapi-rust/", env!("CARGO_PKG_VERSION"));

/// A configured, cheaply cloneable client. One client serves every service and action.
#[derive(Clone)]
pub struct Client {
    settings: Arc<Settings>,
}

pub(crate) struct Settings {
    pub(crate) http: reqwest::Client,
    pub(crate) signing_keys: SigningKeyCache,
    pub(crate) credentials: Option<Credentials>,
    pub(crate) region: Option<String>,
    pub(crate) endpoint: Endpoint,
    pub(crate) language: Language,
    pub(crate) max_response_bytes: usize,
}

/// The raw answer to one request.
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) body: Vec<u8>,
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client configured from `TENCENTCLOUD_*` environment variables.
    pub fn from_env() -> Result<Client, ConfigError> {
        ClientBuilder::default().from_env()?.build()
    }

    pub(crate) fn from_settings(settings: Settings) -> Client {
        Client {
            settings: Arc::new(settings),
        }
    }

    /// Whether the client has credentials to sign with.
    pub fn has_credentials(&self) -> bool {
        self.settings.credentials.is_some()
    }

    /// Calls an action: serializes the request, signs it, sends it, and decodes
    /// the response or the service's error.
    pub async fn call<A: Action>(&self, request: &A) -> Result<A::Output, Error<A::ErrorCode>> {
        let body = serde_json::to_vec(request).map_err(|e| {
            Error::other(
                A::INFO.name,
                Failure::new(ErrorKind::Request, format!("cannot serialize the request: {e}")),
            )
        })?;
        let reply = self
            .send(&A::INFO.service, A::INFO.name, body)
            .await
            .map_err(|failure| Error::other(A::INFO.name, failure))?;
        decode::<A::Output, A::ErrorCode>(A::INFO.name, reply.status, &reply.body)
    }

    /// Signs and sends one request. Not generic, so it is compiled once for all actions.
    async fn send(&self, service: &ServiceInfo, action: &'static str, body: Vec<u8>) -> Result<Reply, Failure> {
        let settings = &*self.settings;
        let span = tracing::debug_span!(
            "tcapi.call",
            service = service.name,
            action,
            region = settings.region.as_deref().unwrap_or(""),
        );
        async move {
            let started = std::time::Instant::now();
            let request_bytes = body.len();
            let request = self.build_request(service, action, body)?;
            let mut response = request.send().await.map_err(transport_failure)?;
            let status = response.status().as_u16();
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(transport_failure)? {
                if body.len() + chunk.len() > settings.max_response_bytes {
                    return Err(Failure::new(
                        ErrorKind::MalformedResponse,
                        format!(
                            "the response body is larger than the {} byte cap",
                            settings.max_response_bytes
                        ),
                    )
                    .with_status(status));
                }
                body.extend_from_slice(&chunk);
            }
            tracing::debug!(
                status,
                request_bytes,
                response_bytes = body.len(),
                elapsed_us = started.elapsed().as_micros() as u64,
                "tcapi call finished"
            );
            Ok(Reply { status, body })
        }
        .instrument(span)
        .await
    }

    fn build_request(
        &self,
        service: &ServiceInfo,
        action: &str,
        body: Vec<u8>,
    ) -> Result<reqwest::RequestBuilder, Failure> {
        let settings = &*self.settings;
        let credentials = settings.credentials.as_ref().ok_or_else(|| {
            Failure::new(
                ErrorKind::Config,
                "no credentials: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, or pass Credentials to the builder",
            )
        })?;
        let (url, host) = match &settings.endpoint {
            Endpoint::SpecHost => (format!("https://{}/", service.host), service.host.to_string()),
            Endpoint::Fixed { url, host } => (url.clone(), host.clone()),
        };
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .map_err(|_| Failure::new(ErrorKind::Config, "the system clock is before 1970"))?;
        let date = sign::utc_date(timestamp);
        let key = settings.signing_keys.get(credentials.secret_key(), &date, service.name);
        let authorization = sign::sign_with_key(
            &SigningInput {
                method: "POST",
                host: &host,
                query: "",
                content_type: CONTENT_TYPE,
                extra_headers: &[("x-tc-action", action)],
                payload: &body,
                timestamp,
                service: service.name,
            },
            credentials.secret_id(),
            &key,
        );
        let mut request = settings
            .http
            .post(url)
            .header("Host", host)
            .header("Content-Type", CONTENT_TYPE)
            .header("Authorization", authorization)
            .header("X-TC-Action", action)
            .header("X-TC-Version", service.version)
            .header("X-TC-Timestamp", timestamp.to_string())
            .header("X-TC-Language", settings.language.as_str())
            .header("X-TC-RequestClient", REQUEST_CLIENT);
        if let Some(region) = &settings.region {
            request = request.header("X-TC-Region", region);
        }
        if let Some(token) = credentials.token() {
            request = request.header("X-TC-Token", token);
        }
        Ok(request.body(body))
    }
}

/// Derived signing keys, which depend only on (secret key, UTC date, service):
/// deriving one costs three HMACs, so each is made once a day.
#[derive(Default)]
pub(crate) struct SigningKeyCache {
    entries: Mutex<Vec<CachedKey>>,
}

struct CachedKey {
    secret_key: String,
    date: String,
    service: &'static str,
    key: [u8; 32],
}

/// Enough for every service a process talks to; older entries are dropped first.
const MAX_CACHED_KEYS: usize = 16;

impl SigningKeyCache {
    fn get(&self, secret_key: &str, date: &str, service: &'static str) -> [u8; 32] {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(hit) = entries
            .iter()
            .find(|e| e.service == service && e.date == date && e.secret_key == secret_key)
        {
            return hit.key;
        }
        let key = sign::signing_key(secret_key, date, service);
        // Yesterday's keys are useless: drop them, and keep the cache bounded.
        entries.retain(|e| e.date == date);
        if entries.len() >= MAX_CACHED_KEYS {
            entries.remove(0);
        }
        entries.push(CachedKey {
            secret_key: secret_key.to_string(),
            date: date.to_string(),
            service,
            key,
        });
        key
    }
}

fn transport_failure(error: reqwest::Error) -> Failure {
    let kind = if error.is_timeout() {
        ErrorKind::Timeout
    } else {
        ErrorKind::Transport
    };
    let message = if error.is_connect() {
        "could not connect".to_string()
    } else if error.is_timeout() {
        "no complete response within the client's timeout".to_string()
    } else {
        "the connection failed".to_string()
    };
    // reqwest's error carries the URL only, never headers, so it holds no secret.
    Failure::new(kind, message).with_source(error.without_url())
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &*self.settings;
        f.debug_struct("Client")
            .field("credentials", &s.credentials)
            .field("region", &s.region)
            .field("endpoint", &s.endpoint)
            .field("language", &s.language)
            .finish_non_exhaustive()
    }
}
