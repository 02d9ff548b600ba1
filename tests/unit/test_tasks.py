"""The worker's pool set-up (the memory a pool child may grow by before it is replaced), and
how the ingest task tells an attempt the file is to blame for from one it is not."""

from __future__ import annotations

import resource
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from celery.exceptions import SoftTimeLimitExceeded

from tests.unit.test_ingest import ISSUE
from worker import attempts, intake, tasks
from worker.db import session_scope, upgrade
from worker.models import Input
from worker.settings import Settings
from worker.sources import default_source


def _resident_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return int(line.split()[1])


def test_resident_memory_is_what_the_process_holds_now_not_its_peak() -> None:
    assert tasks.resident_kib() == pytest.approx(_resident_kib(), abs=5_000)
    assert tasks.resident_kib() <= resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def test_a_child_may_grow_a_margin_past_what_it_shares_with_the_parent() -> None:
    limit = tasks.child_memory_limit(None)
    assert limit == pytest.approx(_resident_kib() + tasks.CHILD_GROWTH_KIB, abs=5_000)


def test_the_configured_limit_is_a_ceiling() -> None:
    assert tasks.child_memory_limit(1_000) == 1_000
    assert tasks.child_memory_limit(10**9) < 10**9


def test_worker_init_lowers_the_limit_before_the_pool_forks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tasks, "_preload", lambda: None)
    monkeypatch.setattr(tasks.gc, "freeze", lambda: None)
    worker = SimpleNamespace(max_memory_per_child=300_000_000)
    tasks._prepare_pool(sender=worker)
    assert worker.max_memory_per_child == pytest.approx(
        _resident_kib() + tasks.CHILD_GROWTH_KIB, abs=20_000
    )


def _one_input(
    make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> tuple[Settings, int]:
    """A scanned input, and the task module pointed at its settings and source."""
    settings = make_settings(PAPERFEED_SOURCE="qinghe")
    settings.ensure_dirs()
    upgrade(settings.database_url)
    (settings.drop_dir / "a01.txt").write_bytes(ISSUE)
    ids: list[int] = []
    intake.scan(settings, [default_source(settings)], ids.append, force=True)
    monkeypatch.setattr(tasks, "settings", settings)
    monkeypatch.setattr(tasks, "sources", lambda: (default_source(settings),))
    monkeypatch.setattr(tasks, "queue_publish", lambda: None)  # no broker here
    return settings, ids[0]


def _ledger(settings: Settings, input_id: int) -> tuple[str, int, int, str | None]:
    with session_scope(settings.database_url) as session:
        row = session.get(Input, input_id)
        assert row is not None
        return row.status, row.attempts, row.interruptions, row.error


def test_a_time_limit_during_the_parse_counts_against_the_file(
    make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, input_id = _one_input(make_settings, monkeypatch)

    def slow(*_: object, **__: object) -> None:
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(attempts, "check_bytes", slow)
    assert tasks.ingest_input.run(input_id) == "timeout"
    status, tries, interruptions, error = _ledger(settings, input_id)
    assert (status, tries, interruptions) == ("pending", 1, 0)
    assert error is not None and error.startswith("timeout: ingest ran longer than")


def test_a_time_limit_while_storing_does_not(
    make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, input_id = _one_input(make_settings, monkeypatch)

    def waiting(*_: object, **__: object) -> None:
        raise SoftTimeLimitExceeded()  # as if the database's lock was never free

    monkeypatch.setattr(attempts, "ingest_bytes", waiting)
    assert tasks.ingest_input.run(input_id) == "interrupted"
    assert _ledger(settings, input_id) == ("pending", 0, 1, None)


def test_a_database_error_retries_the_task_and_the_retry_is_not_charged(
    make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    from celery.exceptions import Retry
    from sqlalchemy.exc import OperationalError

    settings, input_id = _one_input(make_settings, monkeypatch)
    real = attempts.ingest_bytes

    def gone(*_: object, **__: object) -> None:
        raise OperationalError("INSERT", {}, Exception("server closed the connection"))

    monkeypatch.setattr(attempts, "ingest_bytes", gone)
    retried: list[dict[str, object]] = []

    def retry(**options: object) -> Retry:
        retried.append(options)
        return Retry()

    monkeypatch.setattr(tasks.ingest_input, "retry", retry)
    with pytest.raises(Retry):
        tasks.ingest_input.run(input_id)
    assert retried[0]["kwargs"] == {"resumed": True}
    assert _ledger(settings, input_id)[:3] == ("pending", 1, 0)  # counted until it resumes
    monkeypatch.setattr(attempts, "ingest_bytes", real)
    assert tasks.ingest_input.run(input_id, resumed=True) == "ingested"
    assert _ledger(settings, input_id) == ("ingested", 1, 1, None)


def test_a_retry_that_cannot_be_sent_hands_the_input_to_the_next_scan(
    make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    from celery.exceptions import Reject
    from sqlalchemy.exc import OperationalError

    settings, input_id = _one_input(make_settings, monkeypatch)

    def full(*_: object, **__: object) -> None:
        raise OperationalError("INSERT", {}, Exception("database or disk is full"))

    def unsendable(**_: object) -> None:
        raise Reject(OSError(28, "No space left on device"), requeue=False)  # as Celery does

    monkeypatch.setattr(attempts, "ingest_bytes", full)
    monkeypatch.setattr(tasks.ingest_input, "retry", unsendable)
    assert intake.rescan(settings, [default_source(settings)]) == []  # its lease holds
    with pytest.raises(Reject):
        tasks.ingest_input.run(input_id)
    # Not the lease's end (PAPERFEED_LEASE_SECONDS) but the next scan sends it again.
    assert intake.rescan(settings, [default_source(settings)]) == [input_id]


def test_the_preload_opens_no_sqlite_database(
    make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A server's handshake is done before the fork; a SQLite file is neither opened nor
    # created by the worker's start.
    settings = make_settings()
    monkeypatch.setattr(tasks, "settings", settings)
    tasks._preload()
    assert settings.database_url.startswith("sqlite:///")
    assert not Path(settings.database_url.removeprefix("sqlite:///")).exists()
