"""The ledger of inputs: one row per content hash, the record of work.

The broker only carries messages: the embedded transport deletes a message when it is
fetched, and Redis without persistence forgets its queues on restart. So every input is
registered here before its message is sent, each attempt takes a lease and counts, and a
scan hands out again any pending input whose lease ran out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from worker.models import Input, Lock, Source
from worker.storage import insert_ignoring_conflict

# "changed": the claimed file was still being written; it went back to the drop folder.
FINAL = ("ingested", "failed", "changed")
# Attempts that ended for reasons outside the file get this many times PAPERFEED_MAX_ATTEMPTS,
# each retried after a backoff that doubles from INTERRUPTION_BACKOFF up to the lease.
INTERRUPTION_BUDGET = 10
INTERRUPTION_BACKOFF = 5.0  # seconds


@dataclass(frozen=True)
class Registered:
    """The outcome of registering an input: new work, or bytes already known."""

    input_id: int
    new: bool
    status: str
    error: str | None = None
    issue_id: int | None = None


def register(
    session: Session,
    *,
    source: Source,
    digest: str,
    claim: str,
    original_name: str,
    size: int,
    received_at: dt.datetime,
    lease_seconds: float,
    url: str | None = None,
) -> Registered:
    """Record an input by its hash; `new` is False when the same bytes were seen before."""
    insert_ignoring_conflict(
        session,
        Input,
        {
            "source_id": source.id,
            "content_hash": digest,
            "status": "pending",
            "attempts": 0,
            "lease_expires_at": received_at + dt.timedelta(seconds=lease_seconds),
            "claim": claim,
            "filed": False,
            "original_name": original_name,
            "url": url,
            "size": size,
            "received_at": received_at,
        },
    )
    row = session.execute(
        select(Input).where(Input.content_hash == digest).with_for_update()
    ).scalar_one()
    if row.claim != claim and retryable(row):
        # Its attempts ran out on time limits or crashes, or its file vanished: nothing was
        # said about these bytes themselves, so a new copy of them gets a new round.
        row.status, row.claim, row.filed, row.original_name = "pending", claim, False, original_name
        row.source_id, row.size, row.received_at, row.url = source.id, size, received_at, url
        row.attempts = row.interruptions = 0
        row.error, row.finished_at, row.issue_id = None, None, None
        row.kept, row.dismissed_at = None, None
        row.lease_expires_at = received_at + dt.timedelta(seconds=lease_seconds)
        return Registered(row.id, True, row.status)
    return Registered(row.id, row.claim == claim, row.status, row.error, row.issue_id)


def retryable(row: Input) -> bool:
    """A failed input whose bytes were never judged (no issue stored), its file filed away."""
    return row.status == "failed" and row.issue_id is None and row.filed


def begin_attempt(
    session: Session,
    input_id: int,
    *,
    now: dt.datetime,
    lease_seconds: float,
    max_attempts: int,
    resumed: bool = False,
) -> Input | None:
    """Take the lease for one more attempt, or None when the input needs no attempt.

    An attempt counts against the file from its start: one that never ends (its worker
    killed mid-parse, a file that takes the process down) stays counted. One that ended
    outside the file and could not say so then (the database went away: `resumed`) is
    moved to the interruptions here. When either budget is used up the input is marked
    failed; the caller files it.
    """
    row = session.get(Input, input_id, with_for_update=True)
    if row is None or row.status in FINAL:
        return row
    if resumed and row.attempts > 0:
        row.attempts -= 1
        row.interruptions += 1
    if row.attempts >= max_attempts:
        last = row.error or "the worker died or was killed each time"
        return _give_up(row, f"gave up after {row.attempts} attempts: {last}", now)
    if row.interruptions >= max_attempts * INTERRUPTION_BUDGET:
        return _give_up(
            row,
            f"gave up after {row.interruptions} interrupted attempts: each one ended for a"
            " reason outside the file (the database, a time limit spent waiting for it);"
            " the worker's log says which; drop the file again once that is fixed",
            now,
        )
    row.attempts += 1
    row.lease_expires_at = now + dt.timedelta(seconds=lease_seconds)
    return row


def _give_up(row: Input, error: str, now: dt.datetime) -> Input:
    row.status, row.error, row.finished_at = "failed", error, now
    return row


def note_error(session: Session, input_id: int, error: str, *, now: dt.datetime) -> None:
    """Record why an attempt did not finish, counted against the file; its lease ends now so
    the next scan retries. An input that finished meanwhile keeps its reason."""
    session.execute(
        update(Input)
        .where(Input.id == input_id, Input.status == "pending")
        .values(error=error, lease_expires_at=now)
    )


def note_interruption(
    session: Session, input_id: int, *, now: dt.datetime, lease_seconds: float
) -> int | None:
    """An attempt ended for a reason outside the file: it no longer counts against it, and
    the input is handed out again after a backoff. Returns that backoff in seconds (None
    when the input is no longer pending). Its reason stays as it was."""
    row = session.get(Input, input_id, with_for_update=True)
    if row is None or row.status != "pending":
        return None
    row.attempts = max(0, row.attempts - 1)
    row.interruptions += 1
    backoff = min(lease_seconds, INTERRUPTION_BACKOFF * 2 ** (row.interruptions - 1))
    row.lease_expires_at = now + dt.timedelta(seconds=backoff)
    return int(backoff)


def finish(
    session: Session, row: Input, *, status: str, issue_id: int | None, error: str | None,
    now: dt.datetime,
) -> None:  # fmt: skip
    """Mark an input done, in the same transaction as the issue it produced."""
    row.status = status
    row.issue_id = issue_id
    row.error = error
    row.finished_at = now
    row.lease_expires_at = None


def hand_out_again(session: Session, input_ids: list[int], *, now: dt.datetime) -> None:
    """End the lease of pending inputs whose message never reached the broker."""
    session.execute(
        update(Input)
        .where(Input.id.in_(input_ids), Input.status == "pending")
        .values(lease_expires_at=now)
    )


def expired(session: Session, *, now: dt.datetime, lease_seconds: float) -> list[int]:
    """Pending inputs whose lease ran out; their lease is renewed so one scan takes each."""
    rows = session.scalars(
        select(Input)
        .where(Input.status == "pending", Input.lease_expires_at <= now)
        .order_by(Input.id)
        .with_for_update(skip_locked=True)
    ).all()
    for row in rows:
        row.lease_expires_at = now + dt.timedelta(seconds=lease_seconds)
    return [row.id for row in rows]


def unfiled(session: Session) -> list[Input]:
    """Finished inputs whose file still waits in the work folder (a crash after the commit)."""
    return list(
        session.scalars(
            select(Input).where(Input.status.in_(FINAL), Input.filed.is_(False)).order_by(Input.id)
        )
    )


def take_scan_lock(session: Session, source: Source, *, now: dt.datetime, seconds: float) -> bool:
    """Hold the source's scan lease; False when another scanner holds it (or scanned lately)."""
    taken = session.execute(
        update(Source)
        .where(Source.id == source.id)
        .where((Source.scan_lock_until.is_(None)) | (Source.scan_lock_until <= now))
        .values(scan_lock_until=now + dt.timedelta(seconds=seconds))
    )
    return bool(taken.rowcount)  # type: ignore[attr-defined]


