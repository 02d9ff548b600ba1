"""Credits printed the way features, columns and metro pages print them: a feature's
`专题撰文` lines, a column's name before its writer, a reader-tip note after an end byline,
`核实报道`, a photo report's byline run into its text, a paper's 报道组."""

from __future__ import annotations

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue
from worker.parsing.bylines import parse_lead


def test_a_checked_report_credits_its_reporter_like_baodao() -> None:
    got = parse_lead("记者柯望川核实报道：近日网上流传的消息不实。")
    assert got is not None
    assert got.credits.reporters == ("柯望川",) and got.rest == "近日网上流传的消息不实。"
    got = parse_lead("记者 柯望川 核实报道")
    assert got is not None and got.credits.reporters == ("柯望川",) and not got.rest


def test_a_name_of_four_characters_before_baodao_stays_whole() -> None:
    got = parse_lead("记者欧阳小禾报道：昨日，")
    assert got is not None and got.credits.reporters == ("欧阳小禾",)


def test_photo_report_byline_run_into_the_text_credits_the_photographer() -> None:
    text = (
        "志愿者清理河滩垃圾\n\n"
        "本报记者柯望川摄影报道前天下午，四十多名志愿者来到青河下游清理河滩。\n\n"
        "他们干了两个多小时，装满垃圾十几袋。\n"
    )
    issue = parse_issue(text)
    assert_nothing_lost(text, issue)
    (article,) = issue.articles
    assert article.photographers == ("柯望川",) and article.reporters == ()
    assert article.paragraphs[0] == "前天下午，四十多名志愿者来到青河下游清理河滩。"
