"""A caption closed by its file picture's source (`…宣布换帅。资料图片/CFP`) between a head and
the dateline: the article's first paragraph, the dateline and byline read below it; the
source names no person, so it stays the caption's text."""

from __future__ import annotations

import pytest

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue


@pytest.mark.parametrize("source", ["资料图片/CFP", "资料图/青河图库", " 资料图片／IC"])
def test_file_picture_caption_between_head_and_dateline(source: str) -> None:
    text = (
        f"青州时报换帅\n\n昨日，青州时报宣布换帅。{source}\n\n"
        "青州晨报讯（记者王一）昨日，青州时报社长柯远帆宣布卸任。\n"
    )
    issue = parse_issue(text)
    [article] = issue.articles
    assert (article.headline, article.dateline, article.reporters) == (
        "青州时报换帅",
        "青州晨报讯",
        ("王一",),
    )
    assert article.paragraphs == (
        f"昨日，青州时报宣布换帅。{source}".strip(),
        "昨日，青州时报社长柯远帆宣布卸任。",
    )
    assert not article.photographers and not article.other_credits
    assert_nothing_lost(text, issue)


def test_file_picture_caption_under_kicker_and_headline() -> None:
    text = (
        "老社长留任董事\n\n青州时报换帅\n\n昨日，青州时报宣布换帅。资料图片/CFP\n\n"
        "青州晨报讯（记者王一）昨日，青州时报社长柯远帆宣布卸任。\n"
    )
    [article] = parse_issue(text).articles
    assert (article.kicker, article.headline, article.dateline) == (
        "老社长留任董事",
        "青州时报换帅",
        "青州晨报讯",
    )
