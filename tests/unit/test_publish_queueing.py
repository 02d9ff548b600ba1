"""An ingest sends no publish while one its process sent is still to come, and a publish
that finds the marks too fresh comes back when they will be quiet: every mark is still
published once the ingests pause."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from worker import publishing, tasks
from worker.settings import Settings


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def sent(
    make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> tuple[list[float], _Clock]:
    """The countdowns of the publishes sent, and the clock the task module reads."""
    countdowns: list[float] = []
    clock = _Clock()
    monkeypatch.setattr(tasks, "settings", make_settings(PAPERFEED_PUBLISH_DELAY="0.5"))
    monkeypatch.setattr(tasks, "_publish_due", 0.0)
    monkeypatch.setattr(tasks.time, "monotonic", clock)
    monkeypatch.setattr(
        tasks.publish, "apply_async", lambda countdown: countdowns.append(countdown)
    )
    return countdowns, clock


def test_ingests_in_a_burst_send_one_publish_until_it_is_due(
    sent: tuple[list[float], _Clock],
) -> None:
    countdowns, clock = sent
    tasks.queue_publish()
    clock.now += 0.2
    tasks.queue_publish()  # the first one reads the marks after this ingest's commit
    assert countdowns == [0.5]
    clock.now += 0.3  # the first is due: it may have read the marks already
    tasks.queue_publish()
    assert countdowns == [0.5, 0.5]


def test_a_publish_that_finds_fresh_marks_comes_back_when_they_are_quiet(
    sent: tuple[list[float], _Clock], monkeypatch: pytest.MonkeyPatch
) -> None:
    countdowns, _ = sent
    monkeypatch.setattr(publishing, "publish_wait", lambda _settings: 0.4)
    monkeypatch.setattr(
        publishing, "publish_dirty", lambda _settings: pytest.fail("published too early")
    )
    assert tasks.publish.run() == 0
    assert countdowns == [0.4]
    assert tasks.publish.run() == 0  # the one it sent comes then: no second one
    assert countdowns == [0.4]


def test_a_publish_that_finds_another_publishers_lease_comes_back(
    sent: tuple[list[float], _Clock], monkeypatch: pytest.MonkeyPatch
) -> None:
    countdowns, _ = sent
    monkeypatch.setattr(publishing, "publish_wait", lambda _settings: 0.0)
    monkeypatch.setattr(publishing, "publish_dirty", lambda _settings: None)
    monkeypatch.setattr(publishing, "publish_leased", lambda _settings: False)
    assert tasks.publish.run() == 0
    assert countdowns == []  # nothing was marked
    monkeypatch.setattr(publishing, "publish_leased", lambda _settings: True)
    assert tasks.publish.run() == 0
    assert countdowns == [0.5]  # what was marked after the other publish began


def test_the_publish_lease_is_held_until_it_runs_out_or_is_released(
    make_settings: Callable[..., Settings],
) -> None:
    from worker import ledger
    from worker.db import session_scope, upgrade

    settings = make_settings()
    upgrade(settings.database_url)
    now = dt.datetime(2026, 5, 3, 8, tzinfo=dt.UTC)
    assert not publishing.publish_leased(settings, now=now)
    with session_scope(settings.database_url) as session:
        assert ledger.take_lock(session, "publish", "host:1", now=now, seconds=30)
    assert publishing.publish_leased(settings, now=now + dt.timedelta(seconds=29))
    assert not publishing.publish_leased(settings, now=now + dt.timedelta(seconds=31))
    with session_scope(settings.database_url) as session:
        ledger.release_lock(session, "publish", "host:1", now=now + dt.timedelta(seconds=1))
    assert not publishing.publish_leased(settings, now=now + dt.timedelta(seconds=2))
