"""The units of work, as plain functions: scan sources, ingest an input, publish, re-ingest.

Celery tasks (`worker.tasks`) and the synchronous CLI paths both call these. Each logs one
`key=value` line per unit of work. Messages are sent by the caller's `enqueue` callbacks,
always after the transaction that recorded the work has committed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import socket
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from feeds.publish import PublishReport
from worker import drop, faults, ledger
from worker.db import session_scope
from worker.ingest import IngestResult, ensure_source, ingest_bytes, reingest_issue
from worker.models import DirtyFeed, Input, Issue, Source
from worker.publish import publish
from worker.settings import Settings
from worker.sources import SourceConfig

log = logging.getLogger("paperfeed.jobs")
Enqueue = Callable[[int], None]


@dataclass(frozen=True)
class ScanResult:
    """What one scan handed out: new inputs, and inputs whose lease had run out."""

    new: tuple[int, ...] = ()
    retried: tuple[int, ...] = ()
    duplicates: int = 0
    skipped: tuple[str, ...] = ()  # sources another scanner held, or not due yet


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def scan(
    settings: Settings, sources: Sequence[SourceConfig], enqueue: Enqueue, *, force: bool = False
) -> ScanResult:
    """Scan every enabled drop source that is due, then hand out expired leases again.

    Harmless to run twice at once (two beat schedulers): each source is scanned under a
    lease in the database, and a file is claimed by one rename only.
    """
    started = time.monotonic()
    new: list[int] = []
    skipped: list[str] = []
    duplicates = 0
    for source in sources:
        if not source.enabled:
            continue
        poll = scan_drop if source.kind == "drop" else poll_url
        found = poll(settings, source, force=force)
        if found is None:
            skipped.append(source.name)
            continue
        new.extend(found[0])
        duplicates += found[1]
    retried = rescan(settings, sources)
    for input_id in [*new, *retried]:
        enqueue(input_id)
    if new or retried or duplicates:
        log.info(
            "event=scan new=%d retried=%d duplicates=%d ms=%d",
            len(new), len(retried), duplicates, (time.monotonic() - started) * 1000,
        )  # fmt: skip
    return ScanResult(tuple(new), tuple(retried), duplicates, tuple(skipped))


Claims = Callable[[int, Path], Iterator[tuple[drop.Claim, str | None]]]


def scan_drop(
    settings: Settings, source: SourceConfig, *, force: bool = False
) -> tuple[list[int], int] | None:
    """Claim and register every ready file of one drop folder; None if not ours to scan now.

    A source is due once per poll interval (`force` ignores that, not the lock).
    """
    folder = source.path
    assert folder is not None

    def claims(_source_id: int, work: Path) -> Iterator[tuple[drop.Claim, str | None]]:
        for path in drop.ready_files(folder, stable_seconds=settings.stable_seconds):
            claimed = drop.claim(path, work)
            if claimed is not None:  # None: another scanner renamed it first
                yield claimed, None

    return _scan_source(settings, source, claims, force=force)


def poll_url(
    settings: Settings, source: SourceConfig, *, force: bool = False
) -> tuple[list[int], int] | None:
    """Fetch today's issue URL (and the look-back days') with conditional GET; new bytes
    become claims in the work folder and inputs in the ledger, like a dropped file."""
    from worker import fetch as fetching

    template = source.url
    assert template is not None
    now = _now()

    def claims(source_id: int, work: Path) -> Iterator[tuple[drop.Claim, str | None]]:
        today = now.astimezone(source.tz).date()
        for day, url in fetching.issue_urls(
            template, today=today, lookback_days=source.lookback_days
        ):
            data = _fetch_remembered(settings, source, source_id, url, now)
            if data is not None:
                name = f"{day.isoformat()}-{url.rstrip('/').rsplit('/', 1)[-1] or 'issue.txt'}"
                yield drop.write_claim(work, name, data, now=now), url

    return _scan_source(settings, source, claims, force=force)


def _fetch_remembered(
    settings: Settings, source: SourceConfig, source_id: int, url: str, now: dt.datetime
) -> bytes | None:
    """Fetch `url` with the validators its last answer gave; new bytes, or None."""
    from worker import fetch as fetching
    from worker.models import FetchState

    with session_scope(settings.database_url, write=False) as session:
        row = session.get(FetchState, url)
        state = fetching.FetchState(row.etag, row.last_modified) if row else None
    fetched = fetching.fetch(url, state=state, max_bytes=settings.max_bytes)
    with session_scope(settings.database_url) as session:
        stored = session.get(FetchState, url) or FetchState(url=url, source_id=source_id)
        stored.etag, stored.last_modified = fetched.state.etag, fetched.state.last_modified
        stored.status, stored.error, stored.checked_at = fetched.status, fetched.error, now
        session.add(stored)
    if fetched.status == "error":
        log.warning("event=fetch source=%s url=%s error=%s", source.name, url, fetched.error)
    return fetched.data if fetched.status == "new" else None


def _scan_source(
    settings: Settings, source: SourceConfig, claims: Claims, *, force: bool
) -> tuple[list[int], int] | None:
    """Under the source's scan lease, register every claim `claims` yields in the ledger."""
    source_id = _take_source(settings, source, _now(), force=force)
    if source_id is None:
        return None
    new: list[int] = []
    duplicates = 0
    try:
        work = settings.work_dir / source.name
        work.mkdir(parents=True, exist_ok=True)
        for claimed, url in claims(source_id, work):
            input_id = register_claim(settings, source, claimed, url=url)
            if input_id is None:
                duplicates += 1
            else:
                new.append(input_id)
    finally:
        with session_scope(settings.database_url) as session:
            ledger.release_scan_lock(session, source_id, now=_now())
    return new, duplicates


