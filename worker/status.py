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

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from worker.broker import CORRUPT_FOLDER, corrupt_messages
from worker.celery_app import QUEUES
from worker.db import session_scope
from worker.folders import folder_problem
from worker.models import Article, Edition, FetchState, Input, Issue, Source, TaskFailure
from worker.progress import plural
from worker.settings import Settings
from worker.sources import SourceConfig, differences

DAY = dt.timedelta(hours=24)
# kombu's Redis transport keeps a queue's messages of priority p > 0 in "<queue>\x06\x16<p>".
REDIS_PRIORITY_SEP = "\x06\x16"
REDIS_PRIORITY_STEPS = (3, 6, 9)
Ping = Callable[[Settings], list[str]]


@dataclass(frozen=True)
class SourceStatus:
    """One source as the operator sees it."""

    name: str
    kind: str
    enabled: bool
    switched_off_by: str | None  # "config", "database", or "removed" from the sources file
    last_scan_at: dt.datetime | None
    last_success_at: dt.datetime | None
    newest_issue_date: dt.date | None
    articles_24h: int
    last_error: str | None
    last_error_at: dt.datetime | None
    expect_by: str | None
    quiet: bool  # today's issue has not arrived by `expect_by`
    # What the last scan left in the drop folder, as "name (why)", and why it broke off.
    leftovers: tuple[str, ...] = ()
    scan_error: str | None = None
    # A drop folder that is missing, not a folder or unreadable ("missing", …), and the
    # sentence naming it and the fix.
    folder_state: str | None = None
    folder_error: str | None = None
    # How the settings the workers' last scan ran with differ from what this process reads
    # (the sources file, or the PAPERFEED_ settings for the default drop folder): phrases
    # such as "folder or URL: /a → /b". For a source no longer configured: whether the
    # workers still scan it.
    changed: tuple[str, ...] = ()
    still_scanned: bool = False

    @property
    def state(self) -> str:
        """The "on" column: on, off (why), or what is wrong with its folder."""
        if not self.enabled:
            return f"off ({self.switched_off_by})"
        return self.folder_state or "on"


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
    problems: tuple[str, ...] = field(default=())
    # Worth a look, not a failure: issues whose date is a guess, files cut off in the
    # middle of a character.
    warnings: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["ok"] = self.ok
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
        states = [_source_status(session, settings, c, rows.get(c.name), now) for c in sources]
        for name in sorted(set(rows) - {c.name for c in sources}):
            states.append(_removed_source(session, rows[name], now))
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
        warnings = _guessed_dates(session, now) + _cut_files(session, now)
    queues = queue_lengths(settings)
    workers: tuple[str, ...] | None = None
    if not settings.embedded:
        try:
            workers = tuple((ping or ping_workers)(settings))
        except Exception as exc:  # any broker trouble means: nobody can be reached
            problems.append(f"workers could not be asked ({type(exc).__name__}: {exc})")
            workers = ()
        if not workers and not problems:
            problems.append("no live worker answered a ping: start `celery … worker`")
    if any(length is None for length in queues.values()):
        problems.append("the broker did not answer: is Redis running?")
    for state in states:
        problems.extend(_source_problems(state))
    problems.extend(_failure_problems(failures))
    if stuck:
        scanned = [s.last_scan_at for s in states if s.last_scan_at is not None]
        why = (
            f"the last scan was at {max(scanned).astimezone(settings.tz):%Y-%m-%d %H:%M}"
            f" ({settings.timezone}): is a worker running,"
            " and beat (the scheduler) that starts the scans?"
            if scanned
            else "no scan has run yet: is a worker running, and beat (the scheduler)?"
        )
        problems.append(
            f"{plural(len(stuck), 'input')} pending past their lease (inputs"
            f" {', '.join(map(str, stuck))}):"
            f" {why}"
        )
    return Status(
        checked_at=now, broker="embedded" if settings.embedded else "redis",
        sources=tuple(states), queues=queues, workers=workers, failures=failures,
        stuck_inputs=stuck, recent_issues=issues, problems=tuple(problems), warnings=warnings,
    )  # fmt: skip


