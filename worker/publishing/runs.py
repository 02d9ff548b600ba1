"""A publish run: the publish lease, the dirty marks taken over and cleared, the feeds
rebuilt, and the hub pinged; when a publish is due."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import time
import uuid
from collections.abc import Callable, Iterable
from logging import WARNING

from sqlalchemy import bindparam, delete, func, or_, select, update
from sqlalchemy.orm import Session

from feeds.publish import PublishReport
from worker import ledger
from worker.db import session_scope
from worker.logs import event
from worker.models import DirtyFeed, table_of
from worker.publishing import output
from worker.publishing.documents import publish
from worker.settings import Settings


def _ms(started: float) -> int:
    """Milliseconds since `started` (a time.monotonic() reading)."""
    return round((time.monotonic() - started) * 1000)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


PUBLISH_LEASE = 30  # seconds


def publish_dirty(settings: Settings) -> PublishReport | None:
    """Rebuild every feed marked dirty, once, clear the marks it covered, ping the hub.

    One publisher at a time (a lease in the database): a burst of ingests marks the same
    feeds many times, and whichever publish runs next rebuilds each of them once; a publish
    that finds the lease taken leaves the marks for the holder's successor.
    """
    started = time.monotonic()
    holder = f"{socket.gethostname()}:{os.getpid()}"
    with session_scope(settings.database_url) as session:
        # A short lease, renewed as feeds are done: a publisher killed mid-way delays the
        # next one by at most PUBLISH_LEASE seconds, and a long publish keeps it.
        if not ledger.take_lock(session, "publish", holder, now=_now(), seconds=PUBLISH_LEASE):
            return None
    renewed = time.monotonic()

    def renew() -> None:
        nonlocal renewed
        if time.monotonic() - renewed < PUBLISH_LEASE / 3:
            return
        with session_scope(settings.database_url) as session:
            if not ledger.take_lock(session, "publish", holder, now=_now(), seconds=PUBLISH_LEASE):
                # Another publisher took it after a stall; both finish (atomic, same bytes).
                event(log, "publish_lease_lost", WARNING, holder=holder)
        renewed = time.monotonic()

    token = f"{holder}:{uuid.uuid4().hex}"
    try:
        with session_scope(settings.database_url) as session:
            marks = _take_marks(session, token)
        if not marks:
            return None
        with session_scope(settings.database_url, write=False) as session:
            changes = {k: since for k, (_, since) in marks.items()}
            report = publish(session, settings, changes, progress=renew)
        with session_scope(settings.database_url) as session:
            _clear_marks(session, {key: marked_at for key, (marked_at, _) in marks.items()}, token)
    finally:
        with session_scope(settings.database_url) as session:
            ledger.release_lock(session, "publish", holder, now=_now())
    return _published(settings, report, len(marks), started)


def _take_marks(session: Session, token: str) -> dict[str, tuple[dt.datetime, dt.datetime | None]]:
    """The marks to publish, `key: (marked_at, rebuild since)`, taken over by `token`.

    Each mark's oldest change moves to `publishing_since` (merged with what a publish that
    died left there), and `oldest_change` starts empty: an ingest marking the feed during
    this publish records there only its own change. Without that, a feed marked during every
    publish of a back-fill kept the back-fill's first change and was rebuilt from it each
    time, every publish longer than the one before.
    """
    # A mark an ingest holds right now is left for the publish that ingest queues: waiting
    # for it could deadlock with the ingest's second lock of marks other ingests inserted.
    rows = session.scalars(
        select(DirtyFeed).order_by(DirtyFeed.key).with_for_update(skip_locked=True)
    )
    marks: dict[str, tuple[dt.datetime, dt.datetime | None]] = {}
    for row in rows:
        taken = [t for t in (row.publishing_since, row.oldest_change) if t is not None]
        # None only for a mark that never had a time: every archive page is rebuilt then.
        row.publishing_since = min(taken) if taken else None
        row.oldest_change = None
        row.taken_by = token
        marks[row.key] = (row.marked_at, row.publishing_since)
    return marks


def _clear_marks(session: Session, published: dict[str, dt.datetime], token: str) -> None:
    """Delete the marks a publish covered: each as it was taken, not one marked again since
    (its feed changed after the publish read it) nor one another publisher took over since
    (it rebuilds that range itself, and clears the mark). A mark made again keeps the change
    that came during the publish; the range this publish covered is let go.

    Marked again means marked since the take (`mark_dirty` clears `taken_by`), not marked
    later: two ingests' clocks are read before they commit, so the one that commits after
    the publish read the articles may carry the older time. Statements run for every key,
    in key order like the ingests that lock them; the driver sends them together.
    """
    marks = table_of(DirtyFeed)
    rows = [
        {"mark_key": key, "covered": published[key], "token": token} for key in sorted(published)
    ]
    connection = session.connection()
    connection.execute(
        delete(marks).where(
            marks.c.key == bindparam("mark_key"),
            marks.c.taken_by == bindparam("token"),
            marks.c.marked_at <= bindparam("covered"),
        ),
        rows,
    )
    connection.execute(
        update(marks)
        .where(
            marks.c.key == bindparam("mark_key"),
            or_(marks.c.taken_by == bindparam("token"), marks.c.taken_by.is_(None)),
        )
        .values(publishing_since=None, taken_by=None),
        rows,
    )


def _published(
    settings: Settings, report: PublishReport, feeds: int, started: float
) -> PublishReport:
    """After a publish: ping the hub, log the one line, hand the report back."""
    _ping(settings, report)
    event(
        log, "publish", feeds=feeds, written=len(report.written_files),
        unchanged=len(report.unchanged_files), ms=_ms(started),
    )  # fmt: skip
    return report


def _ping(settings: Settings, report: PublishReport) -> None:
    """Tell the WebSub hub which feeds changed; a failed ping never fails the publish."""
    if settings.websub_hub and report.changed_feed_urls:
        from feeds.websub import ping_hub

        for result in ping_hub(settings.websub_hub, report.changed_feed_urls):
            if not result.ok:
                event(log, "websub", WARNING, topic=result.topic, error=result.error)


def publish_wait(settings: Settings, *, now: dt.datetime | None = None) -> float:
    """Seconds the marked feeds should still wait for their publish; 0: publish now.

    A burst of ingests (a back-fill, the pages of one issue) marks the same feeds again and
    again; publishing after each would rebuild them as many times. So a publish waits until
    no ingest has marked a feed for PAPERFEED_PUBLISH_DELAY seconds, and waits no longer
    than PAPERFEED_PUBLISH_MAX_DELAY after a feed was first marked. Each ingest queues a
    publish that long after its marks, so the one queued after the last ingest of a burst
    finds the quiet it waits for.
    """
    now = now or _now()
    with session_scope(settings.database_url, write=False) as session:
        newest, first = session.execute(
            select(func.max(DirtyFeed.marked_at), func.min(DirtyFeed.first_marked_at))
        ).one()
    if newest is None:
        return 0.0
    quiet = newest + dt.timedelta(seconds=settings.publish_delay)
    latest = first + dt.timedelta(seconds=settings.publish_max_delay)
    return max(0.0, (min(quiet, latest) - now).total_seconds())


def publish_leased(settings: Settings, *, now: dt.datetime | None = None) -> bool:
    """Whether a publisher holds the publish lease now (`publish_dirty`)."""
    with session_scope(settings.database_url, write=False) as session:
        return ledger.lock_held(session, "publish", now=now or _now())


def publish_owed(settings: Settings, *, grace_seconds: float = 5.0) -> bool:
    """True when a feed has waited for its rebuild longer than a publish takes to arrive:
    its publish message was lost (embedded broker, Redis restart), so send another."""
    grace_seconds += settings.publish_delay
    cutoff = _now() - dt.timedelta(seconds=grace_seconds)
    with session_scope(settings.database_url, write=False) as session:
        return (
            session.scalar(select(DirtyFeed.key).where(DirtyFeed.marked_at <= cutoff)) is not None
        )


def publish_feeds(
    settings: Settings, keys: Iterable[str], *, progress: Callable[[], None] | None = None
) -> PublishReport:
    """Rebuild the named feeds (`*` for all) and the index; `progress` is called after each
    part of a feed. A rebuild of all is recorded (`output.record`), so that the next start
    can tell it need not do it again."""
    started = time.monotonic()
    keys = sorted(set(keys))
    with session_scope(settings.database_url, write=False) as session:
        report = publish(session, settings, dict.fromkeys(keys), progress=progress)
    if "*" in keys:
        output.record(settings)
    return _published(settings, report, len(keys), started)


log = logging.getLogger("paperfeed.jobs")
