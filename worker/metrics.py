"""/metrics in Prometheus text format, derived from the database so every process that
serves it reports the same numbers; counters only count rows that never leave a final state.

>>> _line("paperfeed_articles_total", {"source": 'a"b'}, 3)
'paperfeed_articles_total{source="a\\\\"b"} 3'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from worker.db import session_scope
from worker.models import Article, DirtyFeed, Input, Issue, Source, TaskStat
from worker.settings import Settings
from worker.sources import SourceConfig
from worker.status import as_utc, collect, failure_reason

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
Sample = tuple[dict[str, str], float]


def render_metrics(settings: Settings, sources: Sequence[SourceConfig]) -> str:
    """Every metric, in the text exposition format (one HELP and TYPE line per family)."""
    out: list[str] = []

    def family(name: str, kind: str, help_text: str, samples: Iterable[Sample]) -> None:
        out.append(f"# HELP {name} {help_text}")
        out.append(f"# TYPE {name} {kind}")
        out.extend(_line(name, labels, value) for labels, value in samples)

    with session_scope(settings.database_url, write=False) as session:
        names = dict(session.execute(select(Source.id, Source.name)).all())
        per_source = _per_source(session, names)
        failed = _failures_by_reason(session, names)
        latency = _latency(session)
        tasks = session.execute(
            select(TaskStat.task, TaskStat.runs, TaskStat.failures, TaskStat.seconds)
        ).all()
        dirty = session.scalar(select(func.count()).select_from(DirtyFeed)) or 0
    status = collect(settings, sources, ping=lambda _: [])  # workers are not a metric here
    family(
        "paperfeed_issues_ingested_total",
        "counter",
        "Issues stored (including those a correction replaced later).",
        per_source["issues"],
    )
    family("paperfeed_articles_total", "counter", "Articles stored.", per_source["articles"])
    family(
        "paperfeed_inputs_ingested_total",
        "counter",
        "Inputs (dropped or fetched files) that became an issue.",
        per_source["ingested"],
    )
    family(
        "paperfeed_inputs_failed_total",
        "counter",
        "Inputs that ended in failed/, by reason.",
        failed,
    )
    family(
        "paperfeed_inputs_pending",
        "gauge",
        "Inputs claimed and not yet finished.",
        per_source["pending"],
    )
    family(
        "paperfeed_last_success_timestamp_seconds",
        "gauge",
        "Unix time of the source's newest stored issue.",
        per_source["last"],
    )
    family(
        "paperfeed_source_quiet",
        "gauge",
        "1 when today's issue has not arrived by the source's expect_by time.",
        (({"source": s.name}, float(s.quiet)) for s in status.sources),
    )
    family(
        "paperfeed_ingest_latency_seconds",
        "summary",
        "From claiming a file to its final state in the ledger.",
        (),
    )
    out.append(_line("paperfeed_ingest_latency_seconds_sum", {}, latency[0]))
    out.append(_line("paperfeed_ingest_latency_seconds_count", {}, latency[1]))
    family(
        "paperfeed_task_runs_total",
        "counter",
        "Celery task runs, by task.",
        (({"task": t}, runs) for t, runs, _, _ in tasks),
    )
    family(
        "paperfeed_task_failures_total",
        "counter",
        "Celery task runs that raised.",
        (({"task": t}, failures) for t, _, failures, _ in tasks),
    )
    family(
        "paperfeed_task_duration_seconds",
        "summary",
        "Time spent in Celery tasks (ingest, publish, re-ingest, scan).",
        (),
    )
    for task, runs, _, seconds in tasks:
        out.append(_line("paperfeed_task_duration_seconds_sum", {"task": task}, seconds))
        out.append(_line("paperfeed_task_duration_seconds_count", {"task": task}, runs))
    family(
        "paperfeed_queue_length",
        "gauge",
        "Messages waiting in a broker queue.",
        (({"queue": q}, n) for q, n in status.queues.items() if n is not None),
    )
    family("paperfeed_dirty_feeds", "gauge", "Feeds waiting for their rebuild.", [({}, dirty)])
    return "\n".join(out) + "\n"


def _per_source(session: Session, names: dict[int, str]) -> dict[str, list[Sample]]:
    def by_source(query: Any) -> list[Sample]:
        found = dict(session.execute(query).all())
        return [({"source": n}, float(found.get(i) or 0)) for i, n in sorted(names.items())]

    good = Issue.status.in_(("ingested", "superseded"))
    last = dict(
        session.execute(
            select(Issue.source_id, func.max(Issue.ingested_at))
            .where(good)
            .group_by(Issue.source_id)
        ).all()
    )

    return {
        "issues": by_source(
            select(Issue.source_id, func.count()).where(good).group_by(Issue.source_id)
        ),
        "articles": by_source(
            select(Issue.source_id, func.count(Article.id))
            .join(Issue, Issue.id == Article.issue_id)
            .group_by(Issue.source_id)
        ),
        "ingested": by_source(_inputs("ingested")),
        "pending": by_source(_inputs("pending")),
        "last": [
            ({"source": names[i]}, stamp.timestamp())
            for i, at in sorted(last.items())
            if i in names and (stamp := as_utc(at)) is not None
        ],
    }


def _inputs(status: str) -> Any:
    return (
        select(Input.source_id, func.count())
        .where(Input.status == status)
        .group_by(Input.source_id)
    )


def _failures_by_reason(session: Session, names: dict[int, str]) -> list[Sample]:
    counts: dict[tuple[str, str], float] = {}
    rows = session.execute(
        select(Input.source_id, Input.error, func.count())
        .where(Input.status == "failed")
        .group_by(Input.source_id, Input.error)
    ).all()
    for source_id, error, n in rows:
        key = (names.get(source_id, "?"), failure_reason(error))
        counts[key] = counts.get(key, 0) + n
    return [({"source": s, "reason": r}, n) for (s, r), n in sorted(counts.items())]


def _latency(session: Session) -> tuple[float, float]:
    """Sum and count of claim-to-final-state seconds over finished inputs."""
    seconds: ColumnElement[Any]
    if session.get_bind().dialect.name == "sqlite":
        seconds = (func.julianday(Input.finished_at) - func.julianday(Input.received_at)) * 86400
    else:
        seconds = func.extract("epoch", Input.finished_at - Input.received_at)
    total, count = session.execute(
        select(func.sum(seconds), func.count()).where(Input.finished_at.is_not(None))
    ).one()
    return float(total or 0), float(count or 0)


def _line(name: str, labels: dict[str, str], value: float) -> str:
    if labels:
        inner = ",".join(f'{k}="{_escape(v)}"' for k, v in labels.items())
        name = f"{name}{{{inner}}}"
    return f"{name} {float(value)!r}" if value != int(value) else f"{name} {int(value)}"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
