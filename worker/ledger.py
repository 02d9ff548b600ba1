"""The ledger of inputs: one row per content hash, the record of work.

The broker only carries messages: the embedded transport deletes a message when it is
fetched, and Redis without persistence forgets its queues on restart. So every input is
registered here before its message is sent, each attempt takes a lease and counts, and a
scan hands out again any pending input whose lease ran out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from worker.models import Input, Lock, Source
from worker.storage import insert_ignoring_conflict

# "changed": the claimed file was still being written; it went back to the drop folder.
FINAL = ("ingested", "failed", "changed")


@dataclass(frozen=True)
class Registered:
    """The outcome of registering an input: new work, or bytes already known."""

    input_id: int
    new: bool
    status: str
    error: str | None = None


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
    row = session.execute(select(Input).where(Input.content_hash == digest)).scalar_one()
    return Registered(row.id, row.claim == claim, row.status, row.error)


def begin_attempt(
    session: Session, input_id: int, *, now: dt.datetime, lease_seconds: float, max_attempts: int
) -> Input | None:
    """Take the lease for one more attempt, or None when the input needs no attempt.

    When the attempts are used up the input is marked failed here; the caller files it.
    """
    row = session.get(Input, input_id, with_for_update=True)
    if row is None or row.status in FINAL:
        return row
    if row.attempts >= max_attempts:
        last = row.error or "the worker died or was killed each time"
        row.status = "failed"
        row.error = f"gave up after {row.attempts} attempts: {last}"
        row.finished_at = now
        return row
    row.attempts += 1
    row.lease_expires_at = now + dt.timedelta(seconds=lease_seconds)
    return row


def note_error(session: Session, input_id: int, error: str, *, now: dt.datetime) -> None:
    """Record why an attempt did not finish; its lease ends now so the next scan retries."""
    session.execute(
        update(Input).where(Input.id == input_id).values(error=error, lease_expires_at=now)
    )


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


def release_scan_lock(session: Session, source_id: int, *, now: dt.datetime) -> None:
    session.execute(
        update(Source).where(Source.id == source_id).values(scan_lock_until=None, last_scan_at=now)
    )


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
