"""The drop folder: finding files that are ready, claiming them, and filing them afterwards.

A file moves drop/ → work/ (claimed) → archive/YYYY/MM/DD/ or failed/ (with NAME.error.txt).
Claiming is an atomic rename, so two scanners never both take one file; across mounts (a
drop folder on NFS or in another volume) it is a rename inside the drop folder, then a copy
that is synced and checked before the original goes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import os
import stat
import time
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path

# Names that are still being written or belong to someone else: editors' swap files,
# FTP/rsync partials (`.part`, `.tmp`, `.filepart`), browsers' `.crdownload`.
PARTIAL_SUFFIXES = (".part", ".tmp", ".partial", ".filepart", ".crdownload", ".swp")
CLAIM_SEPARATOR = "--"
# A file taken out of a drop folder on another mount waits under this hidden name while it
# is copied; one found after a crash is put back (`survey`).
CLAIMING_PREFIX = ".paperfeed-claiming-"
# Most file systems allow 255 bytes per name. A claim adds a 33-byte prefix, and a filed
# file may get ".2" and its ".error.txt" note beside it: longer names are shortened (their
# end replaced by a hash, the extension kept), never refused.
NAME_MAX = 255
CLAIM_PREFIX_BYTES = 33
FILED_NAME_BYTES = 230
# How long something paperfeed will not take (a symlink, a folder, a stale partial upload)
# sits untouched in a drop folder before `paperfeed status` reports it.
LEFTOVER_SECONDS = 300.0
COPY_CHUNK = 1 << 20


@dataclass(frozen=True)
class Claim:
    """A claimed file in the work folder; its name records when it was claimed."""

    path: Path
    original_name: str
    claimed_at: dt.datetime


@dataclass(frozen=True)
class Leftover:
    """An entry of a drop folder that paperfeed leaves where it is, and why."""

    name: str
    kind: str  # "hidden", "partial upload", "symlink", "folder", "not a regular file", ...
    since: dt.datetime


@dataclass(frozen=True)
class Survey:
    """One look at a drop folder: the files ready to claim, and what stays behind."""

    ready: tuple[Path, ...]
    leftovers: tuple[Leftover, ...]


def display_name(name: str) -> str:
    """A file name as text any database, log line and reason file can hold.

    Names arrive as bytes: a Windows FTP client leaves GBK, which Python shows as
    surrogate escapes. They are read as UTF-8, else GB18030, else kept as `\\xNN` escapes;
    control characters (a newline in a name) are escaped too.

    >>> display_name("\\udcd0\\udcc2\\udcce\\udcc5.txt")  # 新闻.txt in GBK
    '新闻.txt'
    >>> display_name("a\\nb.txt")
    'a\\\\x0ab.txt'
    """
    raw = os.fsencode(name)
    for codec in ("utf-8", "gb18030"):
        try:
            text = raw.decode(codec)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = raw.decode("utf-8", errors="backslashreplace")
    return "".join(
        f"\\x{ord(c):02x}" if unicodedata.category(c) in {"Cc", "Cs"} else c for c in text
    )


def fit_name(name: str, limit: int) -> str:
    """`name` if its UTF-8 form fits in `limit` bytes, else its start, `~`, a hash of the
    whole name and its extension: distinct long names stay distinct.

    >>> fit_name("a" * 300 + ".txt", 40)
    'aaaaaaaaaaaaaaaaaaaaaaaaaaa~6a21aa5f.txt'
    """
    encoded = name.encode("utf-8", errors="surrogateescape")
    if len(encoded) <= limit:
        return name
    stem, dot, ext = name.rpartition(".")
    suffix = f".{ext}" if dot and stem and len(ext.encode()) <= 16 else ""
    stem = name[: len(name) - len(suffix)]
    digest = hashlib.sha1(encoded).hexdigest()[:8]
    room = limit - len(suffix.encode()) - len(digest) - 1
    start = stem.encode("utf-8", errors="surrogateescape")[:room].decode("utf-8", "ignore")
    return f"{start}~{digest}{suffix}"


def survey(
    drop_dir: Path,
    *,
    stable_seconds: float,
    now: float | None = None,
    stale_claiming: float | None = None,
) -> Survey:
    """The regular files of `drop_dir` that are visible, complete and untouched for a while,
    and the entries left behind for LEFTOVER_SECONDS or more.

    Symlinks are never followed: a link could point anywhere on the host. A hidden claim a
    crashed scanner left (`CLAIMING_PREFIX`) is put back under its name once it is older
    than `stale_claiming` seconds, to be taken at the next scan.
    """
    now = time.time() if now is None else now
    ready: list[Path] = []
    leftovers: list[Leftover] = []
    try:
        entries = sorted(os.scandir(drop_dir), key=lambda e: e.name)
    except FileNotFoundError:
        return Survey((), ())
    for entry in entries:
        try:
            info = entry.stat(follow_symlinks=False)
        except FileNotFoundError:
            continue
        name = entry.name
        if name.startswith(CLAIMING_PREFIX):
            if stale_claiming is not None and now - info.st_ctime >= stale_claiming:
                _put_back(Path(entry.path))
            continue
        kind = _unready(name, info)
        if kind is None:
            if now - info.st_mtime >= stable_seconds:
                ready.append(Path(entry.path))
            continue  # else still being written, or just arrived: look again next scan
        if now - info.st_mtime >= LEFTOVER_SECONDS:
            since = dt.datetime.fromtimestamp(info.st_mtime, dt.UTC)
            leftovers.append(Leftover(display_name(name), kind, since))
    return Survey(tuple(ready), tuple(leftovers))


def _unready(name: str, info: os.stat_result) -> str | None:
    """Why paperfeed does not take this entry, or None for a file it takes."""
    if stat.S_ISLNK(info.st_mode):
        return "symlink"
    if stat.S_ISDIR(info.st_mode):
        return "folder"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if name.startswith("."):
        return "hidden"
    if name.lower().endswith(PARTIAL_SUFFIXES):
        return "partial upload"
    return None


def ready_files(drop_dir: Path, *, stable_seconds: float, now: float | None = None) -> list[Path]:
    """Regular files in `drop_dir` that are visible, complete and untouched for a while."""
    return list(survey(drop_dir, stable_seconds=stable_seconds, now=now).ready)


def claim(path: Path, work_dir: Path, *, now: dt.datetime | None = None) -> Claim | None:
    """Move `path` into `work_dir`; None when another scanner took it first (or it changed
    while it was copied across mounts: it is taken at a later scan).

    The claim's name is the time, a random part and the file's name made readable and short
    enough (`display_name`, `fit_name`), so any name a file system allows can be claimed.
    """
    now = now or dt.datetime.now(dt.UTC)
    name = display_name(path.name)
    stamp = now.strftime("%Y%m%dT%H%M%S%fZ")
    short = fit_name(name, NAME_MAX - CLAIM_PREFIX_BYTES)
    target = work_dir / f"{stamp}-{uuid.uuid4().hex[:8]}{CLAIM_SEPARATOR}{short}"
    try:
        os.rename(path, target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        if not _claim_across(path, target, name):
            return None
    return Claim(target, fit_name(name, 400), now)


def _claim_across(path: Path, target: Path, name: str) -> bool:
    """Claim a file on another mount: rename it aside in its own folder (atomic, so one
    scanner only), copy it, sync the copy, check it against the original, and only then
    rename the copy into place and delete the original."""
    aside = path.with_name(f"{CLAIMING_PREFIX}{uuid.uuid4().hex[:8]}-{fit_name(name, 190)}")
    try:
        os.rename(path, aside)
    except FileNotFoundError:
        return False
    try:
        before = os.stat(aside)
        copied = copy_synced(aside, target)
        after = os.stat(aside)
    except BaseException:
        _put_back(aside)
        raise
    if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns) or (
        copied != (after.st_size, _digest(aside))
    ):
        # Written to while it was copied: its writer is not done.
        target.unlink(missing_ok=True)
        _put_back(aside)
        return False
    os.unlink(aside)
    return True


def copy_synced(source: Path, target: Path) -> tuple[int, str]:
    """Copy `source` to `target` through a hidden partial file that is synced to disk and
    read back before it is renamed into place; returns the size and SHA-256 written."""
    partial = target.with_name(f".{fit_name(target.name, NAME_MAX - 6)}.part")
    digest, size = hashlib.sha256(), 0
    try:
        with source.open("rb") as reader, partial.open("xb") as writer:
            while chunk := reader.read(COPY_CHUNK):
                writer.write(chunk)
                digest.update(chunk)
                size += len(chunk)
            writer.flush()
            os.fsync(writer.fileno())
        if (partial.stat().st_size, _digest(partial)) != (size, digest.hexdigest()):
            raise OSError(errno.EIO, f"the copy of {source.name} does not read back the same")
        os.rename(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)
    return size, digest.hexdigest()


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(COPY_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _put_back(aside: Path) -> None:
    """Give a file set aside for a claim its name back, beside any newer file of that name."""
    name = aside.name.removeprefix(CLAIMING_PREFIX)[9:] or "recovered"
    target = aside.with_name(name)
    counter = 1
    while target.exists():
        counter += 1
        target = aside.with_name(_numbered(name, counter))
    with contextlib.suppress(FileNotFoundError):  # another scanner put it back already
        os.rename(aside, target)


def move(path: Path, target: Path) -> None:
    """Rename `path` to `target`, copying (synced, then the original deleted) when they
    are on different mounts."""
    try:
        os.replace(path, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        copy_synced(path, target)
        os.unlink(path)


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
    return Claim(path, display_name(original or path.name), claimed_at)


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
            continue  # a fetched claim, or a copy across mounts, still being written
        found = parse_claim(path)
        if (now - found.claimed_at).total_seconds() >= lease_seconds:
            stale.append(found)
    return stale


def archive(found: Claim, archive_dir: Path, day: dt.date) -> Path:
    """File an ingested (or duplicate) input under archive/YYYY/MM/DD/."""
    folder = archive_dir / f"{day:%Y}" / f"{day:%m}" / f"{day:%d}"
    return _file(found.path, folder, found.original_name)


def fail(found: Claim, failed_dir: Path, reason: str) -> Path:
    """File a rejected input under failed/, with NAME.error.txt saying why.

    The reason is written first: if the disk is full, nothing has moved and filing is tried
    again later; a file in failed/ always has its reason beside it.
    """
    target = _free_name(failed_dir, found.original_name)
    note = target.with_name(target.name + ".error.txt")
    note.write_text(
        f"file: {found.original_name}\nclaimed: {found.claimed_at.isoformat()}\nreason: {reason}\n",
        encoding="utf-8",
    )
    move(found.path, target)
    return target


def _file(path: Path, folder: Path, name: str) -> Path:
    target = _free_name(folder, name)
    move(path, target)
    return target


def _free_name(folder: Path, name: str) -> Path:
    """Where a file called `name` goes in `folder`: never over an earlier file of that name."""
    folder.mkdir(parents=True, exist_ok=True)
    name = fit_name(display_name(name), FILED_NAME_BYTES)
    target = folder / name
    counter = 1
    while target.exists():
        counter += 1
        target = folder / _numbered(name, counter)
    return target


def _numbered(name: str, counter: int) -> str:
    """`a01.txt` → `a01.2.txt`; `README` → `README.2`."""
    stem, dot, ext = name.rpartition(".")
    return f"{stem}.{counter}.{ext}" if dot and stem else f"{name}.{counter}"
