"""The place a bracketed byline's names reported from, run into 报道, names nobody."""

from __future__ import annotations

from worker.parsing import parse_issue
from worker.parsing.credits import parse_credits


def test_a_place_run_into_baodao_after_a_name_is_no_reporter() -> None:
    credits = parse_credits("记者 张三 青州报道")
    assert credits is not None and credits.reporters == ("张三",)


def test_a_name_run_into_baodao_alone_is_still_the_reporter() -> None:
    credits = parse_credits("记者 常琳报道")
    assert credits is not None and credits.reporters == ("常琳",)


def test_a_bracket_dateline_with_its_place_credits_the_reporter_only() -> None:
    issue = parse_issue(
        "青州开通两条夜班公交线\n\n"
        "青河日报讯（记者 柯望川 青州报道）本月起，青州开通两条夜班公交线，末班车延至零点。\n"
    )
    (article,) = issue.articles
    assert article.reporters == ("柯望川",)


def test_a_surname_run_into_baodao_after_names_is_the_last_name() -> None:
    credits = parse_credits("通讯员 冯小芸 吴志明报道")
    assert credits is not None and credits.correspondents == ("冯小芸", "吴志明")
