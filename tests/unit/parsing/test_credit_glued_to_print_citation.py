"""A web copy's credit line with its citation of the print page glued to it
(`本报记者 X文并摄《云岭都市报》（2016年03月08日05版）`): the credit, the citation with it."""

from __future__ import annotations

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue
from worker.parsing.bylines import parse_lead
from worker.parsing.cited_credits import cited_credit


def test_credit_then_citation_wrote_and_shot() -> None:
    got = parse_lead("本报记者 韦川文并摄《云岭都市报》（2016年03月08日05版）")
    assert got is not None
    assert (got.credits.reporters, got.credits.photographers, got.rest) == (
        ("韦川",),
        ("韦川",),
        "",
    )
    assert got.printed == "本报记者 韦川文并摄《云岭都市报》（2016年03月08日05版）"


def test_wen_bing_she_is_the_role_phrase_not_a_name_character() -> None:
    # `韦川文` + `并摄` would be a misreading: `文并摄` says the name wrote and shot.
    got = parse_lead("本报记者 柯望文并摄《云岭都市报》(2016年03月08日 05版)")
    assert got is not None
    assert got.credits.reporters == ("柯望",)
    assert got.credits.photographers == ("柯望",)


def test_plain_credit_before_a_citation() -> None:
    got = parse_lead("本报记者 柯望川《云岭都市报》（2016年03月08日05版）")
    assert got is not None
    assert (got.credits.reporters, got.credits.photographers) == (("柯望川",), ())


def test_a_head_before_a_citation_is_no_credit() -> None:
    assert cited_credit("青河新桥通车《云岭都市报》（2016年03月08日05版）", parse_lead) is None
    assert parse_lead("青河新桥通车《云岭都市报》（2016年03月08日05版）") is None


def test_credit_line_between_captions_and_text_leaves_no_paragraph() -> None:
    text = (
        "临溪少年造出会下棋的机械臂(图)\n\n"
        "学生岑小舟（右）和同学一起调试机械臂。\n\n"
        "本报记者 韦川文并摄《云岭都市报》（2016年03月08日05版）\n\n"
        "三月初的一个下午，岑小舟正盯着屏幕上一行行代码。\n"
    )
    issue = parse_issue(text)
    [article] = issue.articles
    assert (article.reporters, article.photographers) == (("韦川",), ("韦川",))
    assert article.paragraphs == (
        "学生岑小舟（右）和同学一起调试机械臂。",
        "三月初的一个下午，岑小舟正盯着屏幕上一行行代码。",
    )
    assert_nothing_lost(text, issue)
