"""Publishing: turn stored articles into feed values and hand them to the feed writer.

Feed keys name feeds: `all`, `section:<slug>`, `person:<slug>`. An ingest marks the keys
whose entries changed (with the oldest publication time it touched); only those feeds, and
only the RFC 5005 archive pages at or after that point, are rebuilt. The index always lists
every feed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.orm import Session

from feeds.archives import archive_spec, archives_to_write, paginate
from feeds.entries import ENTRY_FORMAT, render_entry
from feeds.model import Credit as FeedCredit
from feeds.model import FeedEntry, FeedSpec, RenderedEntry
from feeds.publish import FeedWriter, PublishReport
from feeds.targets import DirectoryTarget, PublishTarget
from feeds.urls import INDEX_PAGE, person_page_path, section_page_path
from worker.db import session_scope
from worker.models import Article, Credit, EntryRender, FeedCount, Person, Section
from worker.settings import Settings
from worker.storage import upsert_replacing

# Entry ids are UUIDs derived from the article key: stable for as long as the key is.
ENTRY_NAMESPACE = uuid.UUID("5b0f3c2e-8d1a-4c7e-9a51-70e3c1f2a9d4")
NEWEST_FIRST = (Article.published_at.desc(), Article.issue_id.desc(), Article.seq, Article.id)
LANGUAGE = "zh-CN"  # every feed's (FeedSpec.language)
# Credits beyond a person's newest entries read, for the ones that do not count in the feed
# (a second role on the same article, a withdrawn article); short of them, the plain query.
CUTOFF_MARGIN = 20
RENDERS_KEPT_DAYS = 30  # a kept entry rendering no publish read for this long is dropped


def entry_id(article_key: str) -> str:
    """The feed entry id of an article.

    >>> entry_id("0" * 32)
    'urn:uuid:4b5b0bd9-d5b2-5a3b-9a44-66c4c5f5c8f9'
    """
    return f"urn:uuid:{uuid.uuid5(ENTRY_NAMESPACE, article_key)}"


@dataclass(frozen=True)
class FeedInfo:
    """A feed's name, title, kind and size, without its entries."""

    key: str
    path: str
    title: str
    kind: str
    total: int
    page_path: str

    @property
    def description(self) -> str:
        described = {"all": "全部文章", "section": "版面文章", "person": "的署名文章"}
        return described[self.kind] if self.kind == "all" else self.title + described[self.kind]

    def spec(self, entries: tuple[FeedEntry, ...] = ()) -> FeedSpec:
        return FeedSpec(
            path=self.path, title=self.title, description=self.description, kind=self.kind,
            entries=entries, count=self.total, page_path=self.page_path,
        )  # fmt: skip


def live() -> Any:
    return Article.withdrawn_at.is_(None)


def every_feed(session: Session) -> dict[str, FeedInfo]:
    """Every feed there is, with its size, from `feed_counts` (kept by each ingest): the
    index page lists every feed, and counting a million articles on each publish would make
    every publish as slow as the archive is large."""
    counts = {key: total for key, total in session.execute(select(FeedCount.key, FeedCount.total))}
    total = counts.get("all", 0)
    feeds = {"all": FeedInfo("all", "all", "全部文章", "all", total, INDEX_PAGE)}
    for slug, name in session.execute(select(Section.slug, Section.name).order_by(Section.slug)):
        count = counts.get(f"section:{slug}", 0)
        if count > 0:  # a section whose articles were all withdrawn has no feed
            feeds[f"section:{slug}"] = FeedInfo(
                f"section:{slug}",
                f"sections/{slug}",
                name,
                "section",
                count,
                section_page_path(slug),
            )
    for slug, name in session.execute(select(Person.slug, Person.name).order_by(Person.slug)):
        count = counts.get(f"person:{slug}", 0)
        if count > 0:
            feeds[f"person:{slug}"] = FeedInfo(
                f"person:{slug}", f"people/{slug}", name, "person", count, person_page_path(slug)
            )
    return feeds


