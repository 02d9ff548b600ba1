"""write_if_changed: atomic, readable by a web server, and silent when nothing changed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from feeds.publish import write_if_changed

OLD = 1_700_000_000  # a fixed mtime in the past, so "untouched" is unambiguous


def test_new_file_is_written_world_readable(tmp_path: Path) -> None:
    target = tmp_path / "feeds" / "all.atom"
    old_umask = os.umask(0o077)
    try:
        assert write_if_changed(target, b"<feed/>") is True
    finally:
        os.umask(old_umask)
    assert target.read_bytes() == b"<feed/>"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_identical_bytes_leave_file_and_mtime_untouched(tmp_path: Path) -> None:
    target = tmp_path / "all.atom"
    write_if_changed(target, b"<feed/>")
    os.utime(target, (OLD, OLD))
    inode = target.stat().st_ino
    assert write_if_changed(target, b"<feed/>") is False
    assert target.stat().st_mtime == OLD
    assert target.stat().st_ino == inode


def test_changed_bytes_replace_the_file(tmp_path: Path) -> None:
    target = tmp_path / "all.atom"
    write_if_changed(target, b"<feed>1</feed>")
    os.utime(target, (OLD, OLD))
    assert write_if_changed(target, b"<feed>2</feed>") is True
    assert target.read_bytes() == b"<feed>2</feed>"
    assert target.stat().st_mtime != OLD
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_no_temporary_files_are_left_behind(tmp_path: Path) -> None:
    for n in range(3):
        write_if_changed(tmp_path / "all.atom", f"<feed>{n}</feed>".encode())
    assert [p.name for p in tmp_path.iterdir()] == ["all.atom"]


def test_failed_write_keeps_previous_file_and_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "all.atom"
    write_if_changed(target, b"<feed>old</feed>")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_if_changed(target, b"<feed>new</feed>")
    assert target.read_bytes() == b"<feed>old</feed>"
    assert [p.name for p in tmp_path.iterdir()] == ["all.atom"]