def release_scan_lock(
    session: Session,
    source_id: int,
    *,
    now: dt.datetime,
    leftovers: list[dict[str, str]] | None = None,
    error: str | None = None,
    in_use: dict[str, Any] | None = None,
) -> None:
    """End a scan: the lease goes, and what it left behind or failed on, and the settings it
    ran with, are kept for status."""
    session.execute(
        update(Source)
        .where(Source.id == source_id)
        .values(scan_lock_until=None, last_scan_at=now, leftovers=leftovers or None,
                scan_error=error, in_use=in_use)
    )  # fmt: skip


def take_lock(
    session: Session, name: str, holder: str, *, now: dt.datetime, seconds: float
) -> bool:
    """Hold the named lease for `seconds`; False while someone else holds it."""
    insert_ignoring_conflict(session, Lock, {"name": name, "holder": holder, "until": now})
    taken = session.execute(
        update(Lock)
        .where(Lock.name == name, (Lock.until <= now) | (Lock.holder == holder))
        .values(holder=holder, until=now + dt.timedelta(seconds=seconds))
    )
    return bool(taken.rowcount)  # type: ignore[attr-defined]


def release_lock(session: Session, name: str, holder: str, *, now: dt.datetime) -> None:
    session.execute(update(Lock).where(Lock.name == name, Lock.holder == holder).values(until=now))


def lock_held(session: Session, name: str, *, now: dt.datetime) -> bool:
    """Whether someone holds the named lease now (`take_lock`)."""
    until = session.scalar(select(Lock.until).where(Lock.name == name))
    return until is not None and until > now
