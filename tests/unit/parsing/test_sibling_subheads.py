"""Subheads inside a story: a short one vouches for a longer one later in the same item, while
a longer unpunctuated block with no subhead before it still reads as a paragraph a column cut."""

from __future__ import annotations

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue

_HEAD = "老街改造进入收尾阶段\n\n本报讯（记者 柯望川）老街改造工程已完成九成。\n\n"


def test_longer_subhead_after_a_short_one_stands_apart() -> None:
    text = _HEAD + (
        "铺路先行\n\n青石板路面上月全部铺完。\n\n"
        "沿街二十六家老字号商铺下月陆续回迁\n\n商户们已在清点旧招牌。\n"
    )
    issue = parse_issue(text)
    [article] = issue.articles
    assert article.paragraphs[1:] == (
        "铺路先行",
        "青石板路面上月全部铺完。",
        "沿街二十六家老字号商铺下月陆续回迁",
        "商户们已在清点旧招牌。",
    )
    assert_nothing_lost(text, issue)


def test_longer_block_without_an_earlier_subhead_joins_the_next() -> None:
    text = (
        _HEAD + "青石板路面上月全部铺完。\n\n沿街二十六家老字号商铺将于下月陆续回\n\n迁到原址。\n"
    )
    issue = parse_issue(text)
    [article] = issue.articles
    assert article.paragraphs[-1] == "沿街二十六家老字号商铺将于下月陆续回迁到原址。"
    assert_nothing_lost(text, issue)
