"""A headline whole in itself, its hook set off by `！` or `？` inside the line (`5亿元一座！临溪
新桥造价惊动议会`), over a line stating a figure (`…单座成本在3亿元左右`) and the dateline:
the second line is the picture's caption, the article's first paragraph, not its headline
under a kicker."""

from __future__ import annotations

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue

_LEAD = "【青州时报报道 特约记者 林小川】议会首次评估了新桥的造价。\n"


def test_figure_caption_under_a_hook_headline_is_text() -> None:
    text = f"5亿元一座！临溪新桥造价惊动议会\n\n青河现役旧桥单座成本在3亿元左右\n\n{_LEAD}"
    issue = parse_issue(text)
    [article] = issue.articles
    assert (article.kicker, article.headline) == (None, "5亿元一座！临溪新桥造价惊动议会")
    assert article.paragraphs[0] == "青河现役旧桥单座成本在3亿元左右"
    assert article.reporters == ("林小川",)
    assert_nothing_lost(text, issue)


def test_hook_at_the_end_of_the_first_line_keeps_kicker_and_headline() -> None:
    text = f"新桥造价惊动议会！\n\n青河现役旧桥单座成本在3亿元左右\n\n{_LEAD}"
    [article] = parse_issue(text).articles
    assert (article.kicker, article.headline) == (
        "新桥造价惊动议会！",
        "青河现役旧桥单座成本在3亿元左右",
    )


def test_second_line_stating_no_figure_stays_the_headline() -> None:
    text = f"5亿元一座！临溪新桥造价惊动议会\n\n议会要求重新评估新桥方案\n\n{_LEAD}"
    [article] = parse_issue(text).articles
    assert (article.kicker, article.headline) == (
        "5亿元一座！临溪新桥造价惊动议会",
        "议会要求重新评估新桥方案",
    )
