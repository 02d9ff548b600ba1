"""A queue that keeps growing on the embedded broker: real messages written by kombu's
filesystem transport into the home's broker folder, samples kept in a file beside them."""

from __future__ import annotations

import time
from pathlib import Path

from worker import queue_samples
from worker.celery_app import create_app
from worker.db import upgrade
from worker.queues import queue_lengths
from worker.settings import Settings, load_settings
from worker.sources import load_sources
from worker.status import collect, render_text


def _home(tmp_path: Path) -> Settings:
    settings = load_settings({"PAPERFEED_HOME": str(tmp_path / "home")})
    settings.ensure_dirs()
    upgrade(settings.database_url)
    return settings


def _send(settings: Settings, count: int) -> None:
    app = create_app(settings)
    try:
        for n in range(count):
            app.send_task("paperfeed.ingest_input", args=[n], queue="ingest")
    finally:
        app.close()


def test_embedded_queue_growing_is_a_problem_with_its_fix(tmp_path: Path) -> None:
    settings = _home(tmp_path)
    start = time.time() - 300
    for step, count in enumerate((10, 30, 25)):
        _send(settings, count)
        assert queue_samples.record(settings, queue_lengths(settings), at=start + 120 * step)
    _send(settings, 5)
    assert queue_lengths(settings)["ingest"] == 70
    assert (settings.broker_dir / queue_samples.EMBEDDED_FILE).is_file()
    found = collect(settings, load_sources(settings))
    assert [p.code for p in found.problems] == ["queue_growing"]
    text = render_text(found, tz=settings.tz)
    assert "queue ingest keeps growing: 10 → 70 messages over the last 5 minutes" in text
    assert "start more workers (PAPERFEED_WORKERS" in text


def test_growth_needs_minutes_a_steady_rise_and_a_real_backlog() -> None:
    assert queue_samples.growing("q", [(0, 60), (200, 80)], (400, 90)) is not None
    assert queue_samples.growing("q", [(0, 60)], (400, 90)) is None  # two points
    assert queue_samples.growing("q", [(300, 60), (350, 80)], (400, 90)) is None  # 100 s
    assert queue_samples.growing("q", [(0, 10), (200, 20)], (400, 30)) is None  # small
    assert queue_samples.growing("q", [(0, 90), (200, 90)], (400, 90)) is None  # flat
    assert queue_samples.growing("q", [(-900, 1), (0, 60), (200, 80)], (400, 90)) == (
        queue_samples.Growth("q", 60, 90, 7)  # what is older than the window is left out
    )


def test_samples_are_kept_at_most_twice_a_minute_and_for_ten_minutes(tmp_path: Path) -> None:
    settings = _home(tmp_path)
    assert queue_samples.record(settings, {"ingest": 1}, at=1000.0)
    assert not queue_samples.record(settings, {"ingest": 2}, at=1020.0)
    assert queue_samples.record(settings, {"ingest": 3}, at=1700.0)
    assert queue_samples.read(settings) == {"ingest": [(1700.0, 3)]}
