"""One `paperfeed run` per home: a second one names the first and leaves everything alone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.unit.long_running import environment, lines, started
from tests.unit.test_cli_ops import _paperfeed


@contextmanager
def _running(home: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """`paperfeed run` on `home`, once it has printed its banner; stopped on the way out."""
    with started(home, "run", PAPERFEED_PORT="0") as process:
        (banner,) = lines(process, 1)
        assert "feeds at http://" in banner, banner
        yield process, banner


def _public(home: Path) -> dict[str, tuple[int, bytes]]:
    return {
        str(path.relative_to(home)): (path.stat().st_mtime_ns, path.read_bytes())
        for path in sorted((home / "public").rglob("*"))
        if path.is_file()
    }


def test_a_second_run_names_the_first_and_touches_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with _running(home) as (first, banner):
        address = banner.split("feeds at ")[1].strip()
        before = _public(home)
        assert before, "the first run published nothing to compare"
        second = subprocess.run(
            [sys.executable, "-m", "worker.cli", "run"],
            capture_output=True, text=True, env=environment(home, PAPERFEED_PORT="0"), timeout=60,
        )  # fmt: skip
        assert second.returncode == 2
        assert second.stdout == ""
        assert second.stderr.startswith("paperfeed: another `paperfeed run` (process ")
        assert f"process {first.pid} " in second.stderr
        assert f"feeds at {address}" in second.stderr
        assert f"is using {home}; stop it first" in second.stderr
        assert _public(home) == before
    # Once the first has stopped, the home is free again.
    with _running(home) as (_, banner):
        assert "watching" in banner


def test_a_killed_run_leaves_no_lock_behind(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with _running(home) as (first, _):
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=60)
    assert (home / "run.lock").exists()
    with _running(home) as (second, banner):
        assert second.poll() is None and "watching" in banner


def test_one_shot_commands_still_work_beside_a_run(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with _running(home):
        assert _paperfeed("status", home=home).returncode in (0, 1)
        assert _paperfeed("sources", "list", home=home).returncode == 0
