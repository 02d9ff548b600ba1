"""The drop folder: which files are ready, atomic claims, and filing afterwards."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

from worker import drop


def _touch(path: Path, age: float = 100.0) -> Path:
    path.write_bytes(b"text")
    past = time.time() - age
    os.utime(path, (past, past))
    return path


def test_hidden_partial_and_fresh_files_are_not_ready(tmp_path: Path) -> None:
    _touch(tmp_path / "a01.txt")
    _touch(tmp_path / ".a02.txt")
    _touch(tmp_path / "a03.txt.part")
    _touch(tmp_path / "a04.tmp")
    _touch(tmp_path / "a05.txt", age=0)
    ready = drop.ready_files(tmp_path, stable_seconds=5)
    assert [p.name for p in ready] == ["a01.txt"]


def test_symlinks_and_folders_are_never_taken(tmp_path: Path) -> None:
    outside = _touch(tmp_path.parent / f"{tmp_path.name}-secret.txt")
    (tmp_path / "link.txt").symlink_to(outside)
    (tmp_path / "sub").mkdir()
    assert drop.ready_files(tmp_path, stable_seconds=0) == []


def test_a_file_is_claimed_once(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    path = _touch(tmp_path / "a01.txt")
    first = drop.claim(path, work)
    second = drop.claim(path, work)
    assert first is not None and first.path.exists()
    assert second is None
    assert drop.parse_claim(first.path).original_name == "a01.txt"


def test_stale_claims_are_found_after_the_lease(tmp_path: Path) -> None:
    long_ago = dt.datetime(2020, 5, 29, 1, 0, tzinfo=dt.UTC)
    (tmp_path / "source").mkdir()
    found = drop.claim(_touch(tmp_path / "a01.txt"), tmp_path / "source", now=long_ago)
    assert found is not None
    assert drop.stale_claims(tmp_path, lease_seconds=60, now=long_ago) == []
    later = long_ago + dt.timedelta(minutes=5)
    assert [c.original_name for c in drop.stale_claims(tmp_path, lease_seconds=60, now=later)] == [
        "a01.txt"
    ]


def test_claimed_file_names_cannot_escape_the_work_folder(tmp_path: Path) -> None:
    for bad in ("../etc/passwd", "/etc/passwd", "..", ""):
        try:
            drop.claimed_file(tmp_path, bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} was accepted")


def test_failed_file_gets_its_reason_beside_it(tmp_path: Path) -> None:
    found = drop.claim(_touch(tmp_path / "a01.txt"), tmp_path)
    assert found is not None
    target = drop.fail(found, tmp_path / "failed", "empty file: no issue text")
    assert target == tmp_path / "failed" / "a01.txt"
    note = (tmp_path / "failed" / "a01.txt.error.txt").read_text(encoding="utf-8")
    assert "reason: empty file: no issue text" in note


def test_archive_is_dated_and_never_overwrites(tmp_path: Path) -> None:
    day = dt.date(2020, 5, 29)
    for _ in range(2):
        found = drop.claim(_touch(tmp_path / "a01.txt"), tmp_path)
        assert found is not None
        drop.archive(found, tmp_path / "archive", day)
    folder = tmp_path / "archive" / "2020" / "05" / "29"
    assert sorted(p.name for p in folder.iterdir()) == ["a01.2.txt", "a01.txt"]
