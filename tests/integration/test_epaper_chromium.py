"""The e-paper site in a real browser (Debian's headless `chromium`), as a phone (390 px)
and a desktop (1280 px) show it: the index with each paper's newest issue, an issue page,
an article page, a person's page, a paper's archive and the search page, each checked for
what a reader needs on it, and none wider than a phone's screen.

Screenshots go to a folder under pytest's temporary directory (its path is printed, `-s`
shows it) for a person to look at; nothing of them is committed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import html

from tests.conftest import EXAMPLES
from tests.integration.test_status_page_chromium import browse
from tests.unit.test_status import newsroom
from tests.unit.test_status_web import Site, serving

pytestmark = pytest.mark.integration

WIDTHS = (390, 1280)
# The next day's issue, written for this test: two numbered pages, a long headline that
# must wrap on a phone, and photo news printed as a caption alone.
NEXT_DAY = """---
publication: 青河日报
date: 2026-11-21
---

第01版：要闻

青河市第一条跨江隧道今日起全线贯通试运行沿线十二个街道居民出行时间将大幅缩短

本报讯（记者林晓 通讯员周文）11月20日，青河市跨江隧道全线贯通，开始试运行。

第04版：图片新闻

11月20日，孩子们在青河湾公园堆雪人。摄影 高原
""".encode()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    home = tmp_path_factory.mktemp("epaper") / "home"
    demo = next(EXAMPLES.glob("*.txt")).read_bytes()
    settings, sources = newsroom(home, files={"2026-11-20.txt": demo, "2026-11-21.txt": NEXT_DAY})
    with serving(settings, sources) as running:
        yield running


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("epaper-screenshots")
    print(f"\ne-paper screenshots: {folder}")
    return folder


def _pages(site: Site) -> dict[str, str]:
    """The paths of one page of each kind, found by following the links a reader follows:
    the index's newest issue, its first article, that article's first person, the
    paper's archive and the earlier issue it lists."""

    def read(url: str) -> html.HtmlElement:
        return html.document_fromstring(_path(site, url).read_bytes())

    index = read(site.settings.base_url)
    issue = index.find(".//section[@class='paper']//h2/a").get("href")
    article = read(issue).find(".//ul[@class='toc']//a").get("href")
    person = read(article).find(".//p[@class='byline']/a").get("href")
    archive = read(issue).find(".//p[@class='meta']/a").get("href")
    earlier = read(archive).find(".//ul[@class='days']//a").get("href")
    found = {"issue": issue, "article": article, "person": person, "archive": archive}
    found["earlier-issue"] = earlier
    base = site.settings.base_url.rstrip("/")
    return {
        "index": "/",
        **{kind: url.removeprefix(base) for kind, url in found.items()},
        "search": "/search?q=%E9%9A%A7%E9%81%93",  # 隧道
    }


def _path(site: Site, url: str) -> Path:
    relative = url.removeprefix(site.settings.base_url.rstrip("/")).strip("/")
    return site.settings.public_dir / (relative or "index.html")


def _dom(site: Site, path: str, width: int, profile: Path) -> html.HtmlElement:
    url = f"http://127.0.0.1:{site.port}{path}"
    dom = browse(url, profile, "--dump-dom", f"--window-size={width},1000")
    assert "<script" not in dom, path  # pages work without JavaScript
    return html.document_fromstring(dom)


def _discovers(root: html.HtmlElement, suffix: str) -> bool:
    links = root.iterfind(".//head/link[@rel='alternate']")
    return any(link.get("href", "").split("?")[0].endswith(suffix) for link in links)


