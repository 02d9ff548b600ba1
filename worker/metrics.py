"""/metrics: Prometheus families derived from the database, so every process that serves
it reports the same numbers (counters only count rows that never leave a final state), plus
the serving process's own resource use; written by prometheus_client.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from prometheus_client import CollectorRegistry, PlatformCollector, ProcessCollector
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
    SummaryMetricFamily,
)
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4, generate_latest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from worker.db import session_scope
from worker.models import (
    DURATION_BUCKETS,
    Article,
    DirtyFeed,
    Input,
    Issue,
    Source,
    TaskDuration,
    TaskStat,
)
from worker.settings import Settings
from worker.sources import SourceConfig
from worker.status import Status, as_utc, collect, failure_reason

# The text format every Prometheus version reads.
CONTENT_TYPE = CONTENT_TYPE_PLAIN_0_0_4
Sample = tuple[dict[str, str], float]


def render_metrics(settings: Settings, sources: Sequence[SourceConfig]) -> bytes:
    """Every metric, in the text exposition format."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(DatabaseCollector(settings, sources))
    ProcessCollector(registry=registry)
    PlatformCollector(registry=registry)
    return generate_latest(registry)


class DatabaseCollector:
    """The facts of the ledger, the issues and the task counters, read at each scrape."""

    def __init__(self, settings: Settings, sources: Sequence[SourceConfig]) -> None:
        self.settings = settings
        self.sources = sources

    def collect(self) -> Iterator[Metric]:
        with session_scope(self.settings.database_url, write=False) as session:
            names = dict(session.execute(select(Source.id, Source.name)).all())
            per_source = _per_source(session, names)
            failed = _failures_by_reason(session, names)
            latency = _latency(session)
            tasks = session.execute(
                select(TaskStat.task, TaskStat.runs, TaskStat.failures, TaskStat.seconds)
            ).all()
            buckets = session.execute(
                select(TaskDuration.task, TaskDuration.le, TaskDuration.runs)
            ).all()
            dirty = session.scalar(select(func.count()).select_from(DirtyFeed)) or 0
        status = collect(self.settings, self.sources, ping=lambda _: [])  # workers: not here
        yield from _source_families(per_source, failed, status)
        yield SummaryMetricFamily(
            "paperfeed_ingest_latency_seconds",
            "From claiming a file to its final state in the ledger.",
            count_value=int(latency[1]),
            sum_value=latency[0],
        )
        yield from _task_families(tasks, buckets)
        yield _family(
            GaugeMetricFamily, "paperfeed_queue_length", "Messages waiting in a broker queue.",
            [({"queue": q}, n) for q, n in status.queues.items() if n is not None], ("queue",),
        )  # fmt: skip
        growing = status.growing_queues
        yield _family(
            GaugeMetricFamily, "paperfeed_queue_growing",
            "1 when the queue kept growing over the last minutes: the workers are not keeping up.",
            [({"queue": q}, float(q in growing)) for q in status.queues], ("queue",),
        )  # fmt: skip
        yield _family(
            GaugeMetricFamily, "paperfeed_dirty_feeds", "Feeds waiting for their rebuild.",
            [({}, dirty)], (),
        )  # fmt: skip


def _source_families(
    per_source: dict[str, list[Sample]], failed: list[Sample], status: Status
) -> Iterator[Metric]:
    """The metrics counted per source."""
    yield _family(
        CounterMetricFamily, "paperfeed_issues_ingested",
        "Issues stored (including those a correction replaced later).", per_source["issues"],
    )  # fmt: skip
    yield _family(
        CounterMetricFamily, "paperfeed_articles", "Articles stored.", per_source["articles"]
    )
    yield _family(
        CounterMetricFamily, "paperfeed_inputs_ingested",
        "Inputs (dropped or fetched files) that became an issue.", per_source["ingested"],
    )  # fmt: skip
    yield _family(
        CounterMetricFamily, "paperfeed_inputs_failed",
        "Inputs that ended in failed/, by reason.", failed, ("source", "reason"),
    )  # fmt: skip
    yield _family(
        GaugeMetricFamily, "paperfeed_inputs_pending", "Inputs claimed and not yet finished.",
        per_source["pending"],
    )  # fmt: skip
    yield _family(
        GaugeMetricFamily, "paperfeed_last_success_timestamp_seconds",
        "Unix time of the source's newest stored issue.", per_source["last"],
    )  # fmt: skip
    yield _family(
        GaugeMetricFamily, "paperfeed_source_quiet",
        "1 when today's issue has not arrived by the source's expect_by time.",
        [({"source": s.name}, float(s.quiet)) for s in status.sources],
    )  # fmt: skip


def _task_families(tasks: Sequence[Any], buckets: Sequence[Any]) -> Iterator[Metric]:
    """The metrics counted per Celery task: runs, failures, durations."""
    yield _family(
        CounterMetricFamily, "paperfeed_task_runs", "Celery task runs, by task.",
        [({"task": t}, runs) for t, runs, _, _ in tasks], ("task",),
    )  # fmt: skip
    yield _family(
        CounterMetricFamily, "paperfeed_task_failures", "Celery task runs that raised.",
        [({"task": t}, failures) for t, _, failures, _ in tasks], ("task",),
    )  # fmt: skip
    yield _durations(tasks, buckets)


def _family(
    kind: Any, name: str, documentation: str, samples: Sequence[Sample],
    labels: Sequence[str] = ("source",),
) -> Metric:  # fmt: skip
    family = kind(name, documentation, labels=list(labels))
    for values, value in samples:
        family.add_metric([values[label] for label in labels], value)
    return family  # type: ignore[no-any-return]


def _durations(tasks: Sequence[Any], buckets: Sequence[Any]) -> Metric:
    """Time spent in each task as a histogram: the stored per-bucket runs made cumulative.
    Runs recorded before buckets were kept count only in +Inf, so that the +Inf bucket
    always equals the count."""
    family = HistogramMetricFamily(
        "paperfeed_task_duration_seconds",
        "Time spent in Celery tasks (ingest, publish, re-ingest, scan).",
        labels=["task"],
    )
    by_task: dict[str, dict[float, int]] = {}
    for task, le, runs in buckets:
        by_task.setdefault(task, {})[le] = runs
    for task, runs, _, seconds in tasks:
        cumulative, points = 0, []
        counted = by_task.get(task, {})
        for le in DURATION_BUCKETS[:-1]:
            cumulative += counted.get(le, 0)
            points.append((_bound(le), float(cumulative)))
        points.append(("+Inf", float(runs)))
        family.add_metric([task], points, sum_value=seconds)
    return family


def _bound(le: float) -> str:
    return str(int(le)) if le == int(le) else str(le)


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
