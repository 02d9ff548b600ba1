"""Publish targets: the directory target, the read-back comparison for plain targets, and
publish_feeds writing through any target with the right content types."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from feeds.errors import FeedError
from feeds.publish import publish_feeds
from feeds.targets import DirectoryBatch, DirectoryTarget, PublishTarget, put_if_changed
from tests.unit.feeds.feedsamples import BASE_URL, entry, spec, two_day_feed

OLD = 1_700_000_000


class MemoryTarget:
    """A plain target (read and write only) that records every write."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[bytes, str]] = {}
        self.writes: list[str] = []

    def read(self, path: str) -> bytes | None:
        found = self.files.get(path)
        return found[0] if found else None

    def write(self, path: str, data: bytes, content_type: str) -> None:
        self.files[path] = (data, content_type)
        self.writes.append(path)


def test_memory_target_is_a_publish_target() -> None:
    assert isinstance(MemoryTarget(), PublishTarget)
    assert isinstance(DirectoryTarget(Path(".")), PublishTarget)


def test_directory_target_round_trip_and_mode(tmp_path: Path) -> None:
    target = DirectoryTarget(tmp_path)
    assert target.read("feeds/all.atom") is None
    target.write("feeds/all.atom", b"<feed/>", "application/atom+xml; charset=utf-8")
    assert target.read("feeds/all.atom") == b"<feed/>"
    assert stat.S_IMODE((tmp_path / "feeds/all.atom").stat().st_mode) == 0o644


def test_directory_target_leaves_identical_file_untouched(tmp_path: Path) -> None:
    target = DirectoryTarget(tmp_path)
    assert put_if_changed(target, "index.html", b"<p>1</p>", "text/html") is True
    os.utime(tmp_path / "index.html", (OLD, OLD))
    assert put_if_changed(target, "index.html", b"<p>1</p>", "text/html") is False
    assert (tmp_path / "index.html").stat().st_mtime == OLD
    assert put_if_changed(target, "index.html", b"<p>2</p>", "text/html") is True


@pytest.mark.parametrize("path", ["../x", "/etc/x", "a/../../x", ".env", ""])
def test_directory_target_refuses_paths_leaving_the_root(tmp_path: Path, path: str) -> None:
    with pytest.raises(FeedError):
        DirectoryTarget(tmp_path / "public").write(path, b"x", "text/plain")
    assert not (tmp_path / "x").exists()


def test_plain_target_is_compared_by_reading_back() -> None:
    target = MemoryTarget()
    assert put_if_changed(target, "a.html", b"1", "text/html") is True
    assert put_if_changed(target, "a.html", b"1", "text/html") is False
    assert target.writes == ["a.html"]


def test_publish_through_a_target_with_content_types() -> None:
    target = MemoryTarget()
    feeds = [two_day_feed(), spec(entry(page_path="articles/a.html"), path="sections/x")]
    report = publish_feeds(target, feeds, base_url=BASE_URL, site_title="t")
    types = {path: kind for path, (_, kind) in target.files.items()}
    assert types["feeds/all.atom"] == "application/atom+xml; charset=utf-8"
    assert types["feeds/all.rss"] == "application/rss+xml; charset=utf-8"
    assert types["feeds/all.json"] == "application/feed+json"  # JSON Feed 1.1's own type
    assert types["articles/a.html"] == "text/html; charset=utf-8"
    assert types["feeds.opml"] == "text/x-opml; charset=utf-8"
    assert set(report.written_files) == set(target.files)
    assert Path("feeds/all.atom") in report.written  # relative: there is no local root
    again = publish_feeds(target, feeds, base_url=BASE_URL, site_title="t")
    assert again.written_files == () and len(target.writes) == len(target.files)


def test_article_pages_are_written_before_the_feeds_linking_to_them() -> None:
    target = MemoryTarget()
    feed = spec(entry(page_path="articles/a.html"), path="sections/x", page_path="sections/x.html")
    publish_feeds(target, [feed], base_url=BASE_URL, site_title="t")
    order = target.writes
    assert order.index("articles/a.html") < order.index("feeds/sections/x.atom")
    assert order.index("sections/x.html") < order.index("feeds/sections/x.atom")


def test_a_batch_writes_what_changed_and_leaves_the_rest(tmp_path: Path) -> None:
    target = DirectoryTarget(tmp_path)
    target.write("feeds/all.atom", b"<feed/>", "application/atom+xml")
    os.utime(tmp_path / "feeds/all.atom", (OLD, OLD))
    outcomes = target.write_changed([
        ("articles/2026/11/20/a.html", b"<p>a</p>"),
        ("feeds/all.atom", b"<feed/>"),
        ("feeds/all.rss", b"<rss/>"),
    ])  # fmt: skip
    assert outcomes == [True, False, True]
    assert (tmp_path / "feeds/all.atom").stat().st_mtime == OLD
    assert target.read("articles/2026/11/20/a.html") == b"<p>a</p>"
    assert stat.S_IMODE((tmp_path / "feeds/all.rss").stat().st_mode) == 0o644
    assert not [p for p in tmp_path.rglob(".*") if p.is_file()]  # no temporary file left


def test_a_batch_that_fails_replaces_nothing(tmp_path: Path) -> None:
    target = DirectoryTarget(tmp_path)
    target.write("feeds/all.atom", b"old", "application/atom+xml")
    (tmp_path / "blocked").write_bytes(b"a file where a folder is needed")
    with pytest.raises(OSError):
        target.write_changed([("feeds/all.atom", b"new"), ("blocked/page.html", b"<p/>")])
    assert target.read("feeds/all.atom") == b"old"
    assert not [p for p in tmp_path.rglob(".*") if p.is_file()]


@pytest.mark.parametrize("in_flight", [2, 256])
def test_a_file_failing_in_a_staging_thread_replaces_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_flight: int
) -> None:
    monkeypatch.setattr(DirectoryBatch, "IN_FLIGHT", in_flight)
    target = DirectoryTarget(tmp_path)
    target.write("feeds/all.atom", b"old", "application/atom+xml")
    (tmp_path / "feeds" / "all.rss").mkdir()  # a folder where the file goes: fails to read
    pages = [(f"articles/{n}.html", b"<p/>") for n in range(40)]
    with pytest.raises(IsADirectoryError):
        target.write_changed([("feeds/all.atom", b"new"), *pages, ("feeds/all.rss", b"<rss/>")])
    assert target.read("feeds/all.atom") == b"old"
    assert not (tmp_path / "articles").exists() or not list((tmp_path / "articles").iterdir())


def test_a_batch_without_syncfs_syncs_file_by_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import feeds.durable

    synced: list[str] = []
    monkeypatch.setattr(feeds.durable, "syncfs", lambda directory: False)
    monkeypatch.setattr(feeds.durable, "fsync_path", synced.append)
    target = DirectoryTarget(tmp_path)
    assert target.write_changed([("a.html", b"a"), ("feeds/b.atom", b"b")]) == [True, True]
    assert len(synced) == 2 and all(".tmp" in name for name in synced)
    assert target.read("feeds/b.atom") == b"b"


@pytest.mark.skipif(sys.platform != "linux", reason="syncfs is a Linux call")
def test_syncfs_flushes_the_filesystem_here(tmp_path: Path) -> None:
    import feeds.durable

    assert feeds.durable.syncfs(tmp_path) is True  # Linux, as CI and deployments run