def feed_query(session: Session, key: str, since: dt.datetime | None = None) -> Select[Any]:
    """The query that defines a feed's entries (its live articles), of `Article` rows;
    `since` keeps those published at or after it (a person's through the credits index)."""
    return _feed_filter(select(Article), key, since)


def _feed_filter(query: Select[Any], key: str, since: dt.datetime | None) -> Select[Any]:
    query = query.where(live())
    if since is not None:
        query = query.where(Article.published_at >= since)
    kind, _, slug = key.partition(":")
    if kind == "section":
        section = select(Section.id).where(Section.slug == slug).scalar_subquery()
        return query.where(Article.section_id == section)
    if kind == "person":
        person = select(Person.id).where(Person.slug == slug).scalar_subquery()
        credited = select(Credit.article_id).where(Credit.person_id == person)
        if since is not None:
            credited = credited.where(Credit.published_at >= since)
        return query.where(Article.id.in_(credited))
    if kind != "all":
        raise ValueError(f"unknown feed key {key!r}: use all, section:<slug> or person:<slug>")
    return query


def _person_cutoff(session: Session, slug: str, rows: int) -> dt.datetime | None:
    """The publication time at or after which a person has at least `rows` credits: their
    newest `rows` articles are among those, read from ix_credits_person_published instead
    of sorting everything the person ever wrote. None when they have fewer."""
    person = select(Person.id).where(Person.slug == slug).scalar_subquery()
    return session.scalar(
        select(Credit.published_at)
        .where(Credit.person_id == person)
        .order_by(Credit.published_at.desc())
        .offset(rows - 1)
        .limit(1)
    )


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


def keep_renders(session: Session, settings: Settings) -> int:
    """Render and keep the newest entries of every feed (those a full publish keeps), without
    writing any file: what an archive written by another route (a bulk load) lacks before
    its first incremental publish. Returns the entries rendered."""
    renders = Renders(settings)
    size = settings.feed_size
    never = dt.datetime.max.replace(tzinfo=dt.UTC)  # nothing counts as changed
    for info in every_feed(session).values():
        _entries(session, info, 3 * size, never, renders, settings.tz, keep_first=3 * size)
        if renders.flush_due():
            with session_scope(settings.database_url) as writer:
                renders.flush(writer)
    with session_scope(settings.database_url) as writer:
        renders.save(writer)
    return renders.rendered


# Entries loaded at once for one feed: a publish covering years of archive pages goes
# through them this many at a time.
PART = 300


def build_documents(
    session: Session,
    info: FeedInfo,
    *,
    size: int,
    tz: ZoneInfo,
    since: dt.datetime | None,
    renders: Renders,
) -> Iterator[list[FeedSpec]]:
    """The current document of a feed and the archive pages a change since `since` touched,
    newest first, in parts of about PART entries.

    `since` is the oldest publication time among the changed articles (None: unknown, so
    every archive page is rebuilt; unchanged ones are not rewritten anyway). Entries at or
    after `since` come whole (their pages are rendered); older ones carry their kept
    rendering and what the feed's page shows.
    """
    pagination = paginate(info.total, size)
    numbers: list[int | None] = [None]
    if since is None:
        numbers += [page.number for page in reversed(pagination.pages)]
    else:
        # Count the few entries at or after the change, not the many before it. Were they
        # all new, the feed had `total - newer` entries before: the archive pages whose
        # range or links differ from then, and those holding a changed entry, are rebuilt
        # (when some were not new, that is more pages than changed, never fewer).
        query = _feed_filter(select(func.count()).select_from(Article), info.key, since)
        newer = min(session.scalar(query) or 0, info.total)
        before = paginate(info.total - newer, size)
        changed = archives_to_write(before, pagination, info.total - newer)
        numbers += sorted(changed, reverse=True)
    pages = [(number, *pagination.newest_first(number)) for number in numbers]
    while pages:
        first = pages[0][1]
        part = [pages.pop(0)]
        while pages and pages[0][1] + pages[0][2] - first <= max(PART, size):
            part.append(pages.pop(0))
        end = max(offset + limit for _, offset, limit in part)
        entries = _entries(
            session, info, end - first, since, renders, tz, keep_first=3 * size, skip=first
        )
        yield [
            archive_spec(
                info.spec(tuple(entries[offset - first : offset - first + limit])),
                pagination,
                number,
            )
            for number, offset, limit in part
        ]


