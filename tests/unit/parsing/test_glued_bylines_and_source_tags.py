"""Bylines glued to what is next to them: a web copy's source tag run into the dateline
(`来源：青河日报本报讯（记者 X）…`)."""

from __future__ import annotations

from worker.parsing import parse_issue
from worker.parsing.leads import parse_lead


def test_source_tag_run_into_the_dateline_is_no_person() -> None:
    lead = parse_lead("来源：青河日报本报讯（记者 孙八）近日，全市开展消防检查。")
    assert lead is not None
    assert (lead.dateline, lead.credits.reporters, lead.rest) == (
        "本报讯",
        ("孙八",),
        "近日，全市开展消防检查。",
    )
    assert not lead.credits.others and not lead.credits.unstated
    spaced = parse_lead("来源:青河网 青河网讯（记者 柯望川）近日，新桥通车。")
    assert spaced is not None and spaced.dateline == "青河网讯"
    assert parse_lead("来源：青河日报") is None


def test_source_tagged_dateline_anchors_its_head() -> None:
    issue = parse_issue(
        "全市开展消防检查\n\n来源：青河日报本报讯（记者 孙八）近日，全市开展消防安全检查。\n\n"
        "检查将持续到月底。"
    )
    article = issue.articles[0]
    assert (article.headline, article.dateline, article.reporters) == (
        "全市开展消防检查",
        "本报讯",
        ("孙八",),
    )
    assert article.paragraphs == ("近日，全市开展消防安全检查。", "检查将持续到月底。")
