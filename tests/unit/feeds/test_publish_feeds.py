"""publish_feeds writes each feed as .atom, .rss and .json plus index.html, and only what
changed."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from feeds.errors import FeedError
from feeds.icons import default_icon, png_size
from feeds.publish import publish_feeds
from tests.unit.feeds.feedsamples import BASE_URL, entry, parse, spec, two_day_feed


def people_feed() -> object:
    return spec(entry(), path="people/wang-menghe", kind="person", title="王孟鹤")


def test_first_publish_writes_every_file(tmp_path: Path) -> None:
    report = publish_feeds(
        tmp_path, [two_day_feed(), people_feed()], base_url=BASE_URL, site_title="卫东日报"
    )
    expected = {
        tmp_path / "feeds" / "all.atom",
        tmp_path / "feeds" / "all.rss",
        tmp_path / "feeds" / "all.json",
        tmp_path / "feeds" / "people" / "wang-menghe.atom",
        tmp_path / "feeds" / "people" / "wang-menghe.rss",
        tmp_path / "feeds" / "people" / "wang-menghe.json",
        tmp_path / "index.html",
        tmp_path / "feeds.opml",
        tmp_path / "feeds" / "sections.opml",
        tmp_path / "feeds" / "people.opml",
        tmp_path / "favicon.ico",
        tmp_path / "icon.png",
    }
    assert set(report.written) == expected
    assert report.unchanged == ()
    for path in expected:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
    parse((tmp_path / "feeds" / "people" / "wang-menghe.atom").read_bytes())


def test_second_publish_of_same_data_writes_nothing(tmp_path: Path) -> None:
    feeds = [two_day_feed(), people_feed()]
    publish_feeds(tmp_path, feeds, base_url=BASE_URL, site_title="卫东日报")
    report = publish_feeds(tmp_path, feeds, base_url=BASE_URL, site_title="卫东日报")
    assert report.written == report.written_files == report.changed_feed_urls == ()
    assert len(report.unchanged) == 12


def test_default_icon_is_a_png_and_the_favicon_holds_it(tmp_path: Path) -> None:
    publish_feeds(tmp_path, [two_day_feed()], base_url=BASE_URL, site_title="卫东日报")
    png = (tmp_path / "icon.png").read_bytes()
    assert png_size(png) == (32, 32)
    favicon = (tmp_path / "favicon.ico").read_bytes()
    # An ICO directory of one 32×32 image, stored as the PNG itself right after it.
    assert favicon[:6] == b"\x00\x00\x01\x00\x01\x00" and favicon[6:8] == b"\x20\x20"
    assert favicon[22:] == png


def test_configured_icon_is_published_instead(tmp_path: Path) -> None:
    mine = default_icon().replace(b"IHDR\x00\x00\x00\x20", b"IHDR\x00\x00\x00\x40")
    publish_feeds(tmp_path, [two_day_feed()], base_url=BASE_URL, site_title="卫东日报", icon=mine)
    assert (tmp_path / "icon.png").read_bytes() == mine
    assert (tmp_path / "favicon.ico").read_bytes()[6:8] == b"\x40\x20"


def test_icon_too_large_for_a_favicon_replaces_nothing(tmp_path: Path) -> None:
    publish_feeds(tmp_path, [two_day_feed()], base_url=BASE_URL, site_title="卫东日报")
    huge = default_icon().replace(b"IHDR\x00\x00\x00\x20", b"IHDR\x00\x00\x04\x00")
    with pytest.raises(FeedError, match="at most 256"):
        publish_feeds(
            tmp_path, [two_day_feed()], base_url=BASE_URL, site_title="卫东日报", icon=huge
        )
    assert png_size((tmp_path / "icon.png").read_bytes()) == (32, 32)


def test_touched_feeds_only_with_full_index(tmp_path: Path) -> None:
    # The worker re-renders only the feeds an ingest touched; the index still lists all.
    everything = [two_day_feed(), people_feed()]
    publish_feeds(tmp_path, everything, base_url=BASE_URL, site_title="卫东日报")
    newer = spec(
        entry(id="tag:new", updated=entry().updated.replace(day=5)), *two_day_feed().entries
    )
    report = publish_feeds(
        tmp_path,
        [newer],
        base_url=BASE_URL,
        site_title="卫东日报",
        index_feeds=[newer, people_feed()],
    )
    assert set(report.written) == {
        tmp_path / "feeds" / "all.atom",
        tmp_path / "feeds" / "all.rss",
        tmp_path / "feeds" / "all.json",
        tmp_path / "index.html",  # the entry count and date of "all" changed
    }  # the OPML lists name the same feeds as before: untouched
    index = (tmp_path / "index.html").read_text("utf-8")
    assert "people/wang-menghe.atom" in index
