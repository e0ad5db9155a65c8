//! Where the next page starts and when paging stops: the paginator's rules,
//! apart from the calls, so that they are tested on their own.

use super::{PageStyle, Paged};

/// What follows a page.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Next {
    /// Yield the page; the request now asks for the next one.
    More,
    /// Yield the page: it is the last.
    Last,
    /// An empty page after the first: yield nothing more.
    End,
    /// The page at position `at` repeats the one before it: end with an error instead of it.
    Repeated { at: i64 },
    /// Yield the page, then an error: the position after `at` does not fit the request.
    Unreachable { at: i64 },
}

/// What a paginator remembers between pages.
pub(super) struct Cursor<I> {
    /// Pages seen so far.
    pages: u64,
    /// The limit, else the first page's length: how far a page number moves.
    page_size: Option<i64>,
    /// The last non-empty page's length and first and last items.
    last: Option<(usize, I, I)>,
}

impl<I: Clone + PartialEq> Cursor<I> {
    pub(super) fn new() -> Self {
        Cursor {
            pages: 0,
            page_size: None,
            last: None,
        }
    }

    /// Looks at the page `request` got and, when there is more, points `request` at the next page.
    pub(super) fn after<A: Paged<Item = I>>(&mut self, request: &mut A, output: &mut A::Output) -> Next {
        let [position, limit] = request.cursor();
        let at = position.get().unwrap_or(A::STYLE.first());
        let limit = limit.get().filter(|l| *l > 0);
        let (total, items) = A::page(output);
        let total = total.get();
        let items = items.as_deref().unwrap_or_default();
        let first = self.pages == 0;
        self.pages += 1;
        let (Some(head), Some(tail)) = (items.first(), items.last()) else {
            return if first { Next::Last } else { Next::End };
        };
        let signature = (items.len(), head.clone(), tail.clone());
        if self.last.as_ref() == Some(&signature) {
            return Next::Repeated { at };
        }
        self.last = Some(signature);
        let count = i64::try_from(items.len()).unwrap_or(i64::MAX);
        let size = *self.page_size.get_or_insert(limit.unwrap_or(count));
        // The next position, and the items up to the end of this page.
        let (next, through) = match A::STYLE {
            PageStyle::OffsetLimit => (at.checked_add(count), at.saturating_add(count)),
            PageStyle::PageNumber => (
                at.checked_add(1),
                at.saturating_sub(1).saturating_mul(size).saturating_add(count),
            ),
        };
        if total.is_some_and(|total| through >= total) || limit.is_some_and(|limit| count < limit) {
            return Next::Last;
        }
        match next {
            Some(next) if next > at => {
                position.set(next);
                if position.get() == Some(next) {
                    Next::More
                } else {
                    Next::Unreachable { at }
                }
            }
            _ => Next::Unreachable { at },
        }
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    use super::{Cursor, Next};
    use crate::pages::{PageCursor, PageInt, PageParts, PageStyle, Paged};
    use crate::{Action, ActionInfo, RawCode, ServiceInfo};

    const SERVICE: ServiceInfo = ServiceInfo {
        name: "demo",
        version: "2020-01-01",
        host: "demo.tencentcloudapi.com",
    };

    #[derive(Serialize, Default)]
    struct List {
        offset: Option<u64>,
        limit: Option<i64>,
    }

    #[derive(Serialize, Default)]
    struct ByNumber {
        page: i64,
        size: Option<u64>,
    }

    #[derive(Deserialize, Default)]
    struct Page {
        total: Option<u64>,
        items: Option<Vec<u32>>,
    }

    impl Action for List {
        type Output = Page;
        type ErrorCode = RawCode;
        const INFO: ActionInfo = SERVICE.action("List");
    }

    impl Paged for List {
        type Item = u32;
        const STYLE: PageStyle = PageStyle::OffsetLimit;
        fn cursor(&mut self) -> PageCursor<'_> {
            [&mut self.offset, &mut self.limit]
        }
        fn page(output: &mut Page) -> PageParts<'_, u32> {
            (&output.total, &mut output.items)
        }
    }

    impl Action for ByNumber {
        type Output = Page;
        type ErrorCode = RawCode;
        const INFO: ActionInfo = SERVICE.action("ByNumber");
    }

    impl Paged for ByNumber {
        type Item = u32;
        const STYLE: PageStyle = PageStyle::PageNumber;
        fn cursor(&mut self) -> PageCursor<'_> {
            [&mut self.page, &mut self.size]
        }
        fn page(output: &mut Page) -> PageParts<'_, u32> {
            (&output.total, &mut output.items)
        }
    }

    fn page(total: Option<u64>, items: std::ops::Range<u32>) -> Page {
        Page {
            total,
            items: Some(items.collect()),
        }
    }

    #[test]
    fn offsets_grow_by_the_items_and_stop_at_the_total() {
        let mut cursor = Cursor::new();
        let mut request = List {
            offset: None,
            limit: Some(100),
        };
        assert_eq!(cursor.after(&mut request, &mut page(Some(250), 0..100)), Next::More);
        assert_eq!(request.offset, Some(100));
        assert_eq!(request.limit, Some(100), "the limit is kept");
        assert_eq!(cursor.after(&mut request, &mut page(Some(250), 100..200)), Next::More);
        assert_eq!(cursor.after(&mut request, &mut page(Some(250), 200..250)), Next::Last);
    }

    #[test]
    fn short_and_empty_pages_stop_and_a_missing_limit_pages_by_what_came_back() {
        let mut request = List::default();
        let mut cursor = Cursor::new();
        assert_eq!(cursor.after(&mut request, &mut page(None, 0..20)), Next::More);
        assert_eq!(request.offset, Some(20));
        assert_eq!(cursor.after(&mut request, &mut page(None, 20..40)), Next::More);
        assert_eq!(cursor.after(&mut request, &mut page(None, 0..0)), Next::End);

        let mut request = List {
            offset: Some(7),
            limit: Some(10),
        };
        assert_eq!(Cursor::new().after(&mut request, &mut page(None, 7..12)), Next::Last);
        assert_eq!(Cursor::new().after(&mut request, &mut page(Some(9), 0..0)), Next::Last);
    }

    #[test]
    fn a_repeated_page_or_a_position_that_cannot_grow_does_not_advance() {
        let mut request = List {
            offset: None,
            limit: Some(3),
        };
        let mut cursor = Cursor::new();
        assert_eq!(cursor.after(&mut request, &mut page(Some(9), 0..3)), Next::More);
        assert_eq!(
            cursor.after(&mut request, &mut page(Some(9), 0..3)),
            Next::Repeated { at: 3 }
        );

        let start = i64::MAX - 1;
        let mut request = List {
            offset: u64::try_from(start).ok(),
            limit: Some(3),
        };
        assert_eq!(
            Cursor::new().after(&mut request, &mut page(Some(u64::MAX), 0..3)),
            Next::Unreachable { at: start }
        );
    }

    #[test]
    fn page_numbers_start_at_one_and_count_pages() {
        let mut request = ByNumber { page: 0, size: None };
        request.cursor()[0].set(PageStyle::PageNumber.first());
        let mut cursor = Cursor::new();
        assert_eq!(cursor.after(&mut request, &mut page(Some(25), 0..10)), Next::More);
        assert_eq!(request.page, 2);
        assert_eq!(request.size, None, "no page size is made up");
        assert_eq!(cursor.after(&mut request, &mut page(Some(25), 10..20)), Next::More);
        assert_eq!(cursor.after(&mut request, &mut page(Some(25), 20..25)), Next::Last);
    }

    #[test]
    fn unsigned_members_read_and_set_within_range() {
        let mut value: Option<u64> = None;
        assert_eq!(value.get(), None);
        value.set(5);
        assert_eq!(value, Some(5));
        value.set(-1);
        assert_eq!(value, Some(0));
        assert_eq!(u64::MAX.get(), None);
    }

    #[test]
    fn string_counts_read_and_set_as_decimal_digits() {
        let mut offset: Option<String> = None;
        assert_eq!(offset.get(), None);
        offset.set(200);
        assert_eq!(offset.as_deref(), Some("200"));
        assert_eq!(String::from(" 42 ").get(), Some(42));
        assert_eq!(
            String::from("many").get(),
            None,
            "a string that holds no count is no count"
        );
    }
}
