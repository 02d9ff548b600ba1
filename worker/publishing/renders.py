"""Feed entries for a publish: each article's entry rendered once per publish and kept
(`entry_renders`) for the publishes after it, and loaded whole only when its page is owed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import uuid
from collections import OrderedDict
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from feeds.entries import ENTRY_FORMAT, render_entry
from feeds.model import Credit as FeedCredit
from feeds.model import FeedEntry, RenderedEntry
from worker.models import Article, Credit, EntryRender, FeedMember, Person, Publication, Section
from worker.publishing.credits import is_person_name
from worker.settings import Settings
from worker.storage import upsert_replacing

# Entry ids are UUIDs derived from the article key: stable for as long as the key is.
ENTRY_NAMESPACE = uuid.UUID("5b0f3c2e-8d1a-4c7e-9a51-70e3c1f2a9d4")
LANGUAGE = "zh-CN"  # every feed's (FeedSpec.language)
RENDERS_KEPT_DAYS = 30  # a kept entry rendering no publish read for this long is dropped


def entry_id(article_key: str) -> str:
    """The feed entry id of an article.

    >>> entry_id("0" * 32)
    'urn:uuid:4b5b0bd9-d5b2-5a3b-9a44-66c4c5f5c8f9'
    """
    return f"urn:uuid:{uuid.uuid5(ENTRY_NAMESPACE, article_key)}"


class Renders:
    """Entry renderings for one publish: the kept ones (`entry_renders`) whose stamp still
    matches, the ones this publish made, and what to store.

    An article is in several feeds (all, its section, each credited person), so the whole
    entries loaded and the renderings made are cached for the feeds that follow, up to
    RENDERS_CACHED renderings and WHOLE_CACHED whole entries (a rendering is the larger, and
    the cheaper to make again): a publish covering years of archive pages must not hold
    them all.
    Renderings to keep are stored (`flush`) every FLUSH_EVERY and at the end.
    """

    RENDERS_CACHED = 1000
    WHOLE_CACHED = 5000
    FLUSH_EVERY = 500

    def __init__(self, settings: Settings) -> None:
        self.base_url = settings.base_url
        self.tz = settings.tz
        self.today = dt.datetime.now(settings.tz).date()
        self.made: OrderedDict[int, tuple[str, RenderedEntry]] = OrderedDict()
        self.whole: OrderedDict[int, FeedEntry] = OrderedDict()
        self.to_keep: dict[int, tuple[str, RenderedEntry]] = {}
        self.kept: set[int] = set()  # stored by this publish already
        self.touched: set[int] = set()
        self.paged: set[int] = set()  # articles whose page this publish renders
        self.rendered = 0

    def stamp(
        self, key: str, content_hash: str, published: dt.datetime, updated: dt.datetime
    ) -> str:
        """What an entry's rendering depends on: change any of it and the entry is rendered
        again (names and slugs are in the content hash; slugs are never reassigned)."""
        text = "|".join((
            ENTRY_FORMAT, self.base_url, str(self.tz), LANGUAGE, key, content_hash,
            published.astimezone(dt.UTC).isoformat(), updated.astimezone(dt.UTC).isoformat(),
        ))  # fmt: skip
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    def render(self, article_id: int, entry: FeedEntry, stamp: str, keep: bool) -> RenderedEntry:
        found = self.made_for(article_id, stamp)
        if found is None:
            found = render_entry(entry, base_url=self.base_url, language=LANGUAGE)
            self.rendered += 1
            _remember(self.made, article_id, (stamp, found), self.RENDERS_CACHED)
        self.keep(article_id, stamp, found, keep)
        return found

    def made_for(self, article_id: int, stamp: str) -> RenderedEntry | None:
        """The rendering this publish made of the article, if it is still cached and of
        this stamp."""
        found = self.made.get(article_id)
        return found[1] if found is not None and found[0] == stamp else None

    def keep(self, article_id: int, stamp: str, rendered: RenderedEntry, keep: bool) -> None:
        """Store `rendered` at the next flush when `keep` (an entry of a newest document)."""
        if keep and article_id not in self.kept:
            self.to_keep[article_id] = (stamp, rendered)

    def remember_whole(self, article_id: int, entry: FeedEntry) -> None:
        _remember(self.whole, article_id, entry, self.WHOLE_CACHED)

    def flush_due(self) -> bool:
        return len(self.to_keep) >= self.FLUSH_EVERY

    def flush(self, session: Session) -> None:
        """Store the renderings of the newest documents (the ones later publishes read
        again) made since the last flush."""
        rows = [
            {
                "article_id": article_id,
                "stamp": stamp,
                "atom": rendered.atom,
                "rss": rendered.rss,
                "json": rendered.json,
                "used_on": self.today,
            }
            for article_id, (stamp, rendered) in sorted(self.to_keep.items())
        ]
        for start in range(0, len(rows), 100):  # the driver holds a statement's values
            upsert_replacing(session, EntryRender, rows[start : start + 100])
        self.kept.update(self.to_keep)
        self.to_keep = {}

    def save(self, session: Session) -> None:
        """The last flush; mark the kept renderings read today, and drop those unread for
        a month."""
        self.flush(session)
        touched = sorted(self.touched)
        for start in range(0, len(touched), 1000):
            session.execute(
                update(EntryRender)
                .where(EntryRender.article_id.in_(touched[start : start + 1000]))
                .values(used_on=self.today)
                .execution_options(synchronize_session=False)
            )
        cutoff = self.today - dt.timedelta(days=RENDERS_KEPT_DAYS)
        session.execute(
            delete(EntryRender)
            .where(EntryRender.used_on < cutoff)
            .execution_options(synchronize_session=False)
        )


def _remember(cache: OrderedDict[int, Any], key: int, value: Any, size: int) -> None:
    """Put `value` in the bounded `cache`, dropping the least recently put beyond `size`."""
    cache[key] = value
    cache.move_to_end(key)
    while len(cache) > size:
        cache.popitem(last=False)


def _kept(row: Any) -> RenderedEntry:
    return RenderedEntry(atom=row.atom, rss=row.rss, json=row.json, language=LANGUAGE)


# A document's entries newest first; equal times (never, from one ingest) by file, then place.
NEWEST_FIRST = (Article.published_at.desc(), Article.issue_id.desc(), Article.seq, Article.id)


def member_rows(session: Session, key: str, low: int, high: int) -> list[Light]:
    """What documents need of the feed's live entries numbered `low` < seq <= `high`, with
    their kept renderings, newest first (`NEWEST_FIRST`).

    Three plain statements, no join: the entries by the feed's order key, then their
    articles and their kept renderings by primary key. A join's plan follows the tables'
    statistics, which cannot see that a range of `seq` of one feed is a few hundred rows
    (every feed numbers its entries from 1): PostgreSQL then hashed the whole articles table
    for each part of an old range, a cost that grew with the archive; and a table just
    filled (the first publish after a back-fill) can look empty to the planner long enough
    to scan it per row.
    """
    entries = session.execute(
        select(FeedMember.seq, FeedMember.revision, FeedMember.article_id)
        .where(FeedMember.feed_key == key, FeedMember.live.is_(True))
        .where(FeedMember.seq > low, FeedMember.seq <= high)
    ).all()
    ids = [entry.article_id for entry in entries]
    articles: dict[int, Any] = {}
    kept: dict[int, Any] = {}
    for start in range(0, len(ids), 1000):
        chunk = ids[start : start + 1000]
        articles.update(
            (row.id, row)
            for row in session.execute(
                select(
                    Article.id, Article.key, Article.headline, Article.kicker, Article.subtitle,
                    Article.published_at, Article.updated_at, Article.content_hash,
                    Article.issue_id, Article.seq,
                ).where(Article.id.in_(chunk))
            )
        )  # fmt: skip
        kept.update(
            (render.article_id, render)
            for render in session.execute(
                select(
                    EntryRender.article_id, EntryRender.stamp, EntryRender.atom,
                    EntryRender.rss, EntryRender.json, EntryRender.used_on,
                ).where(EntryRender.article_id.in_(chunk))
            )
        )  # fmt: skip
    pairs = [(articles[entry.article_id], entry) for entry in entries]
    # NEWEST_FIRST in two stable sorts: the ascending keys first, then the descending ones
    # (a reversed sort keeps equal items in their order).
    pairs.sort(key=lambda pair: (pair[0].seq, pair[0].id))
    pairs.sort(key=lambda pair: (pair[0].published_at, pair[0].issue_id), reverse=True)
    return [Light(article, entry, kept.get(article.id)) for article, entry in pairs]


class Light:
    """An article row of `member_rows` with its feed entry's number and revision and its
    kept rendering's columns (None: none)."""

    __slots__ = (
        "atom",
        "content_hash",
        "headline",
        "id",
        "json",
        "key",
        "kicker",
        "member_seq",
        "published_at",
        "revision",
        "rss",
        "stamp",
        "subtitle",
        "updated_at",
        "used_on",
    )  # fmt: skip

    def __init__(self, row: Any, entry: Any, render: Any) -> None:
        self.id, self.key, self.headline, self.kicker = row.id, row.key, row.headline, row.kicker
        self.subtitle, self.published_at = row.subtitle, row.published_at
        self.updated_at, self.content_hash = row.updated_at, row.content_hash
        self.member_seq, self.revision = entry.seq, entry.revision
        self.stamp = render.stamp if render else None
        self.atom = render.atom if render else ""
        self.rss = render.rss if render else ""
        self.json = render.json if render else ""
        self.used_on = render.used_on if render else None


