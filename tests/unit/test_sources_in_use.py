"""What the running workers use, beside the sources file: a file edited after the workers
read it, or a source removed from it that they still scan, is a problem `status` and
`sources list` name, with the fix."""

from __future__ import annotations

import json
from pathlib import Path

from tests.unit.test_cli_ops import _paperfeed

SOURCES = """
[[source]]
name = "qinghe"
kind = "drop"
path = "{home}/{folder}"
publication = "青河日报"
expect_by = "23:59"
"""

SECOND = """
[[source]]
name = "weidong"
kind = "drop"
path = "{home}/weidong"
"""


def _write(home: Path, folder: str, *, second: bool = False) -> None:
    (home / folder).mkdir(parents=True, exist_ok=True)
    text = SOURCES.format(home=home, folder=folder)
    if second:
        (home / "weidong").mkdir(exist_ok=True)
        text += SECOND.format(home=home)
    (home / "paperfeed.toml").write_text(text, encoding="utf-8")


def test_a_sources_file_edited_after_the_scan_is_named(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    _write(home, "qinghe")
    assert _paperfeed("run", "--once", home=home).returncode == 0
    agreed = _paperfeed("sources", "list", home=home)
    assert agreed.returncode == 0, agreed.stderr
    assert "running workers use other settings" not in agreed.stdout + agreed.stderr

    _write(home, "qinghe-new")  # the workers (here: the last scan) still use the old folder
    listed = _paperfeed("sources", "list", home=home)
    assert listed.returncode == 1
    assert f"{home / 'qinghe-new'}" in listed.stdout  # the table shows the file
    assert (
        "source qinghe: the running workers use other settings than the sources file"
        in listed.stderr
    )
    assert f"folder or URL: {home / 'qinghe'} → {home / 'qinghe-new'} (workers → here)" in (
        listed.stderr
    )
    status = _paperfeed("status", "--json", home=home)
    assert status.returncode == 1
    problems = json.loads(status.stdout)["problems"]
    assert any("folder or URL:" in p and "restart the workers" in p for p in problems), problems
    sources = {s["name"]: s for s in json.loads(status.stdout)["sources"]}
    assert sources["qinghe"]["changed"] == [
        f"folder or URL: {home / 'qinghe'} → {home / 'qinghe-new'}"
    ]

    # The next scan runs with the edited file: the two agree again.
    assert _paperfeed("run", "--once", home=home).returncode == 0
    again = _paperfeed("sources", "list", home=home)
    assert again.returncode == 0, again.stderr


def test_a_removed_source_the_workers_still_scan_is_named(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    _write(home, "qinghe", second=True)
    assert _paperfeed("run", "--once", home=home).returncode == 0
    _write(home, "qinghe")  # weidong removed, just after a scan
    listed = _paperfeed("sources", "list", home=home)
    assert listed.returncode == 1
    assert (
        "source weidong is no longer in the sources file, but the workers still scan it"
        in listed.stderr
    )
    status = _paperfeed("status", home=home)
    assert status.returncode == 1
    assert "source weidong is no longer in the sources file" in status.stdout
