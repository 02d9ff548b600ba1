"""A reporter's rank before the role, a credit line for the whole page, and a box-marked
writer run into a text that opens with a figure."""

from __future__ import annotations

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue

TEXT = "昨日上午，一架货运飞机降落青河新港机场。\n"


def test_bare_names_before_a_ranked_reporter_are_all_reporters() -> None:
    page = f"货运机降落新港\n松报讯(柯立川 韦方 星级记者 杜明) {TEXT}"
    issue = parse_issue(page)
    assert issue.articles[0].reporters == ("柯立川", "韦方", "杜明")
    assert_nothing_lost(page, issue)


def test_a_senior_rank_is_no_name() -> None:
    (article,) = parse_issue(f"货运机降落新港\n本报讯(高级记者 杜明) {TEXT}").articles
    assert article.reporters == ("杜明",)


def test_a_whole_page_credit_line_credits_the_first_item() -> None:
    page = f"本版文/图 本报记者 柯雨桐(除署名外)\n{TEXT}"
    issue = parse_issue(page)
    (article,) = issue.articles
    assert (article.headline, article.reporters) == ("", ("柯雨桐",))
    assert article.photographers == ("柯雨桐",)
    assert_nothing_lost(page, issue)


def test_a_box_marked_writer_run_into_a_dated_text() -> None:
    page = "□柯望川 30年前，青河晚报创刊的那个秋天，我刚从师范学校毕业，在城郊教书。\n"
    (article,) = parse_issue(page).articles
    assert article.reporters == ("柯望川",)
    assert article.paragraphs[0].startswith("30年前")
