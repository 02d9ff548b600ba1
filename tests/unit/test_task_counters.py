"""Task counters are added in one write a second per process, not one per task: every run
is still counted, and an idle process writes what it ran within a second."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from worker import signals
from worker.db import session_scope, upgrade
from worker.models import TaskDuration, TaskStat
from worker.settings import Settings


def _counted(
    settings: Settings,
) -> tuple[dict[str, tuple[int, int]], dict[tuple[str, float], int]]:
    with session_scope(settings.database_url, write=False) as session:
        stats = {s.task: (s.runs, s.failures) for s in session.query(TaskStat)}
        buckets = {(d.task, d.le): d.runs for d in session.query(TaskDuration)}
    return stats, buckets


@pytest.fixture
def settings(make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch) -> Settings:
    settings = make_settings()
    upgrade(settings.database_url)
    monkeypatch.setattr(signals, "_settings", lambda: settings)
    monkeypatch.setattr(signals, "FLUSH_SECONDS", 0.3)
    monkeypatch.setattr(signals, "_flushed_at", 0.0)
    return settings


def test_runs_in_a_burst_are_written_together_and_all_counted(settings: Settings) -> None:
    signals._count("paperfeed.ingest_input", 0.01, failed=False)  # written at once
    signals._count("paperfeed.ingest_input", 7.0, failed=True)
    signals._count("paperfeed.scan", 0.01, failed=False)
    assert _counted(settings)[0] == {"paperfeed.ingest_input": (1, 0)}
    signals._flush()
    stats, buckets = _counted(settings)
    assert stats == {"paperfeed.ingest_input": (2, 1), "paperfeed.scan": (1, 0)}
    assert buckets == {
        ("paperfeed.ingest_input", 0.05): 1,
        ("paperfeed.ingest_input", 10.0): 1,
        ("paperfeed.scan", 0.05): 1,
    }


def test_an_idle_process_writes_its_counts_within_a_second(settings: Settings) -> None:
    signals._count("paperfeed.publish", 0.01, failed=False)
    signals._count("paperfeed.publish", 0.01, failed=False)
    deadline = time.monotonic() + 5
    while _counted(settings)[0].get("paperfeed.publish") != (2, 0):
        assert time.monotonic() < deadline, "the timer never wrote the counts"
        time.sleep(0.05)
