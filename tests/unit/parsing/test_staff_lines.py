"""An export's staff and hotline line run into the text with no line break
(`■编辑：小禾 || 新闻热线：12345678市文旅局…`): the editor is credited, the hotline is
furniture, the text a paragraph; the same line on its own is furniture."""

from __future__ import annotations

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue
from worker.parsing.furniture import is_furniture
from worker.parsing.staff_lines import split_staff

_GLUED = (
    "■编辑：小禾 || 新闻热线：12345678市文旅局近日启动“青河好礼”品牌评选，首批推出二十个"
    "品牌。青州日报社·掌上青州全媒体记者：赵一鸣\n"
)


def test_staff_line_run_into_the_text_heads_nothing() -> None:
    issue = parse_issue(_GLUED)
    [article] = issue.articles
    assert not article.headline
    assert article.editors == ("小禾",)
    assert article.reporters == ("赵一鸣",)
    assert article.paragraphs == ("市文旅局近日启动“青河好礼”品牌评选，首批推出二十个品牌。",)
    assert "|| 新闻热线：12345678" in [f.text for f in issue.furniture]
    assert_nothing_lost(_GLUED, issue)


def test_staff_line_on_its_own_is_furniture() -> None:
    text = (
        "青河大桥通车\n\n本报讯（记者 王川）青河大桥昨日通车。\n\n"
        "■编辑：小禾 || 新闻热线：12345678\n\n"
        "临溪新建口袋公园\n\n本报讯（记者 柯望川）临溪区口袋公园昨日开放。\n"
    )
    issue = parse_issue(text)
    assert [a.headline for a in issue.articles] == ["青河大桥通车", "临溪新建口袋公园"]
    assert [f.text for f in issue.furniture] == ["■编辑：小禾 || 新闻热线：12345678"]
    assert_nothing_lost(text, issue)


def test_marked_staff_lines_are_furniture() -> None:
    assert is_furniture("■编辑：小禾 || 新闻热线：12345678")
    assert is_furniture("■责任编辑：柯川")
    assert not is_furniture("■编辑部收到来信")


def test_several_staff_fields_before_the_hotline() -> None:
    parts = split_staff("编辑：小禾 | 校对：柯川 | 报料电话：0531-1234567市里启动评选。")
    assert parts == (
        ("|", "| 报料电话：0531-1234567"),
        ("编辑：小禾", "校对：柯川", "市里启动评选。"),
    )


def test_lines_that_are_no_staff_line_run_into_text() -> None:
    assert split_staff("■编辑：小禾 || 新闻热线：12345678") is None  # nothing after it
    assert split_staff("■编辑：小禾市文旅局近日启动评选。") is None  # no end to the name
    assert split_staff("编辑：小禾 || 新闻热线：12345678 青河") is None  # no sentence after it
    assert split_staff("编辑部收到来信，新闻热线：12345678每天有人接听。") is None
    assert split_staff("市文旅局近日启动评选。") is None
