"""A head printed on two lines, cut before its object: one headline, not kicker + headline."""

from __future__ import annotations

from worker.parsing import parse_issue

TEXT = "本报讯(记者 岑远) 4日，临溪湖冬捕活动开幕，渔民一网捕起鲜鱼两万多斤。\n"


def _head(first: str, second: str) -> tuple[str | None, str]:
    (article,) = parse_issue(f"{first}\n{second}\n{TEXT}").articles
    return article.kicker, article.headline


def test_a_short_line_over_a_quoted_term_is_one_headline() -> None:
    assert _head("渔网拉起", "“湖鱼双丰”") == (None, "渔网拉起“湖鱼双丰”")


def test_a_verb_whose_object_is_people_runs_on() -> None:
    assert _head("柯省长回信勉励", "旅居海外的青河籍乡亲") == (
        None,
        "柯省长回信勉励旅居海外的青河籍乡亲",
    )


def test_a_speech_verb_kicker_and_a_head_past_its_quote_stay_kickers() -> None:
    assert _head("柯省长在临溪调研时强调", "把湖区生态保护放在首位")[0] == "柯省长在临溪调研时强调"
    assert _head("冬捕开幕", "“头鱼”拍出好价钱") == ("冬捕开幕", "“头鱼”拍出好价钱")
