"""A repost's head lines labelled with their roles (`原标题：X（引题）` / `Y（主题）`): the label
says kicker, headline or subtitle; the labels are markup, never head text."""

from __future__ import annotations

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue
from worker.parsing.headlines import is_headline_line, is_title_note
from worker.parsing.role_labels import labelled_group


def test_labelled_line_under_original_title_is_a_head_line() -> None:
    line = "原标题：东湖渡口的摆渡人（引题）"
    assert not is_title_note(line)
    assert is_headline_line(line)
    assert is_title_note("原标题：东湖渡口的摆渡人")  # with no role label, a note still


def test_labels_give_the_roles_and_are_taken_off() -> None:
    group = labelled_group(["原标题：东湖渡口的摆渡人（引题）", "一根竹篙撑过三十年（主题）"])
    assert group is not None
    assert (group.kicker, group.headline, group.subtitle) == (
        "东湖渡口的摆渡人",
        "一根竹篙撑过三十年",
        None,
    )
    assert group.markers == ("原标题：", "（引题）", "（主题）")


def test_label_overrides_the_place_of_a_line() -> None:
    # Two lines read as kicker and headline by place; the labels say headline and subtitle.
    group = labelled_group(["灯笼一挂就是三百盏(主题)", "南湖老街三十家老字号重开(副题)"])
    assert group is not None
    assert (group.kicker, group.headline, group.subtitle) == (
        None,
        "灯笼一挂就是三百盏",
        "南湖老街三十家老字号重开",
    )
    assert group.markers == ("(主题)", "(副题)")


def test_unlabelled_line_among_labelled_ones_is_placed_as_any_head() -> None:
    group = labelled_group(["东湖渡口的摆渡人（引题）", "一根竹篙撑过三十年"])
    assert group is not None
    assert (group.kicker, group.headline) == ("东湖渡口的摆渡人", "一根竹篙撑过三十年")
    assert labelled_group(["东湖渡口的摆渡人", "一根竹篙撑过三十年"]) is None


def test_labelled_head_over_an_own_line_byline() -> None:
    text = (
        "原标题：东湖渡口的摆渡人（引题）\n"
        "一根竹篙撑过三十年（主题）\n"
        "东湖晚报记者柯望川韦立\n"
        "清晨五点，东湖渡口的雾还没散，老船工已经把木船推下了水。\n"
    )
    issue = parse_issue(text)
    [article] = issue.articles
    assert (article.kicker, article.headline) == ("东湖渡口的摆渡人", "一根竹篙撑过三十年")
    assert article.reporters == ("柯望川", "韦立")
    assert not issue.unassigned
    assert_nothing_lost(text, issue)
