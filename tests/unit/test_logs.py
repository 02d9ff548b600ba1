"""Log lines: an event's fields travel on the record, written as `key=value` text or as the
fields of a JSON object, never parsed back out of a message."""

from __future__ import annotations

import io
import json
import logging
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from feeds.server import Request, Response, Routes, make_server, start_in_thread
from feeds.websub import ping_hub
from tests.unit.test_ingest import ISSUE
from worker import runner
from worker.attempts import ingest_path
from worker.logs import configure, event
from worker.settings import Settings
from worker.sources import load_sources


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


def _events(text: str, name: str) -> list[dict[str, object]]:
    """The JSON objects of every line of `text` that logs the event `name`."""
    lines = [json.loads(line) for line in text.splitlines()]
    return [line for line in lines if line.get("event") == name]


def test_a_file_name_with_spaces_a_newline_and_chinese_stays_whole_in_json(
    stream: io.StringIO, make_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    settings = make_settings()
    runner.prepare(settings)
    path = tmp_path / "青河日报 第 1 版\n晚间 更正.txt"
    path.write_bytes(ISSUE)
    configure("INFO", "json", stream=stream)
    ingest_path(settings, path, load_sources(settings)[0])
    text = stream.getvalue()
    assert text.count("\n") == len(text.splitlines())  # one record, one line: no stray breaks
    (line,) = _events(text, "ingest")
    assert line["file"] == str(path) and line["status"] == "ingested"
    assert line["articles"] == 2 and isinstance(line["issue"], int)


def test_the_same_name_is_one_quoted_value_on_one_text_line(stream: io.StringIO) -> None:
    configure("INFO", "text", stream=stream)
    event(logging.getLogger("paperfeed.test"), "ingest", file="青河 第1版\n晚间.txt", ok=True)
    (line,) = stream.getvalue().splitlines()
    assert line.endswith('event=ingest file="青河 第1版\\n晚间.txt" ok=true')


def test_a_field_named_like_a_json_key_is_kept_beside_it(stream: io.StringIO) -> None:
    configure("INFO", "json", stream=stream)
    event(logging.getLogger("paperfeed.test"), "fetch", message="hub said no", logger="x")
    record = json.loads(stream.getvalue())
    assert record["logger"] == "paperfeed.test" and record["logger_"] == "x"
    assert record["message_"] == "hub said no"


def _get(tmp_path: Path, path: str, routes: Routes | None = None) -> int:
    """The status of a GET of `path` from a feed server on `tmp_path`."""
    server = make_server(tmp_path, "127.0.0.1", 0, routes=routes)
    thread = start_in_thread(server)
    try:
        port = server.server_address[1]
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10)
        answer.value.close()
        return answer.value.code
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def test_the_feed_servers_lines_carry_their_values_as_fields(
    stream: io.StringIO, tmp_path: Path
) -> None:
    configure("DEBUG", "json", stream=stream)
    assert _get(tmp_path, "/" + quote("第 1 版.xml")) == 404
    (line,) = _events(stream.getvalue(), "feed_request")
    assert line["path"] == "/" + quote("第 1 版.xml") and line["status"] == 404
    assert line["method"] == "GET" and line["client"] == "127.0.0.1"


def test_a_broken_route_logs_its_request_and_the_traceback(
    stream: io.StringIO, tmp_path: Path
) -> None:
    def broken(request: Request) -> Response | None:
        raise KeyError("no such thing")

    configure("INFO", "json", stream=stream)
    assert _get(tmp_path, "/status?a=1", broken) == 500
    (line,) = _events(stream.getvalue(), "feed_server")
    assert (line["status"], line["path"], line["level"]) == ("route_error", "/status?a=1", "ERROR")
    assert str(line["exception"]).endswith("KeyError: 'no such thing'")


def test_a_hub_ping_logs_the_hub_the_topic_and_why_it_failed(stream: io.StringIO) -> None:
    configure("INFO", "json", stream=stream)
    (result,) = ping_hub("http://127.0.0.1:9/hub", ["https://example.org/feeds/all atom"])
    (line,) = _events(stream.getvalue(), "websub_ping")
    assert (line["hub"], line["topic"]) == ("http://127.0.0.1:9/hub", result.topic)
    assert line["ok"] is False and line["error"] == result.error and "status" not in line


def test_a_newline_in_any_message_stays_on_its_line_and_a_traceback_keeps_its_own(
    stream: io.StringIO,
) -> None:
    configure("INFO", "text", stream=stream)
    other = logging.getLogger("alembic.runtime.migration")
    other.info("Running upgrade 0003 -> 0004, Feeds kept as rows\nso that publishing is cheap")
    try:
        raise ValueError("bad")
    except ValueError:
        other.exception("failed")
    lines = stream.getvalue().splitlines()
    assert lines[0].endswith("Feeds kept as rows\\nso that publishing is cheap")
    assert lines[1].endswith("ERROR alembic.runtime.migration failed")
    assert lines[2] == "Traceback (most recent call last):" and lines[-1] == "ValueError: bad"


def test_celerys_routine_lines_are_debug_and_its_failures_stay() -> None:
    import logging

    from worker.signals import _routine_at_debug

    def record(name: str, level: int, message: str) -> logging.LogRecord:
        return logging.LogRecord(name, level, __file__, 1, message, None, None)

    routine = [
        record("celery.beat", logging.INFO, "Scheduler: Sending due task scan (paperfeed.scan)"),
        record("celery.worker.strategy", logging.INFO, "Task paperfeed.ingest_input[a1] received"),
        record("celery.app.trace", logging.INFO, "Task paperfeed.publish[b2] succeeded in 0.2s: 5"),
    ]
    kept = [
        record("celery.beat", logging.INFO, "Scheduler: Sending due task x (paperfeed.publish)"),
        record("celery.app.trace", logging.ERROR, "Task paperfeed.ingest_input[c3] raised"),
        record("celery.app.trace", logging.INFO, "Task paperfeed.scan[d4] retry: in 5s"),
        record("celery.apps.worker", logging.INFO, "paperfeed-worker@vm ready."),
    ]
    root = logging.getLogger()
    before = root.level
    root.setLevel(logging.INFO)
    try:
        assert [_routine_at_debug(r) for r in routine] == [False, False, False]
        assert all(r.levelname == "DEBUG" for r in routine)
        assert [_routine_at_debug(r) for r in kept] == [True] * 4
        assert [r.levelno for r in kept] == [
            logging.INFO,
            logging.ERROR,
            logging.INFO,
            logging.INFO,
        ]
        root.setLevel(logging.DEBUG)
        again = record("celery.worker.strategy", logging.INFO, "Task paperfeed.scan[e5] received")
        assert _routine_at_debug(again) and again.levelname == "DEBUG"
    finally:
        root.setLevel(before)