def document_entries(
    session: Session,
    rows: list[Light],
    renders: Renders,
    tz: ZoneInfo,
    *,
    owed: set[int],
    keep: bool,
) -> list[FeedEntry]:
    """The feed entries of `rows`, in their order: whole (body, credits) for the articles in
    `owed` whose page no feed of this publish has rendered yet, for those with no rendering
    at hand and for those without a headline (titled from their caption); light (what
    pages of feeds show, and the kept rendering) for the rest. `keep`: store the renderings
    (entries of the newest documents)."""
    stamps = [renders.stamp(r.key, r.content_hash, r.published_at, r.updated_at) for r in rows]
    ready: dict[int, RenderedEntry] = {}
    whole: set[int] = set()
    for row, stamp in zip(rows, stamps, strict=True):
        rendered = _kept(row) if row.stamp == stamp else renders.made_for(row.id, stamp)
        if rendered is not None:
            ready[row.id] = rendered
        if (row.id in owed and row.id not in renders.paged) or rendered is None:
            whole.add(row.id)
        elif not (row.headline or "").strip():
            # Photo news printed as a caption alone: its title comes from the caption
            # (feeds.content.title_text), which only the whole entry holds.
            whole.add(row.id)
    full = full_entries(session, whole, tz, renders)
    entries = []
    for row, stamp in zip(rows, stamps, strict=True):
        rendered = ready.get(row.id)
        if rendered is None:
            rendered = renders.render(row.id, full[row.id], stamp, keep)
        elif row.stamp != stamp:
            renders.keep(row.id, stamp, rendered, keep)  # made by an earlier feed
        elif keep and row.used_on != renders.today:
            renders.touched.add(row.id)
        if row.id in full:
            if row.id in owed:
                renders.paged.add(row.id)  # the writer renders its page from this entry
            entries.append(dataclasses.replace(full[row.id], rendered=rendered))
            continue
        published = row.published_at.astimezone(tz)
        entries.append(
            FeedEntry(
                id=entry_id(row.key),
                title=row.headline,
                kicker=row.kicker,
                subtitle=row.subtitle,
                published=published,
                updated=row.updated_at.astimezone(tz),
                page_path=article_page_path(published, row.key),
                rendered=rendered,
            )
        )
    return entries


def full_entries(
    session: Session, ids: set[int], tz: ZoneInfo, renders: Renders
) -> dict[int, FeedEntry]:
    """Whole entries (body, credits, section) of the articles `ids`; each article is loaded
    once per publish, however many of its feeds are rebuilt.

    Two plain queries per thousand articles, the article rows with their section and the
    credits with their people, rather than ORM objects: nothing here is changed, and
    building and tracking instances was most of the cost of loading them.
    """
    found = {article_id: renders.whole[article_id] for article_id in ids & renders.whole.keys()}
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
            renders.remember_whole(row.id, found[row.id])
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
