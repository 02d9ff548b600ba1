"""The `paperfeed` command as a user runs it: parse, ingest, run --once, sources list."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, SAMPLE, SHARED

DEMO = EXAMPLES / "2026-11-20-qinghe-daily.txt"


def _paperfeed(*args: str, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "PAPERFEED_HOME": str(home), "PAPERFEED_STABLE_SECONDS": "0", **env}
    for name in ("DATABASE_URL", "CELERY_BROKER_URL"):
        full_env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "worker.cli", *args],
        capture_output=True, text=True, env=full_env, timeout=120, check=False,
    )  # fmt: skip


def test_parse_json_of_the_shared_sample_passes_the_golden_scorer(tmp_path: Path) -> None:
    if not SAMPLE.exists():
        pytest.skip(f"shared sample not found at {SAMPLE}")
    parsed = _paperfeed("parse", str(SAMPLE), "--format", "json", home=tmp_path)
    assert parsed.returncode == 0, parsed.stderr
    scored = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "golden_score.py"),
         str(SHARED / "samples" / "weidong-page.golden.json"), "-"],
        input=parsed.stdout, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert scored.returncode == 0, scored.stdout


def test_parse_text_view_shows_pages_headlines_and_credits(tmp_path: Path) -> None:
    result = _paperfeed("parse", str(DEMO), home=tmp_path)
    assert result.returncode == 0, result.stderr
    golden = json.loads(DEMO.with_suffix(".golden.json").read_text(encoding="utf-8"))
    for article in golden["articles"]:
        assert article["headline"] in result.stdout
    assert "青河日报" in result.stdout


def test_parse_of_a_binary_file_says_why_and_fails(tmp_path: Path) -> None:
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 16)
    result = _paperfeed("parse", str(photo), home=tmp_path)
    assert result.returncode == 1
    assert "photo.jpg" in result.stderr and result.stderr.strip().count("\n") == 0


def test_ingest_then_again_reports_duplicate_and_publishes(tmp_path: Path) -> None:
    first = _paperfeed("ingest", str(DEMO), home=tmp_path / "home")
    assert first.returncode == 0, first.stderr
    assert "ingested" in first.stdout
    assert (tmp_path / "home" / "public" / "feeds" / "all.atom").exists()
    again = _paperfeed("ingest", str(DEMO), home=tmp_path / "home")
    assert "duplicate" in again.stdout


def test_run_once_ingests_what_waits_and_files_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "drop").mkdir(parents=True)
    (home / "drop" / DEMO.name).write_bytes(DEMO.read_bytes())
    (home / "drop" / "empty.txt").write_bytes(b"")
    result = _paperfeed("run", "--once", home=home)
    assert result.returncode == 0, result.stderr
    assert "1 ingested" in result.stdout and "1 failed" in result.stdout
    assert list((home / "drop").iterdir()) == []
    assert len(list((home / "archive").rglob(DEMO.name))) == 1
    assert "empty file" in (home / "failed" / "empty.txt.error.txt").read_text(encoding="utf-8")


def test_a_bad_sources_file_stops_with_every_problem(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "paperfeed.toml").write_text(
        '[[source]]\nname = "Bad Name"\nkind = "ftp"\n\n'
        '[[source]]\nname = "b"\nkind = "url"\nurl = "http://x/{date:%Y}"\n',
        encoding="utf-8",
    )
    result = _paperfeed("sources", "list", home=home)
    assert result.returncode == 2
    for fragment in ("name must be", "kind must be", "TLS is required"):
        assert fragment in result.stderr
