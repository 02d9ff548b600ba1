"""The place a reporter files from closing an own-line byline (`青河报记者 X 发自临溪`): part
of the byline, never the first words of the text below it."""

from __future__ import annotations

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue
from worker.parsing.bylines import parse_lead


def test_filed_from_place_closes_the_byline() -> None:
    got = parse_lead("青河报记者 柯望川 闵小禾 发自临溪")
    assert got is not None
    assert (got.credits.reporters, got.rest) == (("柯望川", "闵小禾"), "")


def test_idiom_after_the_names_is_no_place() -> None:
    got = parse_lead("记者 柯望川 发自内心地说")
    assert got is None or got.rest != ""


def test_own_line_byline_with_place_over_the_text() -> None:
    text = (
        "临溪古桥修缮完工\n\n青河报记者 柯望川 发自临溪\n\n历时八个月修缮，临溪古桥昨日重新开放。\n"
    )
    issue = parse_issue(text)
    [article] = issue.articles
    assert article.reporters == ("柯望川",)
    assert article.paragraphs == ("历时八个月修缮，临溪古桥昨日重新开放。",)
    assert_nothing_lost(text, issue)
