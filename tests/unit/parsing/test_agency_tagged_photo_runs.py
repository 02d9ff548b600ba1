"""Photo pages whose credits end in the picture agency's bracketed tag (`X 摄(C视觉)`), and
pictures each under a place name and a title, one paragraph a line."""

from __future__ import annotations

import pytest

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue
from worker.parsing.tails import parse_tail


@pytest.mark.parametrize(
    ("credit", "agency"),
    [
        ("柯小舟 摄(C视觉)", "C视觉"),
        ("柯小舟 摄（视觉中国）", "视觉中国"),
        ("柯小舟 摄(IC photo)", "IC photo"),
        ("本报记者 柯小舟 摄影报道（C视觉）", "C视觉"),
    ],
)
def test_a_bracketed_tag_right_after_she_is_the_agency(credit: str, agency: str) -> None:
    tail = parse_tail(f"4月4日，游客在老街观赏花灯。 {credit}")
    assert tail is not None and tail.photo
    assert tail.credits.photographers == ("柯小舟",)
    assert tail.credits.others == (agency,)
    assert tail.rest == "4月4日，游客在老街观赏花灯。"


def test_a_bracket_closing_a_sentence_is_no_agency() -> None:
    assert parse_tail("游客在老街观赏花灯(C视觉)") is None


_PAGE = (
    "白沙\n风筝满天\n4月4日，白沙镇河滩上风筝随风起舞。 柯小舟 摄{tag}\n"
    "临溪\n书香满城\n4月4日，市民在临溪书城里阅读。 钟大年 摄{tag}\n"
)


@pytest.mark.parametrize("tag", ["(C视觉)", ""])
def test_each_picture_under_its_place_name_is_an_item(tag: str) -> None:
    text = _PAGE.format(tag=tag)
    issue = parse_issue(text)
    got = [(a.kind, a.kicker, a.headline, a.photographers, a.reporters) for a in issue.articles]
    assert got == [
        ("photo", "白沙", "风筝满天", ("柯小舟",), ()),
        ("photo", "临溪", "书香满城", ("钟大年",), ()),
    ]
    assert_nothing_lost(text, issue)


def test_a_name_line_after_a_credit_over_the_next_head_still_signs() -> None:
    # No credited caption under the next head: the name closes the item above as before.
    text = "风筝满天\n\n河滩上风筝随风起舞。 柯小舟 摄\n\n钟大年\n\n书香满城\n\n市民在书城里阅读。"
    first = parse_issue(text).articles[0]
    assert first.reporters == ("钟大年",)
