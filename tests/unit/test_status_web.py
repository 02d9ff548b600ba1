"""/status, /healthz, /metrics and the re-ingest form, through a real feed server on a real
SQLite database after real ingests (tests.unit.test_status.newsroom). Sign-in, sessions and
the other actions: tests.unit.test_status_actions."""

from __future__ import annotations

import base64
import http.client
import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest
from prometheus_client.parser import text_string_to_metric_families

from feeds.server import make_server
from tests.conftest import ROOT
from tests.unit.test_ingest import ISSUE
from tests.unit.test_status import TOKEN, drop, newsroom
from worker.celery_app import create_app
from worker.settings import Settings, load_settings
from worker.sources import SourceConfig, load_sources
from worker.web import make_routes


@dataclass
class Site:
    settings: Settings
    sources: tuple[SourceConfig, ...]
    port: int

    def request(
        self, path: str, method: str = "GET", body: bytes = b"", **headers: str
    ) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        try:
            conn.request(method, path, body=body or None,
                         headers={k.replace("_", "-"): v for k, v in headers.items()})  # fmt: skip
            answer = conn.getresponse()
            return answer.status, dict(answer.headers), answer.read()
        finally:
            conn.close()

    def post_form(self, fields: dict[str, str], **headers: str) -> tuple[int, dict[str, str]]:
        status, found, _ = self.request(
            "/status/reingest", "POST", urlencode(fields).encode(),
            Content_Type="application/x-www-form-urlencoded", **headers,
        )  # fmt: skip
        return status, found


@contextmanager
def serving(settings: Settings, sources: tuple[SourceConfig, ...]) -> Iterator[Site]:
    """The feed server with the operator routes; re-ingests go to the embedded broker."""
    app = create_app(settings)
    routes = make_routes(
        settings, sources, enqueue=lambda i: app.send_task("paperfeed.reingest", args=[i]),
        ingest=lambda i: app.send_task("paperfeed.ingest_input", args=[i]),
    )  # fmt: skip
    server = make_server(settings.public_dir, "127.0.0.1", 0, routes=routes)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield Site(settings, sources, int(server.server_address[1]))
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        app.close()


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    settings, sources = newsroom(tmp_path / "home", PAPERFEED_ADMIN_TOKEN=TOKEN)
    with serving(settings, sources) as running:
        yield running


def sign_in(site: Site) -> tuple[str, str]:
    """(Cookie header, CSRF token) after the token was posted once, as a browser keeps them."""
    status, headers, _ = site.request(
        "/status/signin", "POST", urlencode({"token": TOKEN}).encode(),
        Content_Type="application/x-www-form-urlencoded",
    )  # fmt: skip
    assert (status, headers["Location"]) == (303, "/status?signed_in=1")
    cookie = headers["Set-Cookie"].split(";")[0]
    page = site.request("/status", Cookie=cookie)[2].decode()
    csrf = re.search(r'name="csrf" value="([0-9a-f]{32})"', page)
    assert csrf is not None
    return cookie, csrf.group(1)


def queued(settings: Settings) -> list[tuple[str, str]]:
    """(task name, args) of every message waiting in the embedded broker's ingest queue."""
    found = []
    for path in sorted((settings.broker_dir / "queue").glob("*.ingest.msg")):
        message = json.loads(path.read_bytes())
        body = json.loads(base64.b64decode(message["body"]))
        found.append((message["headers"]["task"], json.dumps(body[0])))
    return found


def metrics(site: Site) -> dict[str, float]:
    """Every sample of /metrics as read by Prometheus' own parser, keyed `name{a="1",b="2"}`
    with the labels in name order."""
    status, headers, body = site.request("/metrics")
    assert status == 200 and headers["Content-Type"].startswith("text/plain; version=0.0.4")
    samples = {}
    for family in text_string_to_metric_families(body.decode()):
        for sample in family.samples:
            labels = ",".join(f'{k}="{v}"' for k, v in sorted(sample.labels.items()))
            samples[f"{sample.name}{{{labels}}}" if labels else sample.name] = sample.value
    return samples


