"""Incremental publishing writes what a rebuild from scratch writes.

Each publish rebuilds only the feeds an ingest marked, only the archive pages that changed,
reading the entries of many feeds at once; after a run of new issues, a correction, a withdrawal and
an issue for an earlier day, every file must still be byte for byte what rebuilding every
feed from nothing writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from worker import publishing
from worker.db import session_scope, upgrade
from worker.ingest import ingest_bytes
from worker.publishing import documents, plans
from worker.publishing.ahead import ReadAhead
from worker.publishing.entries import EntryCache
from worker.settings import Settings
from worker.sources import default_source


def _issue(day: dt.date, tag: str = "", drop_last: bool = False) -> bytes:
    """Three articles over two pages, all by 林晓 (once also as photographer)."""
    stories = [
        ("要闻", f"新桥通车第{day.day}天{tag}", "记者林晓 通讯员周川", "本报记者 林晓 摄"),
        ("要闻", f"秋粮入库第{day.day}天", "记者林晓", ""),
        ("城市", f"公园开放第{day.day}天", f"记者王芳 林晓{tag}", ""),
    ]
    if drop_last:
        stories = stories[:-1]
    lines = ["---", "publication: 青河日报", f"date: {day.isoformat()}", "---", ""]
    for page, (section, headline, byline, photo) in enumerate(stories, start=1):
        lines += [f"第{page:02d}版：{section}", "", headline, ""]
        lines += [f"本报讯（{byline}）{headline}，正文写满了字。", "", "第二段。", ""]
        if photo:
            lines += [photo, ""]
    return "\n".join(lines).encode()


def _ingest(settings: Settings, data: bytes, name: str) -> None:
    with session_scope(settings.database_url) as session:
        ingest_bytes(
            session, data, source=default_source(settings), filename=name,
            received_at=dt.datetime(2026, 11, 27, tzinfo=dt.UTC), max_bytes=10**6,
        )  # fmt: skip


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("narrow", [False, True], ids=["defaults", "narrow"])
def test_incremental_publishes_write_what_a_rebuild_writes(
    make_settings: Callable[..., Settings],
    monkeypatch: pytest.MonkeyPatch,
    narrow: bool,
) -> None:
    if narrow:
        # Feeds read a few entries at a time, an entry cache that forgets: what a publish
        # covering years of archive pages does.
        monkeypatch.setattr(plans, "PART", 4)
        monkeypatch.setattr(EntryCache, "SIZE", 7)
        # Read ahead a few entries at a time, more than the cache keeps: loaded again then.
        monkeypatch.setattr(ReadAhead, "BUDGET", 9)
    settings = make_settings(PAPERFEED_FEED_SIZE="3")
    settings.ensure_dirs()
    upgrade(settings.database_url)
    first = dt.date(2026, 11, 1)
    for n in range(14):  # 42 articles by 林晓: beyond the newest pages a publish reads
        _ingest(settings, _issue(first + dt.timedelta(days=n)), f"{n}.txt")
        publishing.publish_dirty(settings)
    # A correction (new text, a changed byline, an article gone), then an earlier day.
    _ingest(settings, _issue(first + dt.timedelta(days=12), "（更正）", True), "fix.txt")
    publishing.publish_dirty(settings)
    _ingest(settings, _issue(dt.date(2026, 10, 30)), "early.txt")
    publishing.publish_dirty(settings)

    monkeypatch.undo()  # the rebuild reads each feed whole, in one part
    rebuilt = make_settings(
        PAPERFEED_FEED_SIZE="3", DATABASE_URL=settings.database_url,
        PAPERFEED_PUBLIC_DIR=str(settings.public_dir.parent / "rebuilt"),
    )  # fmt: skip
    publishing.publish_feeds(rebuilt, ["*"])
    incremental, scratch = _files(settings.public_dir), _files(rebuilt.public_dir)
    assert len(scratch) > 100
    assert {path: incremental.get(path) for path in scratch} == scratch


def test_progress_is_reported_within_a_feed_of_many_archive_pages(
    make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The publisher renews its lease on each call: one feed of a back-fill can be hundreds
    # of archive pages, longer than the lease, and must not let a second publisher start.
    monkeypatch.setattr(plans, "PART", 4)
    settings = make_settings(PAPERFEED_FEED_SIZE="2")
    settings.ensure_dirs()
    upgrade(settings.database_url)
    for day in range(1, 5):
        _ingest(settings, _issue(dt.date(2026, 5, day)), f"{day}.txt")
    calls: list[None] = []
    with session_scope(settings.database_url, write=False) as session:
        documents.publish(session, settings, {"all": None}, progress=lambda: calls.append(None))
    # 12 articles, 2 a page: the current document and 5 archive pages, 4 entries a part.
    assert len(calls) >= 3