def _source_problems(state: SourceStatus) -> list[str]:
    """What needs a person about one source: gone quiet, its folder, its leftovers."""
    problems = []
    if state.quiet:
        problems.append(
            f"source {state.name} has gone quiet: today's issue has not arrived "
            f"(expected by {state.expect_by})"
        )
    if state.changed:
        problems.append(changed_message(state.name, state.changed))
    if state.still_scanned:
        problems.append(still_scanned_message(state.name))
    if state.folder_error:
        problems.append(state.folder_error)  # the scan's error would only repeat it
    elif state.scan_error:
        problems.append(f"source {state.name}: {state.scan_error}")
    if state.leftovers:
        shown = ", ".join(state.leftovers[:3]) + (", …" if len(state.leftovers) > 3 else "")
        problems.append(
            f"source {state.name}: {len(state.leftovers)} entr"
            f"{'y' if len(state.leftovers) == 1 else 'ies'} in its drop folder that"
            f" paperfeed will not take: {shown}; move or delete them"
        )
    return problems


def _failure_problems(failures: Sequence[Failure]) -> list[str]:
    """Failed inputs and tasks not dismissed, counted apart."""
    standing = [f for f in failures if not f.dismissed]
    inputs = sum(1 for f in standing if f.what.startswith("input"))
    tasks = len(standing) - inputs
    hint = "`paperfeed failures list`, then retry or dismiss"
    problems = []
    if inputs:
        problems.append(f"{plural(inputs, 'input')} failed in the last 24 h: {hint}")
    if tasks:
        problems.append(f"{plural(tasks, 'task')} raised an error in the last 24 h: {hint}")
    return problems


# Below this much free space where PAPERFEED_HOME lives, claims, the embedded broker's
# messages and an SQLite database cannot be written: twice the largest accepted file.
def low_space(settings: Settings) -> int:
    return 2 * settings.max_bytes


def _system_problems(settings: Settings, worker: Callable[[], str | None] | None) -> list[str]:
    """What stops the whole system, named first: the disk, the worker, the broker's files."""
    problems: list[str] = []
    try:
        free = shutil.disk_usage(settings.home).free
    except OSError:
        free = None
    if free is not None and free < low_space(settings):
        problems.append(
            f"the disk holding {settings.home} has {free // 1024} KiB free: files cannot be"
            " claimed, queued or stored until space is freed"
        )
    trouble = worker() if worker is not None else None
    if trouble:
        problems.append(f"paperfeed run: {trouble}")
    if settings.embedded and (count := corrupt_messages(settings.broker_dir)):
        problems.append(
            f"{plural(count, 'unreadable message file')} set aside in {settings.broker_dir}/"
            f"{CORRUPT_FOLDER} (a full disk leaves them); the ledger handed their work out"
            " again: delete them once seen"
        )
    return problems


TRUNCATED = "the file ends in the middle of a character"


def _cut_files(session: Session, now: dt.datetime, limit: int = 500) -> tuple[str, ...]:
    """Files stored in the last 24 hours that were cut off in the middle of a character."""
    rows = session.execute(
        select(Issue.id, Issue.filename, Issue.warnings)
        .where(Issue.ingested_at >= now - DAY, Issue.status != "failed")
        .order_by(Issue.id.desc())
        .limit(limit)
    ).all()
    return tuple(
        f"issue {issue_id} ({filename or '-'}): {warning['message']}"
        for issue_id, filename, warnings in rows
        for warning in warnings or ()
        if str(warning.get("message", "")).startswith(TRUNCATED)
    )


def _source_status(
    session: Session,
    settings: Settings,
    config: SourceConfig,
    row: Source | None,
    now: dt.datetime,
) -> SourceStatus:
    off_by = "config" if not config.enabled else None
    if row is not None and row.enabled is False:
        off_by = off_by or "database"
    enabled = off_by is None
    facts = _facts(session, row, now) if row is not None else NOTHING_YET
    folder = folder_problem(config, settings) if enabled else None
    quiet = False
    if enabled and config.expect_by is not None:
        local = now.astimezone(config.tz)
        if local.time() >= config.expect_by:
            quiet = row is None or not _arrived_today(session, row.id, local)
    return SourceStatus(
        name=config.name, kind=config.kind, enabled=enabled, switched_off_by=off_by,
        last_scan_at=row.last_scan_at if row else None,
        expect_by=config.expect_by.strftime("%H:%M") if config.expect_by else None,
        quiet=quiet, leftovers=_leftovers(row) if enabled else (),
        scan_error=row.scan_error if row is not None and enabled else None,
        folder_state=folder.state if folder else None,
        folder_error=folder.message if folder else None,
        changed=tuple(differences(row.in_use, config)) if row and row.in_use else (), **facts,
    )  # fmt: skip


def _leftovers(row: Source | None) -> tuple[str, ...]:
    if row is None or not row.leftovers:
        return ()
    return tuple(f"{item['name']} ({item['kind']})" for item in row.leftovers)


