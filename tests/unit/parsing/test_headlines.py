"""Headline groups: kicker, headline, subtitle, two-line headlines, and what is not a headline."""

from __future__ import annotations

import pytest

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue
from worker.parsing.headlines import build_group, is_headline_line

DATELINE = "本报讯（记者王孟鹤）正文。"


def first(text: str) -> tuple[str | None, str, str | None]:
    article = parse_issue(text).articles[0]
    return article.kicker, article.headline, article.subtitle


def test_one_line_is_the_headline() -> None:
    assert first(f"卫东区开展慰问活动\n\n{DATELINE}") == (None, "卫东区开展慰问活动", None)


def test_two_lines_are_kicker_and_headline() -> None:
    text = f"汇聚共识 同心奋进\n\n青河区委中心组专题学习\n\n{DATELINE}"
    assert first(text) == ("汇聚共识 同心奋进", "青河区委中心组专题学习", None)


def test_second_line_with_dashes_is_a_subtitle() -> None:
    text = f"老街区焕新颜\n——城南历史街区改造见闻\n{DATELINE}"
    assert first(text) == (None, "老街区焕新颜", "城南历史街区改造见闻")


def test_three_lines_are_kicker_headline_subtitle() -> None:
    text = f"引题在此\n\n主题在此\n\n——副题在此\n\n{DATELINE}"
    assert first(text) == ("引题在此", "主题在此", "副题在此")


def test_kicker_may_end_with_dashes() -> None:
    text = f"冬季供暖准备就绪——\n全市供热管网完成检修\n\n{DATELINE}"
    assert first(text) == ("冬季供暖准备就绪", "全市供热管网完成检修", None)


def test_headline_printed_on_two_lines_is_one_headline() -> None:
    text = f"“家门口”的\n好学校越来越多\n\n{DATELINE}"
    assert first(text) == (None, "“家门口”的好学校越来越多", None)


def test_unclosed_quote_continues_on_next_line() -> None:
    assert build_group(["新区“家门口", "好学校”越来越多"]).headline == "新区“家门口好学校”越来越多"


def test_comma_fragment_is_not_a_headline() -> None:
    assert not is_headline_line("在前期走访摸底的基础上，青河区组")


def test_sentence_is_not_a_headline() -> None:
    assert not is_headline_line("会议传达学习了市两会精神。")


def test_long_line_is_not_a_headline() -> None:
    assert not is_headline_line("很" * 60)


def test_short_exclamation_can_be_a_headline() -> None:
    assert is_headline_line("加油！武汉")


def test_dashes_are_kept_as_markup_not_lost() -> None:
    issue = parse_issue(f"老街区焕新颜\n——城南见闻\n{DATELINE}")
    assert "——" in [m.text for m in issue.markup]


def test_kicker_two_line_headline_and_subtitle_make_four_lines() -> None:
    text = f"引题在此\n“家门口”的\n好学校越来越多\n——副题在此\n{DATELINE}"
    assert first(text) == ("引题在此", "“家门口”的好学校越来越多", "副题在此")


def test_unindented_line_in_indented_file_starts_photo_news() -> None:
    text = (
        "标题甲\n　　本报讯（记者王孟鹤）第一段。\n　　第二段。\n"
        "雪后青河湾\n　　市民在雪后的公园散步。\n"
    )
    articles = parse_issue(text).articles
    assert [(a.headline, a.kind) for a in articles] == [("标题甲", "news"), ("雪后青河湾", "photo")]


def test_kicker_with_parallel_parts_is_never_joined_to_the_headline() -> None:
    group = build_group(["改革向前 民生向暖", "全市开展入户走访"])
    assert (group.kicker, group.headline) == ("改革向前 民生向暖", "全市开展入户走访")


def test_quoted_or_tagged_line_is_a_kicker() -> None:
    assert build_group(["“菜篮子”拎起来", "全市新建十个农贸市场"]).kicker == "“菜篮子”拎起来"
    assert build_group(["【新春走基层】", "车间里的年夜饭"]).kicker == "【新春走基层】"


def test_very_short_second_line_finishes_the_first() -> None:
    group = build_group(["全市集中供热管网完成", "检修"])
    assert (group.kicker, group.headline) == (None, "全市集中供热管网完成检修")


def test_line_starting_with_a_particle_finishes_a_quoted_line() -> None:
    assert build_group(["“家门口”", "的好学校越来越多"]).headline == "“家门口”的好学校越来越多"


def test_two_balanced_phrases_under_a_kicker_are_one_headline() -> None:
    group = build_group(["春耕时节走田头 看新农人如何种地", "农机下田不误时", "良种入土保丰收"])
    assert group.kicker == "春耕时节走田头 看新农人如何种地"
    assert group.headline == "农机下田不误时 良种入土保丰收"
    assert group.subtitle is None


def test_longer_third_line_stays_a_subtitle() -> None:
    group = build_group(["春耕时节走田头", "农机下田不误时", "全县三万亩早稻完成机插秧"])
    assert (group.headline, group.subtitle) == ("农机下田不误时", "全县三万亩早稻完成机插秧")


@pytest.mark.parametrize("text", ["（一）", "(三)", "二、", "十一"])
def test_part_numbers_alone_are_not_headline_lines(text: str) -> None:
    assert not is_headline_line(text)


def test_a_long_line_of_clauses_under_a_short_head_is_its_subtitle() -> None:
    head = "渡口换新颜\n\n全县今年改造渡口十二处，两岸群众出行更方便了\n\n"
    assert first(f"{head}{DATELINE}") == (
        None,
        "渡口换新颜",
        "全县今年改造渡口十二处，两岸群众出行更方便了",
    )
    # Closed by an own-line byline instead of a dateline, the same.
    got = first(f"{head}本报记者 柯望川\n\n昨日，最后一处渡口完工。\n")
    assert got[1:] == ("渡口换新颜", "全县今年改造渡口十二处，两岸群众出行更方便了")


@pytest.mark.parametrize(
    "lines",
    [
        ["乡村振兴进行时", "白沙村：一条新路，富了一村人"],  # the headline is short
        ["渡口换新颜", "全县今年改造渡口十二处 两岸群众出行更方便了"],  # no clause mark
        ["冬季供暖准备就绪——", "全市二十个供热站完成检修，本周起开始试运行供暖"],  # a marked kicker
        ["青河县交通运输局局长柯望川：", "全县今年改造渡口十二处，两岸群众出行更方便了"],
    ],
)
def test_two_lines_without_that_shape_stay_kicker_and_headline(lines: list[str]) -> None:
    group = build_group(lines)
    assert group.kicker is not None and group.subtitle is None


def test_a_series_label_joined_by_a_bar_over_a_head_is_no_kicker() -> None:
    text = (
        "百年老街丨我家门前\n\n巷口的修鞋摊\n\n■岑一鸣\n\n"
        "老街巷口的修鞋摊摆了四十年，街坊的鞋坏了都往这儿送。\n"
    )
    issue = parse_issue(text)
    (article,) = issue.articles
    assert (article.kicker, article.headline) == (None, "巷口的修鞋摊")
    assert_nothing_lost(text, issue)


def test_a_bar_line_alone_over_the_text_stays_the_headline() -> None:
    text = "图集丨花灯照亮古城夜\n\n市民在南门城楼下观赏花灯。(记者 钟岚 摄)\n"
    (article,) = parse_issue(text).articles
    assert article.headline == "图集丨花灯照亮古城夜"
