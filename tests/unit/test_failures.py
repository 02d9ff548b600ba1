"""`paperfeed failures list|retry|dismiss` as an operator runs them on a real home: a file
refused as too large is kept, and ingested once the limit is raised; a dismissed failure
stays listed but no longer turns status red."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.unit.test_cli_ops import _paperfeed
from tests.unit.test_ingest import ISSUE
from tests.unit.test_status import BINARY

SMALL = {"PAPERFEED_MAX_BYTES": "100"}  # ISSUE is about 400 bytes


def _run(*args: str, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    result = _paperfeed(*args, home=home, **env)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def too_large_then_retried(tmp_path: Path, **env: str) -> None:
    """The whole story on one database (SQLite here; PostgreSQL in the integration test)."""
    home = tmp_path / "home"
    (home / "drop").mkdir(parents=True)
    (home / "drop" / "2026-11-20.txt").write_bytes(ISSUE)
    assert _run("run", "--once", home=home, **SMALL, **env).returncode == 0
    kept = home / "failed" / "2026-11-20.txt"
    assert kept.read_bytes() == ISSUE
    assert "over the limit" in kept.with_name(kept.name + ".error.txt").read_text("utf-8")
    assert _run("status", home=home, **env).returncode == 1
    listed = _run("failures", "list", home=home, **env)
    assert listed.returncode == 0
    row = listed.stdout.splitlines()[1].split()
    assert row[:2] == ["1", "failed"] and "too_large" in row and "2026-11-20.txt" in row
    # Its bytes are not in the database: re-ingest and ingest say where they are.
    reingest = _run("reingest", "1", "--sync", home=home, **env)
    assert reingest.returncode == 1
    assert "over the limit" in reingest.stderr and "failures retry 1" in reingest.stderr
    copy = tmp_path / "2026-11-20.txt"
    copy.write_bytes(ISSUE)
    ingest = _run("ingest", str(copy), home=home, **env)
    assert "duplicate (file 1): an earlier copy failed: file is 397 bytes" in ingest.stdout
    # Still too large: it fails again, and is kept again.
    again = _run("failures", "retry", "1", home=home, **SMALL, **env)
    assert again.returncode == 1 and "input 1: failed again: file is" in again.stdout
    assert kept.read_bytes() == ISSUE
    # The limit raised, the same file is ingested and its articles reach the feed.
    retried = _run("failures", "retry", "1", home=home, **env)
    assert retried.returncode == 0, retried.stdout + retried.stderr
    assert "input 1: ingested" in retried.stdout and "2 articles" in retried.stdout
    assert not kept.exists()
    feed = (home / "public" / "feeds" / "all.atom").read_text("utf-8")
    assert "青河新桥今日通车" in feed
    assert _run("failures", "list", home=home, **env).stdout.strip() == "no failures"
    status = _run("status", "--json", home=home, **env)
    assert status.returncode == 0, status.stdout
    assert json.loads(status.stdout)["failures"] == []


def test_a_file_too_large_is_kept_and_retried_after_the_limit_is_raised(tmp_path: Path) -> None:
    too_large_then_retried(tmp_path)


def test_a_dismissed_failure_stays_listed_and_status_turns_green(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "drop").mkdir(parents=True)
    (home / "drop" / "photo.png").write_bytes(BINARY)
    assert _run("run", "--once", home=home).returncode == 0
    assert _run("status", home=home).returncode == 1
    dismissed = _run("failures", "dismiss", "1", home=home)
    assert dismissed.returncode == 0 and dismissed.stdout == "dismissed input 1 (photo.png)\n"
    status = _run("status", home=home)
    assert status.returncode == 0, status.stdout
    assert "[binary] (dismissed)" in status.stdout
    assert _run("failures", "list", home=home).stdout.splitlines()[1].split()[:2] == [
        "1",
        "dismissed",
    ]
    nothing = _run("failures", "retry", "--all", home=home)
    assert nothing.returncode == 0 and nothing.stdout == "nothing to retry\n"
    assert _run("failures", "dismiss", "--all", home=home).stdout == "nothing to dismiss\n"


def test_failures_commands_name_what_they_cannot_do(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "drop").mkdir(parents=True)
    assert _run("db", "upgrade", home=home).returncode == 0
    unknown = _run("failures", "retry", "42", home=home)
    assert unknown.returncode == 1
    assert "no failed input with id 42" in unknown.stderr
    assert _run("failures", "dismiss", "t9", home=home).stderr.startswith(
        "paperfeed: no failed task with id t9"
    )
    usage = _run("failures", "retry", home=home)
    assert usage.returncode == 2 and "takes failure ids or --all" in usage.stderr
    assert _run("failures", "dismiss", "3", "--all", home=home).returncode == 2
