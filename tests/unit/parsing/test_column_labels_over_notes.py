"""A column's label over a head and an editor's note (`民生视点` / head / `编者按：…`): the
label is the kicker, the head the headline, the note the article's first paragraph."""

from __future__ import annotations

from worker.parsing import parse_issue
from worker.parsing.headlines import is_headline_line
from worker.parsing.subtitles import opens_note


def test_a_note_with_its_text_is_never_a_headline_line() -> None:
    assert opens_note("编者按：看病难常在夜里")
    assert opens_note("【编者按】看病难常在夜里")
    assert not is_headline_line("编者按：看病难常在夜里")
    assert not opens_note("编者按") and not opens_note("编者按：")


def test_short_note_between_the_head_and_the_dateline_is_text() -> None:
    issue = parse_issue(
        "民生视点\n\n白沙镇卫生院开设夜间门诊\n\n编者按：看病难常在夜里\n\n"
        "本报讯（记者 闵小禾）上月起，卫生院开设夜间门诊。\n\n"
        "乡村观察\n\n渡口村办起共享菜园\n\n本报讯（记者 韦立）渡口村把闲置地分成小块。"
    )
    first = issue.articles[0]
    assert (first.kicker, first.headline, first.subtitle) == (
        "民生视点",
        "白沙镇卫生院开设夜间门诊",
        None,
    )
    assert first.paragraphs[0] == "编者按：看病难常在夜里"
    assert first.dateline == "本报讯" and first.reporters == ("闵小禾",)
    assert [a.headline for a in issue.articles] == [
        "白沙镇卫生院开设夜间门诊",
        "渡口村办起共享菜园",
    ]


def test_note_label_alone_under_label_and_head_opens_the_text() -> None:
    issue = parse_issue(
        "乡村观察\n\n渡口村办起共享菜园\n\n编者按\n\n"
        "村里的闲置地怎么用？本报记者走访渡口村。\n\n渡口村把闲置地分成小块。\n\n（记者 韦立）"
    )
    article = issue.articles[0]
    assert (article.kicker, article.headline, article.subtitle) == (
        "乡村观察",
        "渡口村办起共享菜园",
        None,
    )
    assert article.paragraphs[:2] == ("编者按", "村里的闲置地怎么用？本报记者走访渡口村。")
    assert article.kind == "news" and article.reporters == ("韦立",)
