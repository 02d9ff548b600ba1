"""The units of work, as plain functions: scan sources, ingest an input, publish, re-ingest.

Celery tasks (`worker.tasks`) and the synchronous CLI paths both call these. Each logs one
`key=value` line per unit of work. Messages are sent by the caller's `enqueue` callbacks,
always after the transaction that recorded the work has committed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import logging
import os
import socket
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from logging import WARNING
from pathlib import Path

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from feeds.publish import PublishReport
from worker import drop, faults, ledger
from worker.db import session_scope
from worker.ingest import IngestResult, ensure_source, ingest_bytes, parse_checked, reingest_issue
from worker.logs import event
from worker.models import DirtyFeed, Input, Issue, Source
from worker.parsing import ParsedIssue, ParseWarning
from worker.publish import publish
from worker.settings import Settings
from worker.sources import SourceConfig
from worker.storage import IN_CHUNK
from worker.urls import redact

log = logging.getLogger("paperfeed.jobs")
Enqueue = Callable[[int], None]


@dataclass(frozen=True)
class ScanResult:
    """What one scan handed out: new inputs, and inputs whose lease had run out."""

    new: tuple[int, ...] = ()
    retried: tuple[int, ...] = ()
    duplicates: int = 0
    skipped: tuple[str, ...] = ()  # sources another scanner held, or not due yet
    failed: tuple[str, ...] = ()  # sources whose scan broke off (the reason is in status)
    dispatched: tuple[str, ...] = ()  # URL sources handed to their own poll task


# One source's trouble (a folder that cannot be listed, a file system error, the database
# refusing one file's row) stops that source's scan, never the others', the enqueue or the
# rescan. Anything else (a time limit, a bug) still ends the scan, after the enqueue.
SOURCE_ERRORS = (OSError, ValueError, SQLAlchemyError)


def _ms(started: float) -> int:
    """Milliseconds since `started` (a time.monotonic() reading)."""
    return round((time.monotonic() - started) * 1000)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def scan(
    settings: Settings,
    sources: Sequence[SourceConfig],
    enqueue: Enqueue,
    *,
    force: bool = False,
    dispatch: Callable[[str], None] | None = None,
    requeue_all: bool = False,
) -> ScanResult:
    """Scan every enabled source that is due, then hand out expired leases again.

    Harmless to run twice at once (two beat schedulers): each source is scanned under a
    lease in the database, and a file is claimed by one rename only. With `dispatch`, a URL
    source that is due is handed to it by name (its own task) instead of being fetched
    here: a slow site must not hold up the drop folders. Every input registered is
    enqueued, whatever goes wrong later in the scan. `requeue_all`: the broker lost its
    messages (Redis restarted without its data), so every pending input is sent again now
    rather than when its lease runs out.
    """
    started = time.monotonic()
    new: list[int] = []
    retried: list[int] = []
    skipped: list[str] = []
    failed: list[str] = []
    dispatched: list[str] = []
    duplicates = 0
    try:
        for source in sources:
            if not source.enabled:
                continue
            if source.kind == "url" and dispatch is not None:
                if url_source_due(settings, source, _now()):
                    dispatch(source.name)
                    dispatched.append(source.name)
                continue
            poll = scan_drop if source.kind == "drop" else poll_url
            try:
                found = poll(settings, source, new, force=force)
            except SOURCE_ERRORS as exc:
                event(log, "scan", WARNING, source=source.name, status="failed", error=repr(exc))
                failed.append(source.name)
                continue
            if found is None:
                skipped.append(source.name)
                continue
            duplicates += found
        retried = rescan(settings, sources)
        if requeue_all:
            retried += pending_inputs(settings)
            event(log, "scan", WARNING, status="broker_forgot", requeued=len(retried))
    finally:
        unsent = send_all(settings, [*new, *retried], enqueue)
    if unsent is not None:
        raise unsent
    if new or retried or duplicates or failed:
        event(
            log, "scan", new=len(new), retried=len(retried), duplicates=duplicates,
            failed=len(failed), ms=_ms(started),
        )  # fmt: skip
    return ScanResult(
        tuple(new), tuple(retried), duplicates, tuple(skipped), tuple(failed), tuple(dispatched)
    )


def send_all(settings: Settings, input_ids: Iterable[int], enqueue: Enqueue) -> Exception | None:
    """Enqueue each input once; returns the first error, having ended the lease of every
    input whose message could not be sent (a full disk under the embedded broker, Redis
    away), so that the next scan sends it again rather than its lease's end."""
    unsent: list[int] = []
    first: Exception | None = None
    for input_id in dict.fromkeys(input_ids):
        try:
            enqueue(input_id)
        except Exception as exc:  # the broker's errors have no common type
            unsent.append(input_id)
            first = first or exc
    if unsent:
        event(log, "enqueue", WARNING, status="failed", inputs=len(unsent), error=repr(first))
        with contextlib.suppress(SQLAlchemyError), session_scope(settings.database_url) as s:
            ledger.hand_out_again(s, unsent, now=_now())
    return first


