"""A corner-bracket summary opening a web story's text, under its head."""

from __future__ import annotations

from worker.parsing import parse_issue
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
