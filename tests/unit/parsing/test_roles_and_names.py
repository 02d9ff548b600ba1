"""Role words real papers print, suffix credits, attributions, and names in credits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.parsing.strategies import LEAD_FORMS, NAMES, TAIL_FORMS, paragraph
from worker.parsing import ParsedArticle, parse_issue
from worker.parsing.bylines import parse_credits, parse_lead, parse_tail
from worker.parsing.names import looks_like_name, split_names


@pytest.mark.parametrize(
    "word",
    [
        "首席记者",
        "全媒体记者",
        "融媒体记者",
        "本报首席记者",
        "驻站记者",
        "记者站记者",
        "本报驻京记者",
    ],
)
def test_stacked_reporter_words_are_known_reporters(word: str) -> None:
    got = parse_lead(f"本报讯（{word} 王孟鹤）正文。")
    assert got is not None
    assert got.credits.reporters == ("王孟鹤",) and got.credits.unknown_roles == ()


@pytest.mark.parametrize("word", ["摄影记者", "本报摄影记者", "视频", "摄影"])
def test_picture_words_credit_photographers(word: str) -> None:
    got = parse_lead(f"{word} 钱多多")
    assert got is not None
    assert got.credits.photographers == ("钱多多",) and got.credits.reporters == ()


@pytest.mark.parametrize("lead", ["文/视频 全媒体记者", "文／摄像：", "视频/文 记者"])
def test_wrote_and_filmed_credits_a_writer_not_a_photographer(lead: str) -> None:
    got = parse_lead(f"临溪新闻6月3日讯（{lead} 柯望川 实习生 杜远）当天，临溪县开赛。")
    assert got is not None
    assert got.credits.reporters == ("柯望川",) and got.credits.photographers == ()
    assert got.credits.interns == ("杜远",)


def test_a_papers_app_before_the_role_is_a_qualifier() -> None:
    got = parse_lead("本报讯 （青河晨报 临溪客户端记者 柯望川）临溪县的新规定下月施行。")
    assert got is not None and got.rest.startswith("临溪县")
    assert got.credits.reporters == ("柯望川",) and got.credits.unknown_roles == ()


def test_closing_credit_with_a_hyphened_paper_and_a_graphics_credit() -> None:
    text = (
        "临溪新桥今天通车\n\n临溪新桥今天上午正式通车，市民可以步行过桥。\n\n"
        "大桥全长八百米，历时两年建成。\n\n"
        "青河都市报-临溪新闻记者 柯望川 杜远 汪明 实习生 韦立 欧阳晓川 制图 梁成"
    )
    issue = parse_issue(text)
    article = issue.articles[0]
    assert article.reporters == ("柯望川", "杜远", "汪明")
    assert article.interns == ("韦立", "欧阳晓川") and article.other_credits == ("制图 梁成",)
    assert article.paragraphs[-1] == "大桥全长八百米，历时两年建成。"
    assert not any("制图" in w.message for w in issue.warnings)


def test_known_words_give_no_warning_and_unknown_ones_do() -> None:
    known = parse_issue("标题\n\n本报讯（融媒体记者 王孟鹤 特约撰稿 赵炎）正文。")
    assert known.warnings == () and known.articles[0].reporters == ("王孟鹤", "赵炎")
    unknown = parse_issue("标题\n\n本报讯（主持人 王孟鹤）正文。")
    assert ["主持人" in w.message for w in unknown.warnings] == [True]


def test_editor_in_a_credit_is_credited_to_nobody() -> None:
    credits = parse_credits("记者 王孟鹤 编辑 赵炎")
    assert credits is not None and credits.reporters == ("王孟鹤",)
    assert "赵炎" not in credits.correspondents + credits.photographers


@pytest.mark.parametrize(
    ("text", "reporters", "correspondents", "photographers"),
    [
        ("本报记者 孔令仪 通讯员 石磊 报道", ("孔令仪",), ("石磊",), ()),
        ("本报记者 周敏/文 邱实/图", ("周敏",), (), ("邱实",)),
        ("文/宋思雨 图/庞博", ("宋思雨",), (), ("庞博",)),
        ("本报记者 段  然 文/图", ("段然",), (), ("段然",)),
        ("■本报记者 周 敏", ("周敏",), (), ()),
        ("●记者 罗佳 通讯员 曾繁星", ("罗佳",), ("曾繁星",), ()),
        ("◎记者 孙一鸣", ("孙一鸣",), (), ()),
    ],
)
def test_byline_lines(
    text: str,
    reporters: tuple[str, ...],
    correspondents: tuple[str, ...],
    photographers: tuple[str, ...],
) -> None:
    got = parse_lead(text)
    assert got is not None and got.rest == ""
    c = got.credits
    assert (c.reporters, c.correspondents, c.photographers) == (
        reporters,
        correspondents,
        photographers,
    )


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("本报江州11月19日讯（记者 张三）正文", "本报江州11月19日讯"),
        ("本报11月19日讯 正文", "本报11月19日讯"),
        ("中新社巴黎11月18日电 受强冷空气影响", "中新社巴黎11月18日电"),
        ("据新华社雅加达11月17日电 东盟会议", "据新华社雅加达11月17日电"),
        ("人民网北京11月18日电（记者 尚进）受", "人民网北京11月18日电"),
    ],
)
def test_agency_and_dated_datelines(text: str, dateline: str) -> None:
    got = parse_lead(text)
    assert got is not None and got.dateline == dateline


@pytest.mark.parametrize(
    ("text", "reporters", "photographers"),
    [
        ("…漫步。记者 黎明 摄影报道", (), ("黎明",)),
        ("…绽放。许安 文/图", ("许安",), ("许安",)),
        ("…运动。图/文 崔浩", ("崔浩",), ("崔浩",)),
        ("…太极拳。文·图 牛卫东", ("牛卫东",), ("牛卫东",)),
        ("…雾凇。本报摄影记者 孟 凡 摄", (), ("孟凡",)),
        ("…出发。（新华社发 张 帆 摄）", (), ("张帆",)),
        ("…化石。董小姐 王大川 摄", (), ("董小姐", "王大川")),
    ],
)
def test_photo_credits_at_the_end(
    text: str, reporters: tuple[str, ...], photographers: tuple[str, ...]
) -> None:
    tail = parse_tail(text)
    assert tail is not None
    assert (tail.credits.reporters, tail.credits.photographers) == (reporters, photographers)


@pytest.mark.parametrize(
    "text", ["…减少。（据新华社）", "…震荡。（来源：人民日报）", "…就医。（据东湖发布）"]
)
def test_attributions_are_not_people(text: str) -> None:
    assert parse_tail(text) is None


def test_byline_with_intern_at_the_end() -> None:
    tail = parse_tail("…九折。（记者陈思远 通讯员叶青 实习生马骁）")
    assert tail is not None
    c = tail.credits
    assert (c.reporters, c.correspondents, c.interns) == (("陈思远",), ("叶青",), ("马骁",))


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("王孟鹤 李菱", ["王孟鹤", "李菱"]),
        ("王 洲", ["王洲"]),
        ("王 洲 李 静", ["王洲", "李静"]),
        ("欧阳晓光 司马青", ["欧阳晓光", "司马青"]),
        ("阿不都 · 热合曼、李响", ["阿不都·热合曼", "李响"]),
        ("张涛，李响", ["张涛", "李响"]),
    ],
)
def test_names_in_credits(text: str, names: list[str]) -> None:
    assert split_names(text) == names


@pytest.mark.parametrize("word", ["今天上午", "获悉", "据新华社", "东湖发布"])
def test_words_that_are_not_names(word: str) -> None:
    assert not looks_like_name(word)


def test_unbracketed_byline_stops_at_words_that_are_no_names() -> None:
    got = parse_lead("本报记者 王洲 李菱 今天上午 全市召开会议。")
    assert got is not None and got.credits.reporters == ("王洲", "李菱")
    assert got.rest == "今天上午 全市召开会议。"


def _roles(article: ParsedArticle, name: str) -> tuple[bool, bool, bool]:
    return (
        name in article.reporters,
        name in article.correspondents,
        name in article.photographers,
    )


@settings(max_examples=120, deadline=None)
@given(
    st.sampled_from(LEAD_FORMS),
    st.sampled_from(NAMES),
    st.sampled_from(NAMES),
    paragraph(),
)
def test_opening_byline_forms_credit_each_name_in_its_role(
    form: tuple[str, dict[str, tuple[bool, bool, bool]]], a: str, b: str, body: str
) -> None:
    template, roles = form
    if a == b:
        b = next(n for n in NAMES if n != a)
    (article,) = parse_issue("标题在此\n\n" + template.format(a=a, b=b) + body).articles
    for key, name in (("a", a), ("b", b)):
        if key in roles:
            assert _roles(article, name) == roles[key], (template, name)


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(TAIL_FORMS), st.sampled_from(NAMES), st.sampled_from(NAMES), paragraph())
def test_closing_credit_forms_credit_each_name_in_its_role(
    form: tuple[str, dict[str, tuple[bool, bool, bool]]], a: str, b: str, body: str
) -> None:
    template, roles = form
    if a == b:
        b = next(n for n in NAMES if n != a)
    (article,) = parse_issue("标题在此\n\n" + body + template.format(a=a, b=b)).articles
    for key, name in (("a", a), ("b", b)):
        if key in roles:
            assert _roles(article, name) == roles[key], (template, name)


def test_bare_names_with_rare_surnames_at_the_end_are_a_byline() -> None:
    tail = parse_tail("…正式开通。（仉 鹏 亓婷婷）")
    assert tail is not None and tail.credits.resolved().reporters == ("仉鹏", "亓婷婷")


def test_sources_and_notes_at_the_end_are_no_byline() -> None:
    for text in ("…。（据新华社）", "…。（完）", "…。（图片由景区提供）", "…。（来源：东湖发布）"):
        assert parse_tail(text) is None, text


def test_text_and_photo_after_a_reporter_and_an_intern_credits_both_for_pictures() -> None:
    credits = parse_credits("本报记者 满 园 实习生 盛可欣 文/图")
    assert credits is not None
    assert (credits.reporters, credits.interns) == (("满园",), ("盛可欣",))
    assert credits.photographers == ("满园", "盛可欣")


def test_wrote_and_shot_run_on_after_the_last_name_credits_both() -> None:
    for byline in ("记者孟川葛小禾文/摄", "记者 孟川 葛小禾 文/摄", "记者孟川葛小禾文/图"):
        credits = parse_credits(byline)
        assert credits is not None, byline
        assert credits.reporters == ("孟川", "葛小禾"), byline
        assert credits.photographers == ("孟川", "葛小禾"), byline


def test_roles_joined_by_a_list_mark_run_into_the_handover() -> None:
    for text in (
        "东湖晚报讯 记者周晓岚、通讯员江交宣报道：滨江路昨日起改在白天施工。",
        "东湖晚报讯 记者周晓岚 通讯员江交宣报道：滨江路昨日起改在白天施工。",
    ):
        lead = parse_lead(text)
        assert lead is not None, text
        assert (lead.dateline, lead.credits.reporters, lead.credits.correspondents) == (
            "东湖晚报讯",
            ("周晓岚",),
            ("江交宣",),
        ), text
        assert lead.rest == "滨江路昨日起改在白天施工。", text
