"""A progress line for long CLI jobs: a bar on a terminal, one line per step elsewhere."""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TextIO


def plural(n: int, noun: str) -> str:
    """A count and its noun, singular or plural as the count asks.

    >>> plural(1, "re-ingest task"), plural(3, "file")
    ('1 re-ingest task', '3 files')
    """
    return f"{n} {noun}{'' if n == 1 else 's'}"


class Progress:
    """Counts steps of a known total and shows them on `stream` (stderr by default).

    >>> import io
    >>> out = io.StringIO()
    >>> with Progress(2, "demo", stream=out) as p:
    ...     p.advance("one"); p.advance("two")
    >>> out.getvalue().splitlines()[-1]
    'demo: 2/2 (100%) two'
    """

    def __init__(self, total: int, label: str, *, stream: TextIO | None = None) -> None:
        self.total, self.label, self.done = total, label, 0
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.started = time.monotonic()

    def __enter__(self) -> Progress:
        return self

    def advance(self, note: str = "") -> None:
        self.done += 1
        percent = 100 * self.done // max(self.total, 1)
        text = f"{self.label}: {self.done}/{self.total} ({percent}%) {note}".rstrip()
        if self.tty:
            filled = percent // 5
            bar = "#" * filled + "-" * (20 - filled)
            self.stream.write(f"\r[{bar}] {text}\x1b[K")
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.tty:
            elapsed = time.monotonic() - self.started
            self.stream.write(f"\n{self.label}: done in {elapsed:.1f} s\n")
            self.stream.flush()
