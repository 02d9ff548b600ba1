"""The drop folder: which files are ready, atomic claims, and filing afterwards."""

from __future__ import annotations

import datetime as dt
import errno
import os
import time
from pathlib import Path

import pytest

from worker.intake import drop


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


GBK_NAME = os.fsdecode("新闻稿件".encode("gbk") + b".txt")  # as a Windows FTP client leaves it


def test_names_become_text_any_database_and_note_can_hold() -> None:
    assert drop.display_name(GBK_NAME) == "新闻稿件.txt"
    assert drop.display_name("a01.txt") == "a01.txt"
    assert drop.display_name(os.fsdecode(b"caf\xe9.txt")) == "caf\\xe9.txt"
    assert drop.display_name("two\nlines.txt") == "two\\x0alines.txt"


def test_long_names_are_shortened_with_a_hash_keeping_the_extension() -> None:
    long_a, long_b = "报" * 80 + "a.txt", "报" * 80 + "b.txt"
    short_a, short_b = drop.fit_name(long_a, 100), drop.fit_name(long_b, 100)
    assert short_a != short_b and short_a.endswith(".txt")
    assert len(short_a.encode()) <= 100
    assert drop.fit_name("a01.txt", 100) == "a01.txt"


def test_a_name_too_long_for_a_claim_is_claimed_and_filed(tmp_path: Path) -> None:
    name = "x" * 246 + ".txt"  # 250 bytes: fine in drop/, too long with a claim's prefix
    path = _touch(tmp_path / name)
    work = tmp_path / "work"
    work.mkdir()
    found = drop.claim(path, work)
    assert found is not None and found.path.exists() and found.original_name == name
    target = drop.fail(found, tmp_path / "failed", "empty file: no issue text")
    assert target.exists() and len(target.name.encode()) <= drop.FILED_NAME_BYTES
    assert (target.parent / (target.name + ".error.txt")).exists()


def test_a_gbk_name_is_claimed_under_its_readable_name(tmp_path: Path) -> None:
    path = _touch(tmp_path / GBK_NAME)
    found = drop.claim(path, tmp_path)
    assert found is not None and found.original_name == "新闻稿件.txt"
    assert found.path.name.endswith("--新闻稿件.txt")
    assert drop.parse_claim(found.path).original_name == "新闻稿件.txt"


def test_what_is_not_taken_is_reported_once_it_has_sat_a_while(tmp_path: Path) -> None:
    _touch(tmp_path / "a01.txt")
    _touch(tmp_path / ".DS_Store")
    _touch(tmp_path / "upload.txt.part")
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.txt").symlink_to(tmp_path / "a01.txt")
    (tmp_path / "fresh.part").write_bytes(b"still arriving")
    later = time.time() + drop.LEFTOVER_SECONDS + 200
    survey = drop.survey(tmp_path, stable_seconds=0, now=later)
    assert [p.name for p in survey.ready] == ["a01.txt"]
    kinds = {item.name: item.kind for item in survey.leftovers}
    assert kinds == {
        ".DS_Store": "hidden", "upload.txt.part": "partial upload", "pipe": "not a regular file",
        "sub": "folder", "link.txt": "symlink", "fresh.part": "partial upload",
    }  # fmt: skip
    assert drop.survey(tmp_path, stable_seconds=0).leftovers == ()  # none has sat 5 minutes


def _across_mounts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A work folder and a ready file with renames between folders failing as between two
    mounts (EXDEV); renames inside one folder still work."""
    real = os.rename

    def rename(src: os.PathLike[str] | str, dst: os.PathLike[str] | str) -> None:
        if Path(src).parent != Path(dst).parent:
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        real(src, dst)

    monkeypatch.setattr(drop.os, "rename", rename)
    monkeypatch.setattr(drop.os, "replace", rename)
    work = tmp_path / "work"
    work.mkdir()
    return work, _touch(tmp_path / "a01.txt")


def test_a_claim_across_mounts_copies_checks_and_removes_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work, path = _across_mounts(tmp_path, monkeypatch)
    path.write_bytes(b"issue text" * 1000)
    found = drop.claim(path, work)
    assert found is not None and found.path.read_bytes() == b"issue text" * 1000
    assert not path.exists() and os.listdir(tmp_path) == ["work"]
    assert os.listdir(work) == [found.path.name]  # no partial copy left beside it
    filed = drop.archive(found, tmp_path / "archive", dt.date(2020, 5, 29))
    assert filed.read_bytes() == b"issue text" * 1000 and not found.path.exists()


def test_a_file_written_to_during_its_copy_is_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work, path = _across_mounts(tmp_path, monkeypatch)
    real_copy = drop.copy_synced

    def copy_while_writing(source: Path, target: Path) -> tuple[int, str]:
        copied = real_copy(source, target)
        with source.open("ab") as writer:  # its uploader was not done
            writer.write(b" and more")
        return copied

    monkeypatch.setattr(drop, "copy_synced", copy_while_writing)
    assert drop.claim(path, work) is None
    assert path.read_bytes() == b"text and more" and os.listdir(work) == []


def test_a_claim_a_crash_left_aside_is_put_back_after_the_lease(tmp_path: Path) -> None:
    aside = tmp_path / f"{drop.CLAIMING_PREFIX}1a2b3c4d-a01.txt"
    aside.write_bytes(b"text")
    drop.survey(tmp_path, stable_seconds=0, stale_claiming=600)
    assert aside.exists()  # may still be a claim in progress
    drop.survey(tmp_path, stable_seconds=0, stale_claiming=600, now=time.time() + 601)
    assert (tmp_path / "a01.txt").read_bytes() == b"text" and not aside.exists()


def test_a_failed_file_never_lands_without_its_reason_on_a_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = drop.claim(_touch(tmp_path / "a01.txt"), tmp_path)
    assert found is not None

    def full(*_: object, **__: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full)
    with pytest.raises(OSError):
        drop.fail(found, tmp_path / "failed", "empty file: no issue text")
    assert found.path.exists() and not (tmp_path / "failed" / "a01.txt").exists()
    monkeypatch.undo()  # space again: filing is simply tried again
    target = drop.fail(found, tmp_path / "failed", "empty file: no issue text")
    assert target.name == "a01.txt" and (target.parent / "a01.txt.error.txt").exists()
