"""Page furniture lines are kept apart from the articles, never in a body."""

from __future__ import annotations

import pytest

from worker.parsing import parse_issue
from worker.parsing.furniture import is_furniture


@pytest.mark.parametrize(
    "line",
    [
        "责任编辑：张三",
        "[责任编辑 马铃翔 ]",
        "版式设计：吴桐",
        "校对：钱宁",
        "美编：许诺",
        "责任编辑：张三 版式设计：李四",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize("line", ["编辑部收到来信。", "校对工作十分重要，不能马虎。"])
def test_text_that_starts_with_a_furniture_word(line: str) -> None:
    assert not is_furniture(line)


def test_furniture_between_column_parts_does_not_break_the_paragraph() -> None:
    text = "标题\n\n本报讯（记者王孟鹤）会议对下半年各项\n\n责任编辑：张三\n\n任务作出安排。"
    issue = parse_issue(text)
    assert issue.articles[0].paragraphs == ("会议对下半年各项任务作出安排。",)
    assert [(f.line, f.text) for f in issue.furniture] == [(5, "责任编辑：张三")]


def test_a_records_date_and_time_lines_are_no_kicker_or_headline() -> None:
    text = "2023-04-09\n09:45\n临溪新桥今天通车\n\n本报讯（记者柯望川）临溪新桥今天上午正式通车。"
    issue = parse_issue(text)
    assert [f.text for f in issue.furniture] == ["2023-04-09", "09:45"]
    article = issue.articles[0]
    assert (article.kicker, article.headline) == (None, "临溪新桥今天通车")


def test_a_papers_name_under_a_records_stamp_is_no_headline() -> None:
    text = "2023-04-09\n09:45\n青河晨报\n本报讯（记者柯望川）新桥今天通车。\n大桥全长八百米。"
    issue = parse_issue(text)
    assert [f.text for f in issue.furniture] == ["2023-04-09", "09:45", "青河晨报"]
    assert not issue.articles[0].headline and issue.articles[0].reporters == ("柯望川",)
    kept = parse_issue("青河晨报\n\n本报讯（记者柯望川）临溪新桥今天上午正式通车。")
    assert kept.furniture == ()
