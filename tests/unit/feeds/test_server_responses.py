"""The feed server answers GET and HEAD with the right types and headers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.feeds.serverhelp import FILES, running_site


@pytest.mark.parametrize(
    ("path", "content_type", "name"),
    [
        ("/feeds/all.atom", "application/atom+xml; charset=utf-8", "feeds/all.atom"),
        ("/feeds/all.rss", "application/rss+xml; charset=utf-8", "feeds/all.rss"),
        ("/index.html", "text/html; charset=utf-8", "index.html"),
        ("/", "text/html; charset=utf-8", "index.html"),
        ("/status.json", "application/json", "status.json"),
        ("/feeds/all.json", "application/feed+json", "feeds/all.json"),
        ("/feeds.opml", "text/x-opml; charset=utf-8", "feeds.opml"),
        (
            "/feeds/people/wang-menghe.atom?utm=reader",
            "application/atom+xml; charset=utf-8",
            "feeds/people/wang-menghe.atom",
        ),
    ],
)
def test_get_serves_file_with_type(tmp_path: Path, path: str, content_type: str, name: str) -> None:
    with running_site(tmp_path) as site:
        response = site.request(path)
    assert response.status == 200
    assert response.headers["Content-Type"] == content_type
    assert response.body == FILES[name]
    assert response.headers["Content-Length"] == str(len(FILES[name]))


def test_common_headers(tmp_path: Path) -> None:
    with running_site(tmp_path, cache_seconds=120) as site:
        response = site.request("/feeds/all.atom")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "public, max-age=120"
    assert response.headers["ETag"].startswith('"')
    assert response.headers["Last-Modified"].endswith(" GMT")
    assert response.headers["Vary"] == "Accept-Encoding"


def test_head_has_headers_but_no_body(tmp_path: Path) -> None:
    with running_site(tmp_path) as site:
        get = site.request("/feeds/all.rss")
        head = site.request("/feeds/all.rss", method="HEAD")
    assert head.status == 200
    assert head.body == b""
    assert head.headers["Content-Length"] == get.headers["Content-Length"]
    assert head.headers["ETag"] == get.headers["ETag"]


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_other_methods_are_not_allowed(tmp_path: Path, method: str) -> None:
    with running_site(tmp_path) as site:
        response = site.request("/feeds/all.atom", method=method, Content_Length="0")
    assert response.status == 405
    assert response.headers["Allow"] == "GET, HEAD"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_missing_file_is_404_with_nosniff(tmp_path: Path) -> None:
    with running_site(tmp_path) as site:
        response = site.request("/feeds/nobody.atom")
    assert response.status == 404
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_symlink_inside_public_dir_is_served(tmp_path: Path) -> None:
    with running_site(tmp_path) as site:
        response = site.request("/latest.atom")
    assert response.status == 200
    assert response.body == FILES["feeds/all.atom"]
