"""A caption that says who stands where is never a head line, and a second paper's dateline
with its own writers under a dated item opens the next story."""

from __future__ import annotations

import pytest

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue
from worker.parsing.headlines import is_headline_line


@pytest.mark.parametrize(
    "text",
    ["李青(左)与村民在梨园里劳作", "青河村党支部书记（右二）在田间查看", "前排左三为老党员周平"],
)
def test_who_stands_where_is_a_caption_not_a_head(text: str) -> None:
    if "(" in text or "（" in text:
        assert not is_headline_line(text)
    else:
        assert is_headline_line(text)  # no bracket: a position word alone proves nothing


@pytest.mark.parametrize("text", ["左右为难", "向左走向右走", "左右逢源（上）"])
def test_left_and_right_in_a_head_stay_a_head(text: str) -> None:
    assert is_headline_line(text)


def test_a_position_caption_under_the_head_is_the_first_paragraph() -> None:
    caption = "李青(左)与村民在梨园里劳作"
    text = f"果农喜迎丰收\n\n{caption}\n\n金秋时节，梨园迎来丰收。\n\n记者 赵阳 文/图\n"
    issue = parse_issue(text)
    (article,) = issue.articles
    assert (article.kicker, article.headline) == (None, "果农喜迎丰收")
    assert article.paragraphs[0] == caption
    assert_nothing_lost(text, issue)


SECOND = (
    "本报讯（记者 钟小川）连日来，秋收进入高峰。\n\n"
    "本报讯（通讯员 柯南星）10月4日，县里召开会议。\n"
)


def test_a_second_dateline_with_its_own_writers_opens_the_next_story() -> None:
    issue = parse_issue(SECOND)
    first, second = issue.articles
    assert (first.reporters, first.correspondents) == (("钟小川",), ())
    assert (second.dateline, second.correspondents) == ("本报讯", ("柯南星",))
    assert second.paragraphs == ("10月4日，县里召开会议。",)
    assert_nothing_lost(SECOND, issue)


def test_youxun_still_continues_the_item() -> None:
    text = SECOND.replace("本报讯（通讯员", "又讯（通讯员")
    (article,) = parse_issue(text).articles
    assert article.correspondents == ("柯南星",)


def test_a_second_dateline_naming_nobody_stays_in_the_item() -> None:
    text = SECOND.replace("本报讯（通讯员 柯南星）", "本报讯 ")
    assert len(parse_issue(text).articles) == 1
