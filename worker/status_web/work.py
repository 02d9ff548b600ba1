"""What the /status actions do once allowed: queue re-ingests, take failed inputs back
and queue them, dismiss failures. Each returns the error key of a fixed message, or None."""

from __future__ import annotations

import logging

from sqlalchemy import func, select

from worker import failures as ledger
from worker.db import session_scope
from worker.logs import event
from worker.models import Input, Issue, TaskFailure
from worker.sources import NAME
from worker.status import failure_reason
from worker.status_web.context import Context
from worker.status_web.pages import CANNOT_HELP, can_reingest

log = logging.getLogger("paperfeed.web")


def reingest_one(ctx: Context, issue_id: int) -> str | None:
    """Queue one stored file again, unless it is unknown, replaced or cannot help."""
    with session_scope(ctx.settings.database_url, write=False) as session:
        found = session.get(Issue, issue_id)
        state = None if found is None else (found.status, found.error)
    if state is None:
        return "unknown-issue"
    if state[0] == "superseded":
        return "superseded"
    if not can_reingest(*state):
        return "cannot-help"
    ctx.reingest(issue_id)
    event(log, "reingest_queued", issue=issue_id, via="status")
    return None


def source_issues(ctx: Context, source: str) -> list[int] | None:
    """The stored files a source's re-ingest queues; None for a name that is no source."""
    if not NAME.match(source) or source not in {s.name for s in ctx.sources}:
        return None
    from worker.attempts import select_issues

    return list(select_issues(ctx.settings, source=source))


def retry_one(ctx: Context, failure_id: str) -> str | None:
    """Take a failed input's kept file back and queue its ingest."""
    if not failure_id.isdigit():
        return "unknown-failure"  # a task cannot be retried, only dismissed
    input_id = int(failure_id)
    with session_scope(ctx.settings.database_url, write=False) as session:
        error = session.scalar(
            select(Input.error).where(Input.id == input_id, Input.status == "failed")
        )
    if error is None:
        return "unknown-failure"
    if failure_reason(error) in CANNOT_HELP:
        return "cannot-help"
    try:
        ledger.take_back(ctx.settings, input_id)
    except ledger.FileGone:
        return "not-kept"
    except ledger.FailureError:
        return "unknown-failure"
    ctx.ingest(input_id)
    event(log, "failure_retried", input=input_id, via="status")
    return None


def dismiss_one(ctx: Context, failure_id: str) -> str | None:
    try:
        what = ledger.dismiss(ctx.settings, failure_id)
    except ledger.FailureError:
        return "unknown-failure"
    event(log, "failure_dismissed", failure=failure_id, what=what, via="status")
    return None


def retry_candidates(ctx: Context) -> list[int]:
    """What "retry all" takes back: failed inputs not dismissed whose bytes were not the
    problem (binary, empty and undecodable files fail the same way again)."""
    with session_scope(ctx.settings.database_url, write=False) as session:
        rows = session.execute(
            select(Input.id, Input.error)
            .where(Input.status == "failed", Input.dismissed_at.is_(None))
            .order_by(Input.id)
        ).all()
    return [i for i, error in rows if failure_reason(error) not in CANNOT_HELP]


def retry_many(ctx: Context, ids: list[int]) -> int:
    """Retry each; returns how many were queued (a file gone from failed/ is skipped)."""
    done = 0
    for input_id in ids:
        if retry_one(ctx, str(input_id)) is None:
            done += 1
    return done


def standing_failures(ctx: Context) -> int:
    """Failures not dismissed: what "dismiss all" sets aside."""
    with session_scope(ctx.settings.database_url, write=False) as session:
        inputs = session.scalar(
            select(func.count(Input.id)).where(
                Input.status == "failed", Input.dismissed_at.is_(None)
            )
        )
        tasks = session.scalar(
            select(func.count(TaskFailure.id)).where(TaskFailure.dismissed_at.is_(None))
        )
    return int(inputs or 0) + int(tasks or 0)


def dismiss_every(ctx: Context) -> int:
    count = ledger.dismiss_all(ctx.settings)
    event(log, "failures_dismissed", count=count, via="status")
    return count