def _entries(
    session: Session,
    info: FeedInfo,
    count: int,
    since: dt.datetime | None,
    renders: Renders,
    tz: ZoneInfo,
    *,
    keep_first: int,
    skip: int = 0,
) -> list[FeedEntry]:
    """The feed's newest `count` entries after the newest `skip`, newest first (see
    `build_documents`)."""
    cutoff = None
    if info.kind == "person" and skip + count < info.total:
        cutoff = _person_cutoff(session, info.key.partition(":")[2], skip + count + CUTOFF_MARGIN)
    rows = _light_rows(session, info.key, count, cutoff, skip)
    if cutoff is not None and len(rows) < min(count, info.total - skip):
        rows = _light_rows(session, info.key, count, None, skip)
    stamps = [renders.stamp(r.key, r.content_hash, r.published_at, r.updated_at) for r in rows]
    # An entry comes whole when its page is owed (changed since `since`, and no feed of this
    # publish rendered it yet) or when no rendering of it is at hand; else light.
    ready: dict[int, RenderedEntry] = {}
    whole: set[int] = set()
    for row, stamp in zip(rows, stamps, strict=True):
        rendered = _kept(row) if row.stamp == stamp else renders.made_for(row.id, stamp)
        if rendered is not None:
            ready[row.id] = rendered
        page_owed = (since is None or row.published_at >= since) and row.id not in renders.paged
        if page_owed or rendered is None:
            whole.add(row.id)
    full = _full_entries(session, whole, tz, renders)
    entries = []
    for position, (row, stamp) in enumerate(zip(rows, stamps, strict=True), start=skip):
        keep = position < keep_first
        rendered = ready.get(row.id)
        if rendered is None:
            rendered = renders.render(row.id, full[row.id], stamp, keep)
        elif row.stamp != stamp:
            renders.keep(row.id, stamp, rendered, keep)  # made by an earlier feed
        elif keep and row.used_on != renders.today:
            renders.touched.add(row.id)
        if row.id in full:
            if since is None or row.published_at >= since:
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
                page_path=_page_path(published, row.key),
                rendered=rendered,
            )
        )
    return entries


def _kept(row: Any) -> RenderedEntry:
    return RenderedEntry(atom=row.atom, rss=row.rss, json=row.json, language=LANGUAGE)


def _light_rows(
    session: Session, key: str, count: int, cutoff: dt.datetime | None, skip: int = 0
) -> list[Any]:
    """What a document needs of its newest `count` entries, and their kept renderings.

    The renderings are read by primary key in a second statement rather than joined: a
    join's plan follows the table's statistics, and a table just filled (the first publish
    after a back-fill) can look empty to the planner long enough to scan it per row.
    """
    columns = select(
        Article.id, Article.key, Article.headline, Article.kicker, Article.subtitle,
        Article.published_at, Article.updated_at, Article.content_hash,
    )  # fmt: skip
    query = _feed_filter(columns, key, cutoff)
    rows = session.execute(query.order_by(*NEWEST_FIRST).offset(skip).limit(count)).all()
    kept: dict[int, Any] = {}
    ids = [row.id for row in rows]
    for start in range(0, len(ids), 1000):
        kept.update(
            (render.article_id, render)
            for render in session.execute(
                select(
                    EntryRender.article_id, EntryRender.stamp, EntryRender.atom,
                    EntryRender.rss, EntryRender.json, EntryRender.used_on,
                ).where(EntryRender.article_id.in_(ids[start : start + 1000]))
            )
        )  # fmt: skip
    return [_Light(row, kept.get(row.id)) for row in rows]


