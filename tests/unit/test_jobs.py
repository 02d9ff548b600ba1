"""The units of work called directly, as the tasks call them: scan, ingest a claim, publish."""

from __future__ import annotations

from collections.abc import Callable

import feedparser

from tests.unit.test_ingest import ISSUE
from worker import jobs
from worker.db import upgrade
from worker.settings import Settings


def _ready(make_settings: Callable[..., Settings]) -> Settings:
    settings = make_settings(PAPERFEED_SOURCE="qinghe")
    settings.ensure_dirs()
    upgrade(settings.database_url)
    return settings


def _scan(settings: Settings) -> list[str]:
    names: list[str] = []
    jobs.scan(settings, names.append)
    return names


def test_scan_claims_each_ready_file_once(make_settings: Callable[..., Settings]) -> None:
    settings = _ready(make_settings)
    (settings.drop_dir / "a01.txt").write_bytes(ISSUE)
    (settings.drop_dir / "a02.txt.part").write_bytes(ISSUE)
    first = _scan(settings)
    assert len(first) == 1 and first[0].endswith("--a01.txt")
    assert _scan(settings) == []  # the lease has not run out: nothing is handed out twice
    assert [p.name for p in settings.drop_dir.iterdir()] == ["a02.txt.part"]


def test_expired_claims_are_handed_out_again(make_settings: Callable[..., Settings]) -> None:
    settings = _ready(make_settings)
    (settings.drop_dir / "a01.txt").write_bytes(ISSUE)
    claimed = _scan(settings)
    from dataclasses import replace

    assert _scan(replace(settings, lease_seconds=0)) == claimed


def test_ingested_file_is_archived_and_failed_file_explained(
    make_settings: Callable[..., Settings],
) -> None:
    settings = _ready(make_settings)
    (settings.drop_dir / "a01.txt").write_bytes(ISSUE)
    (settings.drop_dir / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
    results = {name.split("--")[1]: jobs.ingest_claim(settings, name) for name in _scan(settings)}
    assert results["a01.txt"] is not None and results["a01.txt"].status == "ingested"
    assert results["photo.jpg"] is not None and results["photo.jpg"].status == "failed"
    assert len(list(settings.archive_dir.rglob("a01.txt"))) == 1
    reason = (settings.failed_dir / "photo.jpg.error.txt").read_text(encoding="utf-8")
    assert "reason:" in reason
    assert list(settings.work_dir.iterdir()) == []


def test_a_claim_already_filed_is_skipped(make_settings: Callable[..., Settings]) -> None:
    settings = _ready(make_settings)
    (settings.drop_dir / "a01.txt").write_bytes(ISSUE)
    [name] = _scan(settings)
    assert jobs.ingest_claim(settings, name) is not None
    assert jobs.ingest_claim(settings, name) is None  # a duplicate delivery of the message


def test_publish_writes_every_feed_the_ingest_touched(
    make_settings: Callable[..., Settings],
) -> None:
    settings = _ready(make_settings)
    (settings.drop_dir / "a01.txt").write_bytes(ISSUE)
    [name] = _scan(settings)
    result = jobs.ingest_claim(settings, name)
    assert result is not None
    report = jobs.publish_feeds(settings, result.feeds)
    public = settings.public_dir
    written = {p.relative_to(public).as_posix() for p in report.written}
    assert "index.html" in written
    assert {"feeds/all.atom", "feeds/all.rss", "feeds/people/lin-xiao.atom"} <= written
    feed = feedparser.parse((public / "feeds" / "people" / "lin-xiao.atom").read_bytes())
    assert feed.bozo == 0
    assert [e.title for e in feed.entries] == ["青河新桥今日通车", "秋粮入库过半"]
    assert feed.entries[0].published.endswith("+08:00")
    again = jobs.publish_feeds(settings, result.feeds)
    assert again.written == ()  # unchanged data: no file is rewritten
