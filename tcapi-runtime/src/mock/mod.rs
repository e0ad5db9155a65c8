//! A Tencent Cloud API mock on loopback, for tests and examples (feature `mock`).
//!
//! It speaks real HTTP, verifies TC3 signatures against its configured keys,
//! checks action and version, and validates bodies against the spec. Its
//! default answer to an action is the action's first official example response
//! that is a success and fits the spec (with a fresh RequestId), else a
//! response built from the spec's member examples; see [`default_response`].
//! Tests can queue a scripted [`Reply`] per action: a response, a service
//! error, or a fault.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use tcapi_runtime::mock::MockServer;
//! let mock = MockServer::builder()
//!     .credentials("AKIDEXAMPLE", "secret")
//!     .catalog() // every shipped service; or .spec_path("specs/tcsas/2025-01-06")
//!     .start()
//!     .await?;
//! println!("serving on {}", mock.url());
//! # Ok(()) }
//! ```

mod auth;
mod catalog;
mod respond;
mod sts;
mod validate;

pub use catalog::default_response;
pub use respond::example_request;
/// The spec model the mock serves (the `tcapi-spec` crate): load a
/// [`Service`](spec::Service) and its [`Examples`](spec::examples::Examples)
/// to call [`validate_request`], [`validate_response`] or [`default_response`].
pub use tcapi_spec as spec;
pub use validate::{validate_request, validate_response};

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::{json, Map, Value};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::action::ApiSpec;
use catalog::Served;

/// The largest request body the mock reads.
const MAX_BODY_BYTES: usize = 10 * 1024 * 1024;
/// How many requests the mock remembers for [`MockServer::requests`].
const MAX_RECORDED: usize = 1024;
/// How much of each request body it remembers.
const MAX_RECORDED_BODY: usize = 1024 * 1024;

/// A scripted answer to the next call of one action.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A success: the content of `Response`. A `RequestId` is added when absent.
    Response(Value),
    /// A service error envelope with this code and message.
    Error {
        /// The code, e.g. `InvalidParameter`.
        code: String,
        /// The message.
        message: String,
    },
    /// A raw HTTP answer, such as a gateway's HTML 502 page.
    Http {
        /// The status code.
        status: u16,
        /// The Content-Type.
        content_type: String,
        /// The body, sent as is.
        body: String,
    },
    /// Closes the connection without answering.
    Hangup,
    /// Waits, then answers.
    Delay(Duration, Box<Reply>),
}

impl Reply {
    /// A service error envelope.
    pub fn error(code: impl Into<String>, message: impl Into<String>) -> Reply {
        Reply::Error {
            code: code.into(),
            message: message.into(),
        }
    }
}

/// A validated request, as a [`MockBuilder::responder`] sees it.
pub struct MockRequest<'a> {
    /// The action, e.g. `DescribeMNPMAUMetricCard`.
    pub action: &'a str,
    /// The JSON body.
    pub body: &'a Value,
    /// Headers, with lower-case names.
    pub headers: &'a HashMap<String, String>,
}

type Responder = dyn Fn(&MockRequest<'_>) -> Option<Reply> + Send + Sync;

/// One request as the mock received it. Its body is kept up to 1 MiB.
#[derive(Clone)]
pub struct RecordedRequest {
    /// The HTTP method.
    pub method: String,
    /// The path, e.g. `/` or a metadata path.
    pub path: String,
    /// Headers, with lower-case names.
    pub headers: HashMap<String, String>,
    /// The body.
    pub body: Vec<u8>,
}

/// Headers as Debug shows them: the signature and the token are redacted.
struct RedactedHeaders<'a>(&'a HashMap<String, String>);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in self.0 {
            let shown = if matches!(name.as_str(), "authorization" | "x-tc-token") {
                "<redacted>"
            } else {
                value
            };
            map.entry(name, &shown);
        }
        map.finish()
    }
}

impl fmt::Debug for MockRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockRequest")
            .field("action", &self.action)
            .field("body", &self.body)
            .field("headers", &RedactedHeaders(self.headers))
            .finish()
    }
}