class _Light:
    """An article row of `_light_rows` with its kept rendering's columns (None: none)."""

    __slots__ = (
        "atom",
        "content_hash",
        "headline",
        "id",
        "json",
        "key",
        "kicker",
        "published_at",
        "rss",
        "stamp",
        "subtitle",
        "updated_at",
        "used_on",
    )  # fmt: skip

    def __init__(self, row: Any, render: Any) -> None:
        self.id, self.key, self.headline, self.kicker = row.id, row.key, row.headline, row.kicker
        self.subtitle, self.published_at = row.subtitle, row.published_at
        self.updated_at, self.content_hash = row.updated_at, row.content_hash
        self.stamp = render.stamp if render else None
        self.atom = render.atom if render else ""
        self.rss = render.rss if render else ""
        self.json = render.json if render else ""
        self.used_on = render.used_on if render else None


def _full_entries(
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
            credits.setdefault(credit.article_id, []).append(
                FeedCredit(credit.name, credit.role, credit.slug)
            )
        for row in session.execute(
            select(
                Article.id, Article.key, Article.headline, Article.published_at,
                Article.updated_at, Article.paragraphs, Article.kicker, Article.subtitle,
                Article.dateline, Article.page, Section.name.label("section_name"),
                Section.slug.label("section_slug"),
            )
            .join(Section, Section.id == Article.section_id)
            .where(Article.id.in_(chunk))
        ):  # fmt: skip
            found[row.id] = _entry(row, tuple(credits.get(row.id, ())), tz)
            renders.remember_whole(row.id, found[row.id])
    return found


def _page_path(published: dt.datetime, key: str) -> str:
    return f"articles/{published:%Y/%m/%d}/{key}.html"


def _entry(row: Any, credits: tuple[FeedCredit, ...], tz: ZoneInfo) -> FeedEntry:
    """The feed entry of an article row of `_full_entries`."""
    published = row.published_at.astimezone(tz)
    section = row.section_name
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
        categories=(section, f"第{row.page:02d}版：{section}"),
        page_path=_page_path(published, row.key),
        section_slug=row.section_slug,
    )


def publish_target(settings: Settings) -> PublishTarget:
    """Where feeds go: the public folder, or the bucket PAPERFEED_PUBLISH_TO names."""
    if settings.publish_to.startswith("s3://"):
        from feeds.targets import S3Target

        bucket, _, prefix = settings.publish_to.removeprefix("s3://").partition("/")
        return S3Target(bucket, prefix, endpoint_url=settings.s3_endpoint_url)
    return DirectoryTarget(settings.public_dir)


def publish(
    session: Session,
    settings: Settings,
    changes: Mapping[str, dt.datetime | None],
    *,
    target: PublishTarget | None = None,
    progress: Callable[[], None] | None = None,
) -> PublishReport:
    """Rebuild the feeds named in `changes` (`*` for every feed) and the index page;
    `progress` is called after each part of a feed (the publisher renews its lease).

    Feeds are built, rendered and staged one part at a time (`build_documents`,
    `FeedWriter`), so a publish holds a few hundred entries whatever it covers; the files
    are replaced together at the end.
    """
    every = every_feed(session)
    chosen = list(every) if "*" in changes else [key for key in every if key in changes]
    renders = Renders(settings)
    with FeedWriter(
        target or publish_target(settings), base_url=settings.base_url,
        site_title=settings.site_title, hub_url=settings.websub_hub,
    ) as writer:  # fmt: skip
        for key in chosen:
            since = None if "*" in changes else changes[key]
            for documents in build_documents(
                session, every[key], size=settings.feed_size, tz=settings.tz, since=since,
                renders=renders,
            ):  # fmt: skip
                # Entry pages to render: every entry at or after its feed's oldest change.
                # Any article that changed marked each of its feeds with a time no later
                # than its own, and pages of older entries were written when they were
                # published and have not changed since.
                pages = {
                    entry.id
                    for document in documents
                    for entry in document.entries
                    if since is None or entry.published >= since
                }
                writer.add(documents, page_entries=pages)
                # After each part, not each feed: one feed of a back-fill can be hundreds
                # of archive pages, longer than the publisher's lease.
                if progress is not None:
                    progress()
            if renders.flush_due():
                with session_scope(settings.database_url) as store:
                    renders.flush(store)
        report = writer.finish([info.spec() for info in every.values()])
    if renders.to_keep or renders.touched or renders.kept:
        with session_scope(settings.database_url) as store:
            renders.save(store)
    return report