def test_status_page_lists_sources_failures_and_escapes_every_text(site: Site) -> None:
    status, headers, body = site.request("/status?lang=en")
    page = body.decode()
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == "no-store"
    assert 'http-equiv="refresh"' not in page  # the data refreshes; a typed form stays
    assert 'name="viewport"' in page and '<html lang="en">' in page
    for name in ("qinghe", "weidong"):
        assert f'<th scope="row">{name}' in page
    assert "gone quiet" in page and "Needs attention" in page
    # The failed file is named <b>photo.png: shown as text, never as markup.
    assert "&lt;b&gt;photo.png" in page and "<b>photo.png" not in page
    # Not signed in: one sign-in form and no action at all.
    assert page.count('action="/status/signin"') == 1
    assert 'action="/status/reingest"' not in page and 'action="/status/failures"' not in page
    assert TOKEN not in page


def test_status_page_is_in_chinese_unless_english_is_asked_for(site: Site) -> None:
    page = site.request("/status")[2].decode()
    assert '<html lang="zh-CN">' in page and "未按时到达" in page and "需要处理" in page
    assert "时间为 Asia/Shanghai（UTC+08:00）" in page
    english = site.request("/status", Accept_Language="en-GB,en;q=0.8")[2].decode()
    assert "Times are Asia/Shanghai (UTC+08:00)" in english
    # ?lang= is kept in a cookie, so the pages after an action stay in that language.
    _, headers, _ = site.request("/status?lang=en")
    assert headers["Set-Cookie"].startswith("paperfeed_lang=en;")
    assert "Needs attention" in site.request("/status", Cookie="paperfeed_lang=en")[2].decode()


def test_every_time_on_the_page_is_in_the_site_zone(site: Site) -> None:
    page = site.request("/status?lang=en")[2].decode()
    assert "UTC " not in page and " UTC" not in page.replace("(UTC+08:00)", "")
    checked = re.search(r"checked (\d{4}-\d\d-\d\d \d\d:\d\d)", page)
    updated = re.search(r'<time id="updated">(\d{4}-\d\d-\d\d \d\d:\d\d)', page)
    assert checked and updated and checked.group(1) == updated.group(1)


def test_status_page_shows_only_fixed_messages(site: Site) -> None:
    page = site.request("/status?lang=en&error=token")[2].decode()
    assert "Wrong or missing token" in page
    page = site.request("/status?queued=%3Cscript%3E&error=%3Cscript%3E")[2].decode()
    assert "<script>" not in page and "&lt;script&gt;" not in page


def test_healthz_answers_after_a_database_round_trip(site: Site, tmp_path: Path) -> None:
    assert site.request("/healthz")[::2] == (200, b"ok\n")
    missing = f"sqlite:///{tmp_path}/missing/dir/db.sqlite"
    broken = load_settings({"PAPERFEED_HOME": str(tmp_path / "x"), "DATABASE_URL": missing})
    with serving(broken, site.sources) as sick:
        status, _, body = sick.request("/healthz")
        alive = sick.request("/livez")
    assert status == 503 and body.startswith(b"unavailable: database")
    # The app itself answers: a container's health check (compose's web and proxy) asks this.
    assert alive[::2] == (200, b"ok\n")


def test_metrics_count_from_the_database_and_only_go_up(site: Site) -> None:
    before = metrics(site)
    assert before['paperfeed_issues_ingested_total{source="qinghe"}'] == 1
    assert before['paperfeed_articles_total{source="qinghe"}'] == 2
    assert before['paperfeed_inputs_failed_total{reason="binary",source="qinghe"}'] == 1
    assert before['paperfeed_source_quiet{source="weidong"}'] == 1
    assert before['paperfeed_source_quiet{source="qinghe"}'] == 0
    last = before['paperfeed_last_success_timestamp_seconds{source="qinghe"}']
    assert abs(last - time.time()) < 600
    assert before["paperfeed_ingest_latency_seconds_count"] == 2
    assert before['paperfeed_queue_length{queue="ingest"}'] == 0
    drop(site.settings, site.sources, {"next.txt": ISSUE.replace(b"2026-11-20", b"2026-11-21"),
                                       "empty.txt": b"  \n"})  # fmt: skip
    after = metrics(site)
    assert after['paperfeed_issues_ingested_total{source="qinghe"}'] == 2
    assert after['paperfeed_inputs_failed_total{reason="empty",source="qinghe"}'] == 1
    for name, value in before.items():
        if "_total" in name or name.endswith(("_sum", "_count")):
            assert after[name] >= value, name