impl fmt::Debug for RecordedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecordedRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &String::from_utf8_lossy(&self.body))
            .finish()
    }
}

impl RecordedRequest {
    /// A header's value, by lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }
}

/// The mock could not start: a spec did not load, or the address could not be bound.
#[derive(Debug)]
pub struct MockError {
    message: String,
}

impl fmt::Display for MockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "mock server: {}", self.message)
    }
}

impl std::error::Error for MockError {}

fn mock_error(message: impl Into<String>) -> MockError {
    MockError {
        message: message.into(),
    }
}

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
        match tcapi_spec::load::load_sources(T::SPEC_SOURCES.iter().copied()) {
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
            Some((certificate, key)) => Some(tls_acceptor(certificate, key)?),
            None => None,
        };
        let addr = self.listen.unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 0)));
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|e| mock_error(format!("cannot listen on {addr}: {e}")))?;
        let addr = listener.local_addr().map_err(|e| mock_error(e.to_string()))?;
        let seed = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0);
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
            counter: AtomicU64::new(seed),
        });
        let (shutdown, stop) = oneshot::channel();
        let scheme = if acceptor.is_some() { "https" } else { "http" };
        tokio::spawn(serve(listener, Arc::clone(&state), acceptor, stop));
        Ok(MockServer {
            addr,
            scheme,
            state,
            shutdown: Some(shutdown),
        })
    }
}

/// A running mock. It stops when dropped.
pub struct MockServer {
    addr: SocketAddr,
    scheme: &'static str,
    state: Arc<State>,
    shutdown: Option<oneshot::Sender<()>>,
}

impl MockServer {
    /// Starts configuring a mock.
    pub fn builder() -> MockBuilder {
        MockBuilder::default()
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The endpoint URL to give a client: `http://127.0.0.1:<port>` (`https` with [`MockBuilder::tls`]).
    pub fn url(&self) -> String {
        format!("{}://{}", self.scheme, self.addr)
    }

    /// Queues a scripted reply for the next call of `action`. Replies are used in order, once each.
    pub fn push_reply(&self, action: &str, reply: Reply) {
        lock(&self.state.scripts)
            .entry(action.to_string())
            .or_default()
            .push_back(reply);
    }

    /// The most recent requests received (up to 1024), oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.state.recorded).iter().cloned().collect()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

struct State {
    responder: Option<Box<Responder>>,
    services: Vec<Served>,
    keys: Mutex<HashMap<String, sts::MockKey>>,
    cvm_role: Option<String>,
    issued_lifetime: Option<u64>,
    scripts: Mutex<HashMap<String, VecDeque<Reply>>>,
    recorded: Mutex<VecDeque<RecordedRequest>>,
    counter: AtomicU64,
}

/// A poisoned lock only means another handler panicked; the data is still usable.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn tls_acceptor(certificate: &[u8], key: &[u8]) -> Result<tokio_rustls::TlsAcceptor, MockError> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let chain = CertificateDer::pem_slice_iter(certificate)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| mock_error(format!("the TLS certificate PEM is invalid: {e}")))?;
    let key = PrivateKeyDer::from_pem_slice(key).map_err(|e| mock_error(format!("the TLS key PEM is invalid: {e}")))?;
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .and_then(|builder| builder.with_no_client_auth().with_single_cert(chain, key))
        .map_err(|e| mock_error(format!("cannot set up TLS: {e}")))?;
    Ok(tokio_rustls::TlsAcceptor::from(Arc::new(config)))
}

async fn serve(
    listener: TcpListener,
    state: Arc<State>,
    acceptor: Option<tokio_rustls::TlsAcceptor>,
    mut stop: oneshot::Receiver<()>,
) {
    loop {
        let stream = tokio::select! {
            _ = &mut stop => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors and the like: back off instead of spinning.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let state = Arc::clone(&state);
        let acceptor = acceptor.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| handle(Arc::clone(&state), request));
            let http = hyper::server::conn::http1::Builder::new();
            match acceptor {
                None => {
                    let _ = http.serve_connection(TokioIo::new(stream), service).await;
                }
                Some(acceptor) => {
                    // A failed handshake is the client's problem to report; just drop the connection.
                    if let Ok(tls) = acceptor.accept(stream).await {
                        let _ = http.serve_connection(TokioIo::new(tls), service).await;
                    }
                }
            }
        });
    }
}

