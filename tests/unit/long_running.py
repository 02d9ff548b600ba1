"""A `paperfeed` command that runs until stopped (`run`, `serve`), started in its own process
group and stopped, children and all, when the test is done with it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Settings the tests' own environment may carry that would point the command elsewhere.
SERVICE_VARIABLES = (
    "DATABASE_URL", "CELERY_BROKER_URL", "PAPERFEED_DROP_DIR", "PAPERFEED_BASE_URL",
    "PAPERFEED_PORT",
)  # fmt: skip


def environment(home: Path, **env: str) -> dict[str, str]:
    """The process environment for `home`, with `env` on top."""
    full = {k: v for k, v in os.environ.items() if k not in SERVICE_VARIABLES}
    return {**full, "PAPERFEED_HOME": str(home), **env}


@contextmanager
def started(home: Path, *args: str, **env: str) -> Iterator[subprocess.Popen[str]]:
    """`paperfeed ARGS` on `home`, its stdout a pipe to read lines from; SIGTERM to its whole
    group on the way out (SIGKILL if it has not stopped within two minutes)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "worker.cli", *args],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env=environment(home, **env), start_new_session=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=120)
        except subprocess.TimeoutExpired:  # a loaded machine: what the test asked is done
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=60)
        if process.stdout is not None:
            process.stdout.close()


def lines(process: subprocess.Popen[str], count: int) -> list[str]:
    """The next `count` lines the process prints."""
    assert process.stdout is not None
    return [process.stdout.readline() for _ in range(count)]
