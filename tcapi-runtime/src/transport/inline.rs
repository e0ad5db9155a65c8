//! The inline HTTP/1.1 transport: a pool of keep-alive connections, and one
//! request/response exchange run in the caller's task.

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use rustls::pki_types::{CertificateDer, ServerName};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::Instant;
use tokio_rustls::client::TlsStream;
use tokio_rustls::TlsConnector;

use super::h1::{parse_head, write_request_head, Chunked, Framing};
use super::RequestHead;
use crate::error::{ConfigError, ErrorKind, Failure};

/// An idle connection older than this is closed rather than reused: servers
/// and load balancers drop idle connections after a minute or so.
const MAX_IDLE: Duration = Duration::from_secs(50);
/// Idle connections kept per host; enough for hundreds of concurrent calls.
const MAX_IDLE_PER_HOST: usize = 512;
/// (runtime, endpoint) pairs whose connections are kept at once.
const MAX_IDLE_SETS: usize = 64;
/// An idle connection's read buffer is cut back to this, so that one large
/// response does not pin its memory in the pool.
const MAX_KEPT_BUFFER: usize = 64 * 1024;

enum Stream {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
}

impl Stream {
    fn tcp(&self) -> &TcpStream {
        match self {
            Stream::Plain(tcp) => tcp,
            Stream::Tls(tls) => tls.get_ref().0,
        }
    }
}

impl AsyncRead for Stream {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(tcp) => Pin::new(tcp).poll_read(cx, buf),
            Stream::Tls(tls) => Pin::new(tls.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Stream {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Stream::Plain(tcp) => Pin::new(tcp).poll_write(cx, buf),
            Stream::Tls(tls) => Pin::new(tls.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(tcp) => Pin::new(tcp).poll_flush(cx),
            Stream::Tls(tls) => Pin::new(tls.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(tcp) => Pin::new(tcp).poll_shutdown(cx),
            Stream::Tls(tls) => Pin::new(tls.as_mut()).poll_shutdown(cx),
        }
    }
}

/// A connection's stream and buffers, reused across requests.
struct Io {
    stream: Stream,
    /// Bytes read and not yet parsed.
    input: Vec<u8>,
    /// The request being written. It holds a signature and maybe a token, so it
    /// is zeroed once sent, and before its memory is given back (see [`Io::write_request`]).
    output: Vec<u8>,
}

impl Io {
    /// Puts the request into the output buffer. The buffer is empty and zeroed
    /// here (see [`InlinePool::checkin`]), and grows, if it must, before the
    /// request is written, so that no copy of a request is left in freed memory.
    fn write_request(&mut self, head: &RequestHead<'_>, body: &[u8]) {
        self.output.clear();
        self.output.reserve(head.len_hint() + body.len());
        write_request_head(&mut self.output, head, body.len());
        self.output.extend_from_slice(body);
    }
}

impl Drop for Io {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.output);
    }
}

/// A pooled connection. Its timer is reused: pushing a registered tokio timer
/// later is nearly free, while a new timer per request costs a trip through
/// the timer wheel (measured: about 8% of a loopback call).
struct Connection {
    io: Io,
    timer: Pin<Box<tokio::time::Sleep>>,
}

struct Idle {
    connection: Connection,
    since: Instant,
}

/// The idle connections of one runtime to one endpoint.
struct IdleSet {
    /// A connection's socket and timer belong to the runtime that made them,
    /// and a client may be shared by several.
    runtime: tokio::runtime::Id,
    /// `scheme://host:port/`.
    endpoint: String,
    /// Oldest first.
    connections: Vec<Idle>,
}

/// Keep-alive connections by runtime and endpoint, and the TLS settings.
pub(crate) struct InlinePool {
    /// A short list searched in order: a process talks to a few endpoints from
    /// a few runtimes, and comparing a few keys is cheaper than hashing one.
    idle: Mutex<Vec<IdleSet>>,
    tls: TlsConnector,
    connect_timeout: Duration,
}

impl std::fmt::Debug for InlinePool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InlinePool").finish_non_exhaustive()
    }
}

