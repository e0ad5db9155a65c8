//! Configuring and starting a [`MockServer`].

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;

use super::catalog::{self, Served};
use super::request::Responder;
use super::server::mock_error;
use super::{request_id, serve, sts, MockError, MockRequest, MockServer, Reply, State};
use crate::action::ApiSpec;

/// Configures a [`MockServer`].
#[derive(Default)]
pub struct MockBuilder {
    responder: Option<Box<Responder>>,
    services: Vec<Served>,
    keys: HashMap<String, String>,
    listen: Option<SocketAddr>,
    problems: Vec<String>,
    cvm_role: Option<String>,
    issued_lifetime: Option<u64>,
    tls: Option<(Vec<u8>, Vec<u8>)>,
}

impl MockBuilder {
    /// Serves HTTPS with this certificate chain and private key (PEM), for
    /// tests of the TLS path; the client must trust the certificate.
    pub fn tls(mut self, certificate_pem: impl AsRef<[u8]>, key_pem: impl AsRef<[u8]>) -> Self {
        self.tls = Some((certificate_pem.as_ref().to_vec(), key_pem.as_ref().to_vec()));
        self
    }

    /// Accepts calls signed with this key pair. Add as many as needed.
    pub fn credentials(mut self, secret_id: impl Into<String>, secret_key: impl Into<String>) -> Self {
        self.keys.insert(secret_id.into(), secret_key.into());
        self
    }

    /// Plays the CVM metadata service too: `GET /latest/meta-data/cam/security-credentials/`
    /// names this role, and `…/<role>` hands out temporary credentials the mock accepts.
    /// Without it, those paths answer 404, as on an instance without a role.
    pub fn cvm_role(mut self, role: impl Into<String>) -> Self {
        self.cvm_role = Some(role.into());
        self
    }

    /// Makes the temporary credentials that the mock's STS and metadata service
    /// hand out live this long, whatever was asked: for refresh tests.
    pub fn temporary_credentials_lifetime(mut self, lifetime: Duration) -> Self {
        self.issued_lifetime = Some(lifetime.as_secs().max(1));
        self
    }

    /// Serves the spec compiled into a deriving struct: `.spec_of::<Tcsas>()`.
    /// A compiled spec carries no examples, so the answers are built from the
    /// members' examples.
    pub fn spec_of<T: ApiSpec>(mut self) -> Self {
        let layers = T::SPEC_LAYERS.iter().copied().chain(std::iter::repeat(0));
        let sources = layers
            .zip(T::SPEC_SOURCES)
            .map(|(layer, (path, text))| (layer, *path, *text));
        match tcapi_spec::load::load_layered_sources(sources) {
            Ok(service) => self.services.push(Served::new(service, Vec::new())),
            Err(e) => self.problems.push(e.to_string()),
        }
        self
    }

    /// Serves a spec file or directory, with the official examples beside it
    /// (the directory's `*.examples.json`, or `X.examples.json` beside `X.api.json`).
    pub fn spec_path(mut self, path: impl AsRef<Path>) -> Self {
        match catalog::load(path.as_ref()) {
            Ok(served) => self.services.push(served),
            Err(e) => self.problems.push(e),
        }
        self
    }

    /// Serves every `<service>/<version>` directory under `root`, e.g. `specs/`,
    /// each as [`MockBuilder::spec_path`] does; they load on a few threads.
    pub fn spec_root(mut self, root: impl AsRef<Path>) -> Self {
        match catalog::version_dirs(root.as_ref()) {
            Ok(dirs) => {
                for loaded in catalog::load_all(&dirs) {
                    match loaded {
                        Ok(served) => self.services.push(served),
                        Err(e) => self.problems.push(e),
                    }
                }
            }
            Err(e) => self.problems.push(e),
        }
        self
    }

    /// Serves every service of the shipped catalog (`tcapi-catalog`): all of
    /// Tencent Cloud International's official specs, with their examples.
    /// Loading reads about 60 MB of JSON on up to four threads: about two seconds
    /// in a debug build on two cores. Each service's example responses are parsed
    /// and checked on its first call.
    pub fn catalog(self) -> Self {
        self.spec_root(tcapi_catalog::ROOT)
    }

    /// Answers validated requests with a function of the request: `Some(reply)`
    /// replaces the answer, `None` leaves it to the queued replies and the spec.
    /// For load tests that inject faults, or that echo the request back.
    pub fn responder(mut self, respond: impl Fn(&MockRequest<'_>) -> Option<Reply> + Send + Sync + 'static) -> Self {
        self.responder = Some(Box::new(respond));
        self
    }

    /// Listens here instead of an ephemeral port on 127.0.0.1.
    pub fn listen(mut self, addr: SocketAddr) -> Self {
        self.listen = Some(addr);
        self
    }

    /// Binds and starts serving on the current tokio runtime.
    pub async fn start(self) -> Result<MockServer, MockError> {
        if !self.problems.is_empty() {
            return Err(mock_error(self.problems.join("; ")));
        }
        if self.services.is_empty() {
            return Err(mock_error(
                "no spec to serve; add one with spec_of, spec_path or spec_root",
            ));
        }
        if self.keys.is_empty() {
            return Err(mock_error("no credentials; add a key pair with credentials(id, key)"));
        }
        let acceptor = match &self.tls {
            Some((certificate, key)) => Some(serve::tls_acceptor(certificate, key)?),
            None => None,
        };
        let addr = self.listen.unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 0)));
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|e| mock_error(format!("cannot listen on {addr}: {e}")))?;
        let addr = listener.local_addr().map_err(|e| mock_error(e.to_string()))?;
        let state = Arc::new(State {
            responder: self.responder,
            services: self.services,
            keys: Mutex::new(
                self.keys
                    .into_iter()
                    .map(|(id, secret_key)| {
                        let key = sts::MockKey {
                            secret_key,
                            token: None,
                            expires_at: None,
                        };
                        (id, key)
                    })
                    .collect(),
            ),
            cvm_role: self.cvm_role,
            issued_lifetime: self.issued_lifetime,
            scripts: Mutex::new(HashMap::new()),
            recorded: Mutex::new(VecDeque::new()),
            counter: AtomicU64::new(request_id::seed()),
        });
        let (shutdown, stop) = oneshot::channel();
        let scheme = if acceptor.is_some() { "https" } else { "http" };
        tokio::spawn(serve::serve(listener, Arc::clone(&state), acceptor, stop));
        Ok(MockServer {
            addr,
            scheme,
            state,
            shutdown: Some(shutdown),
        })
    }
}
