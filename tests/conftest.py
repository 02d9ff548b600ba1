"""Fixtures shared by unit and integration tests: paths and settings on temporary folders."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from worker.db import dispose_engines
from worker.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "samples" / "weidong-page.txt"


@pytest.fixture
def make_settings(tmp_path: Path) -> Callable[..., Settings]:
    """Settings rooted in a fresh temporary PAPERFEED_HOME, with overrides as keywords."""

    def build(**env: str) -> Settings:
        values = {"PAPERFEED_HOME": str(tmp_path / "home"), "PAPERFEED_STABLE_SECONDS": "0"}
        values.update(env)
        return load_settings(values)

    return build


@pytest.fixture
def sample_bytes() -> bytes:
    """The shared three-page sample issue; skipped when ../shared is not beside the repo."""
    if not SAMPLE.exists():
        pytest.skip(f"shared sample not found at {SAMPLE}")
    return SAMPLE.read_bytes()


@pytest.fixture(autouse=True)
def _close_database_connections() -> Iterator[None]:
    """Each test's SQLite files and PostgreSQL databases are released when it ends."""
    yield
    dispose_engines()