Claims = Callable[[int, Path, list[drop.Leftover]], Iterator[tuple[drop.Claim, str | None]]]


def scan_drop(
    settings: Settings, source: SourceConfig, found: list[int], *, force: bool = False
) -> int | None:
    """Claim and register every ready file of one drop folder, adding the new inputs' ids to
    `found`; returns how many were known bytes, or None if not ours to scan now.

    A source is due once per poll interval (`force` ignores that, not the lock). A file
    that cannot be claimed stays where it is and is reported, with what else the folder
    holds that paperfeed will not take; the other files are claimed all the same.
    """
    folder = source.path
    assert folder is not None

    def claims(
        _source_id: int, work: Path, leftovers: list[drop.Leftover]
    ) -> Iterator[tuple[drop.Claim, str | None]]:
        survey = drop.survey(
            folder, stable_seconds=settings.stable_seconds, stale_claiming=settings.lease_seconds
        )
        leftovers.extend(survey.leftovers)
        for path in survey.ready:
            try:
                claimed = drop.claim(path, work)
            except OSError as exc:
                name = drop.display_name(path.name)
                reason = f"cannot be claimed: {exc.strerror or exc}"
                leftovers.append(drop.Leftover(name, reason, _now()))
                event(log, "claim", WARNING, file=name, status="refused", error=reason)
                continue
            if claimed is not None:  # None: another scanner renamed it first
                yield claimed, None

    return _scan_source(settings, source, claims, found, force=force)


def poll_url(
    settings: Settings, source: SourceConfig, found: list[int], *, force: bool = False
) -> int | None:
    """Fetch today's issue URL (and the look-back days') with conditional GET; new bytes
    become claims in the work folder and inputs in the ledger, like a dropped file.

    Every fetch of one poll shares URL_POLL_SECONDS, so the poll ends well inside its
    task's time limit and the source's scan lease."""
    from worker import fetch as fetching

    template = source.url
    assert template is not None
    now = _now()

    def claims(
        source_id: int, work: Path, _leftovers: list[drop.Leftover]
    ) -> Iterator[tuple[drop.Claim, str | None]]:
        today = now.astimezone(source.tz).date()
        urls = fetching.issue_urls(template, today=today, lookback_days=source.lookback_days)
        deadline = time.monotonic() + URL_POLL_SECONDS
        for number, (day, url) in enumerate(urls):
            left = deadline - time.monotonic()
            if left < 1:
                event(log, "fetch", WARNING, source=source.name, status="out_of_time")
                break
            share = min(fetching.DEADLINE, left / (len(urls) - number))
            data = _fetch_remembered(settings, source, source_id, url, now, deadline=share)
            if data is not None:
                shown = redact(url)
                name = f"{day.isoformat()}-{shown.rstrip('/').rsplit('/', 1)[-1] or 'issue.txt'}"
                yield drop.write_claim(work, name, data, now=now), shown

    return _scan_source(settings, source, claims, found, force=force)


