"""What a reader finds from the published pages and OPML lists (the demo issue and the shared
sample): autodiscovery links naming the feed, its paper and its format, and OPML outlines
that point at the feeds and pages that exist, under the titles the feeds carry."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from lxml import etree, html

from tests.unit.published import BASE_URL, public_path, publish_samples

ATOM = "{http://www.w3.org/2005/Atom}"
# Media type → (extension, the format's name in a link title).
FORMATS = {
    "application/atom+xml": ("atom", "Atom"),
    "application/rss+xml": ("rss", "RSS"),
    "application/feed+json": ("json", "JSON Feed"),
}


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return publish_samples(tmp_path_factory.mktemp("published") / "home")


def _pages(public: Path) -> list[Path]:
    return sorted(p for p in public.rglob("*.html"))


def _discovery(page: Path) -> list[tuple[str, str, str]]:
    """(type, title, href) of each autodiscovery link in the page's head."""
    root = html.document_fromstring(page.read_bytes())
    return [
        (link.get("type"), link.get("title"), link.get("href"))
        for link in root.findall(".//head/link[@rel='alternate']")
    ]


def _feed_title(path: Path) -> str:
    """The title a feed document gives itself, in any of the three formats."""
    if path.suffix == ".json":
        return str(json.loads(path.read_text("utf-8"))["title"])
    root = etree.parse(str(path)).getroot()
    title = (
        root.findtext(f"{ATOM}title") if path.suffix == ".atom" else root.findtext("channel/title")
    )
    assert title, f"{path} has no title"
    return title


def test_every_discovery_link_names_its_feed_and_format(public: Path) -> None:
    pages = _pages(public)
    assert len(pages) > 20
    checked = 0
    for page in pages:
        for media_type, title, href in _discovery(page):
            ext, label = FORMATS[media_type]
            document = public_path(public, href)
            assert href.endswith(f".{ext}") and document.is_file(), (page, href)
            # The feed's own title (paper and section or person) and the format, so a
            # reader's list of what the page offers reads 青河日报 · 要闻（RSS）.
            assert title == f"{_feed_title(document)}（{label}）", (page, href)
            checked += 1
    assert checked > 100


def test_every_feed_is_announced_in_all_three_formats(public: Path) -> None:
    for page in _pages(public):
        formats: dict[str, set[str]] = defaultdict(set)
        for media_type, _, href in _discovery(page):
            formats[href.rsplit(".", 1)[0]].add(media_type)
        assert all(found == set(FORMATS) for found in formats.values()), page


def test_section_and_person_titles_carry_the_paper(public: Path) -> None:
    titles = {
        title
        for page in _pages(public)
        for media_type, title, href in _discovery(page)
        if media_type == "application/atom+xml" and ("/sections/" in href or "/people/" in href)
    }
    assert "青河日报 · 要闻（Atom）" in titles
    assert all(" · " in title for title in titles), titles


def test_feed_pages_announce_their_own_feed_and_articles_theirs(public: Path) -> None:
    for kind in ("papers", "sections", "people"):
        for page in sorted((public / kind).glob("*.html")):
            hrefs = [href for _, _, href in _discovery(page)]
            assert hrefs[0] == f"{BASE_URL}/feeds/{kind}/{page.stem}.atom", page
    articles = sorted((public / "articles").rglob("*.html"))
    assert articles
    for page in articles:
        root = html.document_fromstring(page.read_bytes())
        meta = root.find(".//p[@class='meta']")
        section = meta.find("a") if meta is not None else None
        hrefs = [href for _, _, href in _discovery(page)]
        if section is not None:  # the section named on the page is the first feed offered
            slug = section.get("href").rsplit("/", 1)[1].removesuffix(".html")
            assert hrefs[0] == f"{BASE_URL}/feeds/sections/{slug}.atom", page
        people = root.findall(".//p[@class='byline']//a")
        for person in people:
            slug = person.get("href").rsplit("/", 1)[1].removesuffix(".html")
            assert f"{BASE_URL}/feeds/people/{slug}.atom" in hrefs, page


def _outlines(path: Path) -> list[etree._Element]:
    root = etree.parse(str(path)).getroot()
    assert root.get("version") == "2.0"
    return root.findall("body/outline/outline")


def test_opml_outlines_are_feeds_that_exist_with_their_titles(public: Path) -> None:
    outlines = _outlines(public / "feeds.opml")
    assert outlines
    for outline in outlines:
        assert outline.get("type") == "rss"
        document = public_path(public, outline.get("xmlUrl"))
        assert document.suffix == ".atom" and document.is_file()
        feed = etree.parse(str(document)).getroot()
        title = feed.findtext(f"{ATOM}title")
        assert outline.get("text") == outline.get("title") == title
        page = feed.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert outline.get("htmlUrl") == page
        assert public_path(public, page).is_file()


def test_opml_lists_what_the_index_page_offers(public: Path) -> None:
    offered = {
        href
        for media_type, _, href in _discovery(public / "index.html")
        if media_type == "application/atom+xml"
    }
    listed = {o.get("xmlUrl") for o in _outlines(public / "feeds.opml")}
    assert listed == offered
    sections = {o.get("xmlUrl") for o in _outlines(public / "feeds/sections.opml")}
    people = {o.get("xmlUrl") for o in _outlines(public / "feeds/people.opml")}
    assert sections == {url for url in listed if "/feeds/sections/" in url}
    assert people == {url for url in listed if "/feeds/people/" in url}
    assert sections and people
