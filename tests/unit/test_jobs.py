"""The units of work called directly, as the tasks call them: scan, ingest an input, publish."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest
from sqlalchemy import select

from tests.unit.test_ingest import ISSUE
from worker import attempts, intake, ledger, publishing
from worker.db import session_scope, upgrade
from worker.models import Input
from worker.publishing import runs
from worker.settings import Settings
from worker.sources import SourceConfig, default_source


def _ready(make_settings: Callable[..., Settings]) -> tuple[Settings, list[SourceConfig]]:
    settings = make_settings(PAPERFEED_SOURCE="qinghe")
    settings.ensure_dirs()
    upgrade(settings.database_url)
    return settings, [default_source(settings)]


def _scan(settings: Settings, sources: list[SourceConfig]) -> list[int]:
    ids: list[int] = []
    intake.scan(settings, sources, ids.append, force=True)
    return ids


def test_scan_registers_each_ready_file_once(make_settings: Callable[..., Settings]) -> None:
    settings, sources = _ready(make_settings)
    (settings.drop_dir / "a01.txt").write_bytes(ISSUE)
    (settings.drop_dir / "a02.txt.part").write_bytes(ISSUE)
    first = _scan(settings, sources)
    assert len(first) == 1
    assert _scan(settings, sources) == []  # the lease has not run out: nothing handed out twice
    assert [p.name for p in settings.drop_dir.iterdir()] == ["a02.txt.part"]
    with session_scope(settings.database_url) as session:
        row = session.execute(select(Input)).scalar_one()
        assert (row.status, row.attempts, row.original_name) == ("pending", 0, "a01.txt")


def test_the_same_bytes_dropped_again_are_archived_unparsed(
    make_settings: Callable[..., Settings],
) -> None:
    settings, sources = _ready(make_settings)
    (settings.drop_dir / "a01.txt").write_bytes(ISSUE)
    (settings.drop_dir / "copy.txt").write_bytes(ISSUE)
    result = intake.scan(settings, sources, lambda _: None, force=True)
    assert (len(result.new), result.duplicates) == (1, 1)
    assert len(list((settings.archive_dir / "duplicates").rglob("*.txt"))) == 1


def test_expired_leases_are_handed_out_again(make_settings: Callable[..., Settings]) -> None:
    settings, sources = _ready(make_settings)
    (settings.drop_dir / "a01.txt").write_bytes(ISSUE)
    first = _scan(settings, sources)
    with session_scope(settings.database_url) as session:
        row = session.get(Input, first[0])
        assert row is not None
        row.lease_expires_at = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)  # its worker died
    assert _scan(settings, sources) == first
    assert _scan(settings, sources) == []  # handed out once, with a fresh lease


def test_ingested_file_is_archived_and_failed_file_explained(
    make_settings: Callable[..., Settings],
) -> None:
    settings, sources = _ready(make_settings)
    (settings.drop_dir / "a01.txt").write_bytes(ISSUE)
    (settings.drop_dir / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
    results = [attempts.ingest_input(settings, i, sources) for i in _scan(settings, sources)]
    assert sorted(r.status for r in results if r) == ["failed", "ingested"]
    assert len(list(settings.archive_dir.rglob("a01.txt"))) == 1
    reason = (settings.failed_dir / "photo.jpg.error.txt").read_text(encoding="utf-8")
    assert "reason:" in reason
    assert not any(settings.work_dir.rglob("*.*"))


def test_a_second_delivery_of_a_finished_input_does_nothing(
    make_settings: Callable[..., Settings],
) -> None:
    settings, sources = _ready(make_settings)
    (settings.drop_dir / "a01.txt").write_bytes(ISSUE)
    [input_id] = _scan(settings, sources)
    assert attempts.ingest_input(settings, input_id, sources) is not None
    assert attempts.ingest_input(settings, input_id, sources) is None
    with session_scope(settings.database_url) as session:
        assert session.get(Input, input_id).attempts == 1  # type: ignore[union-attr]


def test_attempts_run_out_into_failed_with_the_last_reason(
    make_settings: Callable[..., Settings],
) -> None:
    settings, sources = _ready(make_settings)
    (settings.drop_dir / "slow.txt").write_bytes(ISSUE)
    [input_id] = _scan(settings, sources)
    for _ in range(settings.max_attempts):
        with session_scope(settings.database_url) as session:
            ledger.begin_attempt(session, input_id, now=dt.datetime.now(dt.UTC), lease_seconds=60,
                                 max_attempts=settings.max_attempts)  # fmt: skip
        attempts.note_timeout(settings, input_id, 300)
    assert attempts.ingest_input(settings, input_id, sources) is None
    note = (settings.failed_dir / "slow.txt.error.txt").read_text(encoding="utf-8")
    assert "gave up after 3 attempts: timeout" in note


def test_publish_writes_every_feed_the_ingest_touched(
    make_settings: Callable[..., Settings],
) -> None:
    settings, sources = _ready(make_settings)
    (settings.drop_dir / "a01.txt").write_bytes(ISSUE)
    [input_id] = _scan(settings, sources)
    assert attempts.ingest_input(settings, input_id, sources) is not None
    report = publishing.publish_dirty(settings)
    assert report is not None
    public = settings.public_dir
    written = {p.relative_to(public).as_posix() for p in report.written}
    assert "index.html" in written
    assert {"feeds/all.atom", "feeds/all.rss", "feeds/people/lin-xiao.atom"} <= written
    feed = feedparser.parse((public / "feeds" / "people" / "lin-xiao.atom").read_bytes())
    assert feed.bozo == 0
    assert [e.title for e in feed.entries] == ["青河新桥今日通车", "秋粮入库过半"]
    assert feed.entries[0].published.endswith("+08:00")
    assert publishing.publish_dirty(settings) is None  # nothing marked: nothing rebuilt


def test_a_file_appended_to_after_its_claim_goes_back_and_is_taken_whole(
    make_settings: Callable[..., Settings],
) -> None:
    settings, sources = _ready(make_settings)
    half = ISSUE[: len(ISSUE) // 2]
    (settings.drop_dir / "a01.txt").write_bytes(half)
    [first] = _scan(settings, sources)
    [claimed] = (settings.work_dir / "qinghe").iterdir()
    with claimed.open("ab") as writer:  # the uploader was still writing
        writer.write(ISSUE[len(ISSUE) // 2 :])
    assert attempts.ingest_input(settings, first, sources) is None
    assert (settings.drop_dir / "a01.txt").read_bytes() == ISSUE
    [second] = _scan(settings, sources)
    result = attempts.ingest_input(settings, second, sources)
    assert result is not None and result.status == "ingested" and result.articles == 2
    with session_scope(settings.database_url) as session:
        statuses = {row.id: row.status for row in session.scalars(select(Input))}
    assert statuses == {first: "changed", second: "ingested"}


def _atom_entries(path: Path) -> dict[str, tuple[str, str]]:
    feed = feedparser.parse(path.read_bytes())
    assert feed.bozo == 0
    return {e.id: (e.title, e.updated) for e in feed.entries}


def test_a_correction_moves_updated_only_on_changed_entries_with_no_duplicate(
    make_settings: Callable[..., Settings],
) -> None:
    settings, sources = _ready(make_settings)
    (settings.drop_dir / "a01.txt").write_bytes(ISSUE)
    [first] = _scan(settings, sources)
    attempts.ingest_input(settings, first, sources)
    publishing.publish_dirty(settings)
    all_feed = settings.public_dir / "feeds" / "all.atom"
    before = _atom_entries(all_feed)
    time.sleep(1.1)  # feed dates have whole seconds
    (settings.drop_dir / "a01-corrected.txt").write_bytes(
        ISSUE.replace("六车道".encode(), "八车道".encode())
    )
    [second] = _scan(settings, sources)
    attempts.ingest_input(settings, second, sources)
    publishing.publish_dirty(settings)
    after = _atom_entries(all_feed)
    assert set(after) == set(before)  # same ids: nothing comes back as new, nothing doubled
    changed = {i for i in after if after[i][1] != before[i][1]}
    assert [after[i][0] for i in changed] == ["青河新桥今日通车"]


def test_an_ingest_rewrites_only_the_feeds_whose_entries_changed(
    make_settings: Callable[..., Settings],
) -> None:
    settings, sources = _ready(make_settings)
    (settings.drop_dir / "a01.txt").write_bytes(ISSUE)
    [first] = _scan(settings, sources)
    attempts.ingest_input(settings, first, sources)
    publishing.publish_dirty(settings)
    feeds = settings.public_dir / "feeds"
    untouched = feeds / "people" / "zhou-chuan.atom"
    stamp = untouched.stat().st_mtime_ns
    other = ISSUE.replace(b"2026-11-20", b"2026-11-21").replace(
        "记者林晓 通讯员周川".encode(), "记者林晓".encode()
    )
    (settings.drop_dir / "a02.txt").write_bytes(other)
    [second] = _scan(settings, sources)
    result = attempts.ingest_input(settings, second, sources)
    assert result is not None and "person:zhou-chuan" not in result.feeds
    report = publishing.publish_dirty(settings)
    assert report is not None and untouched not in report.written
    assert untouched.stat().st_mtime_ns == stamp
    assert feeds / "people" / "lin-xiao.atom" in report.written


def test_a_publish_waits_for_a_burst_of_ingests_to_end_but_not_forever(
    make_settings: Callable[..., Settings],
) -> None:
    from worker.feed_entries import mark_dirty

    settings = make_settings(PAPERFEED_PUBLISH_DELAY="1", PAPERFEED_PUBLISH_MAX_DELAY="30")
    settings.ensure_dirs()
    upgrade(settings.database_url)
    start = dt.datetime(2026, 5, 3, 8, tzinfo=dt.UTC)

    def at(seconds: float) -> dt.datetime:
        return start + dt.timedelta(seconds=seconds)

    def mark(seconds: float, *keys: str) -> None:
        with session_scope(settings.database_url) as session:
            mark_dirty(session, dict.fromkeys(keys, start), at(seconds))

    assert publishing.publish_wait(settings, now=at(0)) == 0  # nothing marked
    mark(0, "all", "section:yaowen")
    assert publishing.publish_wait(settings, now=at(0.25)) == 0.75
    mark(0.5, "all")  # the next file of the burst
    assert publishing.publish_wait(settings, now=at(1.25)) == 0.25
    assert publishing.publish_wait(settings, now=at(1.5)) == 0  # quiet for a second
    for tick in range(2, 60):  # ingests that never pause
        mark(tick / 2, "all", "section:yaowen")
    assert publishing.publish_wait(settings, now=at(29)) == 1
    assert publishing.publish_wait(settings, now=at(30)) == 0  # the first mark has waited 30 s


def test_a_long_publish_keeps_its_lease(
    make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    from feeds.publish import PublishReport
    from worker.feed_entries import mark_dirty

    settings = make_settings()
    settings.ensure_dirs()
    upgrade(settings.database_url)
    with session_scope(settings.database_url) as session:
        mark_dirty(session, {"all": dt.datetime.now(dt.UTC)}, dt.datetime.now(dt.UTC))
    monkeypatch.setattr(runs, "PUBLISH_LEASE", 0.6)
    taken: list[bool] = []

    def slow_publish(*_: object, progress: Callable[[], None], **__: object) -> PublishReport:
        for _ in range(4):  # 1.2 s of feeds: twice the lease
            time.sleep(0.3)
            progress()
            with session_scope(settings.database_url) as session:
                taken.append(
                    ledger.take_lock(
                        session, "publish", "other", now=dt.datetime.now(dt.UTC), seconds=1
                    )
                )
        return PublishReport()

    monkeypatch.setattr(runs, "publish", slow_publish)
    assert publishing.publish_dirty(settings) is not None
    assert taken == [False, False, False, False]  # never free while the publish ran
    with session_scope(settings.database_url) as session:
        assert ledger.take_lock(session, "publish", "other", now=dt.datetime.now(dt.UTC), seconds=1)


def test_a_feed_marked_again_during_a_publish_keeps_its_mark(
    make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    from feeds.publish import PublishReport
    from worker.feed_entries import mark_dirty
    from worker.models import DirtyFeed

    settings = make_settings()
    settings.ensure_dirs()
    upgrade(settings.database_url)
    start = dt.datetime(2026, 5, 3, 8, tzinfo=dt.UTC)
    keys = ["all", "person:lin-xiao", "section:yao-wen"]
    with session_scope(settings.database_url) as session:
        mark_dirty(session, dict.fromkeys(keys, start), start)
    later = start + dt.timedelta(seconds=5)

    def publish(*_: object, **__: object) -> PublishReport:
        # An ingest commits while the feeds are being built: its feed must be built again.
        with session_scope(settings.database_url) as session:
            mark_dirty(session, {"section:yao-wen": start}, later)
        return PublishReport()

    monkeypatch.setattr(runs, "publish", publish)
    assert publishing.publish_dirty(settings) is not None
    with session_scope(settings.database_url) as session:
        left = session.execute(select(DirtyFeed.key, DirtyFeed.marked_at)).all()
    assert [(key, marked.replace(tzinfo=dt.UTC)) for key, marked in left] == [
        ("section:yao-wen", later)
    ]


JANUARY = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
MARCH = dt.datetime(2020, 3, 1, tzinfo=dt.UTC)


def _marks(settings: Settings) -> dict[str, tuple[dt.datetime | None, dt.datetime | None]]:
    """Each mark's `(oldest_change, publishing_since)`."""
    from worker.models import DirtyFeed

    def utc(value: dt.datetime | None) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)

    with session_scope(settings.database_url) as session:
        rows = session.execute(
            select(DirtyFeed.key, DirtyFeed.oldest_change, DirtyFeed.publishing_since)
        ).all()
    return {key: (utc(oldest), utc(since)) for key, oldest, since in rows}


