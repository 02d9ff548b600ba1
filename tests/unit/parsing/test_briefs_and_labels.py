"""Briefs closed by credit lines, page labels in more forms, and small byline marks."""

from __future__ import annotations

from worker.parsing import parse_issue
from worker.parsing.name_lines import parse_name_line
from worker.parsing.pages import PageHeader, parse_page_header
from worker.parsing.tails import parse_tail


def test_each_credit_line_closes_one_brief() -> None:
    text = "甲村修好了村道。\n\n（林一）\n\n乙村建起了文化室。\n\n（记者 王二 通讯员 赵三）\n"
    first, second = parse_issue(text).articles
    assert (first.reporters, first.paragraphs) == (("林一",), ("甲村修好了村道。",))
    assert (second.reporters, second.correspondents) == (("王二",), ("赵三",))
    assert second.paragraphs == ("乙村建起了文化室。",)


def test_a_column_name_over_briefs_is_no_headline() -> None:
    text = "工会简报\n\n△甲厂举办书画展。\n\n（林一）\n\n△乙厂举办技能赛。\n\n（王二）\n"
    articles = parse_issue(text).articles
    assert [a.headline for a in articles] == ["", ""]
    assert [a.reporters for a in articles] == [("林一",), ("王二",)]


def test_a_bracketed_body_alone_on_its_line_credits_that_body() -> None:
    tail = parse_tail("（青河县总工会）")
    assert tail is not None and tail.credits.others == ("青河县总工会",)
    assert parse_tail("（下转第二版）") is None


def test_a_stray_mark_after_the_closing_bracket_keeps_the_credit() -> None:
    tail = parse_tail("…的特点。 (林小川)?")
    assert tail is not None
    assert (tail.credits.unstated, tail.printed) == (("林小川",), "(林小川)?")


def test_a_name_marked_as_an_intern() -> None:
    lead = parse_name_line("郑一帆  闵小禾(实习)")
    assert lead is not None
    assert (lead.credits.unstated, lead.credits.interns) == (("郑一帆",), ("闵小禾",))


def test_page_labels_with_issue_numbers_edition_codes_and_english() -> None:
    assert parse_page_header("第8123期:第01版 首版") == PageHeader(1, "首版")
    assert parse_page_header("总第2417期 : 第04版 本版：综合") == PageHeader(4, "综合")
    assert parse_page_header("A-06 城事") == PageHeader(6, "城事")
    assert parse_page_header("【B08】体育") == PageHeader(8, "体育")
    assert parse_page_header("issue 88 : page 09 section") == PageHeader(9, "section")
    assert parse_page_header("iPhone 12") is None


def test_two_line_label_with_the_number_first() -> None:
    issue = parse_issue("3\n要闻\n\n青河大桥通车\n\n本报讯（记者 王川）昨日，青河大桥通车。\n")
    assert [(p.number, p.section) for p in issue.pages] == [(3, "要闻")]
    assert issue.articles[0].kicker is None


def test_a_section_name_over_the_first_headline_is_no_kicker() -> None:
    issue = parse_issue("综合新闻\n\n青河大桥通车\n\n本报讯（记者 王川）昨日，青河大桥通车。\n")
    assert (issue.articles[0].kicker, issue.articles[0].headline) == (None, "青河大桥通车")
    assert any(fragment.text == "综合新闻" for fragment in issue.markup)


def test_a_bracketed_name_under_a_headline_opens_its_story() -> None:
    text = "青河大桥今日通车\n\n（王芳）\n\n昨日，青河大桥正式通车。\n\n两岸群众出行更方便了。\n"
    (article,) = parse_issue(text).articles
    assert (article.headline, article.reporters) == ("青河大桥今日通车", ("王芳",))
    assert len(article.paragraphs) == 2


def test_an_end_mark_after_the_credit_keeps_the_credit() -> None:
    tail = parse_tail("…改造完成。（李小明）■")
    assert tail is not None
    assert (tail.credits.unstated, tail.printed) == (("李小明",), "（李小明）■")
    assert tail.rest == "…改造完成。"


def test_prose_with_its_own_credit_line_after_a_credited_story_is_a_brief() -> None:
    text = "青河大桥通车\n\n昨日，青河大桥通车。（李小明）\n\n南岭镇举办运动会。\n\n（王芳）\n"
    story, brief = parse_issue(text).articles
    assert (story.reporters, story.paragraphs) == (("李小明",), ("昨日，青河大桥通车。",))
    assert (brief.headline, brief.reporters) == ("", ("王芳",))


def test_two_line_label_set_apart_by_a_blank_line() -> None:
    issue = parse_issue("要闻\n\n3\n\n青河大桥通车\n\n本报讯（记者 王川）昨日，青河大桥通车。\n")
    assert [(p.number, p.section) for p in issue.pages] == [(3, "要闻")]
    assert (issue.articles[0].kicker, issue.articles[0].headline) == (None, "青河大桥通车")


def test_a_coded_label_with_the_issue_number_after_its_section() -> None:
    assert parse_page_header("B3:要闻*专版总第2210期 >2020-05-06编印") == PageHeader(3, "要闻")
    assert parse_page_header("GDP增长2019-01-01") is None


def test_column_name_over_bulleted_heads_is_no_kicker() -> None:
    text = (
        "县域快讯\n\n■湖西镇新修便民桥\n\n本报讯（记者 柯远帆）便民桥完工。\n\n桥面加宽。\n\n"
        "■湖东街道开办老年食堂\n\n本报讯（记者 宓晓川）老年食堂开张。\n\n老人满意。"
    )
    articles = parse_issue(text).articles
    assert [(a.kicker, a.headline) for a in articles] == [
        (None, "湖西镇新修便民桥"),
        (None, "湖东街道开办老年食堂"),
    ]


def test_short_kicker_over_an_article_of_several_paragraphs_stays() -> None:
    text = (
        "稳中求进\n\n全县经济运行平稳\n\n本报讯（记者 柯远帆）前三季度全县经济平稳。\n\n"
        "工业增长较快。\n\n湖西镇新修便民桥\n\n本报讯（记者 宓晓川）便民桥完工。"
    )
    articles = parse_issue(text).articles
    assert (articles[0].kicker, articles[0].headline) == ("稳中求进", "全县经济运行平稳")