/// Why the mock refuses a request: a Tencent error code and message.
pub(crate) struct Refusal {
    code: &'static str,
    message: String,
}

impl Refusal {
    fn new(code: &'static str, message: impl Into<String>) -> Self {
        Refusal {
            code,
            message: message.into(),
        }
    }
}

/// Returned by the handler to drop the connection without an answer.
#[derive(Debug)]
struct Hangup;

impl fmt::Display for Hangup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("scripted hangup")
    }
}

impl std::error::Error for Hangup {}

type HttpResponse = Response<Full<Bytes>>;

async fn handle(state: Arc<State>, request: Request<Incoming>) -> Result<HttpResponse, Hangup> {
    let (parts, body) = request.into_parts();
    let body = match Limited::new(body, MAX_BODY_BYTES).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return Ok(http(413, "text/plain", "request body too large or unreadable".into())),
    };
    let headers: HashMap<String, String> = parts
        .headers
        .iter()
        .filter_map(|(name, value)| Some((name.as_str().to_string(), value.to_str().ok()?.to_string())))
        .collect();
    let request_id = state.next_request_id();
    {
        let mut recorded = lock(&state.recorded);
        if recorded.len() == MAX_RECORDED {
            recorded.pop_front();
        }
        recorded.push_back(RecordedRequest {
            method: parts.method.to_string(),
            path: parts.uri.path().to_string(),
            headers: headers.clone(),
            body: body[..body.len().min(MAX_RECORDED_BODY)].to_vec(),
        });
    }
    if parts.method == hyper::Method::GET {
        if let Some((status, body)) = state.metadata(parts.uri.path()) {
            return Ok(http(status, "text/plain", body));
        }
    }
    let received = auth::Received {
        method: parts.method.as_str(),
        query: parts.uri.query().unwrap_or(""),
        headers: &headers,
        body: &body,
    };
    match answer(&state, &received) {
        Ok((action, body, response)) => {
            let hooked = state.responder.as_ref().and_then(|respond| {
                respond(&MockRequest {
                    action: &action,
                    body: &body,
                    headers: &headers,
                })
            });
            let scripted = hooked.or_else(|| lock(&state.scripts).get_mut(&action).and_then(VecDeque::pop_front));
            match scripted {
                Some(reply) => play(reply, &request_id).await,
                // Built only when no scripted reply replaces it.
                None => Ok(envelope(
                    match response {
                        Answer::Example(example) => example.served.answer(&action, example.output),
                        Answer::Direct(map) => map,
                    },
                    &request_id,
                )),
            }
        }
        Err(refusal) => Ok(error_envelope(refusal.code, &refusal.message, &request_id)),
    }
}

/// The spec's answer to an action, built on demand.
struct Example<'s> {
    served: &'s Served,
    output: &'s tcapi_spec::Object,
}

/// What the mock answers by default: the spec's example, or a built answer (STS).
enum Answer<'s> {
    Example(Example<'s>),
    Direct(Map<String, Value>),
}

