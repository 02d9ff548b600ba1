"""The operator commands as a person runs them: status, issues, sources, feeds rebuild and
check."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.unit.test_ingest import ISSUE
from tests.unit.test_status import BINARY, SOURCES


def _paperfeed(*args: str, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "PAPERFEED_HOME": str(home), "PAPERFEED_STABLE_SECONDS": "0", **env}
    for name in ("DATABASE_URL", "CELERY_BROKER_URL", "PAPERFEED_LOG_FORMAT"):
        full_env.pop(name, None)
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "worker.cli", *args],
        capture_output=True, text=True, env=full_env, timeout=120, check=False,
    )  # fmt: skip


def _newsroom(tmp_path: Path) -> Path:
    """Two sources; qinghe received a good issue and a PNG, weidong nothing (and it is late)."""
    home = tmp_path / "home"
    (home / "qinghe").mkdir(parents=True)
    (home / "weidong").mkdir()
    (home / "paperfeed.toml").write_text(SOURCES.format(home=home), encoding="utf-8")
    (home / "qinghe" / "2026-11-20.txt").write_bytes(ISSUE)
    (home / "qinghe" / "photo.png").write_bytes(BINARY)
    assert _paperfeed("run", "--once", home=home).returncode == 0
    return home


def test_status_exits_1_with_a_failure_and_a_quiet_source_and_0_when_fixed(
    tmp_path: Path,
) -> None:
    home = _newsroom(tmp_path)
    result = _paperfeed("status", home=home)
    assert result.returncode == 1, result.stderr
    assert "weidong QUIET" in result.stdout
    assert "photo.png" in result.stdout and "[binary]" in result.stdout
    data = json.loads(_paperfeed("status", "--json", home=home).stdout)
    assert [s["quiet"] for s in data["sources"]] == [False, True]
    # Switched off, weidong is not expected; the failure still counts for 24 hours.
    assert _paperfeed("sources", "disable", "weidong", home=home).returncode == 0
    data = json.loads(_paperfeed("status", "--json", home=home).stdout)
    assert data["sources"][1]["enabled"] is False
    assert [p for p in data["problems"] if "quiet" in p] == []
    assert "off (db)" in _paperfeed("sources", "list", home=home).stdout


def test_sources_enable_and_disable_need_a_configured_name(tmp_path: Path) -> None:
    home = _newsroom(tmp_path)
    missing = _paperfeed("sources", "disable", "nope", home=home)
    assert missing.returncode == 2 and "no source 'nope'" in missing.stderr
    assert _paperfeed("sources", "enable", home=home).returncode == 2
    assert "weidong: enabled" in _paperfeed("sources", "enable", "weidong", home=home).stdout


def test_issues_list_and_show(tmp_path: Path) -> None:
    home = _newsroom(tmp_path)
    listing = _paperfeed("issues", "list", home=home)
    assert listing.returncode == 0
    rows = {line.split()[0]: line for line in listing.stdout.splitlines()[1:]}
    assert "photo.png" in rows["f2"] and "failed" in rows["f2"]
    assert "2026-11-20" in rows["1"] and "ingested" in rows["1"] and "青河日报" in rows["1"]
    assert rows["1"].split()[4:7] == ["1", "2", "1"]  # one page, two articles, one file
    only = _paperfeed("issues", "list", "--status", "ingested", "--limit", "5", home=home)
    assert "photo.png" not in only.stdout
    shown = _paperfeed("issues", "show", "1", home=home)
    assert shown.returncode == 0
    for text in ("issue 1: 青河日报 2026-11-20", "pages (1):", "part 2026-11-20.txt",
                 "file 1 2026-11-20.txt",
                 "articles (2):", "青河新桥今日通车"):  # fmt: skip
        assert text in shown.stdout, text
    assert "guessed" not in shown.stdout
    one = _paperfeed("issues", "show", "--file", "1", home=home)
    for text in ("file 1: ingested", "issue:", "ledger: input", "date from:"):
        assert text in one.stdout, text
    assert _paperfeed("issues", "show", "99", home=home).returncode == 1


def test_feeds_rebuild_all_writes_the_feeds_again(tmp_path: Path) -> None:
    home = _newsroom(tmp_path)
    atom = home / "public" / "feeds" / "all.atom"
    atom.unlink()
    quiet = _paperfeed("feeds", "rebuild", home=home)
    assert quiet.returncode == 0 and "no feed was waiting" in quiet.stdout
    result = _paperfeed("feeds", "rebuild", "--all", home=home)
    assert result.returncode == 0 and "1 file written, " in result.stdout
    # The progress line counts the feed parts built (off a terminal: every 50th, and the last).
    (progress,) = [line for line in result.stderr.splitlines() if "rebuild every feed" in line]
    assert int(progress.rsplit(": ", 1)[1]) > 1
    assert "青河新桥今日通车" in atom.read_text(encoding="utf-8")


def test_json_logs_carry_the_events_values_as_typed_fields(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "drop").mkdir(parents=True)
    (home / "drop" / "第 1 版 a.txt").write_bytes(ISSUE)
    result = _paperfeed("run", "--once", home=home, PAPERFEED_LOG_FORMAT="json")
    assert result.returncode == 0
    records = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    ingest = next(r for r in records if r.get("event") == "ingest")
    assert (ingest["status"], ingest["articles"], ingest["level"]) == ("ingested", 2, "INFO")
    assert ingest["file"] == "第 1 版 a.txt"  # a name with spaces is one value


def test_feeds_check_exits_1_when_a_feed_lacks_an_entry(tmp_path: Path) -> None:
    home = _newsroom(tmp_path)
    good = _paperfeed("feeds", "check", home=home)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "0 missing, 0 duplicated, 0 not in the feed" in good.stdout
    document = home / "public" / "feeds" / "all.json"
    text = document.read_text(encoding="utf-8")
    document.write_text(text.replace('"items":[', '"items":[],"x":[', 1), encoding="utf-8")
    bad = _paperfeed("feeds", "check", home=home)
    assert bad.returncode == 1
    assert "all (json): 2 missing" in bad.stdout