/// A transport failure: `sent` says whether the request may have reached the server.
fn failure(kind: ErrorKind, message: impl Into<String>, sent: bool) -> Failure {
    let mut failure = Failure::new(kind, message);
    failure.maybe_sent = sent;
    failure
}

fn connection_failed(error: io::Error) -> Failure {
    failure(ErrorKind::Transport, "the connection failed", true).with_source(error)
}

impl InlinePool {
    /// A pool trusting the webpki roots plus `extra_roots`.
    pub(crate) fn new(connect_timeout: Duration, extra_roots: &[CertificateDer<'static>]) -> Result<Self, ConfigError> {
        let mut roots = rustls::RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        for root in extra_roots {
            roots
                .add(root.clone())
                .map_err(|e| ConfigError::new(format!("a root certificate is unusable: {e}")))?;
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| ConfigError::new(format!("cannot set up TLS: {e}")))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(InlinePool {
            idle: Mutex::new(Vec::new()),
            tls: TlsConnector::from(Arc::new(config)),
            connect_timeout,
        })
    }

    /// Sends one request to `url` (scheme, host and port are used) and reads
    /// the whole response, within `max_body` bytes of body, by `deadline`.
    /// `now` is the caller's recent reading of the clock.
    pub(crate) async fn exchange(
        &self,
        url: &reqwest::Url,
        head: &RequestHead<'_>,
        body: &[u8],
        max_body: usize,
        now: Instant,
        deadline: Instant,
    ) -> Result<(u16, Vec<u8>), Failure> {
        if deadline <= now {
            return Err(failure(
                ErrorKind::Timeout,
                "no time was left to send the request",
                false,
            ));
        }
        head.check().map_err(|name| {
            failure(
                ErrorKind::Request,
                format!("the {name} header cannot be sent: it has a control character"),
                false,
            )
        })?;
        // Endpoint URLs are `scheme://host[:port]/`, so the URL names the connection.
        let key = url.as_str();
        let runtime = tokio::runtime::Handle::try_current().ok().map(|handle| handle.id());
        let mut connection = match runtime.and_then(|runtime| self.checkout(runtime, key, now)) {
            Some(connection) => connection,
            None => {
                let port = url
                    .port_or_known_default()
                    .ok_or_else(|| failure(ErrorKind::Config, "the endpoint has no port", false))?;
                // Boxed: connecting is rare, and its TLS handshake would make every exchange's future large.
                match tokio::time::timeout_at(deadline, Box::pin(self.connect(url, port))).await {
                    Ok(connected) => connected?,
                    Err(_) => {
                        return Err(failure(
                            ErrorKind::Timeout,
                            "could not connect within the client's timeout",
                            false,
                        ))
                    }
                }
            }
        };
        let Connection { io, timer } = &mut connection;
        io.write_request(head, body);
        timer.as_mut().reset(deadline);
        let (status, body, reusable) = tokio::select! {
            biased;
            result = round_trip(io, max_body) => result?,
            () = timer.as_mut() => return Err(failure(
                ErrorKind::Timeout,
                "no complete response within the client's timeout",
                true,
            )),
        };
        if let (true, Some(runtime)) = (reusable, runtime) {
            self.checkin(runtime, key, connection, now);
        }
        Ok((status, body))
    }

    /// An idle connection to `endpoint` that the server has not closed.
    fn checkout(&self, runtime: tokio::runtime::Id, endpoint: &str, now: Instant) -> Option<Connection> {
        let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        let set = idle
            .iter_mut()
            .find(|set| set.runtime == runtime && set.endpoint == endpoint)?;
        while let Some(candidate) = set.connections.pop() {
            if now.saturating_duration_since(candidate.since) < MAX_IDLE
                && is_open(candidate.connection.io.stream.tcp())
            {
                return Some(candidate.connection);
            }
        }
        None
    }

    /// Returns a connection to the pool; `now` is when its request started, so
    /// its idle time is counted from a little earlier than it is.
    fn checkin(&self, runtime: tokio::runtime::Id, endpoint: &str, mut connection: Connection, now: Instant) {
        // The request held the signature and maybe a token: do not keep it around
        // while the connection idles. Only what was written; the rest is zero already.
        zeroize::Zeroize::zeroize(connection.io.output.as_mut_slice());
        connection.io.output.clear();
        connection.io.input.clear();
        connection.io.input.shrink_to(MAX_KEPT_BUFFER);
        let idle_connection = Idle { connection, since: now };
        let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        let set = match idle
            .iter()
            .position(|set| set.runtime == runtime && set.endpoint == endpoint)
        {
            Some(index) => &mut idle[index],
            None => {
                if idle.len() >= MAX_IDLE_SETS {
                    // Runtimes come and go (one per test, say): drop the sets
                    // with nothing in them first, then the one used least recently.
                    idle.retain(|set| !set.connections.is_empty());
                    let stalest = idle
                        .iter()
                        .enumerate()
                        .min_by_key(|(_, set)| set.connections.last().map(|c| c.since))
                        .map(|(index, _)| index);
                    if let (true, Some(index)) = (idle.len() >= MAX_IDLE_SETS, stalest) {
                        idle.remove(index);
                    }
                }
                idle.push(IdleSet {
                    runtime,
                    endpoint: endpoint.to_string(),
                    connections: Vec::new(),
                });
                let last = idle.len() - 1;
                &mut idle[last]
            }
        };
        // The oldest come first: drop those that idled too long.
        if set
            .connections
            .first()
            .is_some_and(|oldest| now.saturating_duration_since(oldest.since) >= MAX_IDLE)
        {
            set.connections
                .retain(|c| now.saturating_duration_since(c.since) < MAX_IDLE);
        }
        if set.connections.len() < MAX_IDLE_PER_HOST {
            set.connections.push(idle_connection);
        }
    }

    async fn connect(&self, url: &reqwest::Url, port: u16) -> Result<Connection, Failure> {
        let unreachable = |e: io::Error| failure(ErrorKind::Transport, "could not connect", false).with_source(e);
        let connecting = async {
            match url.host() {
                Some(url::Host::Ipv4(ip)) => TcpStream::connect(SocketAddr::new(IpAddr::V4(ip), port)).await,
                Some(url::Host::Ipv6(ip)) => TcpStream::connect(SocketAddr::new(IpAddr::V6(ip), port)).await,
                Some(url::Host::Domain(domain)) => TcpStream::connect((domain, port)).await,
                None => Err(io::Error::new(io::ErrorKind::InvalidInput, "the endpoint has no host")),
            }
        };
        let tcp = tokio::time::timeout(self.connect_timeout, connecting)
            .await
            .map_err(|_| {
                failure(
                    ErrorKind::Timeout,
                    "could not connect within the connect timeout",
                    false,
                )
            })?
            .map_err(unreachable)?;
        // Requests are written whole; waiting to coalesce them only adds latency.
        let _ = tcp.set_nodelay(true);
        let stream = if url.scheme() == "https" {
            let name = match url.host() {
                Some(url::Host::Ipv4(ip)) => ServerName::IpAddress(IpAddr::V4(ip).into()),
                Some(url::Host::Ipv6(ip)) => ServerName::IpAddress(IpAddr::V6(ip).into()),
                Some(url::Host::Domain(domain)) => ServerName::try_from(domain.to_string())
                    .map_err(|_| failure(ErrorKind::Config, format!("`{domain}` is not a TLS server name"), false))?,
                None => return Err(failure(ErrorKind::Config, "the endpoint has no host", false)),
            };
            let handshake = self.tls.connect(name, tcp);
            let tls = tokio::time::timeout(self.connect_timeout, handshake)
                .await
                .map_err(|_| failure(ErrorKind::Timeout, "the TLS handshake timed out", false))?
                .map_err(|e| {
                    let message = format!("the TLS handshake failed: {e}");
                    failure(ErrorKind::Transport, message, false)
                })?;
            Stream::Tls(Box::new(tls))
        } else {
            Stream::Plain(tcp)
        };
        Ok(Connection {
            io: Io {
                stream,
                input: Vec::with_capacity(8 * 1024),
                output: Vec::with_capacity(2 * 1024),
            },
            timer: Box::pin(tokio::time::sleep(Duration::from_secs(3600))),
        })
    }
}

/// Whether an idle connection is still open: the server has neither closed it
/// nor sent anything unasked (which would desynchronize the next exchange).
fn is_open(tcp: &TcpStream) -> bool {
    let mut probe = [0u8; 1];
    matches!(tcp.try_read(&mut probe), Err(e) if e.kind() == io::ErrorKind::WouldBlock)
}

/// Writes the request in the output buffer and reads the response.
async fn round_trip(io: &mut Io, max_body: usize) -> Result<(u16, Vec<u8>, bool), Failure> {
    io.stream.write_all(&io.output).await.map_err(connection_failed)?;
    io.stream.flush().await.map_err(connection_failed)?;
    read_response(io, max_body).await
}

/// Reads more into the connection's input; an end of stream is an error.
async fn fill(connection: &mut Io) -> Result<(), Failure> {
    if connection.input.capacity() - connection.input.len() < 4096 {
        connection.input.reserve(8 * 1024);
    }
    match connection.stream.read_buf(&mut connection.input).await {
        Ok(0) => Err(failure(
            ErrorKind::Transport,
            "the connection closed before the response was complete",
            true,
        )),
        Ok(_) => Ok(()),
        Err(e) => Err(connection_failed(e)),
    }
}

fn too_large(max_body: usize, status: u16) -> Failure {
    Failure::new(
        ErrorKind::MalformedResponse,
        format!("the response body is larger than the {max_body} byte cap"),
    )
    .with_status(status)
}

/// Reads one response: its status, its body, and whether the connection can be reused.
async fn read_response(connection: &mut Io, max_body: usize) -> Result<(u16, Vec<u8>, bool), Failure> {
    let malformed = |message: String| failure(ErrorKind::Transport, message, true);
    connection.input.clear();
    // Nothing has been read yet: no head to parse before the first read.
    fill(connection).await?;
    let head = loop {
        match parse_head(&connection.input).map_err(malformed)? {
            // 100 Continue and friends: skip, the real head follows.
            Some(head) if (100..200).contains(&head.status) => {
                connection.input.drain(..head.length);
            }
            Some(head) => break head,
            None => fill(connection).await?,
        }
    };
    let status = head.status;
    match head.framing {
        Framing::Length(length) => {
            if length > max_body {
                return Err(too_large(max_body, status));
            }
            let end = head
                .length
                .checked_add(length)
                .ok_or_else(|| too_large(max_body, status))?;
            while connection.input.len() < end {
                fill(connection).await?;
            }
            // Bytes past the body were not asked for: do not reuse the connection.
            let reusable = head.keep_alive && connection.input.len() == end;
            Ok((status, connection.input[head.length..end].to_vec(), reusable))
        }
        Framing::Chunked => {
            let mut decoder = Chunked::default();
            let mut body = Vec::new();
            loop {
                let done = decoder
                    .feed(&connection.input[head.length..], &mut body)
                    .map_err(malformed)?;
                if body.len() > max_body {
                    return Err(too_large(max_body, status));
                }
                if done {
                    let reusable = head.keep_alive && head.length + decoder.consumed() == connection.input.len();
                    return Ok((status, body, reusable));
                }
                // Chunk extensions and trailers are not body, but they are memory: bound them too.
                if connection.input.len() - head.length > max_body.saturating_add(MAX_KEPT_BUFFER) {
                    return Err(too_large(max_body, status));
                }
                fill(connection).await?;
            }
        }
        Framing::UntilClose => {
            loop {
                if connection.input.len() - head.length > max_body {
                    return Err(too_large(max_body, status));
                }
                if connection.input.capacity() - connection.input.len() < 4096 {
                    connection.input.reserve(8 * 1024);
                }
                match connection.stream.read_buf(&mut connection.input).await {
                    Ok(0) => break,
                    Ok(_) => {}
                    Err(e) => return Err(connection_failed(e)),
                }
            }
            Ok((status, connection.input[head.length..].to_vec(), false))
        }
    }
}
