"""Archive pages hold entries in the order they were added: an issue back-filled after newer
ones goes to the current document and leaves every archive page as it was; `feeds check`
finds a chain that lacks or repeats entries, and a publish that finds its record of a chain
differing from the feed writes the chain again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select, update

from tests.deliveries import read_chain
from worker import publishing
from worker.db import session_scope, upgrade
from worker.ingest import ingest_bytes
from worker.models import FeedArchive
from worker.publishing.check import check_feeds
from worker.publishing.documents import publish_target
from worker.settings import Settings
from worker.sources import default_source


def _issue(day: dt.date) -> bytes:
    lines = ["---", "publication: 青河日报", f"date: {day.isoformat()}", "---", ""]
    for page, section in ((1, "要闻"), (2, "城市")):
        lines += [f"第{page:02d}版：{section}", ""]
        for n in range(2 if page == 1 else 1):
            headline = f"{day.month}月{day.day}日{section}第{n + 1}条消息"
            lines += [headline, "", f"本报讯（记者林晓）{headline}的正文，写满了字。", ""]
    return "\n".join(lines).encode()


def _ingest(settings: Settings, day: dt.date) -> None:
    with session_scope(settings.database_url) as session:
        ingest_bytes(
            session, _issue(day), source=default_source(settings), filename=f"{day}.txt",
            received_at=dt.datetime(2026, 11, 27, tzinfo=dt.UTC), max_bytes=10**6,
        )  # fmt: skip
    publishing.publish_dirty(settings)


def _archives(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in (root / "feeds").rglob("archive/*")
        if p.is_file()
    }


def _checked(settings: Settings) -> list[object]:
    with session_scope(settings.database_url, write=False) as session:
        return [
            r for r in check_feeds(session, publish_target(settings), settings.base_url) if not r.ok
        ]


def _newsroom(make_settings: Callable[..., Settings], days: int) -> Settings:
    settings = make_settings(PAPERFEED_FEED_SIZE="3")
    settings.ensure_dirs()
    upgrade(settings.database_url)
    for n in range(days):
        _ingest(settings, dt.date(2025, 3, 10) + dt.timedelta(days=n))
    return settings


def test_a_back_filled_issue_leaves_every_archive_page_byte_identical(
    make_settings: Callable[..., Settings],
) -> None:
    settings = _newsroom(make_settings, 6)  # 18 entries: 5 archive pages of `all`
    before = _archives(settings.public_dir)
    assert "feeds/all/archive/5.atom" in before and len(before) > 20
    _ingest(settings, dt.date(1957, 3, 1))
    after = _archives(settings.public_dir)
    assert {path: after[path] for path in before} == before
    current = read_chain(settings.public_dir, settings.base_url, "all")[:6]
    assert any(e.title.startswith("3月1日") for e in current)  # in the current document
    assert _checked(settings) == []
    rebuilt = make_settings(
        PAPERFEED_FEED_SIZE="3", DATABASE_URL=settings.database_url,
        PAPERFEED_PUBLIC_DIR=str(settings.public_dir.parent / "rebuilt"),
    )  # fmt: skip
    publishing.publish_feeds(rebuilt, ["*"])
    assert _archives(rebuilt.public_dir) == after


def test_the_current_document_holds_the_newest_size_to_twice_size_entries(
    make_settings: Callable[..., Settings],
) -> None:
    settings = _newsroom(make_settings, 3)  # 9 entries in `all`, 3 a page
    entries = read_chain(settings.public_dir, settings.base_url, "all")
    assert len(entries) == 9 and len({e.id for e in entries}) == 9
    current = (settings.public_dir / "feeds" / "all.atom").read_text("utf-8")
    assert current.count("<entry>") == 3  # pages 1 and 2 hold entries 1-6
    archive = settings.public_dir / "feeds" / "all" / "archive"
    assert (archive / "2.atom").is_file() and not (archive / "3.atom").exists()
    with session_scope(settings.database_url) as session:
        ingest_bytes(
            session, "四月一日的短讯\n\n本报讯（记者林晓）短讯正文，写满了字。\n".encode(),
            source=default_source(settings),
            filename="a.txt", received_at=dt.datetime(2026, 11, 27, tzinfo=dt.UTC),
            max_bytes=10**6,
        )  # fmt: skip
    publishing.publish_dirty(settings)
    current = (settings.public_dir / "feeds" / "all.atom").read_text("utf-8")
    assert current.count("<entry>") == 4  # 10 entries: no page of 7-9 until 12 are in
    assert not (archive / "3.atom").exists()


def test_feeds_check_finds_an_entry_missing_and_one_shown_twice(
    make_settings: Callable[..., Settings],
) -> None:
    settings = _newsroom(make_settings, 3)
    assert _checked(settings) == []
    page = settings.public_dir / "feeds" / "all" / "archive" / "1.atom"
    text = page.read_text("utf-8")
    ids = [line.strip() for line in text.splitlines() if line.strip().startswith("<id>urn:")]
    page.write_text(text.replace(ids[0], ids[1], 1), encoding="utf-8")
    problems = _checked(settings)
    assert [(p.key, p.format, len(p.missing), len(p.duplicated)) for p in problems] == [  # type: ignore[attr-defined]
        ("all", "atom", 1, 1)
    ]
    (settings.public_dir / "feeds" / "all" / "archive" / "1.rss").unlink()
    assert any("missing" in (p.problem or "") for p in _checked(settings))  # type: ignore[attr-defined]


def test_a_publish_finding_its_chain_record_wrong_writes_the_chain_again(
    make_settings: Callable[..., Settings],
) -> None:
    settings = _newsroom(make_settings, 3)
    page = settings.public_dir / "feeds" / "all" / "archive" / "1.atom"
    good = page.read_bytes()
    page.write_bytes(good.replace(b"<entry>", b"<!-- lost --><entry>", 1))
    with session_scope(settings.database_url) as session:
        # What a chain written from a state that never was leaves: a count that differs.
        session.execute(update(FeedArchive).where(FeedArchive.key == "all").values(entries=5))
    _ingest(settings, dt.date(2025, 4, 1))
    assert page.read_bytes() == good
    with session_scope(settings.database_url, write=False) as session:
        record = session.scalars(select(FeedArchive).where(FeedArchive.key == "all")).one()
    assert record.entries == 12
    assert _checked(settings) == []