# A configured source no scan has reached yet has no row in the database.
NOTHING_YET: dict[str, Any] = {
    "last_success_at": None, "newest_issue_date": None, "articles_24h": 0,
    "last_error": None, "last_error_at": None,
}  # fmt: skip


def _removed_source(session: Session, row: Source, now: dt.datetime) -> SourceStatus:
    return SourceStatus(
        name=row.name, kind=row.kind, enabled=False, switched_off_by="removed",
        last_scan_at=row.last_scan_at, expect_by=None, quiet=False,
        still_scanned=_still_scanned(row, now), **_facts(session, row, now),
    )  # fmt: skip


RESTART = "restart the workers (`paperfeed run`, or the worker and beat services)"


def changed_message(name: str, changes: Sequence[str]) -> str:
    return (
        f"source {name}: the running workers use other settings than the sources file (or,"
        f" without one, the PAPERFEED_ settings) here: {'; '.join(changes)} (workers → here);"
        f" {RESTART} after editing them, or run this command with the workers' settings"
    )


def still_scanned_message(name: str) -> str:
    return (
        f"source {name} is no longer in the sources file, but the workers still scan it: {RESTART}"
    )


def drift(
    rows: Sequence[Source], sources: Sequence[SourceConfig], now: dt.datetime
) -> dict[str, str]:
    """Per source name, what `changed_message` or `still_scanned_message` says of it, for
    the sources whose workers run with other settings than `sources` say."""
    configured = {c.name: c for c in sources}
    found: dict[str, str] = {}
    for row in rows:
        config = configured.get(row.name)
        if config is None and _still_scanned(row, now):
            found[row.name] = still_scanned_message(row.name)
        elif config is not None and row.in_use and (changes := differences(row.in_use, config)):
            found[row.name] = changed_message(row.name, changes)
    return found


def _still_scanned(row: Source, now: dt.datetime) -> bool:
    """Whether a source the sources file no longer lists was scanned lately: within three of
    its poll intervals (as its last scan recorded them), and at least the last minute."""
    if row.last_scan_at is None or not row.in_use or row.enabled is False:
        return False
    interval = float(row.in_use.get("poll_interval") or 0)
    return (now - row.last_scan_at).total_seconds() <= max(60.0, 3 * interval)


def _facts(session: Session, row: Source, now: dt.datetime) -> dict[str, Any]:
    good = Issue.status.in_(("ingested", "superseded"))
    last_success, newest = session.execute(
        select(func.max(Issue.ingested_at), func.max(Issue.issue_date)).where(
            Issue.source_id == row.id, good
        )
    ).one()
    articles = session.scalar(
        select(func.count(Article.id))
        .join(Issue, Issue.id == Article.issue_id)
        .where(Issue.source_id == row.id, Issue.ingested_at >= now - DAY)
    )
    failed = session.execute(
        select(Input.error, Input.finished_at, Input.original_name)
        .where(Input.source_id == row.id, Input.status == "failed")
        .order_by(Input.finished_at.desc())
        .limit(1)
    ).first()
    fetch = session.execute(
        select(FetchState.error, FetchState.checked_at, FetchState.url)
        .where(FetchState.source_id == row.id, FetchState.status == "error")
        .order_by(FetchState.checked_at.desc())
        .limit(1)
    ).first()
    errors = [(r[1], f"{r[2]}: {r[0]}") for r in (failed, fetch) if r is not None and r[1]]
    last_error_at, last_error = max(errors, default=(None, None), key=lambda e: e[0])
    # The UTCDateTime type gives aware datetimes; func.max bypasses it on SQLite.
    return {
        "last_success_at": as_utc(last_success),
        "newest_issue_date": _date(newest),
        "articles_24h": int(articles or 0),
        "last_error": last_error,
        "last_error_at": last_error_at,
    }


def _arrived_today(session: Session, source_id: int, local: dt.datetime) -> bool:
    """Whether an issue dated today (or undated, received today) was stored for the source."""
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    found = session.scalar(
        select(Issue.id)
        .where(
            Issue.source_id == source_id,
            Issue.status.in_(("ingested", "superseded")),
            or_(
                Issue.issue_date == local.date(),
                Issue.issue_date.is_(None) & (Issue.received_at >= midnight.astimezone(dt.UTC)),
            ),
        )
        .limit(1)
    )
    return found is not None


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


GUESS_WINDOW = dt.timedelta(days=7)


