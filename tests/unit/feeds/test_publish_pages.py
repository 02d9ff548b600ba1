"""publish_feeds writes the pages of the feeds and entries it is given, once each."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lxml import html

from feeds.errors import FeedError
from feeds.publish import publish_feeds
from tests.unit.feeds.feedsamples import BASE_URL, at, entry, spec

OLD = 1_700_000_000
A = entry(id="a", title="甲文", page_path="articles/2024/05/01/a.html")
B = entry(id="b", title="乙文", page_path="articles/2024/05/02/b.html", published=at(2))


def feeds() -> list[object]:
    return [
        spec(B, A, page_path="index.html"),
        spec(A, path="sections/yao-wen", kind="section", page_path="sections/yao-wen.html"),
        spec(B, path="people/wang-menghe", kind="person", page_path="people/wang-menghe.html"),
    ]


def publish(root: Path, items: list[object] | None = None) -> object:
    return publish_feeds(root, items or feeds(), base_url=BASE_URL, site_title="卫东日报")  # type: ignore[arg-type]


def test_article_and_feed_pages_are_written(tmp_path: Path) -> None:
    report = publish(tmp_path)
    pages = {
        tmp_path / "articles/2024/05/01/a.html",
        tmp_path / "articles/2024/05/02/b.html",
        tmp_path / "sections/yao-wen.html",
        tmp_path / "people/wang-menghe.html",
    }
    assert pages <= set(report.written)  # type: ignore[attr-defined]
    article = html.document_fromstring((tmp_path / "articles/2024/05/01/a.html").read_bytes())
    assert article.findtext(".//h1") == "甲文"
    section = html.document_fromstring((tmp_path / "sections/yao-wen.html").read_bytes())
    assert [a.get("href") for a in section.findall(".//li//a")] == [
        f"{BASE_URL}/articles/2024/05/01/a.html"
    ]


def test_index_stays_the_index_of_feeds(tmp_path: Path) -> None:
    publish(tmp_path)
    index = html.document_fromstring((tmp_path / "index.html").read_bytes())
    assert [h.text.strip() for h in index.findall(".//h2")] == ["全部", "栏目", "作者"]


def test_republish_leaves_pages_untouched(tmp_path: Path) -> None:
    publish(tmp_path)
    for path in tmp_path.rglob("*.html"):
        os.utime(path, (OLD, OLD))
    report = publish(tmp_path)
    assert report.written == ()  # type: ignore[attr-defined]
    assert all(p.stat().st_mtime == OLD for p in tmp_path.rglob("*.html"))


def test_changed_article_rewrites_only_its_page(tmp_path: Path) -> None:
    publish(tmp_path)
    corrected = entry(id="a", title="甲文（更正）", page_path="articles/2024/05/01/a.html")
    report = publish(
        tmp_path,
        [
            spec(
                corrected,
                path="sections/yao-wen",
                kind="section",
                page_path="sections/yao-wen.html",
            )
        ],
    )
    written = {p.relative_to(tmp_path).as_posix() for p in report.written}  # type: ignore[attr-defined]
    assert "articles/2024/05/01/a.html" in written
    assert "articles/2024/05/02/b.html" not in written
    assert "甲文（更正）" in (tmp_path / "articles/2024/05/01/a.html").read_text("utf-8")


@pytest.mark.parametrize(
    "page_path", ["../x.html", "/tmp/x.html", "articles/.hidden.html", "articles/a.atom"]
)
def test_bad_page_paths_are_refused_before_writing(tmp_path: Path, page_path: str) -> None:
    with pytest.raises(FeedError, match="page path"):
        publish(tmp_path, [spec(entry(page_path=page_path))])
    assert list(tmp_path.iterdir()) == []


def test_two_articles_on_one_page_path_are_refused(tmp_path: Path) -> None:
    clash = spec(A, entry(id="other", page_path=A.page_path))
    with pytest.raises(FeedError, match="share page"):
        publish(tmp_path, [clash])
