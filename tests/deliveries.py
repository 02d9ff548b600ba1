"""Deliveries as papers send them, for tests: one paper's page files of one day (no page
header: the page is in the file name), a correction of one page, a whole issue of the next
day, a second paper printing the same section names and a reporter of the same name, and
page files with neither date nor header. Texts written for these tests.

`expected_feeds` says which headlines each feed must hold after all of it; `read_chain`
reads a feed as a reader keeping archives does (the current document, then each
prev-archive page to the end)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import feedparser

QINGHE, HONGSHAN = "青河日报", "红山晚报"
DAY = dt.date(2025, 1, 2)
NEXT_DAY = dt.date(2025, 1, 3)
UNDATED_DAY = dt.date(2024, 6, 1)  # the undated files' modification time
# The page → section table of the first paper's source: its page files print no header.
QINGHE_PAGES = {1: "要闻", 2: "城市", 3: "文化", 4: "体育"}

Story = tuple[str, str]  # headline, reporter

PAGES: dict[int, list[Story]] = {
    1: [("青河新桥今日通车", "林晓"), ("全市秋粮入库过半", "王伟")],
    2: [("老城区管网改造开工", "周川"), ("市民公园扩建完工", "王伟"), ("社区食堂试运营", "赵敏")],
    3: [("青河博物馆新展开幕", "李娜")],
    4: [("青河马拉松报名启动", "王伟"), ("少年足球联赛收官", "周川")],
}
# The correction of page 2: one story's text changes, 社区食堂试运营 is gone (and with it
# the only article of 赵敏), 市民公园扩建完工 stays as it was.
CHANGED, WITHDRAWN = "老城区管网改造开工", "社区食堂试运营"
NEXT_DAY_ISSUE: dict[int, tuple[str, list[Story]]] = {
    1: ("要闻", [("青河大桥维修完成", "林晓")]),
    2: ("城市", [("城市夜市开张迎客", "王伟")]),
}
HONGSHAN_ISSUE: dict[int, tuple[str, list[Story]]] = {
    1: ("要闻", [("红山隧道全线贯通", "王伟")]),
    2: ("城市", [("红山公园免费开放", "张强")]),
}
# Names only: no date, no header; their page is in the name, their date a guess.
UNDATED: dict[str, list[Story]] = {
    "b01.txt": [("山区公路铺设完毕", "林晓"), ("冬季供暖提前启动", "李娜")],
    "b02.txt": [("菜篮子价格平稳", "周川"), ("夜校课程报名火热", "林晓")],
    "b03.txt": [("河道清淤工程收尾", "王伟")],
}
UNDATED_CHANGED = "菜篮子价格平稳"


def _story(headline: str, reporter: str, extra: str = "") -> list[str]:
    body = (
        f"本报讯（记者{reporter}）{headline}，这是关于{headline}的报道，"
        f"记者在现场看到了{headline}的全过程{extra}。"
    )
    return [headline, "", body, "", f"{headline}一事受到各方关注，相关工作仍在推进。", ""]


def page_file(page: int, *, corrected: bool = False) -> bytes:
    """The first paper's page file `page` of DAY, named `2025-01-02-p0N.txt`."""
    lines: list[str] = []
    for headline, reporter in PAGES[page]:
        if corrected and headline == WITHDRAWN:
            continue
        extra = "，更正后的数字为三千二百户" if corrected and headline == CHANGED else ""
        lines += _story(headline, reporter, extra)
    return "\n".join(lines).encode()


def page_name(page: int) -> str:
    return f"{DAY.isoformat()}-p{page:02d}.txt"


def whole_issue(paper: str, day: dt.date, pages: dict[int, tuple[str, list[Story]]]) -> bytes:
    """A whole issue in one file, with front matter and page headers."""
    lines = ["---", f"publication: {paper}", f"date: {day.isoformat()}", "---", ""]
    for number, (section, stories) in pages.items():
        lines += [f"第{number:02d}版：{section}", ""]
        for headline, reporter in stories:
            lines += _story(headline, reporter)
    return "\n".join(lines).encode()


def undated_file(name: str, *, corrected: bool = False) -> bytes:
    lines: list[str] = []
    for headline, reporter in UNDATED[name]:
        extra = "，菜价较上周回落一成" if corrected and headline == UNDATED_CHANGED else ""
        lines += _story(headline, reporter, extra)
    return "\n".join(lines).encode()


SOURCES_TOML = """
[[source]]
name = "qinghe"
kind = "drop"
path = "{home}/qinghe"
publication = "青河日报"
section = "要闻"
pages = {{ 1 = "要闻", 2 = "城市", 3 = "文化", 4 = "体育" }}

[[source]]
name = "hongshan"
kind = "drop"
path = "{home}/hongshan"
publication = "红山晚报"
section = "要闻"
"""


@dataclass(frozen=True)
class Feed:
    """A feed as the test knows it: kind, the section's or person's name, the paper."""

    kind: str  # all | paper | section | person
    name: str = ""
    paper: str = ""


def expected_feeds(*, undated: bool = True) -> dict[Feed, set[str]]:
    """Every feed's headlines once all of the deliveries above are in."""
    stories: list[tuple[str, str, str, str]] = []  # paper, section, headline, reporter
    for page, items in PAGES.items():
        for headline, reporter in items:
            if headline != WITHDRAWN:
                stories.append((QINGHE, QINGHE_PAGES[page], headline, reporter))
    for paper, pages in ((QINGHE, NEXT_DAY_ISSUE), (HONGSHAN, HONGSHAN_ISSUE)):
        for section, items in pages.values():
            stories += [(paper, section, headline, reporter) for headline, reporter in items]
    if undated:
        for name, items in UNDATED.items():
            section = QINGHE_PAGES[int(name[1:3])]
            stories += [(QINGHE, section, headline, reporter) for headline, reporter in items]
    feeds: dict[Feed, set[str]] = defaultdict(set)
    for paper, section, headline, reporter in stories:
        feeds[Feed("all")].add(headline)
        feeds[Feed("paper", paper=paper)].add(headline)
        feeds[Feed("section", section, paper)].add(headline)
        feeds[Feed("person", reporter, paper)].add(headline)
    feeds[Feed("person", "赵敏", QINGHE)] = set()  # withdrawn: the feed stays, empty
    return dict(feeds)


def feed_path(feed: Feed, slugs: dict[tuple[str, str, str], str]) -> str:
    """The feed's path; `slugs` maps (kind, name, paper) to the slug the database gave."""
    if feed.kind == "all":
        return "all"
    folder = {"paper": "papers", "section": "sections", "person": "people"}[feed.kind]
    return f"{folder}/{slugs[(feed.kind, feed.name, feed.paper)]}"


def read_chain(root: Path, base_url: str, path: str, extension: str = "atom") -> list[dict]:
    """The entries of a feed's current document and of every archive page it leads to,
    each page read by feedparser; a repeated entry stays repeated."""
    entries: list[dict] = []
    location: str | None = f"feeds/{path}.{extension}"
    seen: set[str] = set()
    while location is not None:
        assert location not in seen, f"{location} is reached twice"
        seen.add(location)
        parsed = feedparser.parse((root / location).read_bytes())
        assert parsed.bozo == 0, (location, parsed.get("bozo_exception"))
        entries.extend(parsed.entries)
        older = next(
            (link.href for link in parsed.feed.get("links", []) if link.rel == "prev-archive"),
            None,
        )
        location = older.removeprefix(base_url.rstrip("/") + "/") if older else None
    return entries
