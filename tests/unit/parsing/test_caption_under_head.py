"""A picture's caption printed between a headline and an own-line byline."""

from __future__ import annotations

from worker.parsing import parse_issue

_STORY = "{head}\n\n{second}\n\n本报记者 韩小川\n\n11月5日，青河一中举办读书节，全校师生参加。\n"


def test_a_scene_clause_over_a_byline_is_the_first_paragraph() -> None:
    issue = parse_issue(_STORY.format(head="读书节开幕", second="操场上，坐满了看书的学生"))
    (article,) = issue.articles
    assert (article.kicker, article.headline) == (None, "读书节开幕")
    assert article.paragraphs[0] == "操场上，坐满了看书的学生"
    assert article.reporters == ("韩小川",)


def test_a_comma_headline_under_a_kicker_stays_the_headline() -> None:
    for head, second in (
        ("读书节", "书香满校园，师生乐开怀"),  # no verb with its object after 了/着
        ("书香校园 快乐阅读", "操场上，坐满了看书的学生"),  # parallel parts: a kicker
        ("读书节：", "操场上，坐满了看书的学生"),  # a kicker's colon
    ):
        (article,) = parse_issue(_STORY.format(head=head, second=second)).articles
        assert article.headline == second, head
