"""One source's scan under its lease: the lease taken (once per poll interval, by one scanner
at a time), every claim registered in the ledger as it comes, and the lease released with
what the folder held that paperfeed will not take."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from logging import WARNING
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from worker import ledger
from worker.db import session_scope
from worker.intake import drop
from worker.intake.claims import register_claim
from worker.logs import event
from worker.named_rows import ensure_source
from worker.settings import Settings
from worker.sources import SourceConfig, in_use

# One source's trouble (a folder that cannot be listed, a file system error, the database
# refusing one file's row) stops that source's scan, never the others', the enqueue or the
# rescan. Anything else (a time limit, a bug) still ends the scan, after the enqueue.
SOURCE_ERRORS = (OSError, ValueError, SQLAlchemyError)


# A URL source's poll holds its lease through all its fetches (`polling.URL_POLL_SECONDS`).
URL_SCAN_LEASE = 120.0


# A drop folder's scan is renames and ledger rows: seconds, even for a thousand files. Its
# lease is short because a scan that dies (or cannot write its release: a full disk) holds
# the folder until the lease runs out; a second scanner joining a long scan is harmless.
DROP_SCAN_LEASE = 30.0


def scan_source(
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
            ledger.release_scan_lock(session, source_id, now=_now(), leftovers=shown,
                                     error=error, in_use=in_use(source))  # fmt: skip
    return duplicates


Claims = Callable[[int, Path, list[drop.Leftover]], Iterator[tuple[drop.Claim, str | None]]]


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


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


log = logging.getLogger("paperfeed.jobs")
