"""A byline whose last name runs into the first sentence of the text."""

from __future__ import annotations

from worker.parsing.leads import parse_lead


def test_the_last_name_run_into_a_time_word_is_cut_off() -> None:
    lead = parse_lead("本报记者 陆川 通讯员 沈一舟近日从青河区获悉，全区新建公园八座。")
    assert lead is not None
    assert (lead.credits.reporters, lead.credits.correspondents) == (("陆川",), ("沈一舟",))
    assert lead.rest == "近日从青河区获悉，全区新建公园八座。"


def test_a_two_character_name_run_into_a_day_word_is_cut_off() -> None:
    lead = parse_lead("本报记者 陆川 通讯员 沈舟昨天一早,青河码头就排起了长队。")
    assert lead is not None
    assert (lead.credits.reporters, lead.credits.correspondents) == (("陆川",), ("沈舟",))
