"""One attempt at an input: read the claimed bytes, parse outside the write transaction,
store the issue and the ledger's verdict together, and file the file away; also the
synchronous ingest of a path and the re-ingest of stored issues."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from logging import WARNING
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from worker import faults, ledger
from worker.db import session_scope
from worker.ingest import IngestResult, ingest_bytes, reingest_issue
from worker.intake import drop
from worker.intake.claims import file_digest, file_modified
from worker.intake.filing import file_input, give_back, source_name_of
from worker.logs import event
from worker.models import Input, Issue, Source
from worker.parsing import ParsedIssue, ParseWarning, parse_checked
from worker.settings import Settings
from worker.sources import SourceConfig


def _ms(started: float) -> int:
    """Milliseconds since `started` (a time.monotonic() reading)."""
    return round((time.monotonic() - started) * 1000)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


Checked = tuple[str | None, ParsedIssue | None]


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
    begun = _begin(settings, input_id, resumed=resumed)
    if begun is None:
        event(log, "ingest", WARNING, input=input_id, status="unknown")
        return None
    source_name, claim, name, received = begun.source, begun.claim, begun.name, begun.received
    attempt.begun = True
    if begun.status in ledger.FINAL:
        if begun.status == "failed" and begun.url is not None:
            _forget_validators(settings, begun.url)
        file_input(settings, input_id, source_name)
        return None
    source = _source_config(settings, sources, source_name)
    path = drop.claimed_file(settings.work_dir / source_name, claim or "")
    try:
        found_digest, size = file_digest(path)
    except FileNotFoundError:
        found_digest, size = None, 0
    if found_digest not in (None, begun.digest) and source.path is not None:
        # Appended to after it was claimed: its writer was not done. Hand the file back to
        # the drop folder, where it is taken again once it holds still.
        give_back(settings, input_id, path, source.path / name)
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
    file_input(settings, input_id, source_name)
    event(
        log, "ingest", input=input_id, file=name, source=source_name, attempt=begun.attempts,
        status=result.status, issue=result.issue_id, articles=result.articles,
        changed=result.changed, withdrawn=result.withdrawn, warnings=result.warnings,
        hash=result.content_hash[:12], ms=_ms(started),
        error=result.error if result.status == "failed" else None,
    )  # fmt: skip
    return result


@dataclass(frozen=True)
class _Begun:
    """What the ledger says of an input as an attempt at it begins."""

    source: str
    claim: str | None
    name: str
    received: dt.datetime
    status: str
    digest: str
    url: str | None
    attempts: int


def _begin(settings: Settings, input_id: int, *, resumed: bool) -> _Begun | None:
    """Count the attempt in the ledger (`ledger.begin_attempt`) and read what it needs of
    the input's row; None when the ledger holds no such input."""
    with session_scope(settings.database_url) as session:
        row = ledger.begin_attempt(
            session, input_id, now=_now(), lease_seconds=settings.lease_seconds,
            max_attempts=settings.max_attempts, resumed=resumed,
        )  # fmt: skip
        if row is None:
            return None
        return _Begun(
            source_name_of(session, row), row.claim, row.original_name, row.received_at,
            row.status, row.content_hash, row.url, row.attempts,
        )  # fmt: skip


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


def _read_prefix(path: Path, limit: int) -> bytes:
    with path.open("rb") as handle:
        return handle.read(limit)


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
            select(Source.name, Issue.raw, Issue.filename, Issue.status, Issue.error)
            .join(Issue, Issue.source_id == Source.id)
            .where(Issue.id == issue_id)
        ).first()
        kept_by = session.scalar(select(Input.id).where(Input.issue_id == issue_id))
    if found is None:
        raise LookupError(f"no stored file with id {issue_id}; `paperfeed issues list` shows them")
    source_name, raw, filename, status, error = found
    if status == "failed" and not raw:
        # Refused as too large: its bytes are in failed/, not in the database.
        raise ValueError(
            f"its bytes were not stored ({error}); `paperfeed failures retry {kept_by}` ingests"
            " the file kept in failed/ with today's settings"
        )
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


log = logging.getLogger("paperfeed.jobs")