# All the fetches of one URL source's poll (today and its look-back days), together: the
# poll task's soft time limit is above it, and the source's scan lease (URL_SCAN_LEASE) too.
URL_POLL_SECONDS = 90.0
URL_SCAN_LEASE = 120.0
# A drop folder's scan is renames and ledger rows: seconds, even for a thousand files. Its
# lease is short because a scan that dies (or cannot write its release: a full disk) holds
# the folder until the lease runs out; a second scanner joining a long scan is harmless.
DROP_SCAN_LEASE = 30.0


def url_source_due(settings: Settings, source: SourceConfig, now: dt.datetime) -> bool:
    """Whether a URL source should be polled now: its interval has passed since the last
    poll, nobody polls it right now, and nobody switched it off. Read only: the poll
    itself takes the lease."""
    with session_scope(settings.database_url, write=False) as session:
        row = session.execute(select(Source).where(Source.name == source.name)).scalar_one_or_none()
        if row is None:
            return True
        if row.enabled is False or (row.scan_lock_until is not None and row.scan_lock_until > now):
            return False
        last = row.last_scan_at
        return last is None or (now - last).total_seconds() >= source.poll_interval * 0.9


def _fetch_remembered(
    settings: Settings,
    source: SourceConfig,
    source_id: int,
    url: str,
    now: dt.datetime,
    *,
    deadline: float,
) -> bytes | None:
    """Fetch `url` with the validators its last answer gave; new bytes, or None. The URL is
    stored and logged with any credentials in it blanked out."""
    from worker import fetch as fetching
    from worker.models import FetchState

    shown = redact(url)
    with session_scope(settings.database_url, write=False) as session:
        row = session.get(FetchState, shown)
        state = fetching.FetchState(row.etag, row.last_modified) if row else None
    fetched = fetching.fetch(
        url, state=state, max_bytes=settings.max_bytes, deadline=deadline,
        allow_private=source.allow_private, auth=source.auth,
    )  # fmt: skip
    with session_scope(settings.database_url) as session:
        stored = session.get(FetchState, shown) or FetchState(url=shown, source_id=source_id)
        stored.etag, stored.last_modified = fetched.state.etag, fetched.state.last_modified
        stored.status, stored.error, stored.checked_at = fetched.status, fetched.error, now
        session.add(stored)
    if fetched.status == "error":
        event(log, "fetch", WARNING, source=source.name, url=shown, error=fetched.error)
    return fetched.data if fetched.status == "new" else None


def _scan_source(
    settings: Settings, source: SourceConfig, claims: Claims, found: list[int], *, force: bool
) -> int | None:
    """Under the source's scan lease, register every claim `claims` yields in the ledger,
    adding new input ids to `found` as they commit. Returns the count of known bytes, or
    None when the source is not ours to scan now."""
    source_id = _take_source(settings, source, _now(), force=force)
    if source_id is None:
        return None
    duplicates = 0
    leftovers: list[drop.Leftover] = []
    error: str | None = None
    try:
        work = settings.work_dir / source.name
        work.mkdir(parents=True, exist_ok=True)
        for claimed, url in claims(source_id, work, leftovers):
            try:
                input_id = register_claim(settings, source, claimed, url=url)
            except OSError as exc:  # filing a duplicate away failed; rescan tries again
                event(log, "claim", WARNING, file=claimed.original_name, status="unfiled",
                      error=repr(exc))  # fmt: skip
                continue
            if input_id is None:
                duplicates += 1
            else:
                found.append(input_id)
    except SOURCE_ERRORS as exc:
        error = f"the scan broke off: {type(exc).__name__}: {exc}"
        raise
    finally:
        shown = [
            {"name": item.name, "kind": item.kind, "since": item.since.isoformat()}
            for item in leftovers[:MAX_LEFTOVERS]
        ]
        with session_scope(settings.database_url) as session:
            ledger.release_scan_lock(session, source_id, now=_now(), leftovers=shown, error=error)
    return duplicates