def _take_source(
    settings: Settings, source: SourceConfig, now: dt.datetime, *, force: bool
) -> int | None:
    """The source's id if it is enabled, due (once per poll interval) and not being scanned
    by anyone else; its scan lease is then ours until released."""
    with session_scope(settings.database_url) as session:
        row = ensure_source(session, source)
        if row.enabled is False:
            return None
        due = (
            force
            or row.last_scan_at is None
            or (now - row.last_scan_at).total_seconds() >= (source.poll_interval * 0.9)
        )
        if not due or not ledger.take_scan_lock(session, row, now=now, seconds=120):
            return None
        return row.id


def register_claim(
    settings: Settings, source: SourceConfig, claimed: drop.Claim, *, url: str | None = None
) -> int | None:
    """Record a claimed file in the ledger; returns its input id, or None for known bytes.

    Bytes already known (a file dropped twice, a URL that served the same text) are filed
    to the archive at once and never parsed again.
    """
    try:
        digest, size = file_digest(claimed.path)
    except FileNotFoundError:
        return None  # vanished between the rename and the read: nothing was claimed
    except OSError as exc:
        drop.fail(claimed, settings.failed_dir, f"cannot read the file: {exc.strerror}")
        log.warning("event=claim file=%s status=failed error=unreadable", claimed.original_name)
        return None
    with session_scope(settings.database_url) as session:
        registered = ledger.register(
            session,
            source=ensure_source(session, source),
            digest=digest,
            claim=claimed.path.name,
            original_name=claimed.original_name,
            size=size,
            received_at=claimed.claimed_at,
            lease_seconds=settings.lease_seconds,
            url=url,
        )
    if registered.new:
        return registered.input_id
    if registered.status == "failed":
        # The same bad bytes again: file the copy with its twin's reason.
        drop.fail(
            claimed, settings.failed_dir, f"same bytes as an earlier input: {registered.error}"
        )
    else:
        drop.archive(claimed, settings.archive_dir / "duplicates", _day(settings, claimed))
    log.info(
        "event=claim file=%s status=duplicate input=%d hash=%s",
        claimed.original_name, registered.input_id, digest[:12],
    )  # fmt: skip
    return None


def file_modified(path: Path) -> dt.datetime | None:
    """A file's modification time, or None when it is gone."""
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    except OSError:
        return None


def file_digest(path: Path) -> tuple[str, int]:
    """SHA-256 and size of a file, read in pieces: an oversize file is never held whole."""
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _day(settings: Settings, claimed: drop.Claim) -> dt.date:
    return claimed.claimed_at.astimezone(settings.tz).date()


