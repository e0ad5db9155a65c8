//! One request and its whole answer over one connection, and how far it got
//! when it failed: that decides whether it may be sent again.

use std::error::Error as StdError;
use std::future::Future;
use std::pin::{pin, Pin};
use std::task::{Context, Poll, Waker};

use hyper::body::{Body as _, Incoming};
use hyper::Request;
use tokio::time::Instant;
use zeroize::Zeroize;

use super::pool::{Body, Connection};
use crate::error::{ErrorKind, Failure};

/// Bodies are read into a buffer this large at first, at most: a
/// Content-Length is the server's word, not a promise of memory to spend.
const MAX_PREALLOCATED: usize = 1024 * 1024;

/// How far a failed exchange got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    /// The connection closed before it took the request: nothing was written.
    NotWritten,
    /// The request may have been written, and not a byte of the answer was read.
    NoAnswer,
    /// Part of the answer arrived, or the time ran out.
    Answered,
}

/// A whole answer.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) body: Vec<u8>,
    /// The `X-TC-RequestId` header, for a body that has no RequestId.
    pub(crate) request_id: Option<String>,
}

/// The longest `X-TC-RequestId` header kept: a RequestId is a 36-character UUID.
const MAX_REQUEST_ID: usize = 128;

/// A failed exchange.
pub(crate) struct Failed {
    pub(crate) stage: Stage,
    pub(crate) failure: Failure,
}

impl Failed {
    fn new(stage: Stage, kind: ErrorKind, message: impl Into<String>) -> Failed {
        let mut failure = Failure::new(kind, message);
        failure.maybe_sent = stage != Stage::NotWritten;
        Failed { stage, failure }
    }

    /// `what` happened, and hyper's innermost cause says how (its errors never hold a header).
    fn because(stage: Stage, kind: ErrorKind, what: &str, error: &hyper::Error) -> Failed {
        Failed::new(stage, kind, format!("{what} ({})", innermost(error)))
    }
}

/// Sends `request` over `connection` and reads the whole answer, at most
/// `max_body` bytes of body, by `deadline`. The connection's driver runs in
/// this task while it does.
pub(crate) async fn exchange(
    connection: &mut Connection,
    request: Request<Body>,
    max_body: usize,
    deadline: Instant,
) -> Result<Answer, Failed> {
    connection.timer.as_mut().reset(deadline);
    let Connection {
        sender,
        driver,
        closed,
        timer,
    } = connection;
    let answer = async {
        std::future::poll_fn(|cx| sender.poll_ready(cx)).await.map_err(|e| {
            Failed::because(
                Stage::NotWritten,
                ErrorKind::Transport,
                "the connection closed before the request was sent",
                &e,
            )
        })?;
        let response = sender.try_send_request(request).await.map_err(|mut e| {
            let written = e.take_message().is_none();
            send_failure(e.into_error(), written)
        })?;
        let status = response.status().as_u16();
        let request_id = response
            .headers()
            .get("x-tc-requestid")
            .and_then(|value| value.to_str().ok())
            .filter(|id| !id.is_empty() && id.len() <= MAX_REQUEST_ID)
            .map(str::to_string);
        let body = read_body(response.into_body(), status, max_body).await?;
        Ok(Answer {
            status,
            body,
            request_id,
        })
    };
    let mut answer = pin!(answer);
    let mut first = true;
    std::future::poll_fn(|cx| {
        if std::mem::take(&mut first) {
            // The driver sees a close by the server since the last exchange
            // (the request then fails as never written), and is left with a
            // waker that does nothing: with this task's, queueing the request
            // below would wake the task for one more poll of everything.
            let mut quiet = Context::from_waker(Waker::noop());
            if !*closed && driver.as_mut().poll(&mut quiet).is_ready() {
                *closed = true;
            }
            if let Poll::Ready(result) = answer.as_mut().poll(cx) {
                return Poll::Ready(result);
            }
        }
        if !*closed && driver.as_mut().poll(cx).is_ready() {
            *closed = true;
        }
        if let Poll::Ready(result) = answer.as_mut().poll(cx) {
            return Poll::Ready(result);
        }
        if timer.as_mut().poll(cx).is_ready() {
            return Poll::Ready(Err(Failed::new(
                Stage::Answered,
                ErrorKind::Timeout,
                "no complete response within the client's timeout",
            )));
        }
        Poll::Pending
    })
    .await
}

/// Why a request got no answer head.
fn send_failure(error: hyper::Error, written: bool) -> Failed {
    let (stage, what) = if !written {
        (Stage::NotWritten, "the connection closed before the request was sent")
    } else if error.is_parse() || error.is_parse_status() {
        (Stage::Answered, "the response is not valid HTTP/1.1")
    } else if error.is_incomplete_message() {
        (
            Stage::NoAnswer,
            "the connection closed before the response was complete",
        )
    } else {
        (Stage::NoAnswer, "the connection failed")
    };
    Failed::because(stage, ErrorKind::Transport, what, &error)
}

/// Reads the whole body, within the cap, into a buffer that is zeroed
/// whenever it is given back: a body may hold temporary credentials (STS, the
/// metadata service).
async fn read_body(mut body: Incoming, status: u16, max_body: usize) -> Result<Vec<u8>, Failed> {
    let too_large = || {
        let message = format!("the response body is larger than the {max_body} byte cap");
        let mut failed = Failed::new(Stage::Answered, ErrorKind::MalformedResponse, message);
        failed.failure = failed.failure.with_status(status);
        failed
    };
    let announced = usize::try_from(body.size_hint().lower()).unwrap_or(usize::MAX);
    if announced > max_body {
        return Err(too_large());
    }
    let mut received = Vec::with_capacity(announced.min(MAX_PREALLOCATED));
    while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let frame = frame.map_err(|e| {
            let what = if e.is_incomplete_message() || ends_early(&e) {
                "the connection closed before the response was complete"
            } else {
                "the response body could not be read"
            };
            Failed::because(Stage::Answered, ErrorKind::Transport, what, &e)
        })?;
        let Ok(data) = frame.into_data() else {
            continue; // Trailers: nothing of ours.
        };
        if data.len() > max_body - received.len() {
            received.zeroize();
            return Err(too_large());
        }
        append_zeroizing(&mut received, &data);
    }
    Ok(received)
}

/// `buffer.extend_from_slice(data)`, except that a buffer outgrown is zeroed
/// before its memory is freed.
fn append_zeroizing(buffer: &mut Vec<u8>, data: &[u8]) {
    if buffer.capacity() - buffer.len() < data.len() {
        let mut grown = Vec::with_capacity((buffer.len() + data.len()).max(buffer.capacity() * 2));
        grown.extend_from_slice(buffer);
        buffer.zeroize();
        *buffer = grown;
    }
    buffer.extend_from_slice(data);
}

/// A body cut short by the end of the stream.
fn ends_early(error: &hyper::Error) -> bool {
    let mut source = error.source();
    while let Some(cause) = source {
        if cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::UnexpectedEof)
        {
            return true;
        }
        source = cause.source();
    }
    false
}

/// The deepest cause of an error, which says what happened on the wire.
fn innermost(error: &hyper::Error) -> String {
    let mut deepest: &dyn StdError = error;
    while let Some(cause) = deepest.source() {
        deepest = cause;
    }
    deepest.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_growing_buffer_keeps_its_bytes() {
        let mut buffer = Vec::with_capacity(2);
        for chunk in [&b"ab"[..], b"cde", b"", b"fghijklmn"] {
            append_zeroizing(&mut buffer, chunk);
        }
        assert_eq!(buffer, b"abcdefghijklmn");
    }
}
