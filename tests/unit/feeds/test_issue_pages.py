"""The e-paper pages: an issue's page (its pages in print order), article pages linking
their neighbours and their issue, a paper's archive, the index's newest issue, a person's
roles. Pure renderers: values in, escaped HTML out, no script."""

from __future__ import annotations

import dataclasses
import datetime as dt

from lxml import html

from feeds.archive_page import render_archive_page, render_year_page
from feeds.article_page import render_article_page
from feeds.feed_page import render_feed_page
from feeds.issue_page import render_issue_page
from feeds.issues import IssueView, PaperShelf, PrintedPage, article_navs
from feeds.model import Credit, FeedEntry
from feeds.pages import render_index
from tests.unit.feeds.feedsamples import BASE_URL, at, entry, spec

DAY = dt.date(2024, 5, 1)


def _story(key: str, title: str, **overrides: object) -> FeedEntry:
    values: dict[str, object] = {"page_path": f"articles/2024/05/01/{key}.html", "kicker": None}
    values.update(overrides)
    return entry(id=key, title=title, **values)


FRONT = PrintedPage(1, "要闻", (_story("a", "新桥通车"), _story("b", "秋粮入库")), "p1")
CITY = PrintedPage(5, "城市", (_story("c", "公园开放", kicker="民生<b>"),), "p5")
CAPTION = ("游客在古镇老街游览。摄影 魏国伟",)  # photo news: a caption, no headline
LOOSE = PrintedPage(None, "图片新闻", (_story("d", " ", subtitle=None, paragraphs=CAPTION),), "f1")
ISSUE = IssueView("青河日报", "qing-he-ri-bao", DAY, (FRONT, CITY, LOOSE))


def _parse(data: bytes) -> html.HtmlElement:
    root = html.document_fromstring(data)
    assert root.findall(".//script") == []
    return root


def test_issue_page_lists_pages_and_articles_in_print_order() -> None:
    data = render_issue_page(ISSUE, base_url=BASE_URL, site_title="卫东日报")
    root = _parse(data)
    assert root.findtext(".//h1") == "青河日报 2024年5月1日"
    pages = [(h.get("id"), h.text_content()) for h in root.iterfind(".//h2[@class='page']")]
    assert pages == [("p1", "第01版：要闻"), ("p5", "第05版：城市"), ("f1", "图片新闻")]
    row = [a.get("href") for a in root.iterfind(".//nav[@class='pages']//a")]
    assert row == [f"{BASE_URL}/issues/qing-he-ri-bao/2024-05-01.html#{a}" for a in
                   ("p1", "p5", "f1")]  # fmt: skip
    titles = [a.text_content() for a in root.iterfind(".//ul[@class='toc']//a")]
    assert titles == ["新桥通车", "秋粮入库", "公园开放", "游客在古镇老街游览…"]
    assert "（无标题）" not in data.decode() and "第00版" not in data.decode()
    assert root.find(".//span[@class='kicker']").text == "民生<b>"  # escaped, shown as text
    steps = [a.get("href") for a in root.iterfind(".//nav[@class='steps']/a")]
    assert steps == [f"{BASE_URL}/issues/qing-he-ri-bao/index.html"]  # no issue before, after
    feeds = [link.get("href") for link in root.iterfind(".//head/link[@rel='alternate']")]
    assert feeds[0] == f"{BASE_URL}/feeds/papers/qing-he-ri-bao.atom"
    assert render_issue_page(ISSUE, base_url=BASE_URL, site_title="卫东日报") == data


def test_article_pages_step_through_the_issue_across_pages() -> None:
    navs = article_navs(ISSUE)
    steps = {key: (n.previous and n.previous.title, n.next and n.next.title)
             for key, n in navs.items()}  # fmt: skip
    assert steps == {
        "a": (None, "秋粮入库"),
        "b": ("新桥通车", "公园开放"),
        "c": ("秋粮入库", "游客在古镇老街游览…"),
        "d": ("公园开放", None),
    }
    story = CITY.entries[0]
    root = _parse(
        render_article_page(story, base_url=BASE_URL, site_title="卫东日报", nav=navs["c"])
    )
    links = {a.get("rel") or a.get("class"): a.get("href") for a in
             root.iterfind(".//nav[@class='steps']/a")}  # fmt: skip
    assert links == {
        "prev": f"{BASE_URL}/articles/2024/05/01/b.html",
        "next": f"{BASE_URL}/articles/2024/05/01/d.html",
        "up": f"{BASE_URL}/issues/qing-he-ri-bao/2024-05-01.html#p5",
    }
    people = [a.get("href") for a in root.iterfind(".//p[@class='byline']/a")]
    assert people == []  # the sample's credits have no slug: names without a page
    with_slug = dataclasses.replace(story, credits=(Credit("王孟鹤", "reporter", "wang-menghe"),))
    root = _parse(render_article_page(with_slug, base_url=BASE_URL, site_title="t", nav=navs["c"]))
    assert root.find(".//p[@class='byline']/a").get("href") == f"{BASE_URL}/people/wang-menghe.html"


