//! A running mock, and why one could not start.

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;

use tokio::sync::oneshot;

use super::{lock, MockBuilder, RecordedRequest, Reply, State};

/// A running mock. It stops when dropped.
pub struct MockServer {
    pub(super) addr: SocketAddr,
    pub(super) scheme: &'static str,
    pub(super) state: Arc<State>,
    pub(super) shutdown: Option<oneshot::Sender<()>>,
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

pub(super) fn mock_error(message: impl Into<String>) -> MockError {
    MockError {
        message: message.into(),
    }
}
