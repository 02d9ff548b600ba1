"""A listing page's bullet before each item's head (`• 青河新桥通车` over its byline, then
`• …`): taken off the headline as layout; subheads over text and a lone marked line keep it."""

from __future__ import annotations

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue

_LISTING = (
    "第A08版:城事\n  • 青河新桥今日通车\n\n    柯图\n\n    桥头记事\n\n"
    "    新桥长八百米，连起了南北两岸的老街。\n\n  • 白沙村的梨花节\n\n    王一鸣\n\n"
    "    梨花开了，白沙村的乡亲们在村口摆起了长桌。\n"
)


def test_bullet_before_each_item_head_is_taken_off() -> None:
    issue = parse_issue(_LISTING)
    heads = [(a.headline, a.kicker, a.subtitle, a.reporters) for a in issue.articles]
    assert heads == [
        ("青河新桥今日通车", None, None, ("柯图",)),
        ("白沙村的梨花节", None, None, ("王一鸣",)),
    ]
    assert issue.articles[0].paragraphs[0] == "桥头记事"
    assert [f.text for f in issue.markup].count("•") == 2
    assert_nothing_lost(_LISTING, issue)


def test_a_lone_marked_head_keeps_no_run_to_read_from() -> None:
    text = "• 青河新桥今日通车\n\n柯图\n\n新桥长八百米，连起了南北两岸的老街。\n"
    issue = parse_issue(text)
    assert "•" not in [f.text for f in issue.markup]
    assert issue.articles[0].reporters == ()


def test_marked_subheads_over_text_keep_their_bullets() -> None:
    text = (
        "青河新桥今日通车\n\n本报讯（记者 柯望川）青河新桥今日上午正式通车。\n\n"
        "■ 两岸老街连起来\n\n新桥连起了南北两岸的老街。\n\n"
        "■ 夜里也有好风景\n\n桥上的灯带入夜亮起。\n"
    )
    (article,) = parse_issue(text).articles
    assert "■ 两岸老街连起来" in article.paragraphs
    assert "■ 夜里也有好风景" in article.paragraphs
