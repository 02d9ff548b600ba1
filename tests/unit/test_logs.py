"""Log lines: an event's fields travel on the record, written as `key=value` text or as the
fields of a JSON object, never parsed back out of a message."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from worker.logs import configure, event


@pytest.fixture
def stream() -> Iterator[io.StringIO]:
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    out = io.StringIO()
    yield out
    root.handlers[:] = saved[0]
    root.setLevel(saved[1])


def test_text_lines_quote_values_that_are_not_one_word(stream: io.StringIO) -> None:
    configure("INFO", "text", stream=stream)
    event(logging.getLogger("paperfeed.test"), "ingest", input=7, file="第 1 版.txt",
          error='said "no"\nand stopped', skipped=None)  # fmt: skip
    line = stream.getvalue()
    assert line.count("\n") == 1  # a newline in a value stays inside the one line
    assert 'event=ingest input=7 file="第 1 版.txt" error="said \\"no\\"\\nand stopped"' in line
    assert "skipped" not in line


def test_json_lines_carry_the_values_as_typed_fields(stream: io.StringIO) -> None:
    configure("INFO", "json", stream=stream)
    event(logging.getLogger("paperfeed.test"), "publish", feeds=3, file="a b=c.txt", ok=True)
    record = json.loads(stream.getvalue())
    assert record["event"] == "publish" and record["logger"] == "paperfeed.test"
    assert (record["feeds"], record["file"], record["ok"]) == (3, "a b=c.txt", True)


def test_events_below_the_level_are_not_formatted(stream: io.StringIO) -> None:
    configure("WARNING", "text", stream=stream)
    event(logging.getLogger("paperfeed.test"), "scan", level=logging.DEBUG, new=0)
    assert stream.getvalue() == ""
