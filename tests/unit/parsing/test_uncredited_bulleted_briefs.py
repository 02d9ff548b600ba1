"""A column's name over bulleted briefs that credit no one (`要闻简报` / `◆…。` / `◆…。`): one
article under that name; credited briefs, headed items and a story's own points stay apart."""

from __future__ import annotations

import pytest

from worker.parsing import parse_issue

BRIEFS = ("{m}4月1日,临溪县部署春季护林工作。", "{m}4月2日,县里的人大代表视察了三所学校。")


def _column(mark: str, name: str = "要闻简报", after: str = "") -> str:
    briefs = "\n\n".join("   " + brief.format(m=mark) for brief in BRIEFS)
    return f"2051 期 / 第3版:3\n\n{name}\n\n{briefs}\n{after}"


@pytest.mark.parametrize("mark", ["◆", "●", "■", "▲"])
def test_uncredited_briefs_under_a_column_name_are_one_article(mark: str) -> None:
    issue = parse_issue(_column(mark))
    (article,) = issue.articles
    assert (article.headline, article.kind, article.kicker) == ("要闻简报", "news", None)
    assert article.paragraphs == tuple(brief.format(m=mark) for brief in BRIEFS)
    assert all(f.text != "要闻简报" for f in issue.markup)


def test_the_column_ends_at_the_next_headed_story() -> None:
    after = "\n白沙镇新建便民桥\n\n本报讯（通讯员 贝小禾）白沙镇的便民桥日前通行。\n"
    column, story = parse_issue(_column("◆", after=after)).articles
    assert (column.headline, len(column.paragraphs)) == ("要闻简报", 2)
    assert (story.headline, story.correspondents) == ("白沙镇新建便民桥", ("贝小禾",))


def test_briefs_each_with_its_byline_stay_items_of_their_own() -> None:
    text = "要闻简报\n\n◆甲村修好了村道。（记者 林一）\n\n◆乙村建起了文化室。（通讯员 王二）\n"
    first, second = parse_issue(text).articles
    assert (first.headline, first.reporters) == ("", ("林一",))
    assert (second.headline, second.correspondents) == ("", ("王二",))


def test_one_credited_brief_keeps_the_column_apart() -> None:
    text = "要闻简报\n\n◆甲村修好了村道。\n\n◆乙村建起了文化室。\n\n◆丙村通了公交。（记者 林一）\n"
    articles = parse_issue(text).articles
    assert [a.headline for a in articles] == ["", "", ""]
    assert articles[-1].reporters == ("林一",)


def test_a_column_name_over_headed_items_is_no_headline() -> None:
    text = (
        "要闻简报\n\n■新区建成三座口袋公园\n\n本报讯（记者 柯立）新区建成三座口袋公园。\n\n"
        "■青河大桥完成检修\n\n本报讯（记者 王川）青河大桥完成年度检修。\n"
    )
    issue = parse_issue(text)
    assert [(a.kicker, a.headline) for a in issue.articles] == [
        (None, "新区建成三座口袋公园"),
        (None, "青河大桥完成检修"),
    ]
    assert [f.text for f in issue.markup if f.text == "要闻简报"] == ["要闻简报"]


def test_bulleted_paragraphs_with_no_name_over_them_get_no_headline() -> None:
    text = "◆城东种下一万株樟树。\n\n◆城西种下两万株桂树。\n\n◆城北种下两万株柳树。\n"
    articles = parse_issue(text).articles
    assert [a.headline for a in articles] == ["", "", ""]
    assert [a.paragraphs for a in articles] == [
        ("◆城东种下一万株樟树。",),
        ("◆城西种下两万株桂树。",),
        ("◆城北种下两万株柳树。",),
    ]


def test_a_subhead_and_its_points_inside_a_story_stay_its_text() -> None:
    text = (
        "临溪县部署防汛\n\n本报讯（记者 柯望川）临溪县部署今年的防汛工作。\n\n重点任务\n\n"
        "◆加固沿河堤防十二处。\n\n◆备足冲锋舟等物资。\n\n会议还通报了去年的汛情。\n"
    )
    (article,) = parse_issue(text).articles
    assert article.paragraphs == (
        "临溪县部署今年的防汛工作。",
        "重点任务",
        "◆加固沿河堤防十二处。",
        "◆备足冲锋舟等物资。",
        "会议还通报了去年的汛情。",
    )
