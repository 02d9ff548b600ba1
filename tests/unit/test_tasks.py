"""The worker's pool set-up: the memory a pool child may grow by before it is replaced."""

from __future__ import annotations

import resource
from types import SimpleNamespace

import pytest

from worker import tasks


def _peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def test_a_child_may_grow_a_margin_past_what_it_shares_with_the_parent() -> None:
    before = _peak_kib()
    limit = tasks.child_memory_limit(None)
    assert before + tasks.CHILD_GROWTH_KIB <= limit <= _peak_kib() + tasks.CHILD_GROWTH_KIB


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
        _peak_kib() + tasks.CHILD_GROWTH_KIB, abs=20_000
    )
