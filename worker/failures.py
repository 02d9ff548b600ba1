"""Failures as a person clears them: every failed input and task listed with its reason, a
failed input retried from its file kept in failed/ (with today's settings), and a failure
dismissed (still listed, no longer counted by `paperfeed status`)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from worker.db import session_scope
from worker.ingest import IngestResult
from worker.intake import drop
from worker.intake.claims import file_digest
from worker.models import Input, Issue, Source, TaskFailure
from worker.progress import plural
from worker.settings import Settings
from worker.sources import SourceConfig
from worker.status import failure_reason

TASK_PREFIX = "t"  # `t3` is task failure 3; a bare number is an input


class FailureError(Exception):
    """A failure id that names nothing, or one that cannot be retried; the message says why
    and what to do instead."""


class FileGone(FailureError):
    """A failed input whose kept file is no longer in failed/."""


@dataclass(frozen=True)
class FailureRow:
    """One failed input (`id` "7") or task (`id` "t3"), as `paperfeed failures list` shows."""

    id: str
    at: dt.datetime
    source: str | None
    what: str  # the file's name, or the task's
    reason: str
    error: str
    dismissed: bool
    kept: Path | None = None  # the input's file in failed/, when it is still there


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def list_failures(settings: Settings, *, limit: int = 50) -> list[FailureRow]:
    """Failed inputs and tasks, newest first; dismissed ones included, marked so."""
    rows: list[FailureRow] = []
    with session_scope(settings.database_url, write=False) as session:
        inputs = session.execute(
            select(Input, Source.name)
            .join(Source, Source.id == Input.source_id)
            .where(Input.status == "failed")
            .order_by(Input.finished_at.desc())
            .limit(limit)
        ).all()
        for row, source in inputs:
            rows.append(FailureRow(
                str(row.id), row.finished_at or row.received_at, source, row.original_name,
                failure_reason(row.error), row.error or "", row.dismissed_at is not None,
                kept_file(settings, row),
            ))  # fmt: skip
        tasks = session.scalars(
            select(TaskFailure).order_by(TaskFailure.failed_at.desc()).limit(limit)
        ).all()
        for task in tasks:
            rows.append(FailureRow(
                f"{TASK_PREFIX}{task.id}", task.failed_at, None,
                f"{task.task} {task.args or ''}".rstrip(), "task_error", task.error,
                task.dismissed_at is not None,
            ))  # fmt: skip
    rows.sort(key=lambda r: r.at, reverse=True)
    return rows[:limit]


def kept_file(settings: Settings, row: Input) -> Path | None:
    """The failed input's file in failed/: where filing recorded it, or (for inputs filed
    before that was recorded) a file there of the same size and hash."""
    if row.kept:
        path = settings.failed_dir / row.kept
        return path if path.is_file() else None
    if not settings.failed_dir.is_dir():
        return None
    for path in sorted(settings.failed_dir.iterdir()):
        if path.name.endswith(".error.txt") or not path.is_file():
            continue
        if path.stat().st_size == row.size and file_digest(path)[0] == row.content_hash:
            return path
    return None


def retry(settings: Settings, input_id: int, sources: Sequence[SourceConfig]) -> IngestResult:
    """Ingest a failed input again from its kept file, here and now, with today's settings
    (a raised PAPERFEED_MAX_BYTES, a newer parser). The file is claimed back into the work
    folder and the input starts over: no attempt counted, no reason, no failed issue."""
    from worker import attempts

    take_back(settings, input_id)
    result = attempts.ingest_input(settings, input_id, sources)
    if result is None:  # a worker that still had its message finished it meanwhile
        raise FailureError(f"input {input_id} was finished meanwhile: `paperfeed status`")
    return result


def take_back(settings: Settings, input_id: int) -> None:
    """Claim a failed input's kept file back into the work folder and start the input over,
    pending under a fresh lease: the caller ingests it, or queues it (/status), and a lost
    message is handed out again when the lease runs out."""
    with session_scope(settings.database_url) as session:
        row = _failed_input(session, input_id)
        path = kept_file(settings, row)
        if path is None:
            raise FileGone(
                f"input {input_id} ({row.original_name}): its file is no longer in "
                f"{settings.failed_dir}; drop the file into the drop folder again"
            )
        source = session.scalars(select(Source.name).where(Source.id == row.source_id)).one()
        work = settings.work_dir / source
        work.mkdir(parents=True, exist_ok=True)
        claimed = drop.claim(path, work)
        if claimed is None:
            raise FileGone(f"input {input_id}: its file {path} went away while it was taken")
        path.with_name(path.name + ".error.txt").unlink(missing_ok=True)
        _forget_failed_issue(session, row)
        _start_over(row, claimed.path.name, settings.lease_seconds)


def _failed_input(session: Session, input_id: int) -> Input:
    row = session.get(Input, input_id, with_for_update=True)
    if row is None:
        raise FailureError(f"no failed input with id {input_id}; `paperfeed failures list`")
    if row.status != "failed":
        raise FailureError(f"input {input_id} ({row.original_name}) is {row.status}, not failed")
    return row


def _forget_failed_issue(session: Session, row: Input) -> None:
    """The failed issue stored for these bytes would make the retry a duplicate of it."""
    issue = session.get(Issue, row.issue_id) if row.issue_id is not None else None
    row.issue_id = None
    if issue is not None and issue.status == "failed" and issue.edition_id is None:
        session.flush()
        session.delete(issue)


def _start_over(row: Input, claim: str, lease_seconds: float) -> None:
    now = _now()
    row.status, row.claim, row.filed, row.kept = "pending", claim, False, None
    row.attempts = row.interruptions = 0
    row.error, row.finished_at, row.dismissed_at = None, None, None
    row.lease_expires_at = now + dt.timedelta(seconds=lease_seconds)


def retryable_ids(settings: Settings) -> list[int]:
    """Failed inputs not dismissed, oldest first: what `failures retry --all` tries."""
    with session_scope(settings.database_url, write=False) as session:
        return list(
            session.scalars(
                select(Input.id)
                .where(Input.status == "failed", Input.dismissed_at.is_(None))
                .order_by(Input.id)
            )
        )


def dismiss(settings: Settings, failure_id: str) -> str:
    """Set one failure aside; returns what was dismissed, as a person reads it."""
    with session_scope(settings.database_url) as session:
        if failure_id.startswith(TASK_PREFIX) and failure_id[1:].isdigit():
            task = session.get(TaskFailure, int(failure_id[1:]))
            if task is None:
                raise FailureError(f"no failed task with id {failure_id}")
            task.dismissed_at = task.dismissed_at or _now()
            return f"task {task.task} ({failure_id})"
        if not failure_id.isdigit():
            raise FailureError(f"{failure_id!r} is not a failure id like 7 or t3")
        row = _failed_input(session, int(failure_id))
        row.dismissed_at = row.dismissed_at or _now()
        return f"input {row.id} ({row.original_name})"


def dismiss_all(settings: Settings) -> int:
    """Dismiss every failure not dismissed yet; returns how many."""
    now = _now()
    with session_scope(settings.database_url) as session:
        inputs = session.scalars(
            select(Input).where(Input.status == "failed", Input.dismissed_at.is_(None))
        ).all()
        tasks = session.scalars(select(TaskFailure).where(TaskFailure.dismissed_at.is_(None))).all()
        for item in inputs:
            item.dismissed_at = now
        for task in tasks:
            task.dismissed_at = now
        return len(inputs) + len(tasks)


# The commands: `paperfeed failures list|retry|dismiss`, as `worker.cli.operator` parses
# them (it checks the schema first: none of them migrates it). Each returns the exit code.


def print_list(settings: Settings, limit: int) -> int:
    """`failures list`: a table of the newest failures, and how to clear them."""
    rows = list_failures(settings, limit=limit)
    if not rows:
        print("no failures")
        return 0
    print(f"{'id':>6}  {'state':<9}  {'when':<16}  {'source':<12} {'reason':<12} "
          f"{'kept in failed/':<24} file or task: error")  # fmt: skip
    for row in rows:
        when = row.at.astimezone(settings.tz).strftime("%Y-%m-%d %H:%M")
        state = "dismissed" if row.dismissed else "failed"
        kept = "-" if row.kept is None else row.kept.relative_to(settings.failed_dir).as_posix()
        error = " ".join(row.error.split())
        print(f"{row.id:>6}  {state:<9}  {when:<16}  {row.source or '-':<12} {row.reason:<12} "
              f"{kept:<24} {row.what}: {error}")  # fmt: skip
    print("retry a failure once its cause is fixed: paperfeed failures retry ID (or --all);"
          " set one aside: paperfeed failures dismiss ID")  # fmt: skip
    return 0


def retry_command(settings: Settings, ids: Sequence[str], every: bool) -> int:
    """`failures retry`: each failed input (or every one not dismissed) again, then publish;
    1 when one fails again or cannot be retried."""
    from worker import publishing
    from worker.sources import load_sources

    try:
        numbers = retryable_ids(settings) if every else [_input_number(i) for i in ids]
    except FailureError as exc:
        print(f"paperfeed: {exc}", file=sys.stderr)
        return 1
    if not numbers:
        print("nothing to retry")
        return 0
    settings.ensure_dirs()
    sources = load_sources(settings)
    failed = 0
    for number in numbers:
        try:
            result = retry(settings, number, sources)
        except FailureError as exc:
            print(f"paperfeed: {exc}", file=sys.stderr)
            failed += 1
            continue
        if result.status == "failed" or result.error:
            print(f"input {number}: failed again: {result.error}")
            failed += 1
        else:
            print(f"input {number}: {result.status} as stored file {result.issue_id}, "
                  f"{plural(result.articles, 'article')}")  # fmt: skip
    report = publishing.publish_dirty(settings)
    if report is not None:
        print(f"published {plural(len(report.written_files), 'file')} to {settings.publish_to}")
    return 1 if failed else 0


def _input_number(failure_id: str) -> int:
    if not failure_id.isdigit():
        raise FailureError(
            f"{failure_id!r} is not a failed input's id; a task ({TASK_PREFIX}N) cannot be"
            " retried, only dismissed"
        )
    return int(failure_id)


def dismiss_command(settings: Settings, ids: Sequence[str], every: bool) -> int:
    """`failures dismiss`: set the failures aside (or every one); 1 for an id naming none."""
    if every:
        count = dismiss_all(settings)
        print(f"dismissed {plural(count, 'failure')}" if count else "nothing to dismiss")
        return 0
    try:
        for failure_id in ids:
            print(f"dismissed {dismiss(settings, failure_id)}")
    except FailureError as exc:
        print(f"paperfeed: {exc}", file=sys.stderr)
        return 1
    return 0
