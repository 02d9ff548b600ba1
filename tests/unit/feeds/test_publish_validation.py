"""A document that cannot be rendered is never published: every previous file stays as
it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from feeds import publish
from feeds.errors import FeedError
from feeds.publish import publish_feeds
from tests.unit.feeds.feedsamples import BASE_URL, spec, two_day_feed

OLD = 1_700_000_000


def test_a_failed_rendering_leaves_previous_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    publish_feeds(tmp_path, [two_day_feed()], base_url=BASE_URL, site_title="卫东日报")
    files = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    for path in files:
        os.utime(path, (OLD, OLD))
    before = {path: path.read_bytes() for path in files}

    def failing_rss(generator: object, feed: object, **options: object) -> bytes:
        raise FeedError("entry 'x' has an empty id after cleaning")

    monkeypatch.setattr(publish, "rss_document", failing_rss)
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
