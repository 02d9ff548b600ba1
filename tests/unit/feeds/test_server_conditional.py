"""Conditional requests: readers polling an unchanged feed get 304 and no body."""

from __future__ import annotations

import os
from pathlib import Path

from tests.unit.feeds.serverhelp import running_site


def test_if_none_match_with_current_etag_gives_304(tmp_path: Path) -> None:
    with running_site(tmp_path) as site:
        etag = site.request("/feeds/all.atom").headers["ETag"]
        again = site.request("/feeds/all.atom", If_None_Match=etag)
        weak = site.request("/feeds/all.atom", If_None_Match=f'"other", W/{etag}')
    assert again.status == 304
    assert again.body == b""
    assert again.headers["ETag"] == etag
    assert again.headers["X-Content-Type-Options"] == "nosniff"
    assert weak.status == 304


def test_stale_etag_gets_full_response(tmp_path: Path) -> None:
    with running_site(tmp_path) as site:
        response = site.request("/feeds/all.atom", If_None_Match='"stale"')
    assert response.status == 200
    assert response.body


def test_etag_changes_when_file_changes(tmp_path: Path) -> None:
    with running_site(tmp_path) as site:
        before = site.request("/feeds/all.atom").headers["ETag"]
        (site.public / "feeds" / "all.atom").write_bytes(
            b"<feed xmlns='http://www.w3.org/2005/Atom'><id>2</id></feed>"
        )
        response = site.request("/feeds/all.atom", If_None_Match=before)
    assert response.status == 200
    assert response.headers["ETag"] != before


def test_if_modified_since(tmp_path: Path) -> None:
    with running_site(tmp_path) as site:
        path = site.public / "feeds" / "all.rss"
        os.utime(path, (1_700_000_000, 1_700_000_000))  # Tue, 14 Nov 2023 22:13:20 GMT
        last_modified = site.request("/feeds/all.rss").headers["Last-Modified"]
        same = site.request("/feeds/all.rss", If_Modified_Since=last_modified)
        later = site.request("/feeds/all.rss", If_Modified_Since="Wed, 15 Nov 2023 00:00:00 GMT")
        earlier = site.request("/feeds/all.rss", If_Modified_Since="Mon, 13 Nov 2023 00:00:00 GMT")
        garbage = site.request("/feeds/all.rss", If_Modified_Since="yesterday")
    assert last_modified == "Tue, 14 Nov 2023 22:13:20 GMT"
    assert (same.status, later.status) == (304, 304)
    assert (earlier.status, garbage.status) == (200, 200)


def test_if_none_match_wins_over_if_modified_since(tmp_path: Path) -> None:
    with running_site(tmp_path) as site:
        response = site.request(
            "/feeds/all.rss",
            If_None_Match='"stale"',
            If_Modified_Since="Fri, 01 Jan 2100 00:00:00 GMT",
        )
    assert response.status == 200