def rescan(settings: Settings, sources: Sequence[SourceConfig]) -> list[int]:
    """Hand out expired leases again, finish filing after a crash, adopt orphaned claims."""
    now = _now()
    with session_scope(settings.database_url) as session:
        retried = ledger.expired(session, now=now, lease_seconds=settings.lease_seconds)
        leftovers = [(row.id, _source_name(session, row)) for row in ledger.unfiled(session)]
        known = set(session.scalars(select(Input.claim).where(Input.status == "pending")))
    for input_id, source_name in leftovers:
        _file_input(settings, input_id, source_name)
    by_name = {s.name: s for s in sources}
    for found in drop.stale_claims(settings.work_dir, lease_seconds=settings.lease_seconds,
                                   now=now):  # fmt: skip
        source = by_name.get(found.path.parent.name)
        if found.path.name in known or source is None:
            continue
        # Claimed, then the scanner died before the ledger heard of it.
        adopted = register_claim(settings, source, found)
        if adopted is not None:
            retried.append(adopted)
    return retried


def _source_name(session: Session, row: Input) -> str:
    return session.execute(select(Source.name).where(Source.id == row.source_id)).scalar_one()


def ingest_input(
    settings: Settings, input_id: int, sources: Sequence[SourceConfig]
) -> IngestResult | None:
    """One attempt at an input: take the lease, ingest, record the outcome, file the file.

    The issue and the ledger's final state commit together, so a task that runs twice, or a
    crash after the commit, never stores anything twice.
    """
    started = time.monotonic()
    with session_scope(settings.database_url) as session:
        row = ledger.begin_attempt(
            session, input_id, now=_now(), lease_seconds=settings.lease_seconds,
            max_attempts=settings.max_attempts,
        )  # fmt: skip
        if row is None:
            log.warning("event=ingest input=%d status=unknown", input_id)
            return None
        source_name = _source_name(session, row)
        claim, name, received, status = row.claim, row.original_name, row.received_at, row.status
        digest = row.content_hash
        attempt = row.attempts
    if status in ledger.FINAL:
        _file_input(settings, input_id, source_name)
        return None
    source = _source_config(settings, sources, source_name)
    path = drop.claimed_file(settings.work_dir / source_name, claim or "")
    try:
        found_digest, size = file_digest(path)
    except FileNotFoundError:
        found_digest, size = None, 0
    if found_digest not in (None, digest) and source.path is not None:
        # Appended to after it was claimed: its writer was not done. Hand the file back to
        # the drop folder, where it is taken again once it holds still.
        _give_back(settings, input_id, path, source.path / name)
        log.warning("event=ingest input=%d file=%s status=changed", input_id, name)
        return None
    # An oversize file is not read: ingest sees only enough of it to say it is too large.
    data = None if found_digest is None else _read_prefix(path, settings.max_bytes + 1)
    modified = file_modified(path)  # the claim kept it: an undated file's guessed date
    faults.inject(settings.faults, "parse", name)
    result = _ingest_recorded(settings, input_id, data, source, name, received, size, modified)
    faults.inject(settings.faults, "after_commit", name)
    _file_input(settings, input_id, source_name)
    log.info(
        "event=ingest input=%d file=%s source=%s attempt=%d status=%s issue=%s articles=%d "
        "changed=%d withdrawn=%d warnings=%d hash=%s ms=%d%s",
        input_id, name, source_name, attempt, result.status, result.issue_id, result.articles,
        result.changed, result.withdrawn, result.warnings, result.content_hash[:12],
        (time.monotonic() - started) * 1000,
        f' error="{result.error}"' if result.status == "failed" else "",
    )  # fmt: skip
    return result


