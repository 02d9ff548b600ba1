"""A short commentary signed by a dash and a name glued after its last sentence."""

from __future__ import annotations

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue
from worker.parsing.dashed_signoffs import dashed_name_tail

PAGE = (
    "路灯亮了\n\n老街新装了路灯，夜里回家的人不再摸黑。\n\n"
    "点评:小事办好了，人心就暖了。——柯禾\n\n"
    "桥修好了\n\n村口的石桥修好了，孩子们上学不用绕路。\n\n"
    "点评:修一座桥，通一片心。——青石\n"
)


def test_each_item_is_signed_by_the_name_after_its_dash() -> None:
    issue = parse_issue(PAGE)
    first, second = issue.articles
    assert (first.headline, first.reporters) == ("路灯亮了", ("柯禾",))
    assert first.paragraphs[-1] == "点评:小事办好了，人心就暖了。"
    assert (second.headline, second.reporters) == ("桥修好了", ("青石",))
    assert_nothing_lost(PAGE, issue)


def test_a_dash_before_a_phrase_or_mid_line_signs_nothing() -> None:
    assert dashed_name_tail("他说：“要把路修好。”——这是大家的心愿") is None
    assert dashed_name_tail("——柯禾") is None
    assert dashed_name_tail("路修好了——柯禾说") is None
