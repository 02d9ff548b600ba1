"""Publishing from the database: RFC 5005 archive pages, article pages, and WebSub pings."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from lxml import etree

from tests.unit.test_ingest import ISSUE
from worker import attempts, intake, publishing
from worker.db import upgrade
from worker.settings import Settings
from worker.sources import default_source

ATOM = "{http://www.w3.org/2005/Atom}"


def _ingest(settings: Settings) -> None:
    settings.ensure_dirs()
    upgrade(settings.database_url)
    sources = [default_source(settings)]
    (settings.drop_dir / "a01.txt").write_bytes(ISSUE)
    ids: list[int] = []
    intake.scan(settings, sources, ids.append, force=True)
    for input_id in ids:
        attempts.ingest_input(settings, input_id, sources)


def _links(path: object) -> dict[str, str]:
    root = etree.parse(str(path)).getroot()
    return {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}


def test_older_entries_go_to_archive_pages_the_current_feed_links(
    make_settings: Callable[..., Settings],
) -> None:
    settings = make_settings(PAPERFEED_FEED_SIZE="1")
    _ingest(settings)
    publishing.publish_dirty(settings)
    feeds = settings.public_dir / "feeds"
    current = _links(feeds / "all.atom")
    assert current["prev-archive"].endswith("/feeds/all/archive/1.atom")
    archive = etree.parse(str(feeds / "all" / "archive" / "1.atom")).getroot()
    assert archive.find("{http://purl.org/syndication/history/1.0}archive") is not None
    assert _links(feeds / "all" / "archive" / "1.atom")["current"].endswith("/feeds/all.atom")
    titles = [
        e.findtext(f"{ATOM}title")
        for doc in (feeds / "all.atom", feeds / "all" / "archive" / "1.atom")
        for e in etree.parse(str(doc)).getroot().findall(f"{ATOM}entry")
    ]
    assert sorted(titles) == ["秋粮入库过半", "青河新桥今日通车"]  # each entry exactly once


def test_every_entry_links_to_its_article_page(make_settings: Callable[..., Settings]) -> None:
    settings = make_settings()
    _ingest(settings)
    publishing.publish_dirty(settings)
    root = etree.parse(str(settings.public_dir / "feeds" / "all.atom")).getroot()
    for entry in root.findall(f"{ATOM}entry"):
        href = entry.find(f"{ATOM}link[@rel='alternate']").get("href")  # type: ignore[union-attr]
        page = settings.public_dir / href.removeprefix(settings.base_url + "/")
        assert page.is_file()
        assert entry.findtext(f"{ATOM}title") in page.read_text(encoding="utf-8")


@pytest.fixture
def hub() -> Iterator[tuple[str, list[dict[str, list[str]]]]]:
    received: list[dict[str, list[str]]] = []

    class Hub(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            received.append(parse_qs(self.rfile.read(length).decode()))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", received
    server.shutdown()
    server.server_close()


def test_the_hub_is_pinged_for_the_feeds_that_changed(
    make_settings: Callable[..., Settings], hub: tuple[str, list[dict[str, list[str]]]]
) -> None:
    url, received = hub
    settings = make_settings(PAPERFEED_WEBSUB_HUB=url)
    _ingest(settings)
    publishing.publish_dirty(settings)
    topics = {body["hub.url"][0] for body in received}
    assert all(body["hub.mode"] == ["publish"] for body in received)
    assert f"{settings.base_url}/feeds/all.atom" in topics
    assert f"{settings.base_url}/feeds/people/lin-xiao.rss" in topics
    links = _links(settings.public_dir / "feeds" / "all.atom")
    assert links["hub"] == url and links["self"].endswith("/feeds/all.atom")
    received.clear()
    assert publishing.publish_feeds(settings, ["*"]).changed_feed_urls == ()
    assert received == []  # nothing changed: no ping
