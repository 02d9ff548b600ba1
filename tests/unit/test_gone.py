"""The page of an article a correction withdrew: publishing removes it, and the feed
server's routes answer 410 Gone for it; every other page is left to the public folder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import select

from feeds.server import Request
from tests.unit.test_ingest import ISSUE
from worker import publishing
from worker.db import session_scope, upgrade
from worker.ingest import ingest_bytes
from worker.models import Article
from worker.publishing.entries import article_page_path
from worker.settings import Settings
from worker.sources import default_source
from worker.web import make_routes


def _ingest(settings: Settings, data: bytes) -> None:
    with session_scope(settings.database_url) as session:
        ingest_bytes(
            session, data, source=default_source(settings), filename="a01.txt",
            received_at=dt.datetime(2026, 11, 20, tzinfo=dt.UTC), max_bytes=10**6,
        )  # fmt: skip
    publishing.publish_dirty(settings)


def _paths(settings: Settings) -> dict[str, str]:
    with session_scope(settings.database_url, write=False) as session:
        return {
            a.headline: "/" + article_page_path(a.published_at.astimezone(settings.tz), a.key)
            for a in session.scalars(select(Article))
        }


def test_a_withdrawn_articles_page_is_gone_and_answers_410(
    make_settings: Callable[..., Settings],
) -> None:
    settings = make_settings()
    settings.ensure_dirs()
    upgrade(settings.database_url)
    _ingest(settings, ISSUE)
    paths = _paths(settings)
    assert all((settings.public_dir / p.lstrip("/")).is_file() for p in paths.values())
    _ingest(settings, ISSUE.split("秋粮入库过半".encode())[0])  # the second story is gone
    route = make_routes(settings, [default_source(settings)], enqueue=lambda _id: None)

    def answer(path: str) -> int | None:
        found = route(Request("GET", path, {}))
        return None if found is None else found.status

    gone = paths["秋粮入库过半"]
    assert not (settings.public_dir / gone.lstrip("/")).exists()
    assert answer(gone) == 410
    assert answer(paths["青河新桥今日通车"]) is None  # served from the folder
    assert answer(gone.replace(gone.rsplit("/", 1)[1], "0" * 32 + ".html")) is None  # 404
    assert "秋粮入库过半" not in (settings.public_dir / "feeds" / "all.atom").read_text("utf-8")
