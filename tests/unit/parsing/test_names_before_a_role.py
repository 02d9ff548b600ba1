"""Bare names before a role word on a closing line, a photo credit with its agency after a
slash, and a paper's brand after a hyphen before a titled role."""

from __future__ import annotations

import pytest

from worker.parsing.bylines import parse_lead, parse_tail


def test_two_bare_names_then_a_role_and_a_name_credit_all_three() -> None:
    lead = parse_lead("柯晓岚 岑立夏 记者 沈一帆")
    assert lead is not None and not lead.rest
    assert (lead.credits.unstated, lead.credits.reporters) == (("柯晓岚", "岑立夏"), ("沈一帆",))


@pytest.mark.parametrize("line", ["春天 来了 记者 沈一帆", "柯晓岚 东港茶座 记者 沈一帆"])
def test_words_that_are_no_names_before_a_role_credit_no_one(line: str) -> None:
    lead = parse_lead(line)
    assert lead is None or not lead.credits.unstated


@pytest.mark.parametrize("text", ["…核验车票。钟小川摄/青河社", "…核验车票。钟小川 摄／青河社"])
def test_a_photo_credit_with_its_agency_after_a_slash(text: str) -> None:
    tail = parse_tail(text)
    assert tail is not None and tail.rest == "…核验车票。"
    assert (tail.credits.photographers, tail.credits.others) == (("钟小川",), ("青河社",))


def test_a_slash_and_an_agency_without_a_credit_is_text() -> None:
    assert parse_tail("…他说。本报讯/青河社") is None


def test_a_brand_after_a_hyphen_before_a_titled_role() -> None:
    lead = parse_lead("青河晚报-临溪财经首席记者 王小川")
    assert lead is not None and lead.credits.reporters == ("王小川",)


@pytest.mark.parametrize(
    ("line", "writer"),
    [("记者 陆荣春 文", "陆荣春"), ("本报记者 王小川 文", "王小川"), ("记者 周 文", "周文")],
)
def test_wen_alone_at_the_end_closes_a_whole_name_not_a_padded_one(line: str, writer: str) -> None:
    lead = parse_lead(line)
    assert lead is not None and lead.credits.reporters == (writer,)
