//! A blocking client, for programs without an async runtime (feature `blocking`).
//!
//! It drives the async [`crate::Client`] on a small runtime of its own, so it
//! has the same signing, credentials, retries and errors. Called from a thread
//! of another runtime (inside `spawn_blocking`), it blocks a thread of its own;
//! in async code, prefer the async client, which does not block at all.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let client = tcapi_runtime::blocking::Client::new(tcapi_runtime::Client::from_env()?)?;
//! let response = client.call_json("cvm", "2017-03-12", "DescribeRegions", &serde_json::json!({}))?;
//! println!("{response}");
//! # Ok(())
//! # }
//! ```

use std::sync::Arc;

use crate::action::{Action, ErrorCode};
use crate::client::CallOptions;
use crate::error::{ActionError, ConfigError, Error, ErrorKind, Failure};

/// A blocking client. Cheap to clone; clones share the connection pool and runtime.
#[derive(Debug, Clone)]
pub struct Client {
    inner: crate::Client,
    runtime: Arc<OwnedRuntime>,
}

/// Shuts the runtime down without blocking, so that dropping the client is
/// safe anywhere, even inside another runtime.
#[derive(Debug)]
struct OwnedRuntime(Option<tokio::runtime::Runtime>);

impl Drop for OwnedRuntime {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}

impl Client {
    /// Wraps an async client. One worker thread runs its connections.
    pub fn new(inner: crate::Client) -> Result<Self, ConfigError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("tcapi-blocking")
            .enable_all()
            .build()
            .map_err(|e| ConfigError::new(format!("cannot start the blocking client's runtime: {e}")))?;
        Ok(Client {
            inner,
            runtime: Arc::new(OwnedRuntime(Some(runtime))),
        })
    }

    /// The async client inside.
    pub fn inner(&self) -> &crate::Client {
        &self.inner
    }

    fn block_on<T: Send, C: ErrorCode>(
        &self,
        action: &str,
        future: impl std::future::Future<Output = Result<T, ActionError<C>>> + Send,
    ) -> Result<T, ActionError<C>> {
        let misuse = |message: &str| ActionError::other(action.to_string(), Failure::new(ErrorKind::Config, message));
        let Some(runtime) = &self.runtime.0 else {
            return Err(misuse("the blocking client's runtime has shut down"));
        };
        if tokio::runtime::Handle::try_current().is_err() {
            return runtime.block_on(future);
        }
        // On a thread of another runtime (inside spawn_blocking, say), tokio
        // forbids blocking this thread on a runtime: block a scoped one instead.
        std::thread::scope(|scope| scope.spawn(|| runtime.block_on(future)).join())
            .unwrap_or_else(|_| Err(misuse("the blocking call's thread panicked")))
    }

    /// [`crate::Client::call`], blocking.
    pub fn call<A: Action>(&self, request: &A) -> Result<A::Output, ActionError<A::ErrorCode>> {
        self.block_on(A::INFO.name, self.inner.call(request))
    }

    /// [`crate::Client::call_with`], blocking.
    pub fn call_with<A: Action>(
        &self,
        request: &A,
        options: &CallOptions,
    ) -> Result<A::Output, ActionError<A::ErrorCode>> {
        self.block_on(A::INFO.name, self.inner.call_with(request, options))
    }

    /// [`crate::Client::call_json`], blocking.
    pub fn call_json(
        &self,
        service: &str,
        version: &str,
        action: &str,
        body: &serde_json::Value,
    ) -> Result<serde_json::Value, Error> {
        self.call_json_with(service, version, action, body, &CallOptions::default())
    }

    /// [`crate::Client::call_json_with`], blocking.
    pub fn call_json_with(
        &self,
        service: &str,
        version: &str,
        action: &str,
        body: &serde_json::Value,
        options: &CallOptions,
    ) -> Result<serde_json::Value, Error> {
        self.block_on(
            action,
            self.inner.call_json_typed(service, version, action, body, options),
        )
        .map_err(Error::from)
    }
}
