"""Layouts and bylines seen on real pages of many papers, in made-up text of the same shape."""

from __future__ import annotations

import pytest

from worker.parsing import parse_issue
from worker.parsing.bylines import parse_lead, parse_name_line, parse_tail
from worker.parsing.names import segment_names


def test_bare_name_line_under_a_subtitle_is_the_byline() -> None:
    issue = parse_issue("为农民搭舞台\n——记城南技术协会\n常征\n协会成立十年，会员过万。")
    article = issue.articles[0]
    assert (article.headline, article.subtitle, article.reporters) == (
        "为农民搭舞台",
        "记城南技术协会",
        ("常征",),
    )


def test_name_shaped_headline_over_a_byline_stays_the_headline() -> None:
    text = "旧闻一则。（记者 罗佳）\n\n阿拉腾·其其格\n\n本报记者 段  然\n\n她在城东开了一家奶茶馆。"
    headlines = [a.headline for a in parse_issue(text).articles]
    assert headlines[-1] == "阿拉腾·其其格"


def test_short_headline_over_text_is_not_taken_for_a_name() -> None:
    issue = parse_issue("上一篇结束。（记者 罗佳）\n\n高考\n\n今年全市有三万名考生参加高考。")
    assert issue.articles[-1].headline == "高考"
    assert issue.articles[-1].reporters == ()


@pytest.mark.parametrize(
    ("run", "names"),
    [
        ("王飞李永", ["王飞", "李永"]),
        ("甘晓明李少波", ["甘晓明", "李少波"]),
        ("欧阳少华", ["欧阳少华"]),
    ],
)
def test_names_run_together_are_cut_at_surnames(run: str, names: list[str]) -> None:
    assert segment_names(run) == names


@pytest.mark.parametrize("line", ["卫东区开展", "柯立新当选青河商会会长", "王者归来", "编者按"])
def test_headline_shaped_lines_are_no_name_lines(line: str) -> None:
    assert parse_name_line(line) is None


def test_address_after_a_sentence_is_no_byline() -> None:
    assert parse_tail("…他笑着说。 王先生") is None
    tail = parse_tail("…确保颗粒归仓。  沈嘉禾  芮晓冬")
    assert tail is not None and tail.credits.unstated == ("沈嘉禾", "芮晓冬")


def test_role_names_unstated_elsewhere_keep_their_role() -> None:
    text = (
        "城管队员伤情牵动人心\n\n乐梦融 王爱东 杨路遥\n\n"
        "本报讯 (见习记者 乐梦融 特约通讯员 王爱东 实习生 杨路遥)不少市民来电关心。"
    )
    article = parse_issue(text).articles[0]
    assert (article.reporters, article.correspondents, article.interns) == (
        ("乐梦融",),
        ("王爱东",),
        ("杨路遥",),
    )
    assert article.dateline == "本报讯"


def test_run_in_line_under_an_ordinary_headline_is_its_first_paragraph() -> None:
    text = "青石发现新矿脉\n\n勘探队员报告 在青石山北麓又找到一处铁矿，储量可观，正在详查。"
    articles = parse_issue(text).articles
    assert [a.headline for a in articles] == ["青石发现新矿脉"]


def test_paper_named_role_is_a_qualifier_not_a_person() -> None:
    lead = parse_lead("临江都市报记者陈世昌 杨峰洲 实习生张春菊 昨日中午，一名男子…")
    assert lead is not None
    assert lead.credits.reporters == ("陈世昌", "杨峰洲") and lead.credits.interns == ("张春菊",)


def test_other_credits_and_editors_are_in_the_json_but_never_people() -> None:
    text = (
        "古城墙上赏雪\n\n游客在古城墙上赏雪。新华社发\n\n"
        "新桥通车\n\n本报讯（记者 柯明远 编辑 岑宁）新桥通车。"
    )
    photo, news = parse_issue(text).articles
    assert photo.to_json()["other_credits"] == ["新华社发"] and photo.credits() == []
    assert news.to_json()["editors"] == ["岑宁"]
    assert news.credits() == [("柯明远", "reporter")]


def test_wire_datelines_with_the_day_alone_or_in_a_frame() -> None:
    assert parse_lead("本报合肥18日电 在辽阔的平原上") is not None
    framed = parse_lead("【新华社重庆十四日电】拉萨讯:部队进抵拉萨。")
    assert framed is not None and framed.dateline == "新华社重庆十四日电"
    assert parse_lead("今天18日电话响个不停。") is None
