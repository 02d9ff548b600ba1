"""A byline in corner brackets opening the text (`【松江晚报特约记者 X】…`), its name's surname
off the table: the reporter, not a column's tag."""

from __future__ import annotations

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue
from worker.parsing.bylines import parse_lead


def test_paper_named_role_in_a_frame_credits_a_name_off_the_table() -> None:
    got = parse_lead("【松江晚报特约记者 仉远舟】东岸港夜航首月运货两万余箱。")
    assert got is not None
    assert (got.dateline, got.credits.reporters, got.printed, got.rest) == (
        None,
        ("仉远舟",),
        "【松江晚报特约记者 仉远舟】",
        "东岸港夜航首月运货两万余箱。",
    )


def test_staff_and_plain_roles_in_a_frame() -> None:
    staff = parse_lead("【本报记者 柯望川】北岭山区昨天通了公交。")
    both = parse_lead("【记者 闵小禾 韦立】北岭山区昨天通了公交。")
    assert staff is not None and staff.credits.reporters == ("柯望川",)
    assert both is not None and both.credits.reporters == ("闵小禾", "韦立")


def test_column_tags_in_a_frame_stay_no_byline() -> None:
    # The tag's word glued to the role word, or set off over a head instead of text.
    assert parse_lead("【记者手记】昨天，青河镇的村民聚在一起商量修路的事。") is None
    assert parse_lead("【记者 手记】让我抢到了话筒") is None


def test_framed_byline_opens_the_article() -> None:
    text = (
        "东岸港夜航首月运货两万箱\n\n"
        "【松江晚报特约记者 仉远舟】东岸港夜间航线开通满一个月，首月运货两万余箱。\n\n"
        "港务部门负责人说，夜航让码头松了一口气。\n"
    )
    issue = parse_issue(text)
    [article] = issue.articles
    assert article.reporters == ("仉远舟",)
    assert article.kind == "news"
    assert article.paragraphs[0] == "东岸港夜间航线开通满一个月，首月运货两万余箱。"
    assert_nothing_lost(text, issue)
