//! How a request travels: HTTP/1.1 on hyper, over pooled keep-alive
//! connections, with rustls and CONNECT proxies.
//!
//! hyper's client connection (`hyper::client::conn::http1`) comes in two
//! halves, a sender and a driver future. hyper-util's pooled client spawns
//! each driver as a task and hands requests to it through channels, as
//! reqwest does on top of it; on a loopback round trip of about 30 µs those
//! hops cost more than the trip (measured: reqwest reached about 30% of wrk's
//! rate on one connection). Here the call that uses a connection polls its
//! driver itself ([`pool::Connection`]), so hyper parses and frames while the
//! calling task does the rest. The pool is ours: a short list of idle
//! connections per runtime and origin.
//!
//! A request whose pooled connection turns out to be dead is sent once more
//! on a fresh one: always when hyper says it was never written, and only for
//! an idempotent action when it may have reached the server.

mod connect;
mod exchange;
mod head;
mod origin;
mod pool;
mod proxy;
mod tls;
mod tunnel;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::Request;
use rustls::pki_types::CertificateDer;
use tokio::time::Instant;

pub(crate) use head::RequestHead;
pub(crate) use origin::{Origin, Scheme, UrlError};
pub(crate) use pool::Body;
pub(crate) use proxy::ProxySetting;
pub use tls::TlsRoots;

use connect::Connector;
pub(crate) use exchange::Answer;
use exchange::{exchange, Stage};
use pool::{Connection, Pool};
use proxy::Proxies;
use tls::Tls;

use crate::error::{ConfigError, ErrorKind, Failure};

/// A failure before anything of the request was sent: safe to try again for any action.
pub(crate) fn unsent(kind: ErrorKind, message: impl Into<String>) -> Failure {
    let mut failure = Failure::new(kind, message);
    failure.maybe_sent = false;
    failure
}

/// What an HTTP client is made from.
pub(crate) struct HttpConfig<'a> {
    pub(crate) connect_timeout: Duration,
    pub(crate) roots: TlsRoots,
    pub(crate) added_roots: Vec<CertificateDer<'static>>,
    pub(crate) proxy: &'a ProxySetting,
}

/// Connections and how to open them; shared by a client and its STS client.
pub(crate) struct HttpClient {
    connector: Connector,
    pool: Pool,
}

impl HttpClient {
    /// Reads the proxy settings from the environment now, when they say so.
    pub(crate) fn new(config: HttpConfig<'_>) -> Result<HttpClient, ConfigError> {
        let proxies = Proxies::new(config.proxy, |name| std::env::var(name).ok())?;
        tls::check_roots(&config.added_roots)?;
        Ok(HttpClient {
            connector: Connector {
                tls: Tls::new(config.roots, config.added_roots),
                proxies,
                connect_timeout: config.connect_timeout,
            },
            pool: Pool::default(),
        })
    }

    /// A client that never uses a proxy and trusts the system's roots.
    pub(crate) fn direct(connect_timeout: Duration) -> HttpClient {
        HttpClient {
            connector: Connector {
                tls: Tls::new(TlsRoots::System, Vec::new()),
                proxies: Proxies::default(),
                connect_timeout,
            },
            pool: Pool::default(),
        }
    }

    /// Sends the request `make` makes to `origin` and reads the whole answer,
    /// within `max_body` bytes of body, by `deadline`. `now` is the caller's
    /// recent reading of the clock.
    pub(crate) async fn send(
        &self,
        origin: &Origin,
        make: &(dyn Fn() -> Result<Request<Body>, Failure> + Sync),
        idempotent: bool,
        max_body: usize,
        now: Instant,
        deadline: Instant,
    ) -> Result<Answer, Failure> {
        if deadline <= now {
            return Err(unsent(ErrorKind::Timeout, "no time was left to send the request"));
        }
        let mut request = make()?;
        let runtime = tokio::runtime::Handle::try_current().ok().map(|handle| handle.id());
        let kept = runtime.and_then(|runtime| self.pool.take(runtime, origin, now).map(|c| (runtime, c)));
        if let Some((runtime, mut connection)) = kept {
            // A close by the server since the last exchange shows here as a request never written.
            match exchange(&mut connection, request, max_body, deadline).await {
                Ok(answer) => {
                    self.keep(runtime, origin, connection, now);
                    return Ok(answer);
                }
                // The server closed the kept connection, maybe as the request went out
                // (an idle timer, say): once more on a fresh one, if the action allows.
                Err(failed) if failed.stage == Stage::NotWritten || (failed.stage == Stage::NoAnswer && idempotent) => {
                    tracing::debug!(
                        reason = failed.failure.summary().as_str(),
                        "a kept connection failed before any answer; sending again on a new one"
                    );
                    request = make()?;
                }
                Err(failed) => return Err(failed.failure),
            }
        }
        // Boxed: connecting is rare, and its TLS handshake would make every call's future large.
        let stream = Box::pin(self.connector.open(origin, deadline)).await?;
        let mut connection = Connection::handshake(stream).await?;
        let answer = exchange(&mut connection, request, max_body, deadline)
            .await
            .map_err(|failed| failed.failure)?;
        if let Some(runtime) = runtime {
            self.keep(runtime, origin, connection, now);
        }
        Ok(answer)
    }

    fn keep(&self, runtime: tokio::runtime::Id, origin: &Origin, connection: Connection, now: Instant) {
        if !connection.closed && !connection.sender.is_closed() {
            self.pool.put(runtime, origin, connection, now);
        }
    }
}

impl fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpClient")
            .field("proxies", &self.connector.proxies)
            .field("connect_timeout", &self.connector.connect_timeout)
            .finish_non_exhaustive()
    }
}

/// A client's HTTP settings: its connections, trusted roots, proxy and
/// timeouts. A client hands them to its credentials provider
/// ([`ProvideCredentials::use_client_http`](crate::ProvideCredentials::use_client_http)),
/// so that STS AssumeRole is reached the way the client reaches the API.
#[derive(Clone)]
pub struct HttpSettings {
    pub(crate) http: Arc<HttpClient>,
    pub(crate) timeout: Duration,
    pub(crate) max_response_bytes: usize,
}

impl fmt::Debug for HttpSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpSettings")
            .field("timeout", &self.timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish_non_exhaustive()
    }
}
