"""An invalid document is never published: the previous file stays as it was."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from feeds import publish
from feeds.errors import FeedError
from feeds.publish import publish_feeds, validate_feed
from tests.unit.feeds.feedsamples import BASE_URL, spec, two_day_feed

OLD = 1_700_000_000


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"<rss><channel>",
        b"<feed>\x0c</feed>",
        b"not xml",
        b"<html></html>",
        b"<feed><x:entry/></feed>",  # a prefix never declared
        b"<feed>&nbsp;</feed>",  # an entity XML does not define
        b"<feed a='1' a='2'/>",
        b"<!DOCTYPE feed [<!ENTITY a 'x'>]><feed>&a;</feed>",
        b"<feed/><feed/>",
    ],
)
def test_validate_feed_refuses(data: bytes) -> None:
    with pytest.raises(FeedError):
        validate_feed(data)


def test_validate_feed_names_a_wrong_root_with_its_namespace() -> None:
    expected = re.escape("root element is <{http://www.w3.org/1999/xhtml}html>")
    with pytest.raises(FeedError, match=expected):
        validate_feed(b"<html xmlns='http://www.w3.org/1999/xhtml'/>")


def test_validate_feed_accepts_atom_and_rss() -> None:
    validate_feed(b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'/>")
    validate_feed(b"<rss version='2.0'><channel/></rss>")


def test_invalid_rendering_leaves_previous_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    publish_feeds(tmp_path, [two_day_feed()], base_url=BASE_URL, site_title="卫东日报")
    files = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    for path in files:
        os.utime(path, (OLD, OLD))
    before = {path: path.read_bytes() for path in files}

    def truncated_rss(feed: object, **options: object) -> bytes:
        return b"<?xml version='1.0'?><rss><channel><title>"

    monkeypatch.setattr(publish, "render_rss", truncated_rss)
    changed = spec(title="卫东日报（新）")  # the Atom file would change, but nothing may be written
    with pytest.raises(FeedError, match="'all' \\(rss\\)"):
        publish_feeds(tmp_path, [changed], base_url=BASE_URL, site_title="卫东日报")
    assert {path: path.read_bytes() for path in files} == before
    assert all(path.stat().st_mtime == OLD for path in files)


@pytest.mark.parametrize("path", ["../evil", "/etc/evil", "people/../../x", "a//b", "", "a\\b"])
def test_feed_path_outside_feeds_dir_is_refused(tmp_path: Path, path: str) -> None:
    with pytest.raises(FeedError, match="not a relative path"):
        publish_feeds(tmp_path / "public", [spec(path=path)], base_url=BASE_URL, site_title="t")
    assert not any(tmp_path.rglob("*evil*"))
