"""A disk nearly full, for real: PAPERFEED_HOME on a small tmpfs (mounted by the test; it
needs root, as CI has). `paperfeed status` exits 1 naming the disk, /status says it in
Chinese, and both are fine again once space is freed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.harness import mounted
from tests.unit.test_ingest import ISSUE

pytestmark = pytest.mark.integration


def _paperfeed(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CELERY_BROKER_URL"}}
    env |= {"PAPERFEED_HOME": str(home), "PAPERFEED_STABLE_SECONDS": "0"}
    return subprocess.run(
        [sys.executable, "-m", "worker.cli", *args],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip


def test_status_names_a_disk_nearly_full_until_space_is_freed(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    with mounted(["-t", "tmpfs", "-o", "size=48m", "tmpfs"], disk):
        home = disk / "home"
        (home / "drop").mkdir(parents=True)
        (home / "drop" / "2026-11-20.txt").write_bytes(ISSUE)
        assert _paperfeed(home, "run", "--once").returncode == 0
        assert _paperfeed(home, "status").returncode == 0  # 47 MiB free: twice 20 MB fits
        (disk / "filler").write_bytes(b"\0" * (28 << 20))
        full = _paperfeed(home, "status")
        assert full.returncode == 1, full.stdout + full.stderr
        assert f"the disk holding {home} has " in full.stdout
        assert "files cannot be claimed, queued or stored until space is freed" in full.stdout
        from worker.settings import load_settings
        from worker.sources import load_sources
        from worker.status import collect

        settings = load_settings({"PAPERFEED_HOME": str(home)})
        (problem,) = collect(settings, load_sources(settings)).problems
        assert problem.code == "disk_low" and problem.text("zh-CN").endswith("请先腾出空间")
        (disk / "filler").unlink()
        assert _paperfeed(home, "status").returncode == 0
