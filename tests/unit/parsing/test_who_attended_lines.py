"""A short line under a meeting's head that names who attended: a subtitle, never a byline."""

from __future__ import annotations

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue
from worker.parsing.name_lines import parse_name_line

MEETING = (
    "青河县召开白沙河防汛工作推进会议\n\n柯海全参加\n\n"
    "本报讯（记者 岑明远）昨日，县里召开防汛工作推进会议。\n"
)


def test_a_name_and_the_verb_under_a_long_head_is_its_subtitle() -> None:
    issue = parse_issue(MEETING)
    (article,) = issue.articles
    assert (article.headline, article.subtitle) == (
        "青河县召开白沙河防汛工作推进会议",
        "柯海全参加",
    )
    assert article.reporters == ("岑明远",)
    assert_nothing_lost(MEETING, issue)


def test_a_line_ending_in_a_presence_verb_is_no_name_line() -> None:
    assert parse_name_line("柯海全参加") is None
    assert parse_name_line("柯海全出席") is None


def test_glued_names_still_read_as_a_byline() -> None:
    lead = parse_name_line("祁勇郑少忠")
    assert lead is not None and lead.credits.unstated == ("祁勇", "郑少忠")
