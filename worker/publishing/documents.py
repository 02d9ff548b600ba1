"""Publishing: turn stored articles into feed documents and hand them to the feed writer.

Each feed's entries are numbered in the order they were added (`feed_entries.seq`), and its
RFC 5005 archive pages are fixed ranges of that numbering: page k holds entries
(k-1)·size+1 … k·size, and a page exists once the entries after it fill at least one more
page, so the current document holds the newest `size` to `2·size - 1` entries. An entry
added later, even one of an older issue, goes to the current document: no archive page ever
changes but by a correction or a withdrawal of an entry it holds. A publish rewrites the
current document, the new archive pages, and the pages holding entries changed since the
feed revision it last wrote (`feed_archives`); it reads the whole publish from one
snapshot, and rebuilds a feed's chain whole when its entry count differs from the feed's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable, Iterator, Mapping
from logging import WARNING
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from feeds.entry_fields import forget_entries
from feeds.errors import FeedError
from feeds.icons import favicon_from_png
from feeds.issues import IssueView
from feeds.model import FeedSpec
from feeds.publish import FeedWriter, PublishReport
from feeds.targets import DirectoryTarget, PublishTarget
from worker.db import session_scope
from worker.logs import event
from worker.models import Article, FeedArchive, FeedMember, FeedPage
from worker.publishing.ahead import ReadAhead
from worker.publishing.entries import (
    EntryCache,
    article_page_path,
    document_entries,
    entry_id,
    member_rows,
)
from worker.publishing.issues import IssueKey, changed_issues, shelves, stage_issues
from worker.publishing.plans import FeedPlan, plan_feed, plan_feeds
from worker.publishing.selection import FeedInfo, every_feed, person_roles_of
from worker.settings import Settings
from worker.storage import upsert_replacing

log = logging.getLogger(__name__)

__all__ = ["entry_id", "every_feed", "publish", "publish_target"]


def build_documents(
    session: Session,
    plan: FeedPlan,
    *,
    tz: ZoneInfo,
    cache: EntryCache,
    ahead: ReadAhead | None = None,
) -> Iterator[tuple[list[FeedSpec], set[str]]]:
    """The documents of `plan`, in parts of about PART entries, each with the ids of the
    entries whose article page is owed (changed since the feed was last written). The
    entries of a part `ahead` read already are not read again."""
    for part, low, high in plan.parts():
        rows = ahead.members(plan, low, high) if ahead is not None else None
        if rows is None:
            rows = member_rows(session, plan.info.key, low, high)
        documents: list[FeedSpec] = []
        owed_ids: set[str] = set()
        for number in part:
            first, last = plan.bounds(number)
            mine = [row for row in rows if first < row.member_seq <= last]
            owed = {row.id for row in mine if row.revision > plan.since}
            entries = document_entries(session, mine, cache, tz)
            older, newer = plan.links(number)
            spec = plan.info.spec(tuple(entries))
            documents.append(
                dataclasses.replace(spec, archive=number, prev_archive=older, next_archive=newer)
            )
            owed_ids.update(e.id for e, row in zip(entries, mine, strict=True) if row.id in owed)
        yield documents, owed_ids


def publish_target(settings: Settings) -> PublishTarget:
    """Where feeds go: the public folder, or the bucket PAPERFEED_PUBLISH_TO names."""
    if settings.publish_to.startswith("s3://"):
        from feeds.targets import S3Target

        bucket, _, prefix = settings.publish_to.removeprefix("s3://").partition("/")
        return S3Target(bucket, prefix, endpoint_url=settings.s3_endpoint_url)
    return DirectoryTarget(settings.public_dir)


def site_icon(settings: Settings) -> bytes | None:
    """The PNG PAPERFEED_ICON names (checked at start), or None for paperfeed's own: a file
    removed or replaced by one that cannot serve since start is logged, and paperfeed's
    icon published rather than failing the publish of every feed."""
    if settings.icon is None:
        return None
    try:
        data = settings.icon.read_bytes()
        favicon_from_png(data)  # FeedError unless it can be a favicon
    except (OSError, FeedError) as exc:
        event(log, "icon_unusable", WARNING, path=str(settings.icon), problem=str(exc))
        return None
    return data


def snapshot(session: Session) -> None:
    """Read the rest of the session's transaction from one snapshot: on PostgreSQL, a
    REPEATABLE READ transaction (it must be the transaction's first statement); SQLite's
    read transaction is one already."""
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


def publish(
    session: Session,
    settings: Settings,
    changes: Mapping[str, dt.datetime | None],
    *,
    target: PublishTarget | None = None,
    progress: Callable[[], None] | None = None,
) -> PublishReport:
    """Rebuild the feeds named in `changes` (`*` for every feed; a key given None is
    rebuilt whole) and the index page; `progress` is called after each part of a feed (the
    publisher renews its lease). Pages of articles withdrawn since are removed.

    Feeds are built, rendered and staged one part at a time (`build_documents`,
    `FeedWriter`), so a publish holds a few hundred entries whatever it covers; the files
    are replaced together at the end, and only then is what was written recorded.
    """
    snapshot(session)
    every = every_feed(session, settings.site_title)
    chosen = list(every) if "*" in changes else [key for key in every if key in changes]
    cache = EntryCache()
    written: list[FeedPlan] = []
    with FeedWriter(
        target or publish_target(settings), base_url=settings.base_url,
        site_title=settings.site_title, hub_url=settings.websub_hub, icon=site_icon(settings),
    ) as writer:  # fmt: skip
        plans = _plans(session, settings, [every[key] for key in chosen], changes)
        # Issue and article pages first: a feed's new entry never links to a missing page.
        staged: dict[IssueKey, IssueView | None] = {}
        issues = changed_issues(session, [(k, p.since, p.whole) for k, p in plans.items()])
        stage_issues(session, writer, issues, settings.tz, cache, staged)
        ahead = ReadAhead(session, list(plans.values()), cache, settings.tz)
        for key, plan in plans.items():
            counts = _write_feed(session, plan, writer, ahead, settings, progress)
            chain = plan.entries - sum(plan.before.values()) + sum(counts.values())
            if not plan.whole and chain != plan.info.total:
                # Entries lost or shown twice on the chain (a page written from a state that
                # never was): write every page of it again.
                event(
                    log, "archive_repair", WARNING, feed=key, chain=chain,
                    feed_total=plan.info.total,
                )  # fmt: skip
                plan = plan_feed(session, plan.info, settings.feed_size, whole=True)
                issues = changed_issues(session, [(key, -1, True)])
                stage_issues(session, writer, issues, settings.tz, cache, staged)
                counts = _write_feed(session, plan, writer, ahead, settings, progress)
                chain = sum(counts.values())
            plan.before, plan.entries = counts, chain
            written.append(plan)
            if key == "all":
                _remove_withdrawn(session, plan, writer, settings)
        listed = [info.spec() for info in every.values() if info.listed]
        report = writer.finish(listed, shelves(session, settings.tz, cache, staged))
    forget_entries()
    with session_scope(settings.database_url) as store:
        _record(store, written)
    return report


def _plans(
    session: Session, settings: Settings, infos: list[FeedInfo], changes: Mapping[str, object]
) -> dict[str, FeedPlan]:
    """What to write of each feed of `infos`, in their order; a person's page says the
    person's roles."""
    roles = person_roles_of(session, [info.key for info in infos if info.kind == "person"])
    infos = [
        dataclasses.replace(info, roles=roles[info.key]) if info.key in roles else info
        for info in infos
    ]
    planned: dict[str, FeedPlan] = {}
    for whole in (True, False):
        chosen = [info for info in infos if ("*" in changes or changes[info.key] is None) == whole]
        planned.update(plan_feeds(session, chosen, settings.feed_size, whole=whole))
    return {info.key: planned[info.key] for info in infos}


def _write_feed(
    session: Session,
    plan: FeedPlan,
    writer: FeedWriter,
    ahead: ReadAhead,
    settings: Settings,
    progress: Callable[[], None] | None,
) -> dict[int, int]:
    """Stage the documents of `plan`; returns each one's live entries (0: current)."""
    counts: dict[int, int] = {}
    parts = build_documents(session, plan, tz=settings.tz, cache=ahead.cache, ahead=ahead)
    for documents, owed in parts:
        writer.add(documents, page_entries=owed)
        for document in documents:
            counts[document.archive or 0] = len(document.entries)
        # After each part, not each feed: one feed of a back-fill can be hundreds of archive
        # pages, longer than the publisher's lease.
        if progress is not None:
            progress()
    return counts


def _remove_withdrawn(
    session: Session, plan: FeedPlan, writer: FeedWriter, settings: Settings
) -> None:
    """Remove the pages of the articles withdrawn since `plan.since` (every withdrawn
    article when the feed of everything is written whole): `paperfeed serve` answers 410
    for them (`worker.web`)."""
    query = select(Article.key, Article.published_at)
    if plan.whole:  # every withdrawn article, those withdrawn before entries were numbered too
        query = query.where(Article.withdrawn_at.is_not(None))
    else:
        query = (
            query.join(FeedMember, FeedMember.article_id == Article.id)
            .where(FeedMember.feed_key == "all", FeedMember.live.is_(False))
            .where(FeedMember.revision > plan.since)
        )
    for key, published in session.execute(query):
        writer.remove(article_page_path(published.astimezone(settings.tz), key))


def _record(session: Session, plans: list[FeedPlan]) -> None:
    """Remember what was written of each feed, for the next publish's plan: one statement
    per 500 rows for every feed together."""
    pages = [
        {"key": plan.info.key, "number": number, "entries": entries}
        for plan in plans
        for number, entries in sorted(plan.before.items())
    ]
    for start in range(0, len(pages), 500):
        upsert_replacing(session, FeedPage, pages[start : start + 500])
    archives = [
        {
            "key": plan.info.key, "pages": plan.pages, "size": plan.size,
            "revision": plan.info.revision, "entries": plan.entries,
        }
        for plan in plans
    ]  # fmt: skip
    for start in range(0, len(archives), 500):
        upsert_replacing(session, FeedArchive, archives[start : start + 500])
