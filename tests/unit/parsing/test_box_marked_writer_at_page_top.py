"""A byline's box mark and a short name alone at the top of a page, over finished prose: the
writer of a piece whose head the page does not show."""

from __future__ import annotations

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue

ESSAY = "□柯岚\n\n那年冬天，父亲从集上带回一份报纸，我们一家人围着灯读到深夜。\n"


def test_a_marked_two_character_name_over_prose_is_the_writer() -> None:
    issue = parse_issue(ESSAY)
    (article,) = issue.articles
    assert (article.headline, article.reporters) == ("", ("柯岚",))
    assert article.paragraphs == ("那年冬天，父亲从集上带回一份报纸，我们一家人围着灯读到深夜。",)
    assert_nothing_lost(ESSAY, issue)


def test_an_unmarked_two_character_line_still_heads_the_page() -> None:
    (article,) = parse_issue(ESSAY.replace("□柯岚", "高考")).articles
    assert (article.headline, article.reporters) == ("高考", ())


def test_a_marked_phrase_is_no_writer() -> None:
    (article,) = parse_issue(ESSAY.replace("□柯岚", "□筑牢防线")).articles
    assert article.reporters == ()
