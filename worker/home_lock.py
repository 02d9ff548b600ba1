"""One `paperfeed run` per home.

Two runs on one home would both scan its drop folder and both write its public folder, each
with its own port in every link. The first run holds an exclusive lock on `run.lock` in the
home for as long as it lives; the lock file says who holds it, so a second run can name the
process, its address and since when, and stop before it touches anything. The kernel drops
the lock when the holder exits, however it exits: a lock file left behind by a killed run
stops nobody.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from worker.settings import ConfigError, Settings

LOCK_NAME = "run.lock"


@dataclass(frozen=True)
class Holder:
    """What a running `paperfeed run` writes into its home's lock file."""

    pid: int
    host: str
    address: str
    since: str

    def describe(self) -> str:
        return f"process {self.pid} on {self.host}, feeds at {self.address}, since {self.since}"


class HomeLock:
    """The held lock; `release()` (or the process ending) lets another run take the home."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd = fd

    def record(self, address: str) -> None:
        """Write who holds the home, once the feed server's address is known."""
        holder = Holder(
            pid=os.getpid(),
            host=socket.gethostname(),
            address=address,
            since=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        )
        data = json.dumps(holder.__dict__, ensure_ascii=False).encode() + b"\n"
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, data, 0)

    def release(self) -> None:
        if self._fd < 0:
            return
        os.ftruncate(self._fd, 0)
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = -1


def _holder(path: Path) -> Holder | None:
    try:
        fields = json.loads(path.read_text(encoding="utf-8"))
        return Holder(**{name: fields[name] for name in ("pid", "host", "address", "since")})
    except (OSError, ValueError, KeyError, TypeError):
        return None  # still being written, or written by nobody we know


def take(settings: Settings) -> HomeLock:
    """Hold `settings.home` for this process, or raise ConfigError naming who holds it."""
    home = settings.home
    try:
        home.mkdir(parents=True, exist_ok=True)
        path = home / LOCK_NAME
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise ConfigError(
            f"cannot use {home} as paperfeed's home ({exc.strerror or exc}); check PAPERFEED_HOME"
        ) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        holder = _holder(path)
        who = holder.describe() if holder else "another process"
        raise ConfigError(
            f"another `paperfeed run` ({who}) is using {home}; stop it first, "
            "or give this one its own PAPERFEED_HOME"
        ) from None
    return HomeLock(path, fd)
