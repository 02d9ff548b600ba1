"""One source as `paperfeed status` shows it: its facts from the database, whether it has gone
quiet, its drop folder, and how the settings its workers run with differ from the file's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from worker.folders import folder_problem
from worker.models import Article, FetchState, Input, Issue, Source
from worker.problems import Problem
from worker.settings import Settings
from worker.sources import SourceConfig, changed_fields

DAY = dt.timedelta(hours=24)


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
    folder_error: Problem | None = None
    # How the settings the workers' last scan ran with differ from what this process reads
    # (the sources file, or the PAPERFEED_ settings for the default drop folder): phrases
    # such as "folder or URL: /a → /b". For a source no longer configured: whether the
    # workers still scan it.
    changed: tuple[Problem, ...] = ()
    still_scanned: bool = False
    # A URL source whose newest fetch ended in an error: the URL, the error, and when.
    fetch_error: Problem | None = None

    @property
    def state(self) -> str:
        """The "on" column: on, off (why), or what is wrong with its folder."""
        if not self.enabled:
            return f"off ({self.switched_off_by})"
        return self.folder_state or "on"


def source_problems(state: SourceStatus) -> list[Problem]:
    """What needs a person about one source: gone quiet, its folder, its leftovers."""
    problems = []
    if state.quiet:
        problems.append(
            Problem.of("source_quiet", source=state.name, expect_by=state.expect_by or "")
        )
    if state.changed:
        problems.append(changed_message(state.name, state.changed))
    if state.still_scanned:
        problems.append(still_scanned_message(state.name))
    if state.folder_error:
        problems.append(state.folder_error)  # the scan's error would only repeat it
    elif state.scan_error:
        error = state.scan_error.removeprefix("the scan broke off: ")
        problems.append(Problem.of("scan_broke_off", source=state.name, error=error))
    if state.fetch_error:
        problems.append(state.fetch_error)
    if state.leftovers:
        shown: tuple[Problem | str, ...] = tuple(leftover(i) for i in state.leftovers[:3])
        if len(state.leftovers) > 3:
            shown += ("…",)
        problems.append(Problem.of(
            "leftovers", source=state.name, count=len(state.leftovers), shown=shown
        ))  # fmt: skip
    return problems


# The reasons `worker.intake.drop` gives for an entry it leaves, as problem codes.
LEFTOVER_KINDS = {
    "symlink": "kind_symlink", "folder": "kind_folder", "hidden": "kind_hidden",
    "not a regular file": "kind_special", "partial upload": "kind_partial",
}  # fmt: skip


def leftover(item: str) -> Problem:
    """ "a.txt (hidden)", as the scan recorded it, as a phrase of the leftovers problem."""
    name, _, kind = item.rpartition(" (")
    kind = kind.removesuffix(")")
    said: Problem | str = kind
    if kind in LEFTOVER_KINDS:
        said = Problem.of(LEFTOVER_KINDS[kind])
    elif kind.startswith("cannot be claimed: "):
        said = Problem.of("kind_claim", error=kind.removeprefix("cannot be claimed: "))
    return Problem.of("leftover", name=name or item, kind=said)


def source_status(
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
        changed=changes(row.in_use, config) if row and row.in_use else (),
        fetch_error=_fetch_error(session, settings, config, row) if enabled else None, **facts,
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


def removed_source(session: Session, row: Source, now: dt.datetime) -> SourceStatus:
    return SourceStatus(
        name=row.name, kind=row.kind, enabled=False, switched_off_by="removed",
        last_scan_at=row.last_scan_at, expect_by=None, quiet=False,
        still_scanned=_still_scanned(row, now), **_facts(session, row, now),
    )  # fmt: skip


def changes(used: dict[str, Any], config: SourceConfig) -> tuple[Problem, ...]:
    """How the settings a worker recorded differ from `config`: "folder or URL: /a → /b"."""
    return tuple(
        Problem.of("changed_field", field=Problem.of(f"field_{key}"), old=old, new=new)
        for key, old, new in changed_fields(used, config)
    )


def changed_message(name: str, changed: tuple[Problem, ...]) -> Problem:
    return Problem.of("settings_changed", source=name, changes=changed)


def still_scanned_message(name: str) -> Problem:
    return Problem.of("source_still_scanned", source=name)


def _fetch_error(
    session: Session, settings: Settings, config: SourceConfig, row: Source | None
) -> Problem | None:
    """A URL source whose newest fetch failed (a later good answer clears it): the network,
    the server or the URL needs a look. The lookback's older days answer "missing", not
    an error."""
    if config.kind != "url" or row is None:
        return None
    latest = session.scalar(
        select(func.max(FetchState.checked_at)).where(FetchState.source_id == row.id)
    )
    if latest is None:
        return None
    newest = session.execute(
        select(FetchState.status, FetchState.url, FetchState.error, FetchState.checked_at)
        .where(FetchState.source_id == row.id, FetchState.status == "error")
        .where(FetchState.checked_at >= as_utc(latest))
        .limit(1)
    ).first()
    if newest is None:
        return None
    at = newest[3].astimezone(settings.tz)
    return Problem.of(
        "url_failing", source=config.name, url=newest[1], error=newest[2] or "?",
        at=f"{at:%Y-%m-%d %H:%M}", zone=settings.timezone,
    )  # fmt: skip


def drift(
    rows: Sequence[Source], sources: Sequence[SourceConfig], now: dt.datetime
) -> dict[str, Problem]:
    """Per source name, what `changed_message` or `still_scanned_message` says of it, for
    the sources whose workers run with other settings than `sources` say."""
    configured = {c.name: c for c in sources}
    found: dict[str, Problem] = {}
    for row in rows:
        config = configured.get(row.name)
        if config is None and _still_scanned(row, now):
            found[row.name] = still_scanned_message(row.name)
        elif config is not None and row.in_use and (changed := changes(row.in_use, config)):
            found[row.name] = changed_message(row.name, changed)
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
