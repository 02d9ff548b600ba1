"""The drop folder: finding files that are ready, claiming them, and filing them afterwards.

A file moves drop/ → work/ (claimed) → archive/YYYY/MM/DD/ or failed/ (with NAME.error.txt).
Claiming is an atomic rename, so two scanners never both take one file.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

# Names that are still being written or belong to someone else: editors' swap files,
# FTP/rsync partials (`.part`, `.tmp`, `.filepart`), browsers' `.crdownload`.
PARTIAL_SUFFIXES = (".part", ".tmp", ".partial", ".filepart", ".crdownload", ".swp")
CLAIM_SEPARATOR = "--"


@dataclass(frozen=True)
class Claim:
    """A claimed file in the work folder; its name records when it was claimed."""

    path: Path
    original_name: str
    claimed_at: dt.datetime


def ready_files(drop_dir: Path, *, stable_seconds: float, now: float | None = None) -> list[Path]:
    """Regular files in `drop_dir` that are visible, complete and untouched for a while.

    Symlinks are never followed: a link could point anywhere on the host.
    """
    now = time.time() if now is None else now
    ready: list[Path] = []
    try:
        entries = sorted(os.scandir(drop_dir), key=lambda e: e.name)
    except FileNotFoundError:
        return []
    for entry in entries:
        name = entry.name
        if name.startswith(".") or name.lower().endswith(PARTIAL_SUFFIXES):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        if now - info.st_mtime < stable_seconds:
            continue  # still being written, or just arrived: look again next scan
        ready.append(Path(entry.path))
    return ready


def claim(path: Path, work_dir: Path, *, now: dt.datetime | None = None) -> Claim | None:
    """Move `path` into `work_dir` atomically; None when another scanner took it first."""
    now = now or dt.datetime.now(dt.UTC)
    stamp = now.strftime("%Y%m%dT%H%M%S%fZ")
    target = work_dir / f"{stamp}-{uuid.uuid4().hex[:8]}{CLAIM_SEPARATOR}{path.name}"
    try:
        os.rename(path, target)
    except FileNotFoundError:
        return None
    return Claim(target, path.name, now)


def write_claim(work_dir: Path, name: str, data: bytes, *, now: dt.datetime) -> Claim:
    """Store fetched bytes as a claim in `work_dir`, written aside and renamed in whole."""
    stamp = now.strftime("%Y%m%dT%H%M%S%fZ")
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:200] or "issue.txt"
    target = work_dir / f"{stamp}-{uuid.uuid4().hex[:8]}{CLAIM_SEPARATOR}{safe}"
    partial = target.with_name("." + target.name + ".part")
    partial.write_bytes(data)
    os.replace(partial, target)
    return Claim(target, safe, now)


def parse_claim(path: Path) -> Claim:
    """Read a claimed file's name back into a Claim.

    >>> parse_claim(Path("20200529T010203000000Z-1a2b3c4d--a01.txt")).original_name
    'a01.txt'
    """
    stamp, _, original = path.name.partition(CLAIM_SEPARATOR)
    try:
        claimed_at = dt.datetime.strptime(stamp.split("-")[0], "%Y%m%dT%H%M%S%fZ").replace(
            tzinfo=dt.UTC
        )
    except ValueError:
        claimed_at = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    return Claim(path, original or path.name, claimed_at)


def claimed_file(work_dir: Path, name: str) -> Path:
    """The claimed file called `name`, refusing anything that is not a plain name in work_dir."""
    if not name or "/" in name or "\\" in name or name in {".", ".."} or "\0" in name:
        raise ValueError(f"not a claimed file name: {name!r}")
    return work_dir / name


def stale_claims(work_dir: Path, *, lease_seconds: float, now: dt.datetime) -> list[Claim]:
    """Claims older than the lease in the per-source folders of `work_dir`."""
    stale = []
    for path in sorted(work_dir.glob(f"*/*{CLAIM_SEPARATOR}*")):
        if path.name.startswith("."):
            continue  # a fetched claim still being written
        found = parse_claim(path)
        if (now - found.claimed_at).total_seconds() >= lease_seconds:
            stale.append(found)
    return stale


def archive(found: Claim, archive_dir: Path, day: dt.date) -> Path:
    """File an ingested (or duplicate) input under archive/YYYY/MM/DD/."""
    folder = archive_dir / f"{day:%Y}" / f"{day:%m}" / f"{day:%d}"
    return _move(found.path, folder, found.original_name)


def fail(found: Claim, failed_dir: Path, reason: str) -> Path:
    """File a rejected input under failed/, with NAME.error.txt saying why."""
    target = _move(found.path, failed_dir, found.original_name)
    note = target.with_name(target.name + ".error.txt")
    note.write_text(
        f"file: {found.original_name}\nclaimed: {found.claimed_at.isoformat()}\nreason: {reason}\n",
        encoding="utf-8",
    )
    return target


def _move(path: Path, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    counter = 1
    while target.exists():  # never overwrite an earlier file of the same name
        counter += 1
        stem, dot, ext = name.rpartition(".")
        target = folder / (f"{stem}.{counter}.{ext}" if dot and stem else f"{name}.{counter}")
    os.replace(path, target)
    return target
