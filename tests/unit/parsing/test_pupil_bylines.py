"""A pupil's author line under a head: class, name and the guiding teacher."""

from __future__ import annotations

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue
from worker.parsing.pupil_bylines import pupil_byline

PAGE = (
    "小河边\n\n●青石小学三(1)班 韦小满 指导老师 方晓舟\n\n"
    "小河边的柳树发芽了，我和同学们去看春天。\n"
)


def test_the_pupil_is_the_writer_and_the_teacher_an_other_credit() -> None:
    issue = parse_issue(PAGE)
    (article,) = issue.articles
    assert (article.headline, article.subtitle) == ("小河边", None)
    assert article.reporters == ("韦小满",)
    assert article.other_credits == ("指导老师 方晓舟",)
    assert_nothing_lost(PAGE, issue)


def test_a_line_without_a_class_or_a_teacher_is_no_pupil_line() -> None:
    assert pupil_byline("●青石小学 韦小满 指导老师 方晓舟") is None
    assert pupil_byline("●青石小学三(1)班 韦小满") is None
    assert pupil_byline("●青石小学三(1)班 春天来了 指导老师 方晓舟") is None


def test_a_prize_winner_line_names_the_student_who_wrote_the_piece() -> None:
    for line, name in (
        ("一等奖获得者:2019级史学3班柯晓禾", "柯晓禾"),
        ("二等奖得主：2020级化学2班 方一帆", "方一帆"),
    ):
        lead = pupil_byline(line)
        assert lead is not None and lead.credits.unstated == (name,)
    assert pupil_byline("一等奖获得者:2019级史学3班春天来了") is None
