"""A web copy's title made from its first brief's opening, over credited bulleted briefs."""

from __future__ import annotations

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue
from worker.parsing.columns import repeats_opening

PAGE = (
    "月日上午临溪镇召开秋收工作调度会\n\n镇里快讯\n\n"
    "●9月3日上午,临溪镇召开秋收工作调度会,部署抢收晾晒。(记者柯 岚)\n\n"
    "●9月3日,镇农技站到南湾村查看稻田长势,提出三条意见。 (岑一禾)\n\n"
    "●镇文化站日前在北坡村新开阅览室。\n\n(易 青)\n"
)


def test_the_title_heads_the_first_brief_and_the_tag_is_markup() -> None:
    issue = parse_issue(PAGE)
    first, second, third = issue.articles
    assert (first.headline, first.kicker, first.reporters) == (
        "月日上午临溪镇召开秋收工作调度会",
        None,
        ("柯岚",),
    )
    assert (second.headline, second.reporters) == ("", ("岑一禾",))
    assert (third.headline, third.reporters) == ("", ("易青",))
    assert any(m.text == "镇里快讯" for m in issue.markup)
    assert_nothing_lost(PAGE, issue)


def test_a_title_must_repeat_the_opening_with_figures_dropped() -> None:
    assert repeats_opening("月日上午临溪镇召开秋收会", "●9月3日上午,临溪镇召开秋收会议,…。")
    assert not repeats_opening("临溪镇召开秋收会", "●9月3日上午,临溪镇召开秋收会议。")
    assert not repeats_opening("秋收", "秋收忙")
    assert not repeats_opening("月日上午临溪镇召开秋收会", "月日上午临溪镇召开秋收会")