def _check(kind: str, root: html.HtmlElement) -> None:
    """What each kind of page must show a reader."""
    text = root.text_content()
    assert root.find(".//meta[@name='viewport']") is not None
    assert "（无标题）" not in text
    if kind == "index":
        paper = root.find(".//section[@class='paper']")
        assert "2026年11月21日" in paper.find(".//h2").text_content()  # the newest issue
        assert [h.text_content() for h in paper.iterfind(".//h3")] == [
            "第01版：要闻", "第04版：图片新闻",
        ]  # fmt: skip
        assert "孩子们在青河湾公园堆雪人" in paper.text_content()  # a caption, titled
        assert any(a.text_content().startswith("往期") for a in paper.iterfind(".//a"))
        assert root.find(".//form[@class='search']") is not None and "订阅源" in text
        assert _discovers(root, "/feeds/all.atom")
    elif kind == "issue":
        pages = [h.text_content() for h in root.iterfind(".//h2[@class='page']")]
        assert pages == ["第01版：要闻", "第04版：图片新闻"]  # as printed: no 第02版 made up
        assert len(root.findall(".//nav[@class='pages']//a")) == 2
        assert len(root.findall(".//ul[@class='toc']//a")) == 2
        assert _discovers(root, "/feeds/papers/qing-he-ri-bao.atom")
        steps = {a.get("rel") for a in root.iterfind(".//nav[@class='steps']/a")}
        assert steps == {"prev", None}  # the issue before it and every issue
    elif kind == "earlier-issue":
        pages = [h.text_content() for h in root.iterfind(".//h2[@class='page']")]
        assert pages == ["第01版：要闻", "第02版：城市", "第03版：图片新闻"]
        assert len(root.findall(".//ul[@class='toc']//a")) == 8
        step = root.find(".//nav[@class='steps']/a[@rel='next']")
        assert step.get("href").endswith("/issues/qing-he-ri-bao/2026-11-21.html")
    elif kind == "article":
        steps = {a.get("class"): a for a in root.iterfind(".//nav[@class='steps']/a")}
        assert set(steps) == {"next", "up"}  # the first article of its issue
        assert steps["next"].text_content().startswith("下一篇11月20日，孩子们")
        assert steps["up"].get("href").endswith("/issues/qing-he-ri-bao/2026-11-21.html#p1")
        assert [a.text for a in root.iterfind(".//p[@class='byline']/a")] == ["林晓", "周文"]
        assert _discovers(root, ".atom")
    elif kind == "person":
        assert re.fullmatch(r"署名：记者 \d+ 篇", root.findtext(".//p[@class='roles']"))
        assert _discovers(root, ".atom")
    elif kind == "archive":
        assert [h.text for h in root.iterfind(".//h2")] == ["2026年11月"]
        assert [a.text_content() for a in root.iterfind(".//ul[@class='days']//a")] == [
            "20日", "21日",
        ]  # fmt: skip
    elif kind == "search":
        assert root.findall(".//div[@class='hit']")
        assert {m.text for m in root.iterfind(".//mark")} == {"隧道"}
        assert _discovers(root, "/search.atom")


def _widths(site: Site, pages: dict[str, str], width: int, profile: Path) -> dict[str, list]:
    """Each page's document width and viewport width at `width`, measured by a page of
    this test that frames them (the site's pages carry no script to measure themselves)."""
    # The app's pages (search) may not be framed (X-Frame-Options): a copy of the search
    # page's bytes, served as a file of this test, is measured in its place.
    status, _, body = site.request(pages["search"])
    assert status == 200
    (site.settings.public_dir / "search-copy.html").write_bytes(body)
    pages = {**pages, "search": "/search-copy.html"}
    frames = "".join(
        f'<iframe id="{kind}" src="{path}" style="width:{width}px;height:600px;border:0"></iframe>'
        for kind, path in pages.items()
    )
    measure = (
        "window.onload=function(){var out={};document.querySelectorAll('iframe').forEach("
        "function(f){var e=f.contentDocument&&f.contentDocument.documentElement;"
        "out[f.id]=e?[e.scrollWidth,e.clientWidth]:null});document.getElementById('out').textContent=JSON.stringify(out)}"
    )
    name = f"measure-{width}.html"
    (site.settings.public_dir / name).write_text(
        f'<!DOCTYPE html><html><body style="margin:0">{frames}<pre id="out"></pre>'
        f"<script>{measure}</script></body></html>",
        encoding="utf-8",
    )
    try:
        dom = browse(f"http://127.0.0.1:{site.port}/{name}", profile, "--dump-dom")
    finally:
        (site.settings.public_dir / name).unlink()
        (site.settings.public_dir / "search-copy.html").unlink()
    found = html.document_fromstring(dom).findtext(".//pre[@id='out']")
    assert found, "the measuring page did not run"
    widths: dict[str, list] = json.loads(found)
    return widths


@pytest.mark.parametrize("width", WIDTHS)
def test_every_kind_of_page_shows_what_a_reader_needs(
    site: Site, shots: Path, tmp_path: Path, width: int
) -> None:
    pages = _pages(site)
    profile = tmp_path / "profile"
    for kind, path in pages.items():
        _check(kind, _dom(site, path, width, profile))
        shot = shots / f"{kind}-{width}.png"
        url = f"http://127.0.0.1:{site.port}{path}"
        browse(url, profile, f"--screenshot={shot}", f"--window-size={width},1600",
               "--hide-scrollbars")  # fmt: skip
        assert shot.stat().st_size > 10_000, shot  # a picture of the page, not a blank
    measured = _widths(site, pages, width, profile)
    assert set(measured) == set(pages) and all(measured.values()), measured
    for kind, (document, viewport) in measured.items():
        assert width - 20 <= viewport <= width, (kind, viewport)  # less a scroll bar
        assert document <= viewport, f"{kind} is {document}px wide in a {viewport}px window"
