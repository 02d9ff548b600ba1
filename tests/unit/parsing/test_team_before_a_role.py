"""A reporting team a paper sent, named before the role of its people."""

from __future__ import annotations

from worker.parsing.leads import parse_lead


def test_a_team_before_the_role_word_is_named_apart() -> None:
    lead = parse_lead(
        "青河网-青河日报讯(青河日报两会特别报道组 记者 柯立 王川 陈小禾)代表团今天出发。"
    )
    assert lead is not None
    assert lead.credits.reporters == ("柯立", "王川", "陈小禾")
    assert lead.credits.others == ("青河日报两会特别报道组",)
