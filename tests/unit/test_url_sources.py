"""URL sources: today's issue fetched with conditional GET into the same ledger as dropped
files; an unchanged answer adds nothing, a changed one is a new input."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.unit.test_ingest import ISSUE
from worker import attempts, intake
from worker.db import session_scope, upgrade
from worker.models import FetchState, Input
from worker.settings import Settings
from worker.sources import SourceConfig


class Paper:
    """A tiny newspaper web server: one text per path, ETags, and a request log."""

    def __init__(self) -> None:
        self.pages: dict[str, bytes] = {}
        self.requests: list[tuple[str, str | None]] = []

    def handler(self) -> type[BaseHTTPRequestHandler]:
        paper = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                paper.requests.append((self.path, self.headers.get("If-None-Match")))
                body = paper.pages.get(self.path)
                if body is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        return Handler


@pytest.fixture
def paper() -> Iterator[tuple[Paper, str]]:
    site = Paper()
    server = ThreadingHTTPServer(("127.0.0.1", 0), site.handler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _setup(
    make_settings: Callable[..., Settings], base: str
) -> tuple[Settings, list[SourceConfig], str]:
    settings = make_settings()
    settings.ensure_dirs()
    upgrade(settings.database_url)
    today = dt.datetime.now(dt.UTC).astimezone(settings.tz).date()
    source = SourceConfig(
        name="qinghe-web", kind="url", publication="青河日报", section="要闻",
        url=base + "/{date:%Y%m%d}/a01.txt", lookback_days=1, allow_private=True,
    )  # fmt: skip
    return settings, [source], f"/{today:%Y%m%d}/a01.txt"


def _poll(settings: Settings, sources: list[SourceConfig]) -> list[int]:
    ids: list[int] = []
    intake.scan(settings, sources, ids.append, force=True)
    return ids


def test_todays_issue_is_fetched_once_and_ingested(
    make_settings: Callable[..., Settings], paper: tuple[Paper, str]
) -> None:
    site, base = paper
    settings, sources, today_path = _setup(make_settings, base)
    site.pages[today_path] = ISSUE
    [input_id] = _poll(settings, sources)
    result = attempts.ingest_input(settings, input_id, sources)
    assert result is not None and result.status == "ingested" and result.articles == 2
    assert _poll(settings, sources) == []  # 304 Not Modified: nothing new
    assert site.requests[-2][1] is not None  # the second poll sent If-None-Match
    with session_scope(settings.database_url) as session:
        row = session.execute(select(Input)).scalar_one()
        assert row.url == base + today_path
        assert row.original_name.endswith("-a01.txt")
        states = {s.url: s.status for s in session.scalars(select(FetchState))}
    assert states[base + today_path] == "not_modified"
    assert "missing" in states.values()  # yesterday's page does not exist: no error


def test_a_changed_page_becomes_a_new_input(
    make_settings: Callable[..., Settings], paper: tuple[Paper, str]
) -> None:
    site, base = paper
    settings, sources, today_path = _setup(make_settings, base)
    site.pages[today_path] = ISSUE
    first = _poll(settings, sources)
    site.pages[today_path] = ISSUE.replace("六车道".encode(), "八车道".encode())
    second = _poll(settings, sources)
    assert len(first) == len(second) == 1 and first != second


def test_an_unreachable_paper_is_recorded_not_raised(
    make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    from worker.intake import fetch

    real = fetch.fetch
    monkeypatch.setattr(fetch, "fetch", lambda url, **kw: real(url, **kw, sleep=lambda _: None))
    settings, sources, _ = _setup(make_settings, "http://127.0.0.1:9")
    assert _poll(settings, sources) == []
    with session_scope(settings.database_url) as session:
        errors = [s.error for s in session.scalars(select(FetchState))]
    assert errors and all(errors)


def test_credentials_in_a_source_url_are_used_but_stored_and_shown_blanked(
    make_settings: Callable[..., Settings], paper: tuple[Paper, str]
) -> None:
    from worker.status import collect, render_text

    site, base = paper
    settings, sources, today_path = _setup(make_settings, base.replace("://", "://ed:s3cret@"))
    site.pages[today_path] = ISSUE
    today = dt.datetime.now(dt.UTC).astimezone(settings.tz).date()
    yesterday = f"/{today - dt.timedelta(days=1):%Y%m%d}/a01.txt"
    site.pages[yesterday] = b"\xff\xd8\xff not an issue"  # an input that fails, URL shown
    ids = _poll(settings, sources)
    for input_id in ids:
        attempts.ingest_input(settings, input_id, sources)
    with session_scope(settings.database_url) as session:
        stored = [*session.scalars(select(Input.url)), *session.scalars(select(FetchState.url))]
    assert stored and all("s3cret" not in url and "***@" in url for url in stored)
    shown = render_text(collect(settings, sources), tz=settings.tz)
    assert "s3cret" not in shown


def test_credentials_come_from_the_environment_or_a_file_never_shown(tmp_path: Path) -> None:
    from worker.settings import ConfigError, load_settings
    from worker.sources import parse_sources

    (tmp_path / "secret").write_text("ed:from-file\n", encoding="utf-8")
    settings = load_settings({"QINGHE_LOGIN": "ed:from-env"})
    tables = [
        {"name": "env", "kind": "url", "url": "https://p.example/{date:%Y%m%d}.txt",
         "credentials_env": "QINGHE_LOGIN"},
        {"name": "file", "kind": "url", "url": "https://p.example/{date:%Y%m%d}.txt",
         "credentials_file": str(tmp_path / "secret")},
    ]  # fmt: skip
    env, file = parse_sources({"source": tables}, settings)
    assert (env.auth, file.auth) == (("ed", "from-env"), ("ed", "from-file"))
    assert "from-env" not in repr(env) and "from-env" not in repr(settings)
    tables[0]["credentials_env"] = "NOT_SET_ANYWHERE"
    with pytest.raises(ConfigError, match="NOT_SET_ANYWHERE"):
        parse_sources({"source": tables}, settings)


def test_a_fetched_issue_that_timed_out_is_fetched_whole_again_and_ingested(
    make_settings: Callable[..., Settings], paper: tuple[Paper, str]
) -> None:
    from worker import ledger

    site, base = paper
    settings, sources, today_path = _setup(make_settings, base)
    site.pages[today_path] = ISSUE
    [input_id] = _poll(settings, sources)
    for _ in range(settings.max_attempts):  # its parse ran out of time each time
        with session_scope(settings.database_url) as session:
            ledger.begin_attempt(session, input_id, now=dt.datetime.now(dt.UTC), lease_seconds=60,
                                 max_attempts=settings.max_attempts)  # fmt: skip
        attempts.note_timeout(settings, input_id, 300)
    assert attempts.ingest_input(settings, input_id, sources) is None  # gave up
    assert _poll(settings, sources) == [input_id]  # no If-None-Match: the same bytes, again
    assert site.requests[-2] == (today_path, None)
    result = attempts.ingest_input(settings, input_id, sources)
    assert result is not None and result.status == "ingested"


def test_a_failing_url_source_is_a_problem_until_a_good_answer(
    make_settings: Callable[..., Settings], paper: tuple[Paper, str]
) -> None:
    """Nothing listens where the source points: `status` names the source, the URL and the
    error (in Chinese on /status); once the paper answers, the problem is gone."""
    from worker.intake import fetch
    from worker.status import collect

    settings, sources, _ = _setup(make_settings, "http://127.0.0.1:9")
    real = fetch.fetch
    fetch_now = lambda url, **kw: real(url, **kw, sleep=lambda _: None)  # noqa: E731
    with pytest.MonkeyPatch.context() as patch:  # no waits between the retries
        patch.setattr(fetch, "fetch", fetch_now)
        assert _poll(settings, sources) == []
    (problem,) = [p for p in collect(settings, sources).problems if p.code == "url_failing"]
    assert problem.startswith("URL source qinghe-web failing: its poll at ")
    assert "http://127.0.0.1:9/" in problem and "Connection refused" in problem
    assert problem.text("zh-CN").startswith("网址来源 qinghe-web 抓取失败：")

    site, base = paper
    settings, sources, today_path = _setup(lambda: settings, base)
    site.pages[today_path] = ISSUE
    assert len(_poll(settings, sources)) == 1
    assert "url_failing" not in [p.code for p in collect(settings, sources).problems]
