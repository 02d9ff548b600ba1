"""A column's tag over only the first of a page's items under one-line heads."""

from __future__ import annotations

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue

ITEMS = (
    "渡船加了救生衣\n\n渡船上放了救生衣。——柯禾\n\n",
    "菜场装上公平秤\n\n菜场门口有了公平秤。——青石\n\n",
    "路口多了斑马线\n\n学校门前画上了斑马线。——柯禾\n\n",
    "书屋延长开放\n\n农家书屋开到晚上九点。——青石\n",
)


def test_a_tag_over_the_first_of_four_small_heads_is_markup() -> None:
    page = "微言\n\n" + "".join(ITEMS)
    issue = parse_issue(page)
    assert [a.kicker for a in issue.articles] == [None] * 4
    assert issue.articles[0].headline == "渡船加了救生衣"
    assert any(m.text == "微言" for m in issue.markup)
    assert_nothing_lost(page, issue)


def test_a_tag_over_two_small_heads_stays_the_kicker() -> None:
    page = "微言\n\n" + "".join(ITEMS[:2])
    issue = parse_issue(page)
    assert issue.articles[0].kicker == "微言"
    assert_nothing_lost(page, issue)
