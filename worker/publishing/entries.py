"""Feed entries for a publish, loaded from the database: each document is rendered from
whole entries (body, credits, section), and each article is loaded once per publish however
many of its feeds are written (`EntryCache`)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import OrderedDict
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from feeds.model import Credit as FeedCredit
from feeds.model import FeedEntry
from worker.models import Article, Credit, FeedMember, Person, Publication, Section
from worker.publishing.credits import is_person_name

# Entry ids are UUIDs derived from the article key: stable for as long as the key is.
ENTRY_NAMESPACE = uuid.UUID("5b0f3c2e-8d1a-4c7e-9a51-70e3c1f2a9d4")


def entry_id(article_key: str) -> str:
    """The feed entry id of an article.

    >>> entry_id("0" * 32)
    'urn:uuid:4b5b0bd9-d5b2-5a3b-9a44-66c4c5f5c8f9'
    """
    return f"urn:uuid:{uuid.uuid5(ENTRY_NAMESPACE, article_key)}"


class EntryCache:
    """The whole entries one publish has loaded, for the feeds and issue pages after it: an
    article is in several feeds (all, its section, each credited person). At most `SIZE`
    are held, the least recently loaded dropped first, so a publish covering years of
    archive pages does not hold them all."""

    SIZE = 5000

    def __init__(self) -> None:
        self.entries: OrderedDict[int, FeedEntry] = OrderedDict()

    def put(self, article_id: int, entry: FeedEntry) -> None:
        self.entries[article_id] = entry
        self.entries.move_to_end(article_id)
        while len(self.entries) > self.SIZE:
            self.entries.popitem(last=False)


# A document's entries newest first; equal times (never, from one ingest) by file, then place.
NEWEST_FIRST = (Article.published_at.desc(), Article.issue_id.desc(), Article.seq, Article.id)


def member_rows(session: Session, key: str, low: int, high: int) -> list[Member]:
    """The feed's live entries numbered `low` < seq <= `high`, newest first (`NEWEST_FIRST`).

    Two plain statements, no join: the entries by the feed's order key, then the order
    columns of their articles by primary key. A join's plan follows the tables' statistics,
    which cannot see that a range of `seq` of one feed is a few hundred rows (every feed
    numbers its entries from 1): PostgreSQL then hashed the whole articles table for each
    part of an old range, a cost that grew with the archive; and a table just filled (the
    first publish after a back-fill) can look empty to the planner long enough to scan it
    per row.
    """
    return members_of(session, [(key, low, high)])[(key, low, high)]


Range = tuple[str, int, int]  # a feed's key and a range (low, high] of its `seq`


def members_of(session: Session, ranges: list[Range]) -> dict[Range, list[Member]]:
    """`member_rows` of each of `ranges` (the ranges of one feed do not overlap), in
    statements for many feeds at once: an OR of the ranges, each read by the feed's order
    key as `member_rows` reads one."""
    entries: list[Any] = []
    for start in range(0, len(ranges), 100):
        chosen = or_(*(
            and_(FeedMember.feed_key == key, FeedMember.seq > low, FeedMember.seq <= high)
            for key, low, high in ranges[start : start + 100]
        ))  # fmt: skip
        entries += session.execute(
            select(FeedMember.feed_key, FeedMember.seq, FeedMember.revision, FeedMember.article_id)
            .where(FeedMember.live.is_(True))
            .where(chosen)
        ).all()
    ids = [entry.article_id for entry in entries]
    order: dict[int, Any] = {}
    for start in range(0, len(ids), 1000):
        order.update(
            (row.id, row)
            for row in session.execute(
                select(Article.id, Article.published_at, Article.issue_id, Article.seq).where(
                    Article.id.in_(ids[start : start + 1000])
                )
            )
        )
    pairs = [(order[entry.article_id], entry) for entry in entries]
    # NEWEST_FIRST in two stable sorts: the ascending keys first, then the descending ones
    # (a reversed sort keeps equal items in their order).
    pairs.sort(key=lambda pair: (pair[0].seq, pair[0].id))
    pairs.sort(key=lambda pair: (pair[0].published_at, pair[0].issue_id), reverse=True)
    found: dict[Range, list[Member]] = {held: [] for held in ranges}
    by_feed: dict[str, list[Range]] = {}
    for held in ranges:
        by_feed.setdefault(held[0], []).append(held)
    for article, entry in pairs:
        place = next(r for r in by_feed[entry.feed_key] if r[1] < entry.seq <= r[2])
        found[place].append(Member(article.id, entry.seq, entry.revision))
    return found


class Member:
    """A live entry of a feed: its article, its number in the feed, and its revision."""

    __slots__ = ("id", "member_seq", "revision")

    def __init__(self, article_id: int, member_seq: int, revision: int) -> None:
        self.id, self.member_seq, self.revision = article_id, member_seq, revision


def document_entries(
    session: Session, rows: list[Member], cache: EntryCache, tz: ZoneInfo
) -> list[FeedEntry]:
    """The whole feed entries of `rows`, in their order."""
    found = full_entries(session, {row.id for row in rows}, tz, cache)
    return [found[row.id] for row in rows]


def full_entries(
    session: Session, ids: set[int], tz: ZoneInfo, cache: EntryCache
) -> dict[int, FeedEntry]:
    """Whole entries (body, credits, section) of the articles `ids`; each article is loaded
    once per publish, however many of its feeds are rebuilt.

    Two plain queries per thousand articles, the article rows with their section and the
    credits with their people, rather than ORM objects: nothing here is changed, and
    building and tracking instances was most of the cost of loading them.
    """
    found = {article_id: cache.entries[article_id] for article_id in ids & cache.entries.keys()}
    chosen = sorted(ids - found.keys())
    for start in range(0, len(chosen), 1000):
        chunk = chosen[start : start + 1000]
        credits: dict[int, list[FeedCredit]] = {}
        for credit in session.execute(
            select(Credit.article_id, Person.name, Credit.role, Person.slug)
            .join(Person, Person.id == Credit.person_id)
            .where(Credit.article_id.in_(chunk))
            .order_by(Credit.article_id, Credit.position)
        ):
            if not is_person_name(credit.name):
                continue  # a role or layout word stored as a name (`新闻（摄影）`)
            credits.setdefault(credit.article_id, []).append(
                FeedCredit(credit.name, credit.role, credit.slug)
            )
        for row in session.execute(whole_entry_rows(chunk)):
            found[row.id] = article_entry(row, tuple(credits.get(row.id, ())), tz)
            cache.put(row.id, found[row.id])
    return found


def article_page_path(published: dt.datetime, key: str) -> str:
    """An article's page: `articles/2025/01/02/<key>.html`, dated in the site's zone."""
    return f"articles/{published:%Y/%m/%d}/{key}.html"


def whole_entry_rows(ids: list[int]) -> Any:
    """The columns `article_entry` reads, for the articles `ids`, with section and paper."""
    return (
        select(
            Article.id, Article.key, Article.headline, Article.published_at,
            Article.updated_at, Article.paragraphs, Article.kicker, Article.subtitle,
            Article.dateline, Article.page, Article.part,
            Section.name.label("section_name"), Section.slug.label("section_slug"),
            Publication.name.label("publication"),
        )
        .join(Section, Section.id == Article.section_id)
        .join(Publication, Publication.id == Section.publication_id)
        .where(Article.id.in_(ids))
    )  # fmt: skip


def article_entry(row: Any, credits: tuple[FeedCredit, ...], tz: ZoneInfo) -> FeedEntry:
    """The feed entry of an article row of `full_entries`."""
    published = row.published_at.astimezone(tz)
    section = row.section_name
    # A part named by its file printed no page number: no page label then.
    page = (f"第{row.page:02d}版：{section}",) if row.part is None or row.part.isdigit() else ()
    return FeedEntry(
        id=entry_id(row.key),
        title=row.headline,
        published=published,
        updated=row.updated_at.astimezone(tz),
        paragraphs=tuple(row.paragraphs),
        kicker=row.kicker,
        subtitle=row.subtitle,
        dateline=row.dateline,
        credits=credits,
        categories=(section, *page),
        page_path=article_page_path(published, row.key),
        section_slug=row.section_slug,
        publication=row.publication,
    )