MAX_LEFTOVERS = 50  # per source, kept for status; more are still counted in the log


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
        lease = DROP_SCAN_LEASE if source.kind == "drop" else URL_SCAN_LEASE
        if not due or not ledger.take_scan_lock(session, row, now=now, seconds=lease):
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
        event(
            log, "claim", WARNING, file=claimed.original_name, status="failed", error="unreadable"
        )
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
        again = f"; `paperfeed reingest {registered.issue_id}` parses them again"
        drop.fail(
            claimed,
            settings.failed_dir,
            f"same bytes as an earlier input: {registered.error}"
            + (again if registered.issue_id is not None else ""),
        )
    else:
        drop.archive(claimed, settings.archive_dir / "duplicates", _day(settings, claimed))
    event(
        log, "claim", file=claimed.original_name, status="duplicate",
        input=registered.input_id, hash=digest[:12],
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
    for input_id, source_name in leftovers:
        try:
            _file_input(settings, input_id, source_name)
        except OSError as exc:  # a full disk: it stays unfiled, and the next rescan tries again
            event(log, "file", WARNING, input=input_id, status="unfiled", error=repr(exc))
    # A scan registers each file right after claiming it, so a claim the ledger has not
    # heard of once a scan's lease has passed was orphaned: its scanner died, or could not
    # write the ledger's row (a full disk), between the two.
    found = drop.stale_claims(settings.work_dir, lease_seconds=DROP_SCAN_LEASE, now=now)
    known = _known_claims(settings, [claim.path.name for claim in found])
    by_name = {s.name: s for s in sources}
    for claim in found:
        source = by_name.get(claim.path.parent.name)
        if claim.path.name in known or source is None:
            continue
        try:
            adopted = register_claim(settings, source, claim)
        except OSError as exc:  # filing a duplicate away failed; the next rescan tries again
            event(
                log, "claim", WARNING, file=claim.original_name, status="unfiled", error=repr(exc)
            )
            continue
        if adopted is not None:
            retried.append(adopted)
    return retried


def _known_claims(settings: Settings, names: list[str]) -> set[str]:
    """Which of these claim names the ledger holds."""
    known: set[str] = set()
    with session_scope(settings.database_url, write=False) as session:
        for start in range(0, len(names), IN_CHUNK):
            chunk = names[start : start + IN_CHUNK]
            known.update(session.scalars(select(Input.claim).where(Input.claim.in_(chunk))))
    return known


def pending_inputs(settings: Settings) -> list[int]:
    """Every input not yet in a final state, oldest first."""
    with session_scope(settings.database_url, write=False) as session:
        return list(
            session.scalars(select(Input.id).where(Input.status == "pending").order_by(Input.id))
        )


def _source_name(session: Session, row: Input) -> str:
    return session.execute(select(Source.name).where(Source.id == row.source_id)).scalar_one()


@dataclass
class Attempt:
    """How far one attempt at an input got: the task that runs it reads this when the
    attempt is interrupted, to tell the file's fault (a parse that ran out of time) from
    the system's (a database error, a time limit spent waiting for the database)."""

    begun: bool = False  # counted in the ledger
    parsing: bool = False


def ingest_input(
    settings: Settings,
    input_id: int,
    sources: Sequence[SourceConfig],
    *,
    attempt: Attempt | None = None,
    resumed: bool = False,
) -> IngestResult | None:
    """One attempt at an input: take the lease, parse, store, record the outcome, file it.

    The parse runs outside any transaction: on SQLite a write transaction holds the whole
    database, and a slow file would keep every other ingest waiting. The issue and the
    ledger's final state commit together, so a task that runs twice, or a crash after the
    commit, never stores anything twice. `resumed`: the previous attempt of this message
    ended on a database error, not on the file (see `ledger.begin_attempt`).
    """
    attempt = attempt or Attempt()
    started = time.monotonic()
    with session_scope(settings.database_url) as session:
        row = ledger.begin_attempt(
            session, input_id, now=_now(), lease_seconds=settings.lease_seconds,
            max_attempts=settings.max_attempts, resumed=resumed,
        )  # fmt: skip
        if row is None:
            event(log, "ingest", WARNING, input=input_id, status="unknown")
            return None
        source_name = _source_name(session, row)
        claim, name, received, status = row.claim, row.original_name, row.received_at, row.status
        digest, url = row.content_hash, row.url
        attempt_number = row.attempts
    attempt.begun = True
    if status in ledger.FINAL:
        if status == "failed" and url is not None:
            _forget_validators(settings, url)
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
        event(log, "ingest", WARNING, input=input_id, file=name, status="changed")
        return None
    # An oversize file is not read: ingest sees only enough of it to say it is too large.
    data = None if found_digest is None else _read_prefix(path, settings.max_bytes + 1)
    modified = file_modified(path)  # the claim kept it: an undated file's guessed date
    checked = _parse(settings, input_id, attempt, data, name, size)
    result = _ingest_recorded(
        settings, input_id, data, source, name, received, size, checked, modified
    )
    faults.inject(settings.faults, "after_commit", name)
    _file_input(settings, input_id, source_name)
    event(
        log, "ingest", input=input_id, file=name, source=source_name, attempt=attempt_number,
        status=result.status, issue=result.issue_id, articles=result.articles,
        changed=result.changed, withdrawn=result.withdrawn, warnings=result.warnings,
        hash=result.content_hash[:12], ms=_ms(started),
        error=result.error if result.status == "failed" else None,
    )  # fmt: skip
    return result


Checked = tuple[str | None, ParsedIssue | None]


def _parse(
    settings: Settings, input_id: int, attempt: Attempt, data: bytes | None, name: str, size: int
) -> Checked | None:
    """Parse outside any transaction; an exception of the parser's own counts against the
    file, with its message as the reason, and is raised on."""
    if data is None:
        return None
    attempt.parsing = True  # left so when the parse raises: the task reads it then
    try:
        faults.inject(settings.faults, "parse", name)
        checked = check_bytes(data, name, settings.max_bytes, size=size)
    except Exception as exc:
        # A time limit is named by the task that set it, after this.
        with contextlib.suppress(SQLAlchemyError), session_scope(settings.database_url) as s:
            reason = f"the parser failed: {type(exc).__name__}: {exc}"
            ledger.note_error(s, input_id, reason, now=_now())
        raise
    attempt.parsing = False
    return checked


def check_bytes(
    data: bytes, name: str | None, max_bytes: int, *, size: int | None = None
) -> Checked:
    """`parse_checked`, and for a file cut off in the middle of a character (an upload that
    broke off), the text before the cut with a warning naming its byte offset: the decoder
    refuses such a file whole, or could let the cut pass unsaid."""
    error, parsed = parse_checked(data, name, max_bytes, size=size)
    if len(data) > max_bytes:
        return error, parsed
    cut = cut_character(data)
    if cut is None:
        return error, parsed
    if parsed is None:
        error, parsed = parse_checked(data[: cut[0]], name, max_bytes)
        if parsed is None:
            return error, parsed
    line = data.count(b"\n", 0, cut[0]) + 1
    warning = ParseWarning(line, (
        f"the file ends in the middle of a character at byte {cut[0]} of {len(data)}: it was"
        f" probably cut off during upload ({cut[1]} text up to there); drop it again whole"
    ))  # fmt: skip
    return error, dataclasses.replace(parsed, warnings=(*parsed.warnings, warning))


def cut_character(data: bytes) -> tuple[int, str] | None:
    """Where `data` breaks off inside a UTF-8 or GB18030 character, and which, or None.

    Only the last line is read: a newline byte is never part of a multi-byte character in
    either encoding, so decoding starts cleanly there however large the file is.

    >>> cut_character("本报讯".encode("gb18030")[:-1])
    (4, 'gb18030')
    >>> cut_character("本报讯".encode("utf-8")) is None
    True
    """
    start = data.rfind(b"\n", max(0, len(data) - TAIL_BYTES)) + 1
    if start == 0 and len(data) > TAIL_BYTES:
        return None  # no line end near the end: not text this check can read
    tail = data[start:]
    # In the decoder's order: UTF-8 Chinese cut short often reads as whole GB18030.
    for codec in ("utf-8", "gb18030"):
        try:
            tail.decode(codec)
            return None  # whole text in this encoding: nothing is cut
        except UnicodeDecodeError as exc:
            if exc.end < len(tail) or exc.start < len(tail) - 4:
                continue  # a bad byte inside the line, not a cut at its end
            try:
                tail[: exc.start].decode(codec)
            except UnicodeDecodeError:
                continue
            return start + exc.start, codec
    return None


TAIL_BYTES = 64 * 1024


def _ingest_recorded(
    settings: Settings,
    input_id: int,
    data: bytes | None,
    source: SourceConfig,
    name: str,
    received: dt.datetime,
    size: int,
    checked: Checked | None,
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
                        modified_at=modified, checked=checked,
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


def _forget_validators(settings: Settings, url: str) -> None:
    """A fetched input that failed without a verdict on its bytes: the next poll fetches the
    page whole again (no If-None-Match), and the same bytes get a new round."""
    from worker.models import FetchState

    with session_scope(settings.database_url) as session:
        session.execute(
            update(FetchState).where(FetchState.url == url).values(etag=None, last_modified=None)
        )


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
        target = target.with_name(drop.fit_name(target.name, drop.FILED_NAME_BYTES))
        counter = 1
        while target.exists():
            counter += 1
            target = target.with_name(f"{target.stem}.{counter}{target.suffix}")
        drop.move(path, target)


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
    """An attempt ran past its time limit while parsing: say so in the ledger, for the
    operator and the reason given when the attempts run out."""
    with session_scope(settings.database_url) as session:
        ledger.note_error(
            session, input_id, f"timeout: ingest ran longer than {seconds} s", now=_now()
        )


def note_interrupted(settings: Settings, input_id: int, why: str) -> None:
    """An attempt ended for a reason outside the file: not counted against it, retried
    after a backoff."""
    with session_scope(settings.database_url) as session:
        backoff = ledger.note_interruption(
            session, input_id, now=_now(), lease_seconds=settings.lease_seconds
        )
    if backoff is not None:
        event(
            log, "ingest", WARNING, input=input_id, status="interrupted",
            retry_in=f"{backoff}s", error=why,
        )  # fmt: skip


def ingest_path(settings: Settings, path: Path, source: SourceConfig) -> IngestResult:
    """Ingest a file where it lies (the `paperfeed ingest` command); the file is not moved."""
    data = path.read_bytes()
    error, parsed = check_bytes(data, path.name, settings.max_bytes)
    with session_scope(settings.database_url) as session:
        result = ingest_bytes(
            session, data, source=source, filename=path.name, received_at=_now(),
            max_bytes=settings.max_bytes, modified_at=file_modified(path),
            checked=(error, parsed),
        )  # fmt: skip
    event(
        log, "ingest", file=str(path), status=result.status, issue=result.issue_id,
        articles=result.articles,
    )  # fmt: skip
    return result


def reingest(settings: Settings, issue_id: int, sources: Sequence[SourceConfig]) -> IngestResult:
    """Parse a stored issue again from its raw bytes and apply the differences."""
    started = time.monotonic()
    with session_scope(settings.database_url, write=False) as session:
        found = session.execute(
            select(Source.name, Issue.raw, Issue.filename)
            .join(Issue, Issue.source_id == Source.id)
            .where(Issue.id == issue_id)
        ).first()
    if found is None:
        raise LookupError(f"no issue with id {issue_id}; `paperfeed issues list` shows them")
    source_name, raw, filename = found
    source = _source_config(settings, sources, source_name)
    # Parsed before the write transaction, as an ingest is: stored bytes are never changed.
    checked = check_bytes(raw, filename, len(raw) + 1)
    with session_scope(settings.database_url) as session:
        result = reingest_issue(session, issue_id, source, checked=checked)
    event(
        log, "reingest", issue=issue_id, source=source_name, status=result.status,
        articles=result.articles, changed=result.changed, withdrawn=result.withdrawn,
        ms=_ms(started),
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
