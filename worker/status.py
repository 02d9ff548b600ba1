"""What an operator needs to know, gathered once: per source what arrived and what failed,
queues, workers, recent failures, and the problems that need a person.

`collect` reads the database and the broker; `render_text` and `Status.to_json` show it. The
`paperfeed status` command, the /status page and /metrics all use these facts.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from worker import queue_samples
from worker.broker import CORRUPT_FOLDER, corrupt_messages
from worker.db import session_scope
from worker.models import Article, Edition, Input, Issue, Source, TaskFailure
from worker.problems import Problem
from worker.queues import ping_workers, queue_lengths
from worker.settings import Settings
from worker.sources import SourceConfig
from worker.status_sources import (
    DAY,
    SourceStatus,
    as_utc,
    drift,
    removed_source,
    source_problems,
    source_status,
)
from worker.status_text import render_text
from worker.status_warnings import cut_files, guessed_dates

# Shown by `paperfeed status`, /status and /metrics, and imported from here by them.
__all__ = [
    "Failure", "IssueRow", "SourceStatus", "Status", "as_utc", "collect", "drift",
    "failure_reason", "low_space", "ping_workers", "queue_lengths", "queue_problems",
    "render_text",
]  # fmt: skip

Ping = Callable[[Settings], list[str]]


@dataclass(frozen=True)
class Failure:
    """A failed input or task of the last 24 hours."""

    at: dt.datetime
    what: str  # "input 7 (a01.txt)" or "task paperfeed.publish"
    source: str | None
    reason: str
    error: str
    dismissed: bool = False  # set aside with `paperfeed failures dismiss`: not a problem
    id: str = ""  # as `paperfeed failures` names it: "7" (an input) or "t3" (a task)
    issue: int | None = None  # the stored file of a failed input, when its bytes were kept


@dataclass(frozen=True)
class IssueRow:
    """A stored file (`id`, as re-ingest names it) and the issue it belongs to."""

    id: int
    source: str
    issue_date: dt.date | None
    status: str
    articles: int
    filename: str | None
    ingested_at: dt.datetime
    date_guessed: bool = False  # no file said the date: the modification time gave it
    issue: int | None = None
    error: str | None = None  # why it failed, for a failed file


@dataclass(frozen=True)
class Status:
    """Everything `paperfeed status` shows. `problems` empty means all is well."""

    checked_at: dt.datetime
    broker: str  # "redis" or "embedded"
    sources: tuple[SourceStatus, ...]
    queues: dict[str, int | None]  # None: the broker did not answer
    workers: tuple[str, ...] | None  # None: unknown (the embedded broker cannot be asked)
    failures: tuple[Failure, ...]
    stuck_inputs: tuple[int, ...]
    recent_issues: tuple[IssueRow, ...] = ()
    # Each an English sentence with its code (`worker.problems`), said in the page's
    # language on /status.
    problems: tuple[Problem, ...] = field(default=())
    # Worth a look, not a failure: issues whose date is a guess, files cut off in the
    # middle of a character.
    warnings: tuple[Problem, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def growing_queues(self) -> tuple[str, ...]:
        """The queues that keep growing (`worker.queue_samples`)."""
        return tuple(
            str(dict(p.params)["queue"]) for p in self.problems if p.code == "queue_growing"
        )

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["ok"] = self.ok
        # "problems" and "warnings" stay lists of sentences; the details give each one's
        # stable code and parameters, for machines.
        data["problem_details"] = [p.to_json() for p in self.problems]
        data["warning_details"] = [w.to_json() for w in self.warnings]
        return _jsonable(data)  # type: ignore[no-any-return]


def failure_reason(error: str | None) -> str:
    """A short label for an error sentence of the ingest, the ledger or the parser.

    >>> failure_reason("gave up after 3 attempts: timeout: ingest ran longer than 300 s")
    'timeout'
    >>> failure_reason("no articles found: no headline followed by text was recognised")
    'no_articles'
    """
    text = (error or "").lower()
    return next((label for needle, label in FAILURE_RULES if needle in text), "other")


# (words in the error sentence, reason label), first match wins; README's table of reasons
# explains each label.
FAILURE_RULES = (
    ("timeout", "timeout"),
    ("interrupted attempts", "interrupted"),
    ("the parser failed", "parser_error"),
    ("gave up after", "crashed"),
    ("over the limit", "too_large"),
    ("empty file", "empty"),
    ("looks like binary data", "binary"),
    ("nul bytes", "binary"),
    ("byte-order mark", "undecodable"),
    ("not utf-8, gb18030", "undecodable"),
    ("no articles found", "no_articles"),
    ("vanished", "vanished"),
    ("cannot read the file", "unreadable"),
)


def collect(
    settings: Settings,
    sources: Sequence[SourceConfig],
    *,
    now: dt.datetime | None = None,
    ping: Ping | None = None,
    recent: int = 20,
    worker: Callable[[], str | None] | None = None,
) -> Status:
    """Read the facts; `ping` (default: Celery's control ping on Redis) lists live workers;
    `worker` (in `paperfeed run`) says what is wrong with the supervised worker, if anything.
    """
    now = now or dt.datetime.now(dt.UTC)
    problems = _system_problems(settings, worker)
    with session_scope(settings.database_url, write=False) as session:
        rows = {row.name: row for row in session.scalars(select(Source))}
        states = [source_status(session, settings, c, rows.get(c.name), now) for c in sources]
        for name in sorted(set(rows) - {c.name for c in sources}):
            states.append(removed_source(session, rows[name], now))
        failures = _failures(session, now)
        grace = dt.timedelta(seconds=max(60.0, 3 * settings.scan_interval))
        stuck = tuple(
            session.scalars(
                select(Input.id).where(
                    Input.status == "pending", Input.lease_expires_at < now - grace
                )
            )
        )
        issues = _recent_issues(session, recent)
        warnings = guessed_dates(session, now) + cut_files(session, now)
    queues = queue_lengths(settings)
    workers: tuple[str, ...] | None = None
    if not settings.embedded:
        try:
            workers = tuple((ping or ping_workers)(settings))
        except Exception as exc:  # any broker trouble means: nobody can be reached
            error = f"{type(exc).__name__}: {exc}"
            problems.append(Problem.of("workers_unreachable", error=error))
            workers = ()
        if not workers and not problems:
            problems.append(Problem.of("no_worker"))
        elif workers and (silent := _scheduler_silent(states, sources, now, settings)):
            problems.append(silent)
    problems.extend(queue_problems(settings, queues, now))
    for state in states:
        problems.extend(source_problems(state))
    problems.extend(_failure_problems(failures))
    if stuck:
        problems.append(_stuck_problem(stuck, states, settings))
    return Status(
        checked_at=now, broker="embedded" if settings.embedded else "redis",
        sources=tuple(states), queues=queues, workers=workers, failures=failures,
        stuck_inputs=stuck, recent_issues=issues, problems=tuple(problems), warnings=warnings,
    )  # fmt: skip


def queue_problems(
    settings: Settings, queues: dict[str, int | None], now: dt.datetime
) -> list[Problem]:
    """The broker not answering, or a queue that kept growing over the last minutes."""
    if any(length is None for length in queues.values()):
        return [Problem.of("broker_down")]
    kept = queue_samples.read(settings)
    found = []
    for queue, length in queues.items():
        assert length is not None
        growth = queue_samples.growing(queue, kept.get(queue, []), (now.timestamp(), length))
        if growth is not None:
            found.append(Problem.of(
                "queue_growing", queue=queue, before=growth.before, length=growth.length,
                minutes=growth.minutes,
            ))  # fmt: skip
    return found


def _scheduler_silent(
    states: Sequence[SourceStatus],
    sources: Sequence[SourceConfig],
    now: dt.datetime,
    settings: Settings,
) -> Problem | None:
    """With workers alive, scans that stopped mean the scheduler (beat) is not running: on
    Redis it is a process of its own. Said when no enabled source was scanned within five of
    its poll intervals (at least two minutes); a source never scanned says nothing yet."""
    intervals = {c.name: c.poll_interval for c in sources if c.enabled}
    scans = [(s.last_scan_at, intervals[s.name]) for s in states if s.name in intervals]
    if not scans or any(at is None for at, _ in scans):
        return None
    late = [(at, every) for at, every in scans if at is not None]
    if any((now - at).total_seconds() <= max(120.0, 5 * every) for at, every in late):
        return None
    newest = max(at for at, _ in late)
    since = f"{newest.astimezone(settings.tz):%Y-%m-%d %H:%M}"
    return Problem.of("scheduler_silent", since=since, zone=settings.timezone)


def _stuck_problem(
    stuck: Sequence[int], states: Sequence[SourceStatus], settings: Settings
) -> Problem:
    """Inputs pending past their lease: nothing hands them out again, so no scan runs."""
    scanned = [s.last_scan_at for s in states if s.last_scan_at is not None]
    ids = ", ".join(map(str, stuck))
    if not scanned:
        return Problem.of("inputs_stuck_no_scan", count=len(stuck), ids=ids)
    last = f"{max(scanned).astimezone(settings.tz):%Y-%m-%d %H:%M}"
    return Problem.of(
        "inputs_stuck", count=len(stuck), ids=ids, last_scan=last, zone=settings.timezone
    )


def _failure_problems(failures: Sequence[Failure]) -> list[Problem]:
    """Failed inputs and tasks not dismissed, counted apart."""
    standing = [f for f in failures if not f.dismissed]
    inputs = sum(1 for f in standing if f.what.startswith("input"))
    tasks = len(standing) - inputs
    problems = []
    if inputs:
        problems.append(Problem.of("inputs_failed", count=inputs))
    if tasks:
        problems.append(Problem.of("tasks_failed", count=tasks))
    return problems


# Below this much free space where PAPERFEED_HOME lives, claims, the embedded broker's
# messages and an SQLite database cannot be written: twice the largest accepted file.
def low_space(settings: Settings) -> int:
    return 2 * settings.max_bytes


def _system_problems(settings: Settings, worker: Callable[[], str | None] | None) -> list[Problem]:
    """What stops the whole system, named first: the disk, the worker, the broker's files."""
    problems: list[Problem] = []
    try:
        free = shutil.disk_usage(settings.home).free
    except OSError:
        free = None
    if free is not None and free < low_space(settings):
        problems.append(Problem.of("disk_low", home=str(settings.home), free_kib=free // 1024))
    trouble = worker() if worker is not None else None
    if trouble:
        problems.append(Problem.of("run_worker", trouble=trouble))
    if settings.embedded and (count := corrupt_messages(settings.broker_dir)):
        folder = f"{settings.broker_dir}/{CORRUPT_FOLDER}"
        problems.append(Problem.of("corrupt_messages", count=count, folder=folder))
    return problems


def _failures(session: Session, now: dt.datetime) -> tuple[Failure, ...]:
    found: list[Failure] = []
    inputs = session.execute(
        select(Input.id, Input.original_name, Input.error, Input.finished_at, Source.name,
               Input.dismissed_at, Input.issue_id)
        .join(Source, Source.id == Input.source_id)
        .where(Input.status == "failed", Input.finished_at >= now - DAY)
    ).all()  # fmt: skip
    for input_id, name, error, at, source, dismissed, issue in inputs:
        found.append(Failure(
            at or now, f"input {input_id} ({name})", source, failure_reason(error), error or "",
            dismissed is not None, str(input_id), issue,
        ))  # fmt: skip
    tasks = session.execute(
        select(TaskFailure.id, TaskFailure.task, TaskFailure.args, TaskFailure.error,
               TaskFailure.failed_at, TaskFailure.dismissed_at)
        .where(TaskFailure.failed_at >= now - DAY)
    ).all()  # fmt: skip
    for task_id, task, args, error, at, dismissed in tasks:
        what = f"task t{task_id} {task} {args or ''}".rstrip()
        found.append(
            Failure(at, what, None, "task_error", error, dismissed is not None, f"t{task_id}")
        )
    return tuple(sorted(found, key=lambda f: f.at, reverse=True))


def _recent_issues(session: Session, limit: int) -> tuple[IssueRow, ...]:
    counts = (
        select(Article.issue_id, func.count(Article.id).label("n"))
        .group_by(Article.issue_id)
        .subquery()
    )
    rows = session.execute(
        select(Issue.id, Source.name, Issue.issue_date, Issue.status)
        .add_columns(counts.c.n, Issue.filename, Issue.ingested_at, Edition.date_guessed,
                     Issue.edition_id, Issue.error)
        .join(Source, Source.id == Issue.source_id)
        .outerjoin(counts, counts.c.issue_id == Issue.id)
        .outerjoin(Edition, Edition.id == Issue.edition_id)
        .order_by(Issue.id.desc())
        .limit(limit)
    ).all()  # fmt: skip
    return tuple(
        IssueRow(i, s, d, st, int(n or 0), f, as_utc(at), bool(g), e, err)  # type: ignore[arg-type]
        for i, s, d, st, n, f, at, g, e, err in rows
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value