def _mark(settings: Settings, changes: dict[str, dt.datetime]) -> None:
    from worker.feed_entries import mark_dirty

    with session_scope(settings.database_url) as session:
        mark_dirty(session, changes, dt.datetime.now(dt.UTC))


def _marked(make_settings: Callable[..., Settings], changes: dict[str, dt.datetime]) -> Settings:
    settings = make_settings()
    settings.ensure_dirs()
    upgrade(settings.database_url)
    _mark(settings, changes)
    return settings


def _publishing(
    monkeypatch: pytest.MonkeyPatch, during: Callable[[], None] = lambda: None
) -> list[dict[str, dt.datetime | None]]:
    """Stand in for the publish: record the changes each is asked to cover, and run
    `during` (an ingest committing meanwhile, say) in each."""
    from feeds.publish import PublishReport

    asked: list[dict[str, dt.datetime | None]] = []

    def publish(
        _: object, __: object, changes: dict[str, dt.datetime | None], **___: object
    ) -> PublishReport:
        asked.append(dict(changes))
        during()
        return PublishReport()

    monkeypatch.setattr(runs, "publish", publish)
    return asked


def test_a_feed_marked_during_a_publish_is_rebuilt_next_only_from_the_new_change(
    make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A back-fill marks `all` during every publish: were the first change kept, each
    # publish would rebuild every archive page since the back-fill began.
    settings = _marked(make_settings, {"all": JANUARY})
    asked = _publishing(monkeypatch, lambda: _mark(settings, {"all": MARCH}))
    assert publishing.publish_dirty(settings) is not None
    assert asked == [{"all": JANUARY}]
    assert _marks(settings) == {"all": (MARCH, None)}
    asked = _publishing(monkeypatch)
    assert publishing.publish_dirty(settings) is not None
    assert asked == [{"all": MARCH}]
    assert _marks(settings) == {}


def test_a_publish_that_dies_leaves_its_range_to_the_next(
    make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _marked(make_settings, {"all": MARCH})

    def dying() -> None:
        _mark(settings, {"all": JANUARY, "section:yao-wen": MARCH})
        raise OSError("disk full")

    _publishing(monkeypatch, dying)
    with pytest.raises(OSError, match="disk full"):
        publishing.publish_dirty(settings)
    assert _marks(settings) == {"all": (JANUARY, MARCH), "section:yao-wen": (MARCH, None)}
    asked = _publishing(monkeypatch)
    assert publishing.publish_dirty(settings) is not None
    assert asked == [{"all": JANUARY, "section:yao-wen": MARCH}]
    assert _marks(settings) == {}


def test_a_publish_leaves_a_range_another_publisher_took_over_since(
    make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its lease ran out during a stall and a second publisher took the marks: that one
    # rebuilds from the range it took, and must find it if it dies.
    settings = _marked(make_settings, {"all": JANUARY})

    def taken_over() -> None:
        _mark(settings, {"all": MARCH})
        with session_scope(settings.database_url) as session:
            runs._take_marks(session, "the other publisher")

    _publishing(monkeypatch, taken_over)
    assert publishing.publish_dirty(settings) is not None
    # Taken over whole: the range the first had taken, merged with the change since.
    assert _marks(settings) == {"all": (None, JANUARY)}
