"""A repost's note of the printed title (`（原标题：…）`) under its own title, and a dateline
with its byline in one frame (`【青河时报报道 特约记者 X】`)."""

from __future__ import annotations

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue
from worker.parsing.bylines import parse_lead
from worker.parsing.headlines import is_headline_line, is_title_note, is_weak_headline_line


def test_framed_dateline_and_byline_open_the_text() -> None:
    got = parse_lead("【青河时报报道 特约记者 柯望川】东岸港本周起开通夜间航线。")
    assert got is not None
    assert (got.dateline, got.credits.reporters, got.rest) == (
        "青河时报报道",
        ("柯望川",),
        "东岸港本周起开通夜间航线。",
    )


def test_framed_site_dateline_with_reporter_and_correspondent() -> None:
    got = parse_lead("【青河网讯 记者 闵小禾 通讯员 韦立】昨天上午，")
    assert got is not None
    assert (got.dateline, got.credits.reporters, got.credits.correspondents) == (
        "青河网讯",
        ("闵小禾",),
        ("韦立",),
    )


def test_framed_words_without_a_role_are_no_byline() -> None:
    assert parse_lead("【青河时报报道 港口新闻】东岸港本周起开通夜间航线。") is None


def test_title_note_is_never_a_headline_line() -> None:
    for text in ("（原标题：夜航开通 两港货运再提速）", "原标题：夜航开通", "(原标题:夜航开通)"):
        assert is_title_note(text)
        assert not is_headline_line(text)
        assert not is_weak_headline_line(text)
    assert not is_title_note("原来的标题更长")


def test_title_and_caption_over_a_dateline_under_a_title_note() -> None:
    text = (
        "两座港口联手开通夜间航线\n\n（原标题：夜航开通 两港货运再提速）\n\n"
        "夜色中驶离码头的集装箱货轮\n\n"
        "本报讯（记者 柯望川）东岸港与西岸港本周起开通夜间集装箱航线。\n"
    )
    issue = parse_issue(text)
    [article] = issue.articles
    assert (article.kicker, article.headline, article.subtitle) == (
        None,
        "两座港口联手开通夜间航线",
        None,
    )
    assert article.paragraphs[:2] == (
        "（原标题：夜航开通 两港货运再提速）",
        "夜色中驶离码头的集装箱货轮",
    )
    assert article.reporters == ("柯望川",)
    assert_nothing_lost(text, issue)
