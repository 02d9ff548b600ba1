"""Roles qualified by a county, city or district, alone or after a site's name:
`（青河网临溪县通讯员 柯望川）`, `本报讯（松江区记者 闵小禾）`."""

from __future__ import annotations

from worker.parsing.bylines import parse_lead, parse_tail


def test_trailing_bracket_with_site_and_county_before_the_role() -> None:
    got = parse_tail("新厂房预计年底前建成投产。(青河网临溪县通讯员 柯望川)")
    assert got is not None
    assert (got.credits.correspondents, got.rest) == (("柯望川",), "新厂房预计年底前建成投产。")


def test_district_reporter_and_city_correspondent_after_a_dateline() -> None:
    got = parse_lead("本报讯（松江区记者 闵小禾 临溪市通讯员 韦立）昨天上午，")
    assert got is not None
    assert (got.credits.reporters, got.credits.correspondents, got.rest) == (
        ("闵小禾",),
        ("韦立",),
        "昨天上午，",
    )


def test_place_word_in_running_text_is_no_credit() -> None:
    assert parse_tail("培训班上，授课的是全市通讯员柯望川。") is None
