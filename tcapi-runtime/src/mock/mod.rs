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
//! A paged action (`Offset`/`Limit` or `PageNumber`/`PageSize` with a total and
//! one list, by the rule the generated paginators follow) answers the page the
//! request asks for: the list of any success it sends, default or scripted, is
//! cut by the request's position and limit, and the total is raised to the
//! whole list's length. So one scripted response with 250 items is 3 pages of 100.
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
//!
// A request goes through `serve` (the accept loop), `handle` (reading and
// recording it), `route` (authentication, then service, version and action),
// then `play` (a scripted reply) or the spec's default answer, wrapped by
// `envelope`; `paging` cuts a paged action's success to the page asked for.

mod auth;
mod builder;
mod catalog;
mod envelope;
mod handle;
mod paging;
mod play;
mod request;
mod request_id;
mod respond;
mod route;
mod serve;
mod server;
mod sts;
mod validate;

pub use builder::MockBuilder;
pub use catalog::default_response;
pub use paging::paged_response;
pub use play::Reply;
pub use request::{MockRequest, RecordedRequest};
pub use respond::example_request;
pub use server::{MockError, MockServer};
/// The spec model the mock serves (the `tcapi-spec` crate): load a
/// [`Service`](spec::Service) and its [`Examples`](spec::examples::Examples)
/// to call [`validate_request`], [`validate_response`] or [`default_response`].
pub use tcapi_spec as spec;
pub use validate::{validate_request, validate_response};

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::AtomicU64;
use std::sync::{Mutex, PoisonError};

use catalog::Served;
use request::Responder;

/// What every connection of one running mock shares.
struct State {
    responder: Option<Box<Responder>>,
    services: Vec<Served>,
    keys: Mutex<HashMap<String, sts::MockKey>>,
    cvm_role: Option<String>,
    issued_lifetime: Option<u64>,
    scripts: Mutex<HashMap<String, VecDeque<Reply>>>,
    recorded: Mutex<VecDeque<RecordedRequest>>,
    /// Numbers request ids and issued keys; see `request_id`.
    counter: AtomicU64,
}

/// A poisoned lock only means another handler panicked; the data is still usable.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
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
