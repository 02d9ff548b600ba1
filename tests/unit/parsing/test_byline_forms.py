"""Datelines and bylines in the rarer forms papers and news sites print: dates with a year or
an hour, special dispatches, roles glued to names, `文并摄`, credits run together."""

from __future__ import annotations

import pytest

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue
from worker.parsing.bylines import parse_credits, parse_lead, parse_tail
from worker.parsing.units import Unit
from worker.parsing.wrapped_bylines import join_wrapped_bylines


def people(text: str) -> tuple[str | None, tuple[str, ...], tuple[str, ...], str]:
    got = parse_lead(text)
    assert got is not None, text
    return got.dateline, got.credits.reporters, got.credits.correspondents, got.rest


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "青河在线2021年3月6日讯 （记者 柯小禾 特约记者 闵立新）3月6日上午，",
            ("青河在线2021年3月6日讯", ("柯小禾", "闵立新"), (), "3月6日上午，"),
        ),
        (
            "青河网5月9日18时讯（首席记者 韦方舟）当晚，",
            ("青河网5月9日18时讯", ("韦方舟",), (), "当晚，"),
        ),
        (
            "新华社江州4月2日专电（记者庞一川）记者2日获悉，",
            ("新华社江州4月2日专电", ("庞一川",), (), "记者2日获悉，"),
        ),
        (
            "新华社临江4月2日新媒体专电（记者庞一川）当地时间2日，",
            ("新华社临江4月2日新媒体专电", ("庞一川",), (), "当地时间2日，"),
        ),
        (
            "青河网络广播电视台讯（通讯员韦立 记者庞一川）3日晚，",
            ("青河网络广播电视台讯", ("庞一川",), ("韦立",), "3日晚，"),
        ),
    ],
)
def test_datelines_with_year_hour_or_special_dispatch(text: str, want: tuple[object, ...]) -> None:
    assert people(text) == want


def test_site_dispatch_without_a_date_before_its_byline() -> None:
    got = people("青河新闻网临江电(青河晚报记者柯望川 通讯员闵小禾、韦立)3日上午，")
    assert got == ("青河新闻网临江电", ("柯望川",), ("闵小禾", "韦立"), "3日上午，")


def test_a_sentence_ending_in_dian_before_a_bracket_is_no_dateline() -> None:
    got = parse_lead("国家电网公司供电（下转第二版）")
    assert got is None or got.dateline is None


def test_name_glued_to_wen_tu_wrote_and_shot() -> None:
    got = parse_lead("青河晚报讯（记者柯望川文/图）11月7日，")
    assert got is not None
    assert got.credits.reporters == ("柯望川",) and got.credits.photographers == ("柯望川",)


def test_closing_bracket_with_wen_tu_keeps_the_writer() -> None:
    got = parse_tail("…新建的码头下月启用。（ 青河日报全媒体记者  柯望川  文/图）")
    assert got is not None
    assert got.credits.reporters == ("柯望川",) and got.credits.photographers == ("柯望川",)


def test_wen_bing_she_credits_each_title_and_the_pictures() -> None:
    got = parse_lead("文并摄/实习生闵小禾记者柯望川")
    assert got is not None and not got.rest
    assert got.credits.interns == ("闵小禾",) and got.credits.reporters == ("柯望川",)
    assert got.credits.photographers == ("闵小禾", "柯望川")
    got = parse_lead("■文并摄/青河青年报实习记者韦立")
    assert got is not None
    assert got.credits.reporters == ("韦立",) and got.credits.photographers == ("韦立",)


def test_slashed_sheying_baodao_after_a_name_credits_the_photographer() -> None:
    got = parse_lead("青河网记者韦方舟/摄影报道")
    assert got is not None
    assert got.credits.photographers == ("韦方舟",) and got.credits.reporters == ()


def test_bar_after_the_role_and_web_ellipsis_before_the_bracket() -> None:
    got = parse_tail("现场的情形大致如此...(记者|庞一川)")
    assert got is not None and got.credits.reporters == ("庞一川",)


def test_sheying_between_names_leads_the_photographer() -> None:
    got = parse_lead("青河大学新闻网讯（见习记者 柯小禾 摄影 韦立）10月8日下午，")
    assert got is not None
    assert got.credits.reporters == ("柯小禾",) and got.credits.photographers == ("韦立",)
    # With nobody after it, 摄影 still closes the names before it.
    assert parse_credits("钱多多 摄影") == parse_credits("摄影 钱多多")


def test_brand_before_a_papers_dot_qualifies_the_role() -> None:
    got = parse_tail("…项目已经开工。（新青河·青河日报记者 柯望川 闵立新 韦立）")
    assert got is not None and got.credits.reporters == ("柯望川", "闵立新", "韦立")


def test_two_credits_run_together_without_space() -> None:
    credits = parse_credits("本报驻江州记者柯望川新华社记者庞一川")
    assert credits is not None and credits.reporters == ("柯望川", "庞一川")
    assert people("本报记者　柯望川本报通讯员　闵小禾　韦立") == (
        None,
        ("柯望川",),
        ("闵小禾", "韦立"),
        "",
    )


def test_each_credit_of_a_line_marked_with_a_box() -> None:
    got = people("□ 本报记者 柯望川　　□ 本报见习记者 闵立新　　□ 本报通讯员 韦立")
    assert got == (None, ("柯望川", "闵立新"), ("韦立",), "")