def _ingest_recorded(
    settings: Settings,
    input_id: int,
    data: bytes | None,
    source: SourceConfig,
    name: str,
    received: dt.datetime,
    size: int,
    modified: dt.datetime | None = None,
) -> IngestResult:
    # Two workers can run one input at once (a redelivered message). The loser's commit hits
    # the unique content hash; run again and it finds the winner's issue.
    for attempt in range(3):
        try:
            with session_scope(settings.database_url) as session:
                row = session.get(Input, input_id, with_for_update=True)
                assert row is not None
                if data is None:
                    result = IngestResult("failed", row.content_hash, error=(
                        "the claimed file vanished from the work folder before it was read"
                    ))  # fmt: skip
                else:
                    result = ingest_bytes(
                        session, data, source=source, filename=name, received_at=received,
                        max_bytes=settings.max_bytes, size=size, digest=row.content_hash,
                        modified_at=modified,
                    )  # fmt: skip
                # A duplicate of a failed issue failed too (it carries that issue's reason).
                failed = result.status == "failed" or bool(result.error)
                final = "failed" if failed else "ingested"
                ledger.finish(
                    session, row, status=final, issue_id=result.issue_id, error=result.error,
                    now=_now(),
                )  # fmt: skip
                return result
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _file_input(settings: Settings, input_id: int, source_name: str) -> None:
    """Move a finished input's file to archive/ or failed/, once."""
    with session_scope(settings.database_url) as session:
        row = session.get(Input, input_id, with_for_update=True)
        if row is None or row.filed or row.status not in ledger.FINAL:
            return
        row.filed = True
        path = settings.work_dir / source_name / (row.claim or "")
        if row.claim and path.exists():
            found = drop.parse_claim(path)
            found = drop.Claim(path, row.original_name, found.claimed_at)
            if row.status == "failed":
                drop.fail(found, settings.failed_dir, row.error or "unknown error")
            else:
                drop.archive(found, settings.archive_dir, _day(settings, found))


def _read_prefix(path: Path, limit: int) -> bytes:
    with path.open("rb") as handle:
        return handle.read(limit)


def _give_back(settings: Settings, input_id: int, path: Path, target: Path) -> None:
    with session_scope(settings.database_url) as session:
        row = session.get(Input, input_id, with_for_update=True)
        assert row is not None
        ledger.finish(
            session, row, status="changed", issue_id=None, now=_now(),
            error="the file changed after it was claimed; it went back to the drop folder",
        )  # fmt: skip
        row.filed = True
        counter = 1
        while target.exists():
            counter += 1
            target = target.with_name(f"{target.stem}.{counter}{target.suffix}")
        path.rename(target)


def _source_config(settings: Settings, sources: Sequence[SourceConfig], name: str) -> SourceConfig:
    for source in sources:
        if source.name == name:
            return source
    # A source removed from the configuration: its inputs still finish, with the defaults
    # stored when it was first seen.
    with session_scope(settings.database_url, write=False) as session:
        row = session.execute(select(Source).where(Source.name == name)).scalar_one()
        return SourceConfig(
            name=row.name, kind=row.kind, publication=row.publication,
            section=row.default_section, timezone=row.timezone,
        )  # fmt: skip


def note_timeout(settings: Settings, input_id: int, seconds: int) -> None:
    """An attempt ran past its time limit: say so in the ledger, for the operator and the
    reason given when the attempts run out."""
    with session_scope(settings.database_url) as session:
        ledger.note_error(
            session, input_id, f"timeout: ingest ran longer than {seconds} s", now=_now()
        )


def ingest_path(settings: Settings, path: Path, source: SourceConfig) -> IngestResult:
    """Ingest a file where it lies (the `paperfeed ingest` command); the file is not moved."""
    data = path.read_bytes()
    with session_scope(settings.database_url) as session:
        result = ingest_bytes(
            session, data, source=source, filename=path.name, received_at=_now(),
            max_bytes=settings.max_bytes, modified_at=file_modified(path),
        )  # fmt: skip
    log.info(
        "event=ingest file=%s status=%s issue=%s articles=%d",
        path, result.status, result.issue_id, result.articles,
    )  # fmt: skip
    return result


