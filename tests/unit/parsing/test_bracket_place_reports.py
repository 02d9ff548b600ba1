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


def test_a_word_run_into_zhengli_after_a_name_is_how_the_work_was_done() -> None:
    credits = parse_credits("记者 孟川 采访整理")
    assert credits is not None and credits.reporters == ("孟川",)


def test_a_surname_run_into_zhengli_after_names_is_the_last_name() -> None:
    credits = parse_credits("记者 冯小芸 吴志明整理")
    assert credits is not None and credits.reporters == ("冯小芸", "吴志明")


def test_a_caption_closed_by_a_written_up_credit_credits_one_reporter() -> None:
    text = (
        "学生们用望远镜观察白鹭。\n\n观鸟课开了三年，学生们编了一本手册。 (记者 闵青禾 采访整理)\n"
    )
    (article,) = parse_issue(text).articles
    assert article.reporters == ("闵青禾",)
    assert article.paragraphs[-1] == "观鸟课开了三年，学生们编了一本手册。"
