//! Keep-alive connections: hyper's HTTP/1.1 client connection, driven in the
//! caller's task, and the idle ones kept per runtime and origin.

use std::pin::Pin;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::client::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::time::{Instant, Sleep};

use super::connect::Stream;
use super::origin::Origin;
use super::unsent;
use crate::error::{ErrorKind, Failure};

/// The request body type: one buffer, sent whole.
pub(crate) type Body = Full<Bytes>;

/// An idle connection older than this is closed rather than reused: servers
/// and load balancers drop idle connections after a minute or so.
const MAX_IDLE: Duration = Duration::from_secs(50);
/// Idle connections kept per origin; enough for hundreds of concurrent calls.
const MAX_IDLE_PER_ORIGIN: usize = 512;
/// (runtime, origin) pairs whose connections are kept at once.
const MAX_IDLE_SETS: usize = 64;

/// One HTTP/1.1 connection. hyper splits it in two: the `sender` takes
/// requests, and the `driver` future moves bytes. The driver is polled by
/// whichever call is using the connection, in that call's task, instead of in
/// a task of its own: a request then costs no hop between tasks.
pub(crate) struct Connection {
    pub(crate) sender: http1::SendRequest<Body>,
    pub(crate) driver: Pin<Box<http1::Connection<TokioIo<Stream>, Body>>>,
    /// The driver has finished: the connection is closed.
    pub(crate) closed: bool,
    /// The deadline of the current exchange. Pushing a registered tokio timer
    /// later is nearly free; a new timer per request costs a trip through the
    /// timer wheel (measured on the old transport: about 8% of a loopback call).
    pub(crate) timer: Pin<Box<Sleep>>,
}

impl Connection {
    /// Starts HTTP/1.1 on an open stream.
    pub(crate) async fn handshake(stream: Stream) -> Result<Connection, Failure> {
        // One buffer for the head and the body: a request is small, and copying
        // it is cheaper than managing a queue of buffers for a vectored write.
        let (sender, driver) = http1::Builder::new()
            .writev(false)
            .handshake(TokioIo::new(stream))
            .await
            .map_err(|e| unsent(ErrorKind::Transport, "could not start HTTP/1.1").with_source(e))?;
        Ok(Connection {
            sender,
            driver: Box::pin(driver),
            closed: false,
            timer: Box::pin(tokio::time::sleep(Duration::from_secs(3600))),
        })
    }
}

struct Idle {
    connection: Connection,
    since: Instant,
}

/// The idle connections of one runtime to one origin.
struct IdleSet {
    /// A connection's socket and timer belong to the runtime that made them,
    /// and a client may be shared by several.
    runtime: tokio::runtime::Id,
    origin: Origin,
    /// Oldest first.
    connections: Vec<Idle>,
}

/// Idle keep-alive connections by runtime and origin. A short list searched
/// in order: a process talks to a few origins from a few runtimes, and
/// comparing a few keys is cheaper than hashing one.
#[derive(Default)]
pub(crate) struct Pool {
    idle: Mutex<Vec<IdleSet>>,
}

impl Pool {
    /// The most recently used idle connection to `origin`, if one is young enough.
    pub(crate) fn take(&self, runtime: tokio::runtime::Id, origin: &Origin, now: Instant) -> Option<Connection> {
        let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        let set = idle
            .iter_mut()
            .find(|set| set.runtime == runtime && set.origin == *origin)?;
        while let Some(candidate) = set.connections.pop() {
            if now.saturating_duration_since(candidate.since) < MAX_IDLE {
                return Some(candidate.connection);
            }
        }
        None
    }

    /// Keeps a connection whose exchange went well; `now` is when that
    /// exchange started, so its idle time is counted from a little early.
    pub(crate) fn put(&self, runtime: tokio::runtime::Id, origin: &Origin, connection: Connection, now: Instant) {
        let idle_connection = Idle { connection, since: now };
        let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        let index = match idle
            .iter()
            .position(|set| set.runtime == runtime && set.origin == *origin)
        {
            Some(index) => index,
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
                    origin: origin.clone(),
                    connections: Vec::new(),
                });
                idle.len() - 1
            }
        };
        let Some(set) = idle.get_mut(index) else {
            return;
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
        if set.connections.len() < MAX_IDLE_PER_ORIGIN {
            set.connections.push(idle_connection);
        }
    }
}