def test_metrics_give_task_durations_as_a_histogram_and_the_process_use(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    from worker import signals

    monkeypatch.setattr(signals, "_settings", lambda: site.settings)
    for seconds in (0.3, 7.0, 0.01):
        signals._record("paperfeed.ingest_input", seconds, failed=False)
    found = metrics(site)
    bucket = 'paperfeed_task_duration_seconds_bucket{le="%s",task="paperfeed.ingest_input"}'
    assert found[bucket % "0.05"] == 1
    assert found[bucket % "0.5"] == 2
    assert found[bucket % "5"] == 2
    assert found[bucket % "10"] == 3
    assert found[bucket % "+Inf"] == 3
    assert found['paperfeed_task_duration_seconds_count{task="paperfeed.ingest_input"}'] == 3
    assert found['paperfeed_task_duration_seconds_sum{task="paperfeed.ingest_input"}'] == 7.31
    assert found["process_resident_memory_bytes"] > 1_000_000


def test_every_paperfeed_metric_is_in_the_readme_table_and_every_row_is_served(
    site: Site,
) -> None:
    body = site.request("/metrics")[2].decode()
    # The parser names a counter's family without `_total`; operators query it with it.
    served = {
        f.name + ("_total" if f.type == "counter" else "")
        for f in text_string_to_metric_families(body)
        if f.name.startswith("paperfeed_")
    }
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if line.startswith("| `paperfeed_")]
    documented = {name for row in rows for name in re.findall(r"`(paperfeed_\w+)`", row)}
    assert served == documented


def test_reingest_form_queues_the_issue_and_redirects_back(site: Site) -> None:
    status, headers = site.post_form({"token": TOKEN, "issue": "1"},
                                     Origin=f"http://127.0.0.1:{site.port}")  # fmt: skip
    assert (status, headers["Location"]) == (303, "/status?queued=1")
    assert queued(site.settings) == [("paperfeed.reingest", "[1]")]
    page = site.request(headers["Location"], Accept_Language="en")[2].decode()
    assert "Re-ingest of issue 1 queued." in page


def test_reingest_of_a_source_asks_first_then_queues_each_of_its_issues(site: Site) -> None:
    status, _, body = site.request(
        "/status/reingest", "POST", urlencode({"token": TOKEN, "source": "qinghe"}).encode(),
        Content_Type="application/x-www-form-urlencoded", Accept_Language="en",
    )  # fmt: skip
    page = body.decode()
    assert status == 200 and "This re-ingests 1 stored files of qinghe." in page
    assert 'name="confirmed" value="yes"' in page and TOKEN not in page
    assert queued(site.settings) == []
    status, headers = site.post_form({"token": TOKEN, "source": "qinghe", "confirmed": "yes"})
    assert (status, headers["Location"]) == (303, "/status?queued_source=qinghe&count=1")
    assert queued(site.settings) == [("paperfeed.reingest", "[1]")]


@pytest.mark.parametrize(
    ("fields", "headers", "expected"),
    [
        ({"token": "wrong-token-0123456", "issue": "1"}, {}, 403),
        ({"issue": "1"}, {}, 403),
        ({"token": TOKEN, "issue": "1"}, {"Origin": "https://evil.example"}, 403),
        ({"token": TOKEN, "issue": "1"}, {"Referer": "https://evil.example/x"}, 403),
        ({"token": TOKEN, "issue": "../../etc/passwd"}, {}, 303),
        ({"token": TOKEN, "issue": "999"}, {}, 303),
        ({"token": TOKEN, "source": "/srv/ftp"}, {}, 303),
        ({"token": TOKEN, "issue": "1", "source": "qinghe"}, {}, 303),
    ],
)
def test_reingest_form_refuses_wrong_tokens_other_sites_paths_and_unknown_ids(
    site: Site, fields: dict[str, str], headers: dict[str, str], expected: int
) -> None:
    status, answer = site.post_form(fields, **headers)
    assert status == expected
    if status == 303:
        assert re.fullmatch(r"/status\?error=[a-z-]+", answer["Location"])
    assert queued(site.settings) == []


