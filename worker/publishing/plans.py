"""What a publish writes of each feed (`FeedPlan`): the documents of its archive chain
that changed since it was last written, read for every feed of a publish at once."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import and_, or_, select, tuple_
from sqlalchemy.orm import Session

from worker.models import FeedArchive, FeedMember, FeedPage
from worker.publishing.selection import FeedInfo

# Entries loaded at once for one feed: a publish covering years of archive pages goes
# through them this many at a time.
PART = 300

Part = tuple[list[int | None], int, int]  # documents, and the `seq` range (low, high]


@dataclass
class FeedPlan:
    """What one publish writes of a feed: `documents` (None: the current document, k:
    archive page k), newest first; entries changed after revision `since` (-1: every
    entry) owe their article page. `before` are the live entries each document held as
    last written."""

    info: FeedInfo
    size: int
    pages: int  # archive pages the feed has now
    documents: list[int | None]
    since: int
    whole: bool
    before: dict[int, int] = field(default_factory=dict)
    entries: int = 0  # live entries on the chain as last written

    def bounds(self, number: int | None) -> tuple[int, int]:
        """The `seq` range (low, high] of a document."""
        if number is None:
            return self.pages * self.size, self.info.added
        return (number - 1) * self.size, number * self.size

    def links(self, number: int | None) -> tuple[int | None, int | None]:
        """`(prev_archive, next_archive)`: archive pages link only to older ones, so a page
        written once never changes when a newer one appears."""
        if number is None:
            return self.pages or None, None
        return (number - 1) or None, None

    def parts(self) -> list[Part]:
        """The documents in parts of about PART entries (one document at least), newest
        first, each with the `seq` range (low, high] it covers."""
        found: list[Part] = []
        queue = list(self.documents)
        while queue:
            part = [queue.pop(0)]
            while queue and self._span([*part, queue[0]]) <= max(PART, self.size):
                part.append(queue.pop(0))
            low = min(self.bounds(n)[0] for n in part)
            found.append((part, low, max(self.bounds(n)[1] for n in part)))
        return found

    def _span(self, numbers: list[int | None]) -> int:
        ranges = [self.bounds(n) for n in numbers]
        return max(high for _, high in ranges) - min(low for low, _ in ranges)


def archived_pages(added: int, size: int) -> int:
    """How many archive pages a feed of `added` entries has: every full page but the one
    the current document needs to hold at least `size` entries.

    >>> [archived_pages(n, 10) for n in (0, 9, 10, 19, 20, 29, 30)]
    [0, 0, 0, 0, 1, 1, 2]
    """
    return max(0, added // size - 1)


def plan_feed(session: Session, info: FeedInfo, size: int, *, whole: bool) -> FeedPlan:
    """The documents of `info` to write: all of them when `whole` (or when nothing was
    written yet, or the page size changed), else the current document, the archive pages
    that appeared, and those holding an entry changed since the last publish."""
    return plan_feeds(session, [info], size, whole=whole)[info.key]


def plan_feeds(
    session: Session, infos: list[FeedInfo], size: int, *, whole: bool
) -> dict[str, FeedPlan]:
    """`plan_feed` of each of `infos`, in a few statements for them all rather than three
    a feed: a publish after one issue plans twenty feeds, a back-fill's hundreds."""
    plans: dict[str, FeedPlan] = {}
    stored: dict[str, FeedArchive] = {}
    if not whole:
        for start in range(0, len(infos), KEYS_AT_ONCE):
            keys = [info.key for info in infos[start : start + KEYS_AT_ONCE]]
            stored.update(
                (row.key, row)
                for row in session.scalars(select(FeedArchive).where(FeedArchive.key.in_(keys)))
            )
    grown: list[tuple[FeedInfo, FeedArchive, int]] = []
    for info in infos:
        pages = archived_pages(info.added, size)
        kept = stored.get(info.key)
        if kept is None or kept.size != size or kept.pages > pages:
            documents: list[int | None] = [None, *range(pages, 0, -1)]
            plans[info.key] = FeedPlan(info, size, pages, documents, -1, True)
        else:
            grown.append((info, kept, pages))
    owed = _owed_pages(session, [(info.key, kept) for info, kept, _ in grown], size)
    numbers = {
        info.key: [None, *sorted(owed[info.key] | set(range(kept.pages + 1, pages + 1)),
                                 reverse=True)]
        for info, kept, pages in grown
    }  # fmt: skip
    before = _page_entries(session, numbers)
    for info, kept, pages in grown:
        plan = FeedPlan(
            info, size, pages, numbers[info.key], kept.revision, False, before[info.key]
        )
        plan.entries = kept.entries
        plans[info.key] = plan
    return plans


# Feeds read by one statement of a plan: an IN list, or an OR of one condition per feed.
KEYS_AT_ONCE = 100


def _owed_pages(
    session: Session, feeds: list[tuple[str, FeedArchive]], size: int
) -> dict[str, set[int]]:
    """The archive pages of each feed holding an entry changed since the revision it last
    wrote (`FeedArchive.revision`)."""
    owed: dict[str, set[int]] = {key: set() for key, _ in feeds}
    paged = [(key, kept) for key, kept in feeds if kept.pages]
    for start in range(0, len(paged), KEYS_AT_ONCE):
        changed = or_(*(
            and_(FeedMember.feed_key == key, FeedMember.revision > kept.revision,
                 FeedMember.seq <= kept.pages * size)
            for key, kept in paged[start : start + KEYS_AT_ONCE]
        ))  # fmt: skip
        for key, seq in session.execute(select(FeedMember.feed_key, FeedMember.seq).where(changed)):
            owed[key].add((seq - 1) // size + 1)
    return owed


def _page_entries(
    session: Session, numbers: dict[str, list[int | None]]
) -> dict[str, dict[int, int]]:
    """The live entries each of the documents `numbers` names (None: the current one,
    stored as 0) held as last written."""
    found: dict[str, dict[int, int]] = {key: {} for key in numbers}
    pairs = [(key, n or 0) for key, documents in numbers.items() for n in documents]
    for start in range(0, len(pairs), 500):
        rows = session.execute(
            select(FeedPage.key, FeedPage.number, FeedPage.entries).where(
                tuple_(FeedPage.key, FeedPage.number).in_(pairs[start : start + 500])
            )
        )
        for key, number, entries in rows:
            found[key][number] = entries
    return found
