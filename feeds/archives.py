"""RFC 5005 archived feeds: which entries go in the current document and which archive page.

Pages are numbered from the oldest, so they are stable: page 1 always holds the oldest
``size`` entries, page k the next ``size``. The current document holds the newest ``size``
entries; the archives hold everything older, the newest archive page possibly partial.
New entries therefore rewrite the current document and at most the newest archive page
(plus the pages they create); a full page never changes again unless one of its articles
is corrected or an older article is inserted before it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from feeds.model import FeedSpec


@dataclass(frozen=True)
class ArchivePage:
    """Archive page ``number``: the entries at oldest-first indexes ``start`` … ``stop - 1``."""

    number: int
    start: int
    stop: int


@dataclass(frozen=True)
class Pagination:
    """How ``total`` entries split into archive pages and the current document.

    Pages are computed when asked for, never listed whole: a feed of a million entries has
    twenty thousand pages, and a publish touches two of them.
    """

    total: int
    size: int

    @property
    def archived(self) -> int:
        """Entries on archive pages: all but the current document's."""
        return max(0, self.total - self.size)

    @property
    def count(self) -> int:
        """The number of archive pages."""
        return -(-self.archived // self.size)

    @property
    def pages(self) -> tuple[ArchivePage, ...]:
        """Every archive page, oldest first (``pages[0].number == 1``)."""
        return tuple(self.page(number) for number in range(1, self.count + 1))

    def page(self, number: int) -> ArchivePage:
        """Archive page ``number``; ValueError when there is no such page."""
        self._check(number)
        start = (number - 1) * self.size
        return ArchivePage(number, start, min(start + self.size, self.archived))

    @property
    def current_start(self) -> int:
        """Oldest-first index of the current document's oldest entry."""
        return self.archived

    @property
    def newest_archive(self) -> int | None:
        """The number of the newest archive page: the current document's ``prev-archive``."""
        return self.count or None

    def links(self, number: int | None) -> tuple[int | None, int | None]:
        """``(prev_archive, next_archive)`` of archive page ``number`` (None: current).

        >>> paginate(25, 10).links(None), paginate(25, 10).links(1)
        ((2, None), (None, 2))
        """
        if number is None:
            return self.newest_archive, None
        self._check(number)
        older = number - 1 if number > 1 else None
        newer = number + 1 if number < self.count else None
        return older, newer

    def entry_range(self, number: int | None) -> tuple[int, int]:
        """``(start, stop)``: the oldest-first indexes of a document's entries, ``start`` …
        ``stop - 1``. A query selects them by the feed's order key, never by an OFFSET
        (which reads and drops every row before it): with entries numbered from 1 in the
        order added, ``start < number <= stop``, newest first.

        >>> p = paginate(25, 10)
        >>> p.entry_range(None), p.entry_range(2), p.entry_range(1)
        ((15, 25), (10, 15), (0, 10))
        """
        if number is None:
            return self.current_start, self.total
        page = self.page(number)
        return page.start, page.stop

    def page_of(self, index: int) -> int | None:
        """The archive page holding the entry at oldest-first ``index``; None: current."""
        if index >= self.current_start:
            return None
        return index // self.size + 1

    def _check(self, number: int) -> int:
        if not 1 <= number <= self.count:
            raise ValueError(f"archive page {number} does not exist (1…{self.count})")
        return number


def paginate(total: int, size: int) -> Pagination:
    """Split ``total`` entries (counted oldest first) into archive pages of ``size``.

    >>> p = paginate(23, 10)  # current: the newest 10 (indexes 13-22)
    >>> [(page.number, page.start, page.stop) for page in p.pages]
    [(1, 0, 10), (2, 10, 13)]
    >>> paginate(28, 10).pages[-1]  # five new entries: page 2 grows, page 1 is untouched
    ArchivePage(number=2, start=10, stop=18)
    >>> paginate(10, 10).pages
    ()
    """
    if size < 1 or total < 0:
        raise ValueError(f"paginate needs size >= 1 and total >= 0, got {total=} {size=}")
    return Pagination(total=total, size=size)


def archives_to_write(
    before: Pagination, after: Pagination, first_changed: int | None = None
) -> tuple[int, ...]:
    """Archive pages of ``after`` whose document differs from ``before``'s: their entry
    range or their links changed, or they hold an entry at oldest-first index
    ``first_changed`` or later (default: ``before.total``, i.e. entries were only added).

    >>> archives_to_write(paginate(23, 10), paginate(28, 10))  # page 2 grows
    (2,)
    >>> archives_to_write(paginate(28, 10), paginate(38, 10))  # page 2 fills, 3 appears
    (2, 3)
    >>> archives_to_write(paginate(30, 10), paginate(31, 10))  # full page 2 gains next-archive
    (2, 3)
    >>> archives_to_write(paginate(38, 10), paginate(38, 10), first_changed=5)  # correction
    (1, 2, 3)

    Pages numbered above ``after.count`` no longer exist (entries were deleted). Only the
    pages near the newest end and after ``first_changed`` are looked at: the cost is the
    pages written, not the pages there are.
    """
    if before.size != after.size:
        return tuple(range(1, after.count + 1))
    changed_from = before.total if first_changed is None else first_changed
    # Pages holding an entry at or after the change: stop > changed_from.
    touched: set[int] = set()
    if changed_from < after.archived:
        touched.update(range(max(1, changed_from // after.size + 1), after.count + 1))
    # The rest are pages whose range or links moved: only the last pages of either side
    # can differ (every earlier page is full, with the same neighbours, in both).
    for number in range(max(1, min(before.count, after.count) - 1), after.count + 1):
        same = (
            number <= before.count
            and before.page(number) == after.page(number)
            and before.links(number) == after.links(number)
        )
        if not same:
            touched.add(number)
    return tuple(sorted(touched))


def archive_spec(feed: FeedSpec, pagination: Pagination, number: int | None) -> FeedSpec:
    """``feed`` as the current document (``number`` None) or archive page ``number`` of
    ``pagination``, with its RFC 5005 links set; the entries stay the caller's choice
    (select them by ``pagination.entry_range(number)``)."""
    older, newer = pagination.links(number)
    return dataclasses.replace(feed, archive=number, prev_archive=older, next_archive=newer)
