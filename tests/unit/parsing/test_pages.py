"""Page header lines: number and section in every printed form."""

from __future__ import annotations

import pytest

from worker.parsing import parse_issue
from worker.parsing.pages import PageHeader, parse_page_header


@pytest.mark.parametrize(
    ("line", "number", "section"),
    [
        ("第05版：卫东新闻", 5, "卫东新闻"),
        ("A05版 要闻", 5, "要闻"),
        ("05版：要闻", 5, "要闻"),
        ("【第2版】", 2, None),
        ("=== 第2版 社会 ===", 2, "社会"),
        ("第十二版 文化", 12, "文化"),
        ("【第3版 体育】", 3, "体育"),
    ],
)
def test_header_forms(line: str, number: int, section: str | None) -> None:
    assert parse_page_header(line) == PageHeader(number, section)


@pytest.mark.parametrize("line", ["第5版刊登了很多新闻内容", "第0版", "本版共刊登五篇稿件"])
def test_lines_that_mention_pages_are_not_headers(line: str) -> None:
    assert parse_page_header(line) is None


def test_header_sets_page_and_section_of_articles() -> None:
    text = (
        "第01版：要闻\n\n标题甲\n\n本报讯（记者王孟鹤）正文。\n\n"
        "第02版：社会\n\n标题乙\n\n本报讯（记者赵炎）正文。"
    )
    issue = parse_issue(text)
    assert [(a.page, a.section) for a in issue.articles] == [(1, "要闻"), (2, "社会")]
    assert [(p.number, p.section) for p in issue.pages] == [(1, "要闻"), (2, "社会")]


def test_front_matter_section_and_default_section_fill_pages_without_one() -> None:
    assert (
        parse_issue("【第2版】\n\n标题\n\n本报讯（记者王孟鹤）正文。", default_section="要闻")
        .pages[0]
        .section
        == "要闻"
    )
