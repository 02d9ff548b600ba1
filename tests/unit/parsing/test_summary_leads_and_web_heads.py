"""A corner-bracket summary opening a web story's text under its head, and a web copy's title
of clauses over its text."""

from __future__ import annotations

from worker.parsing import parse_issue
from worker.parsing.portal import mark_web_title
from worker.parsing.units import Unit

_NEWS = "据通报，今日上午，松岭东站扩建工程通过验收，新站房将于下月启用。"
_SUMMARY = f"【松岭东站扩建完工 新站房下月启用】{_NEWS}"


def test_corner_bracket_summary_under_a_head_is_the_first_paragraph() -> None:
    text = (
        f"松岭东站扩建工程今日完工\n\n{_SUMMARY}\n\n"
        "据介绍，扩建后的东站共有六个站台，每天可接发列车一百余趟，比原来多出一倍。\n"
    )
    (article,) = parse_issue(text).articles
    assert article.headline == "松岭东站扩建工程今日完工"
    assert article.paragraphs[0] == _SUMMARY


def test_space_inside_a_frame_ends_no_run_in_head() -> None:
    assert Unit.read(1, _SUMMARY).runin == 0
    assert Unit.read(
        1, "东站扩建完工 据通报，今日上午，松岭东站扩建工程通过验收，新站房将于下月启用。"
    ).runin


_PROSE = (
    "5月2日晚，两名男子翻越湖边护栏夜钓，被巡逻民警发现后各处罚款五百元，"
    "景区随后在湖边加装了夜间照明和提示牌，并增派了夜间巡逻的保安。"
)


def test_web_title_of_clauses_over_prose_is_the_headline() -> None:
    title = "湖边夜钓？两男子翻越护栏，被罚款五百元"
    (article,) = parse_issue(f"{title}\n\n{_PROSE}\n\n{_PROSE}\n").articles
    assert article.headline == title
    assert article.paragraphs == (_PROSE, _PROSE)


def test_first_line_ending_a_sentence_stays_text() -> None:
    lead = "昨晚，两男子翻越护栏夜钓，被罚款五百元。"
    (article,) = parse_issue(f"{lead}\n\n{_PROSE}\n").articles
    assert not article.headline
    assert article.paragraphs[0] == lead


def test_clauses_over_a_short_line_are_no_web_title() -> None:
    units = mark_web_title(
        [Unit.read(1, "湖边夜钓？两男子翻越护栏，被罚款五百元"), Unit.read(3, "记者 柯远帆")]
    )
    assert not units[0].candidate
