"""A picture's caption with no mark, one short sentence between a head and its dateline
(`…果园课堂` / `专家在果园里指导修剪。` / `青河日报消息 …`): the article's first paragraph, and
the head is the article's, not an item of its own."""

from __future__ import annotations

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue


def test_one_sentence_caption_between_head_and_dateline() -> None:
    text = (
        "渡口新添候船亭\n\n候船亭里坐满了等船的村民。\n\n"
        "本报讯（记者 闵小禾）白沙渡口的候船亭昨日投用。\n"
    )
    issue = parse_issue(text)
    [article] = issue.articles
    assert (article.headline, article.dateline, article.kind) == (
        "渡口新添候船亭",
        "本报讯",
        "news",
    )
    assert article.paragraphs[0] == "候船亭里坐满了等船的村民。"
    assert article.reporters == ("闵小禾",)
    assert_nothing_lost(text, issue)


def test_headline_line_ending_with_exclamation_stays_in_the_head() -> None:
    text = "全民健身\n\n一起来运动吧！\n\n本报讯（记者 柯望川）市体育中心昨起免费开放。\n"
    issue = parse_issue(text)
    [article] = issue.articles
    assert (article.kicker, article.headline) == ("全民健身", "一起来运动吧！")
    assert article.paragraphs == ("市体育中心昨起免费开放。",)