def test_rare_forms_in_an_issue_lose_nothing() -> None:
    text = (
        "青河县举办春季农事观摩活动\n\n"
        "青河网5月9日18时讯（首席记者 韦方舟 摄影 柯小禾）当晚，活动在广场举行。\n\n"
        "参加者纷纷表示收获很大。\n\n"
        "□ 本报记者 柯望川　　□ 本报通讯员 韦立\n"
    )
    issue = parse_issue(text)
    assert_nothing_lost(text, issue)
    (article,) = issue.articles
    assert article.dateline == "青河网5月9日18时讯"
    assert article.reporters == ("韦方舟", "柯望川")
    assert article.photographers == ("柯小禾",) and article.correspondents == ("韦立",)


def test_padded_name_glued_to_its_role_and_to_baodao() -> None:
    got = parse_lead("青河日报讯 记者柯 立报道：全县今年新建农家书屋四十个，")
    assert got is not None
    assert got.credits.reporters == ("柯立",) and got.rest == "全县今年新建农家书屋四十个，"


def test_author_and_post_after_a_comma_close_a_commentary() -> None:
    got = parse_tail("…必须一以贯之。（作者：柯望川，系青河大学经济学院教授）")
    assert got is not None and got.credits.reporters == ("柯望川",)
    assert got.rest == "…必须一以贯之。"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("记者林小禾 陈立／台北报导", ("林小禾", "陈立")),
        ("记者林小禾、陈立/台中报导", ("林小禾", "陈立")),
        ("记者韦方舟／综合报导", ("韦方舟",)),
    ],
)
def test_slash_and_place_reported_from_close_the_names(text: str, names: tuple[str, ...]) -> None:
    got = parse_lead(text)
    assert got is not None and got.rest == ""
    assert got.credits.reporters == names


def test_place_line_under_a_headline_is_the_byline() -> None:
    text = "青河港新航線開通\n\n記者林小禾 陳立／台北報導\n\n首班貨輪今天靠港。\n"
    issue = parse_issue(text)
    assert_nothing_lost(text, issue)
    (article,) = issue.articles
    assert article.reporters == ("林小禾", "陳立") and article.paragraphs == ("首班貨輪今天靠港。",)


def test_place_reported_from_after_the_names_closes_the_byline() -> None:
    got = parse_lead("本报记者 柯立 闵小禾 青河报道")
    assert got is not None and got.rest == ""
    assert got.credits.reporters == ("柯立", "闵小禾")


def test_baodao_and_colon_set_off_by_spaces_belong_to_the_byline() -> None:
    assert people("青河网讯 特约记者 柯立 通讯员 韦方舟 报道： “今年的收成好，”") == (
        "青河网讯",
        ("柯立",),
        ("韦方舟",),
        "“今年的收成好，”",
    )


@pytest.mark.parametrize(
    "text",
    [
        "2024年5月11日 20:16,记者接到市民来电。",  # a sentence that opens with a time
        "2024-05-11 20:16 青河晚报讯 今年五月…",  # a stamp before a dateline: not this form
    ],
)
def test_a_time_stamp_opens_a_byline_only_when_one_follows(text: str) -> None:
    lead = parse_lead(text)
    assert lead is None or not lead.printed.startswith("2024")


def test_writer_and_shooter_parted_by_a_slash() -> None:
    credits = parse_credits("柯望川 文/韦小禾 图")
    assert credits is not None
    assert (credits.reporters, credits.photographers) == (("柯望川",), ("韦小禾",))
    assert parse_credits("图 柯望川") is None  # 图 leads no name without its slash


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "临溪消息(见习记者 柯南星)4月8日,现场会召开。",
            ("临溪消息", ("柯南星",), (), "4月8日,现场会召开。"),
        ),
        (
            "青河消息（记者 沈一帆 通讯员 岑立夏）连日来,",
            ("青河消息", ("沈一帆",), ("岑立夏",), "连日来,"),
        ),
    ],
)
def test_a_place_news_dateline_before_a_reporters_bracket(
    text: str, want: tuple[str | None, tuple[str, ...], tuple[str, ...], str]
) -> None:
    assert people(text) == want


@pytest.mark.parametrize(
    "text", ["好消息（记者 柯南星）说。", "新消息(记者 柯南星)", "白沙消息(二则)"]
)
def test_news_words_before_a_bracket_are_no_dateline(text: str) -> None:
    lead = parse_lead(text)
    assert lead is None or lead.dateline is None


def test_a_role_word_alone_over_a_photo_credit_is_one_credit() -> None:
    text = "大桥北岸引桥开始铺装,工人们正加紧作业。图为施工现场。\n\n本报记者\n\n钟晓禾 摄\n"
    issue = parse_issue(text)
    (article,) = issue.articles
    assert article.headline in ("", None) and article.photographers == ("钟晓禾",)
    assert article.paragraphs == ("大桥北岸引桥开始铺装,工人们正加紧作业。图为施工现场。",)
    assert_nothing_lost(text, issue)


def test_a_role_word_alone_stays_apart_from_a_credit_with_its_own_role() -> None:
    units = [Unit.read(1, "本报记者"), Unit.read(3, "通讯员 钟晓禾 摄", gap=1)]
    assert [u.text for u in join_wrapped_bylines(units)] == ["本报记者", "通讯员 钟晓禾 摄"]
    units = [Unit.read(1, "本报记者"), Unit.read(3, "钟晓禾 摄", gap=1)]
    assert [u.text for u in join_wrapped_bylines(units)] == ["本报记者 钟晓禾 摄"]
