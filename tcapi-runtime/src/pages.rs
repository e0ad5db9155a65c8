//! Paginators: [`Pages`] and [`Items`], streams over the pages of a paged action.
//!
//! The derive implements [`Paged`] on the request of every action that pages
//! by `Offset`/`Limit` or `PageNumber`/`PageSize` (the rule is in
//! `tcapi_spec::paging`, which the mock server uses too), and adds two methods
//! per action: `<method>_pages` and `<method>_items`. The generated impl only
//! points at the members; the rules are here, in one place:
//!
//! - the first page is the request as given: its `Offset` (default 0) or
//!   `PageNumber` (default 1), and its `Limit` or `PageSize`, which every
//!   page keeps;
//! - the next page starts after this one: `Offset` grows by the items on the
//!   page (so a request without a limit pages by what the service returns),
//!   `PageNumber` by one;
//! - the stream stops once the items so far reach the page's total, on an
//!   empty page (which it does not yield, unless it is the first), or on a page
//!   shorter than the request's limit;
//! - a page that does not advance ends the stream with an
//!   [`ErrorKind::MalformedResponse`] error naming the action and the
//!   position: a page that repeats the one before it (same length, same first
//!   and last item: the service ignored the position), or a next position
//!   that the request's member cannot hold. So a paginator never loops forever;
//! - each page is one [`Client::call`], with its signing, retries and rate
//!   limit; an error ends the stream after yielding it;
//! - nothing is sent until the stream is polled, and dropping the stream drops
//!   the call in flight.
//!
//! Both streams implement [`futures_core::Stream`] (re-exported as [`Stream`]),
//! so `futures::StreamExt` or `tokio_stream::StreamExt` work on them, and both
//! have an inherent `next()` for a plain loop:
//!
//! ```no_run
//! # async fn demo<A: tcapi_runtime::Paged>(client: &tcapi_runtime::Client, request: A)
//! # -> Result<(), tcapi_runtime::ActionError<A::ErrorCode>> {
//! let mut items = tcapi_runtime::Items::new(client, request);
//! while let Some(item) = items.next().await {
//!     let _item: A::Item = item?;
//! }
//! # Ok(()) }
//! ```

mod cursor;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

pub use futures_core::{FusedStream, Stream};

use crate::error::Failure;
use crate::{Action, ActionError, Client, ErrorKind};

use cursor::{Cursor, Next};

/// How a paged request says where its page starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageStyle {
    /// An item offset from 0 (`Offset`) and a page size (`Limit`): the next
    /// page starts at the offset plus the items on this page.
    OffsetLimit,
    /// A page number from 1 (`PageNumber`) and a page size (`PageSize`): the
    /// next page is the next number.
    PageNumber,
}

impl PageStyle {
    /// Where a request without a position starts: offset 0, or page 1.
    pub fn first(self) -> i64 {
        match self {
            PageStyle::OffsetLimit => 0,
            PageStyle::PageNumber => 1,
        }
    }

    fn position(self) -> &'static str {
        match self {
            PageStyle::OffsetLimit => "offset",
            PageStyle::PageNumber => "page number",
        }
    }
}

/// A count member that a paginator reads or sets: a request's position or
/// limit, or a response's total. Implemented for the types generated for
/// `int64`, `uint64` and `string` members (some services send counts as
/// decimal strings), optional or not.
pub trait PageInt {
    /// The value, if it is set and fits an `i64`.
    fn get(&self) -> Option<i64>;
    /// Sets the value; a negative value sets an unsigned member to 0.
    fn set(&mut self, value: i64);
}

impl PageInt for i64 {
    fn get(&self) -> Option<i64> {
        Some(*self)
    }

    fn set(&mut self, value: i64) {
        *self = value;
    }
}

impl PageInt for u64 {
    fn get(&self) -> Option<i64> {
        i64::try_from(*self).ok()
    }

    fn set(&mut self, value: i64) {
        *self = u64::try_from(value).unwrap_or(0);
    }
}

/// A count written as decimal digits, as vpc's DescribeVpcs takes its `Offset`.
impl PageInt for String {
    fn get(&self) -> Option<i64> {
        self.trim().parse().ok()
    }

    fn set(&mut self, value: i64) {
        *self = value.to_string();
    }
}

impl<T: PageInt + Default> PageInt for Option<T> {
    fn get(&self) -> Option<i64> {
        self.as_ref().and_then(PageInt::get)
    }

    fn set(&mut self, value: i64) {
        self.get_or_insert_with(T::default).set(value);
    }
}

/// A request's position and limit members, in that order (see [`Paged::cursor`]).
pub type PageCursor<'a> = [&'a mut dyn PageInt; 2];

/// A response's total and its list of items (see [`Paged::page`]).
pub type PageParts<'a, I> = (&'a dyn PageInt, &'a mut Option<Vec<I>>);

/// A request whose action pages its results. The derive implements it for the
/// request of each paged action; [`Pages`] and [`Items`] do the paging.
pub trait Paged: Action<Output: 'static> + 'static {
    /// The element of the response's list, e.g. `Instance` for cvm DescribeInstances.
    type Item: Clone + PartialEq + Send + 'static;
    /// Offset/limit or page number/page size.
    const STYLE: PageStyle;
    /// The request's position member (`Offset` or `PageNumber`) and its limit
    /// member (`Limit` or `PageSize`).
    fn cursor(&mut self) -> PageCursor<'_>;
    /// The response's total member (`TotalCount` or `Total`) and its list of items.
    fn page(output: &mut Self::Output) -> PageParts<'_, Self::Item>;
}

