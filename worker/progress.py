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

    def __init__(
        self, total: int | None, label: str, *, stream: TextIO | None = None, every: int = 50
    ) -> None:
        # total None: steps of a job whose size is not known in advance, counted as they
        # come; off a terminal, one line every `every` steps (and the last, on exit).
        self.total, self.label, self.done, self.every = total, label, 0, every
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.started = time.monotonic()
        self.shown = 0

    def __enter__(self) -> Progress:
        return self

    def advance(self, note: str = "") -> None:
        self.done += 1
        if self.total is None:
            if self.tty or self.done % self.every == 0:
                self._show(f"{self.label}: {self.done} {note}".rstrip(), None)
            return
        percent = 100 * self.done // max(self.total, 1)
        self._show(f"{self.label}: {self.done}/{self.total} ({percent}%) {note}".rstrip(), percent)

    def _show(self, text: str, percent: int | None) -> None:
        self.shown = self.done
        if self.tty:
            bar = (
                ""
                if percent is None
                else "[" + "#" * (percent // 5) + "-" * (20 - percent // 5) + "] "
            )
            self.stream.write(f"\r{bar}{text}\x1b[K")
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.total is None and not self.tty and self.done != self.shown:
            self._show(f"{self.label}: {self.done}", None)
        if self.tty:
            elapsed = time.monotonic() - self.started
            self.stream.write(f"\n{self.label}: done in {elapsed:.1f} s\n")
            self.stream.flush()