def test_without_a_token_there_is_no_form_and_posts_are_refused(tmp_path: Path) -> None:
    settings, sources = newsroom(tmp_path / "home")
    with serving(settings, sources) as site:
        assert "/status/reingest" not in site.request("/status")[2].decode()
        assert site.post_form({"token": "", "issue": "1"})[0] == 403
        assert site.request("/status/reingest")[0] == 405
    assert queued(settings) == []


def test_feeds_are_still_served_beside_the_operator_pages(site: Site) -> None:
    status, _, body = site.request("/feeds/all.atom")
    assert status == 200 and "青河新桥今日通车" in body.decode()
    assert site.request("/nothing-here")[0] == 404
    assert site.request("/feeds/all.atom", "POST")[0] == 405


def test_operator_pages_may_not_be_framed_and_load_nothing_from_elsewhere(site: Site) -> None:
    for path in ("/status", "/healthz", "/metrics"):
        _, headers, _ = site.request(path)
        assert headers["X-Frame-Options"] == "DENY", path
        policy = headers["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy, path
        assert "form-action 'self'" in policy


def test_wrong_tokens_are_limited_per_client_then_even_the_right_one_waits(site: Site) -> None:
    wrong = {"token": "wrong-token-0123456", "issue": "1"}
    assert [site.post_form(wrong)[0] for _ in range(5)] == [403] * 5
    status, headers = site.post_form(wrong)
    assert status == 429 and 1 <= int(headers["Retry-After"]) <= 60
    # Refused before the token is compared: a guess that happens to be right learns nothing.
    assert site.post_form({"token": TOKEN, "issue": "1"})[0] == 429
    assert queued(site.settings) == []


def test_token_guesses_are_counted_over_a_sliding_window() -> None:
    from worker.web import TokenGuesses

    now = [0.0]
    guesses = TokenGuesses(per_client=2, overall=3, window=60, clock=lambda: now[0])
    for client in ("a", "a"):
        guesses.failed(client)
    assert guesses.wait("a") == 60 and guesses.wait("b") == 0
    guesses.failed("b")
    assert guesses.wait("c") == 60  # three wrong tokens in all: everyone waits
    now[0] = 60.0
    assert guesses.wait("a") == guesses.wait("c") == 0


def test_healthz_fails_while_the_supervised_worker_keeps_exiting(site: Site) -> None:
    from worker.runner import WorkerWatch

    now = [0.0]
    watch = WorkerWatch(clock=lambda: now[0])
    routes = make_routes(site.settings, site.sources, worker=watch.problem)
    server = make_server(site.settings.public_dir, "127.0.0.1", 0, routes=routes)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    sick = Site(site.settings, site.sources, int(server.server_address[1]))
    try:
        watch.started("worker")
        assert sick.request("/healthz")[0] == 200
        for code in (1, 1, 1):
            watch.exited("worker", code)
            now[0] += 30
            watch.started("worker")
        status, _, body = sick.request("/healthz")
        assert status == 503 and b"exited 3 times" in body
        # The page says it in its language: Chinese by default, English when asked.
        chinese = sick.request("/status")[2].decode()
        assert "paperfeed run：工作进程在最近 5 分钟内退出了 3 次" in chinese
        english = sick.request("/status?lang=en")[2].decode()
        assert "paperfeed run: the worker exited 3 times" in english
        now[0] += 600  # quiet for a while: healthy again
        assert sick.request("/healthz")[0] == 200
        watch.exited("worker", 1)
        assert b"not running" in sick.request("/healthz")[2]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_status_names_a_database_that_does_not_answer(tmp_path: Path) -> None:
    """No database on port 1: the page still answers (503), saying so and the fix in the
    page's language."""
    down = "postgresql+psycopg://paperfeed@127.0.0.1:1/paperfeed"
    settings = load_settings({"PAPERFEED_HOME": str(tmp_path), "DATABASE_URL": down})
    settings.ensure_dirs()
    with serving(settings, load_sources(settings)) as site:
        status, _, body = site.request("/status")
        assert status == 503
        assert "数据库没有响应：OperationalError" in body.decode()
        assert "请启动数据库，或更正 DATABASE_URL" in body.decode()
        english = site.request("/status?lang=en")[2].decode()
        assert "the database did not answer: OperationalError" in english