/// What one page's call resolves to: the request it sent, and the page.
type Fetched<A> = (A, Result<<A as Action>::Output, ActionError<<A as Action>::ErrorCode>>);
type PageFuture<A> = Pin<Box<dyn Future<Output = Fetched<A>> + Send>>;

fn fetch<A: Paged>(client: Client, request: A) -> PageFuture<A> {
    Box::pin(async move {
        let page = client.call(&request).await;
        (request, page)
    })
}

enum Step<A: Paged> {
    /// A page's call, not yet finished (or not yet started: nothing is sent before the first poll).
    Fetch(PageFuture<A>),
    /// The error to yield after the last page.
    Fail(ActionError<A::ErrorCode>),
    Done,
}

/// The pages of a paged action, each a response, as a [`Stream`]. Built by a
/// generated `<method>_pages` method or by [`Pages::new`]; see the
/// [module docs](self) for when it stops.
#[must_use = "a stream does nothing unless polled"]
pub struct Pages<A: Paged> {
    client: Client,
    step: Step<A>,
    cursor: Cursor<A::Item>,
}

impl<A: Paged> Pages<A> {
    /// The pages of `request`, starting at its position, sent with `client`.
    pub fn new(client: &Client, request: A) -> Self {
        Pages {
            client: client.clone(),
            step: Step::Fetch(fetch(client.clone(), request)),
            cursor: Cursor::new(),
        }
    }

    /// The items of every page, one by one, instead of the pages.
    pub fn items(self) -> Items<A> {
        Items {
            pages: self,
            buffer: Vec::new().into_iter(),
        }
    }

    /// The next page, or `None` at the end: [`Stream::poll_next`] as a
    /// future, so that a loop needs no stream utility crate.
    pub async fn next(&mut self) -> Option<Result<A::Output, ActionError<A::ErrorCode>>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

fn not_advancing<A: Paged>(message: String) -> ActionError<A::ErrorCode> {
    ActionError::other(A::INFO.name, Failure::new(ErrorKind::MalformedResponse, message))
}

impl<A: Paged> Stream for Pages<A> {
    type Item = Result<A::Output, ActionError<A::ErrorCode>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        let mut future = match std::mem::replace(&mut this.step, Step::Done) {
            Step::Done => return Poll::Ready(None),
            Step::Fail(error) => return Poll::Ready(Some(Err(error))),
            Step::Fetch(future) => future,
        };
        let (mut request, page) = match future.as_mut().poll(cx) {
            Poll::Pending => {
                this.step = Step::Fetch(future);
                return Poll::Pending;
            }
            Poll::Ready(fetched) => fetched,
        };
        let mut output = match page {
            Ok(output) => output,
            Err(error) => return Poll::Ready(Some(Err(error))),
        };
        let position = A::STYLE.position();
        Poll::Ready(match this.cursor.after(&mut request, &mut output) {
            Next::More => {
                this.step = Step::Fetch(fetch(this.client.clone(), request));
                Some(Ok(output))
            }
            Next::Last => Some(Ok(output)),
            Next::End => None,
            Next::Repeated { at } => Some(Err(not_advancing::<A>(format!(
                "the page at {position} {at} repeats the page before it (same length, same first and last item): \
                 the service does not advance, so paging stops"
            )))),
            Next::Unreachable { at } => {
                this.step = Step::Fail(not_advancing::<A>(format!(
                    "the page after {position} {at} cannot be asked for: its {position} does not fit the request, \
                     so paging stops"
                )));
                Some(Ok(output))
            }
        })
    }
}

impl<A: Paged> FusedStream for Pages<A> {
    fn is_terminated(&self) -> bool {
        matches!(self.step, Step::Done)
    }
}

// No field is pinned: the call in flight is boxed.
impl<A: Paged> Unpin for Pages<A> {}

impl<A: Paged> fmt::Debug for Pages<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("action", &A::INFO.name)
            .field("done", &self.is_terminated())
            .finish_non_exhaustive()
    }
}

/// The items of every page of a paged action, one by one, as a [`Stream`].
/// Built by a generated `<method>_items` method, [`Items::new`] or
/// [`Pages::items`]. A failed page yields its error, and the stream ends.
#[must_use = "a stream does nothing unless polled"]
pub struct Items<A: Paged> {
    pages: Pages<A>,
    buffer: std::vec::IntoIter<A::Item>,
}

impl<A: Paged> Items<A> {
    /// The items of every page of `request`, starting at its position, sent with `client`.
    pub fn new(client: &Client, request: A) -> Self {
        Pages::new(client, request).items()
    }

    /// The next item, or `None` at the end: [`Stream::poll_next`] as a
    /// future, so that a loop needs no stream utility crate.
    pub async fn next(&mut self) -> Option<Result<A::Item, ActionError<A::ErrorCode>>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<A: Paged> Stream for Items<A> {
    type Item = Result<A::Item, ActionError<A::ErrorCode>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffer.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match ready!(Pin::new(&mut this.pages).poll_next(cx)) {
                None => return Poll::Ready(None),
                Some(Err(error)) => return Poll::Ready(Some(Err(error))),
                Some(Ok(mut output)) => this.buffer = A::page(&mut output).1.take().unwrap_or_default().into_iter(),
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let buffered = self.buffer.len();
        (buffered, self.pages.is_terminated().then_some(buffered))
    }
}

impl<A: Paged> FusedStream for Items<A> {
    fn is_terminated(&self) -> bool {
        self.buffer.len() == 0 && self.pages.is_terminated()
    }
}

impl<A: Paged> Unpin for Items<A> {}

impl<A: Paged> fmt::Debug for Items<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items")
            .field("action", &A::INFO.name)
            .field("buffered", &self.buffer.len())
            .field("done", &self.is_terminated())
            .finish_non_exhaustive()
    }
}