def _guessed_dates(session: Session, now: dt.datetime) -> tuple[str, ...]:
    """A warning for each issue of the last week whose date no file said."""
    rows = session.execute(
        select(Edition.id, Edition.issue_date, Source.name)
        .join(Source, Source.id == Edition.source_id)
        .where(Edition.date_guessed.is_(True), Edition.created_at >= now - GUESS_WINDOW)
        .order_by(Edition.id.desc())
        .limit(20)
    ).all()
    return tuple(
        f"issue {edition} of {source} is dated {day} from a file's modification time: no file "
        f"said its date (name files by date, or add `date:`; `paperfeed issues show {edition}`)"
        for edition, day, source in rows
    )


def queue_lengths(settings: Settings) -> dict[str, int | None]:
    """Messages waiting per queue: LLEN on Redis, message files for the embedded broker."""
    if settings.embedded:
        # kombu's filesystem transport names a message "<ms>_<uuid>.<queue>.msg".
        folder = settings.broker_dir / "queue"
        names = [p.name for p in folder.iterdir()] if folder.is_dir() else []
        return {q: sum(1 for n in names if n.partition(".")[2] == f"{q}.msg") for q in QUEUES}
    import redis

    assert settings.broker_url is not None
    try:
        client = redis.Redis.from_url(settings.broker_url, socket_timeout=2)
        try:
            keys = {q: [q, *(f"{q}{REDIS_PRIORITY_SEP}{p}" for p in REDIS_PRIORITY_STEPS)]
                    for q in QUEUES}  # fmt: skip
            return {q: sum(int(client.llen(k)) for k in names) for q, names in keys.items()}
        finally:
            client.close()
    except redis.RedisError:
        return dict.fromkeys(QUEUES)


def ping_workers(settings: Settings) -> list[str]:
    """Names of the workers that answer a control ping within a second (Redis only)."""
    from worker.celery_app import create_app

    app = create_app(settings)
    try:
        with app.connection_for_write() as connection:
            replies = app.control.ping(timeout=1.0, connection=connection)
    finally:
        app.close()
    return sorted(name for reply in replies or [] for name in reply)


def render_text(status: Status, *, tz: dt.tzinfo) -> str:
    """The human view of `paperfeed status`: one line per source, then the system."""
    lines = [f"paperfeed status at {_when(status.checked_at, tz)} ({status.broker} broker)", ""]
    header = ("source", "on", "last poll", "last ingest", "newest", "24h", "last error")
    table = [header]
    for s in status.sources:
        on = s.state.upper() if s.folder_state else s.state
        error = "-"
        if s.last_error:
            error = f"{_when(s.last_error_at, tz)} {_clip(s.last_error, 60)}"
        table.append((
            s.name + (" QUIET" if s.quiet else ""), on, _when(s.last_scan_at, tz),
            _when(s.last_success_at, tz), str(s.newest_issue_date or "-"), str(s.articles_24h),
            error,
        ))  # fmt: skip
    widths = [max(len(row[i]) for row in table) for i in range(len(header) - 1)]
    for row in table:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    lines.append("")
    queues = ", ".join(f"{q} {'?' if n is None else n}" for q, n in status.queues.items())
    lines.append(f"queues: {queues}")
    workers = "unknown (embedded broker)" if status.workers is None else (
        ", ".join(status.workers) or "none")  # fmt: skip
    lines.append(f"workers: {workers}")
    lines.append(f"failed in the last 24 h: {len(status.failures)}")
    for failure in status.failures[:20]:
        when, error = _when(failure.at, tz), _clip(failure.error, 80)
        dismissed = " (dismissed)" if failure.dismissed else ""
        lines.append(f"  {when} {failure.what} [{failure.reason}]{dismissed} {error}")
    for source in status.sources:
        if source.leftovers:
            lines.append(f"left in {source.name}'s drop folder: {len(source.leftovers)}")
            lines.extend(f"  {_clip(item, 100)}" for item in source.leftovers[:20])
    lines.append("")
    if status.warnings:
        lines.append("WARNINGS:")
        lines.extend(f"  - {warning}" for warning in status.warnings)
    if status.ok:
        lines.append("OK: nothing needs attention")
    else:
        lines.append("NEEDS ATTENTION:")
        lines.extend(f"  - {problem}" for problem in status.problems)
    return "\n".join(lines)


def _when(moment: dt.datetime | None, tz: dt.tzinfo) -> str:
    return "-" if moment is None else moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def as_utc(value: Any) -> dt.datetime | None:
    """An aware UTC datetime from what a column or an aggregate of one gave back."""
    if value is None:
        return None
    if isinstance(value, str):  # SQLite returns aggregates of datetimes as text
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)  # type: ignore[no-any-return]


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value