def reingest(settings: Settings, issue_id: int, sources: Sequence[SourceConfig]) -> IngestResult:
    """Parse a stored issue again from its raw bytes and apply the differences."""
    started = time.monotonic()
    with session_scope(settings.database_url, write=False) as session:
        source_name = session.scalar(
            select(Source.name)
            .join(Issue, Issue.source_id == Source.id)
            .where(Issue.id == issue_id)
        )
    if source_name is None:
        raise LookupError(f"no issue with id {issue_id}; `paperfeed issues list` shows them")
    source = _source_config(settings, sources, source_name)
    with session_scope(settings.database_url) as session:
        result = reingest_issue(session, issue_id, source)
    log.info(
        "event=reingest issue=%d source=%s status=%s articles=%d changed=%d withdrawn=%d ms=%d",
        issue_id, source_name, result.status, result.articles, result.changed, result.withdrawn,
        (time.monotonic() - started) * 1000,
    )  # fmt: skip
    return result


def select_issues(
    settings: Settings,
    *,
    issue_id: int | None = None,
    source: str | None = None,
    outdated: bool = False,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> list[int]:
    """Ids of the current (not superseded) issues a re-ingest should cover, oldest first."""
    from worker.parsing import PARSER_VERSION

    query = select(Issue.id).where(Issue.status == "ingested").order_by(Issue.id)
    if issue_id is not None:
        query = select(Issue.id).where(Issue.id == issue_id)
    if source is not None:
        query = query.join(Source, Source.id == Issue.source_id).where(Source.name == source)
    if outdated:
        query = query.where(Issue.parser_version != PARSER_VERSION)
    if date_from is not None:
        query = query.where(Issue.issue_date >= date_from)
    if date_to is not None:
        query = query.where(Issue.issue_date <= date_to)
    with session_scope(settings.database_url, write=False) as session:
        return list(session.scalars(query))


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
                log.warning("event=publish_lease_lost holder=%s", holder)
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
    """Delete the marks a publish covered: each as it was read, not one marked again since
    (its feed changed after the publish read it). A mark made again keeps the change that
    came during the publish; the range this publish covered is let go, unless another
    publisher took the mark over since (it rebuilds that range itself). Statements run for
    every key, in key order like the ingests that lock them; the driver sends them together.
    """
    marks = DirtyFeed.__table__
    rows = [
        {"mark_key": key, "covered": published[key], "token": token} for key in sorted(published)
    ]
    connection = session.connection()
    connection.execute(
        delete(marks).where(
            marks.c.key == bindparam("mark_key"), marks.c.marked_at <= bindparam("covered")
        ),
        rows,
    )
    connection.execute(
        update(marks)
        .where(marks.c.key == bindparam("mark_key"), marks.c.taken_by == bindparam("token"))
        .values(publishing_since=None, taken_by=None),
        rows,
    )


def _published(
    settings: Settings, report: PublishReport, feeds: int, started: float
) -> PublishReport:
    """After a publish: ping the hub, log the one line, hand the report back."""
    _ping(settings, report)
    log.info(
        "event=publish feeds=%d written=%d unchanged=%d ms=%d",
        feeds, len(report.written_files), len(report.unchanged_files),
        (time.monotonic() - started) * 1000,
    )  # fmt: skip
    return report


def _ping(settings: Settings, report: PublishReport) -> None:
    """Tell the WebSub hub which feeds changed; a failed ping never fails the publish."""
    if settings.websub_hub and report.changed_feed_urls:
        from feeds.websub import ping_hub

        for result in ping_hub(settings.websub_hub, report.changed_feed_urls):
            if not result.ok:
                log.warning("event=websub topic=%s error=%s", result.topic, result.error)


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


def publish_owed(settings: Settings, *, grace_seconds: float = 5.0) -> bool:
    """True when a feed has waited for its rebuild longer than a publish takes to arrive:
    its publish message was lost (embedded broker, Redis restart), so send another."""
    grace_seconds += settings.publish_delay
    cutoff = _now() - dt.timedelta(seconds=grace_seconds)
    with session_scope(settings.database_url, write=False) as session:
        return (
            session.scalar(select(DirtyFeed.key).where(DirtyFeed.marked_at <= cutoff)) is not None
        )


def publish_feeds(settings: Settings, keys: Iterable[str]) -> PublishReport:
    """Rebuild the named feeds (`*` for all) and the index."""
    started = time.monotonic()
    keys = sorted(set(keys))
    with session_scope(settings.database_url, write=False) as session:
        report = publish(session, settings, dict.fromkeys(keys))
    return _published(settings, report, len(keys), started)
