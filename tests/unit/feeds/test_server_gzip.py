"""gzip when the client accepts it, as its own variant with its own ETag."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from tests.unit.feeds.serverhelp import FILES, running_site


def test_gzip_variant(tmp_path: Path) -> None:
    with running_site(tmp_path) as site:
        plain = site.request("/feeds/all.atom")
        zipped = site.request("/feeds/all.atom", Accept_Encoding="br, gzip;q=0.8")
    assert zipped.status == 200
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert zipped.headers["Vary"] == "Accept-Encoding"
    assert gzip.decompress(zipped.body) == FILES["feeds/all.atom"]
    assert zipped.headers["Content-Length"] == str(len(zipped.body))
    assert plain.headers.get("Content-Encoding") is None
    assert zipped.headers["ETag"] != plain.headers["ETag"]


def test_gzip_etag_revalidates_gzip_request(tmp_path: Path) -> None:
    with running_site(tmp_path) as site:
        etag = site.request("/feeds/all.atom", Accept_Encoding="gzip").headers["ETag"]
        again = site.request("/feeds/all.atom", Accept_Encoding="gzip", If_None_Match=etag)
        plain = site.request("/feeds/all.atom", If_None_Match=etag)
    assert again.status == 304
    assert plain.status == 200  # a different representation, not "not modified"


@pytest.mark.parametrize("accept", ["gzip;q=0", "identity", "deflate", ""])
def test_no_gzip_unless_accepted(tmp_path: Path, accept: str) -> None:
    with running_site(tmp_path) as site:
        response = site.request("/feeds/all.rss", Accept_Encoding=accept)
    assert response.headers.get("Content-Encoding") is None
    assert response.body == FILES["feeds/all.rss"]


def test_head_of_gzip_variant_has_no_body(tmp_path: Path) -> None:
    with running_site(tmp_path) as site:
        response = site.request("/feeds/all.rss", method="HEAD", Accept_Encoding="gzip")
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.body == b""
