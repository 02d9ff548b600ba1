"""Durable file writes for a folder target: a temporary file beside its place (mode 0644),
fsynced, then renamed over it, so a reader sees the old bytes or the new, never a mix; and
the syncs that make a batch of such renames survive a power cut."""

from __future__ import annotations

import contextlib
import ctypes
import os
import stat
import tempfile
from pathlib import Path

FILE_MODE = 0o644


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically unless the file already holds exactly ``data``.

    Returns True when the file was (re)written. The new file is mode 0644: ``mkstemp``
    creates 0600 files, which a web server running as another user could not read.
    """
    if holds(path, data):
        return False
    replace_file(path, data)
    return True


def replace_file(path: Path, data: bytes) -> None:
    """Replace the file at ``path`` with ``data``: a durable temporary file, then a rename."""
    tmp_name = write_temp(path, data)
    try:
        fsync_path(tmp_name)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    fsync_dir(path.parent)


def fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def stage_file(location: Path, data: bytes) -> str | None:
    """A temporary file beside ``location`` holding ``data``, unless ``location`` holds
    exactly it (None)."""
    if holds(location, data):
        return None
    return write_temp(location, data, make_parent=False)


def holds(location: Path, data: bytes) -> bool:
    """Whether the file at ``location`` holds exactly ``data``. Its size is looked at
    first: a publish after one issue changes nearly every file it writes, mostly in
    size, and reading each one back to compare was most of the staging's reads."""
    try:
        found = os.stat(location)
        # Anything but a plain file is read, and fails as before: while staging, before
        # any file of the batch is renamed into place.
        if stat.S_ISREG(found.st_mode) and found.st_size != len(data):
            return False
        return location.read_bytes() == data
    except FileNotFoundError:
        return False


def write_temp(path: Path, data: bytes, *, make_parent: bool = True) -> str:
    """``data`` in a new 0644 temporary file beside ``path``; its name."""
    if make_parent:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
        os.chmod(tmp_name, FILE_MODE)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    return tmp_name


def syncfs(directory: Path) -> bool:
    """Flush the filesystem holding ``directory`` to disk (Linux ``syncfs``); False where
    there is no such call, so the caller syncs file by file."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        syncfs = libc.syncfs
    except (OSError, AttributeError):
        return False
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return False
    try:
        return bool(syncfs(fd) == 0)
    finally:
        os.close(fd)


def fsync_path(name: str) -> None:
    """Flush the file called ``name`` to disk."""
    fd = os.open(name, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