def test_archive_page_lists_the_years_and_shows_the_newest_by_month() -> None:
    days = (dt.date(2024, 6, 2), dt.date(2024, 5, 31), dt.date(2024, 5, 1), dt.date(2023, 1, 9))
    shelf = PaperShelf("青河日报", "qing-he-ri-bao", ISSUE, days)
    root = _parse(render_archive_page(shelf, base_url=BASE_URL, site_title="卫东日报"))
    years = root.iterfind(".//nav[@aria-label='年份']//a")
    assert [(a.text, a.get("href").rsplit("/", 1)[1]) for a in years] == [
        ("2024年（3 期）", "2024.html"), ("2023年（1 期）", "2023.html"),
    ]  # fmt: skip
    assert [h.text for h in root.iterfind(".//h2")] == ["2024年6月", "2024年5月"]
    hrefs = [a.get("href").rsplit("/", 1)[1] for a in root.iterfind(".//ul[@class='days']//a")]
    assert hrefs == ["2024-06-02.html", "2024-05-01.html", "2024-05-31.html"]
    older = _parse(render_year_page(shelf, 2023, base_url=BASE_URL, site_title="卫东日报"))
    assert [h.text for h in older.iterfind(".//h2")] == ["2023年1月"]
    assert older.find(".//link[@rel='canonical']").get("href").endswith("/2023.html")


def test_index_shows_each_papers_newest_issue_then_the_feeds() -> None:
    shelf = PaperShelf("青河日报", "qing-he-ri-bao", ISSUE, (DAY,))
    feed = spec(entry(), count=3)
    root = _parse(render_index([feed], base_url=BASE_URL, title="卫东日报", shelves=[shelf]))
    block = root.find(".//section[@class='paper']")
    assert "青河日报" in block.findtext(".//h2/a") and block.find(".//time").text == "2024年5月1日"
    assert [h.text_content() for h in block.iterfind(".//h3")] == [
        "第01版：要闻", "第05版：城市", "图片新闻",
    ]  # fmt: skip
    assert "新桥通车" in block.text_content()
    archive = [a for a in block.iterfind(".//a") if a.text_content().startswith("往期")]
    assert archive[0].get("href") == f"{BASE_URL}/issues/qing-he-ri-bao/index.html"
    assert [h.text_content() for h in root.iterfind(".//h2")][-2:] == ["订阅源", "全部"]
    assert root.find(".//head/link[@rel='alternate']").get("href") == f"{BASE_URL}/feeds/all.atom"


def test_person_page_says_the_roles_and_their_counts() -> None:
    person = spec(
        entry(), path="people/wang-menghe", kind="person", title="王孟鹤 · 青河日报",
        count=15, roles=(("reporter", 12), ("photographer", 3)),
    )  # fmt: skip
    root = _parse(render_feed_page(person, base_url=BASE_URL, site_title="卫东日报"))
    assert root.findtext(".//p[@class='roles']") == "署名：记者 12 篇 · 摄影 3 篇"
    assert "（共 15 篇）" in root.text_content()


def test_a_numbered_page_without_a_section_name_keeps_its_number() -> None:
    late = _story("z", "夜间新闻", published=at(1, 23))
    issue = IssueView("青河日报", "qing-he-ri-bao", DAY, (PrintedPage(2, "", (late,), "p2"),))
    root = _parse(render_issue_page(issue, base_url=BASE_URL, site_title="t"))
    assert root.findtext(".//h2[@class='page']") == "第02版"


def test_an_issue_page_links_the_issues_before_and_after_it() -> None:
    issue = dataclasses.replace(
        ISSUE, previous_day=dt.date(2024, 4, 30), next_day=dt.date(2024, 5, 3)
    )
    root = _parse(render_issue_page(issue, base_url=BASE_URL, site_title="t"))
    steps = {a.get("class"): (a.get("href"), a.text_content()) for a in
             root.iterfind(".//nav[@class='steps']/a")}  # fmt: skip
    assert steps == {
        "prev": (f"{BASE_URL}/issues/qing-he-ri-bao/2024-04-30.html", "前一期2024年4月30日"),
        "next": (f"{BASE_URL}/issues/qing-he-ri-bao/2024-05-03.html", "后一期2024年5月3日"),
        "up": (f"{BASE_URL}/issues/qing-he-ri-bao/index.html", "全部往期"),
    }