/// Authenticates, routes and validates a request; returns the action, the body and the default answer.
fn answer<'s>(state: &'s State, request: &auth::Received<'_>) -> Result<(String, Value, Answer<'s>), Refusal> {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let header = |name: &str| request.headers.get(name).map(String::as_str).unwrap_or("");
    if request.method != "POST" {
        return Err(Refusal::new(
            "UnsupportedProtocol",
            "The mock serves POST requests with a JSON body.",
        ));
    }
    let (action_name, version) = (header("x-tc-action"), header("x-tc-version"));
    if action_name.is_empty() {
        return Err(Refusal::new(
            "MissingParameter",
            "The request is missing the X-TC-Action header.",
        ));
    }
    let parse_body = || {
        serde_json::from_slice::<Value>(request.body)
            .map_err(|e| Refusal::new("InvalidParameter", format!("The request body is not valid JSON: {e}.")))
    };
    // Unsigned calls exist only for STS AssumeRoleWithWebIdentity.
    if header("authorization") == "SKIP" {
        let body = parse_body()?;
        let map = state.sts(action_name, version, false, request.headers, &body)?;
        return Ok((action_name.to_string(), body, Answer::Direct(map)));
    }
    let (scope_service, key) = auth::verify(request, &lock(&state.keys), now)?;
    sts::check_token(&key, request.headers)?;
    // The mock's own STS issues credentials it then accepts, even beside a served sts spec.
    let own_sts = action_name == "AssumeRole" || !state.services.iter().any(|s| s.service.short_name == "sts");
    if scope_service == "sts" && own_sts {
        let body = parse_body()?;
        let map = state.sts(action_name, version, true, request.headers, &body)?;
        return Ok((action_name.to_string(), body, Answer::Direct(map)));
    }
    let mut versions = state
        .services
        .iter()
        .filter(|s| s.service.short_name == scope_service)
        .peekable();
    if versions.peek().is_none() {
        let message = format!("The service `{scope_service}` is not served here.");
        return Err(Refusal::new("InvalidAction", message));
    }
    let served = versions.find(|s| s.service.api_version == version).ok_or_else(|| {
        let message = format!("The API version `{version}` of `{scope_service}` does not exist.");
        Refusal::new("NoSuchVersion", message)
    })?;
    let service = &served.service;
    let action = service.actions.get(action_name).ok_or_else(|| {
        let message = format!("The action `{action_name}` of `{scope_service}` {version} does not exist.");
        Refusal::new("InvalidAction", message)
    })?;
    let (Some(input), Some(output)) = (service.input(action), service.output(action)) else {
        return Err(Refusal::new("InternalError", "The spec of this action is incomplete."));
    };
    if !header("content-type").starts_with("application/json") {
        return Err(Refusal::new(
            "InvalidParameter",
            "The Content-Type must be application/json.",
        ));
    }
    let body = parse_body()?;
    validate::body(service, input, &body)?;
    Ok((action.name.clone(), body, Answer::Example(Example { served, output })))
}

async fn play(reply: Reply, request_id: &str) -> Result<HttpResponse, Hangup> {
    let mut reply = reply;
    loop {
        return match reply {
            Reply::Response(Value::Object(map)) => Ok(envelope(map, request_id)),
            Reply::Response(other) => Ok(http(200, "application/json", json!({ "Response": other }).to_string())),
            Reply::Error { code, message } => Ok(error_envelope(&code, &message, request_id)),
            Reply::Http {
                status,
                content_type,
                body,
            } => Ok(http(status, &content_type, body)),
            Reply::Hangup => Err(Hangup),
            Reply::Delay(delay, next) => {
                tokio::time::sleep(delay).await;
                reply = *next;
                continue;
            }
        };
    }
}

fn envelope(mut response: Map<String, Value>, request_id: &str) -> HttpResponse {
    response
        .entry("RequestId")
        .or_insert_with(|| Value::String(request_id.to_string()));
    http(200, "application/json", json!({ "Response": response }).to_string())
}

fn error_envelope(code: &str, message: &str, request_id: &str) -> HttpResponse {
    let body = json!({
        "Response": {
            "Error": { "Code": code, "Message": message },
            "RequestId": request_id,
        }
    });
    http(200, "application/json", body.to_string())
}

fn http(status: u16, content_type: &str, body: String) -> HttpResponse {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    if let Ok(value) = hyper::header::HeaderValue::from_str(content_type) {
        response.headers_mut().insert(hyper::header::CONTENT_TYPE, value);
    }
    response
}

impl State {
    /// A UUID-shaped id, unique per request, so that tests can match answers to calls.
    fn next_request_id(&self) -> String {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        // SplitMix64 scrambles the counter so that ids look like Tencent's.
        let mut z = n.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        format!(
            "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
            (z >> 32) as u32,
            (z >> 16) as u16,
            (z & 0xfff) as u16,
            (n >> 48) as u16 & 0xfff,
            n & 0xffff_ffff_ffff
        )
    }
}
