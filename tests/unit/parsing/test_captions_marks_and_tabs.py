"""Pictures under web titles, marks a font turned into letters, outlets named before a
byline, boxed kickers and page tabs with the issue's number. Made-up text with the shapes
real pages show."""

from __future__ import annotations

from worker.parsing import parse_issue
from worker.parsing.pages import PageHeader, parse_page_header


def test_a_title_announcing_its_picture_keeps_the_caption_under_it_out_of_the_head() -> None:
    issue = parse_issue(
        "青河大桥今日合龙(图)\n\n合龙现场的施工人员\n\n"
        "本报讯(记者韦方舟) 昨日，青河大桥主跨合龙。\n\n大桥预计年底通车。"
    )
    (article,) = issue.articles
    assert (article.headline, article.kicker) == ("青河大桥今日合龙(图)", None)
    assert article.reporters == ("韦方舟",)
    assert article.paragraphs[0] == "合龙现场的施工人员"


def test_a_caption_marked_as_one_is_neither_headline_nor_glued_to_the_text() -> None:
    issue = parse_issue(
        "柯望川称将继续上诉：不服一审判决\n\n柯望川(资料图)\n\n"
        "青河晚报3月8日报道 昨天，柯望川通过律师回应了一审判决。\n\n他表示将继续上诉。"
    )
    (article,) = issue.articles
    assert (article.headline, article.kicker) == ("柯望川称将继续上诉：不服一审判决", None)
    assert article.paragraphs[0] == "柯望川(资料图)"


def test_a_capital_letter_standing_for_a_box_before_a_byline_is_a_mark() -> None:
    issue = parse_issue(
        "第A16版:读者热线\n\n读者热线一周报料回顾\n\nN本报记者 韦方舟 柯小禾\n\n"
        "本报讯 本周共收到报料三百余条。\n\n其中一条关于路灯的报料已经得到处理。"
    )
    (article,) = issue.articles
    assert article.headline == "读者热线一周报料回顾"
    assert article.reporters == ("韦方舟", "柯小禾")


def test_outlets_joined_by_slashes_before_a_closing_byline_are_named_apart() -> None:
    issue = parse_issue(
        "本报5月2日讯 前日午后，一位老人在青河公园迷了路。\n\n"
        "民警在湖畔的长椅上寻回了老人，家属连声道谢。\n\n"
        "(青河新闻/青河晚报/掌上青河 记者 韦方舟 通讯员 柯小禾)"
    )
    (article,) = issue.articles
    assert article.reporters == ("韦方舟",)
    assert article.correspondents == ("柯小禾",)
    assert "青河新闻/青河晚报/掌上青河" in article.other_credits


def test_a_box_before_the_kicker_is_the_layouts() -> None:
    issue = parse_issue(
        "□“菜价今降 拟建平价店”追踪\n\n平价菜店今日开张\n\n"
        "本报讯（记者 韦方舟）青河路的平价菜店今天开张。"
    )
    (article,) = issue.articles
    assert article.kicker == "“菜价今降 拟建平价店”追踪"
    assert article.headline == "平价菜店今日开张"


def test_page_tabs_with_the_issues_number_and_date() -> None:
    assert parse_page_header("7:乡镇新闻总第88期 >2021-04-09编印") == PageHeader(7, "乡镇新闻")
    assert parse_page_header("03版:综合总第640期 >2022-04-07编印") == PageHeader(3, "综合")
    assert parse_page_header("第四版:综合总第901期 >2022-01-05编印") == PageHeader(4, "综合")
    assert parse_page_header("第7B版:社区") == PageHeader(7, "社区")
    assert parse_page_header("7:乡镇新闻工作要点") is None


def test_a_tab_with_a_zero_padded_number_and_no_ban_is_a_page_header() -> None:
    assert parse_page_header("01:一版要闻") == PageHeader(1, "一版要闻")
    assert parse_page_header("02:综合新闻") == PageHeader(2, "综合新闻")
    assert parse_page_header("1:抓好春耕") is None
    assert parse_page_header("01:要把工作做细做实。") is None


def test_a_photo_report_byline_before_the_text_credits_the_photographer() -> None:
    issue = parse_issue(
        "湖边晨练人多了\n\n本报记者 韦方舟 摄影报道 昨日清晨，青河湖边晨练的市民络绎不绝。"
    )
    (article,) = issue.articles
    assert (article.reporters, article.photographers) == ((), ("韦方舟",))
    assert article.paragraphs == ("昨日清晨，青河湖边晨练的市民络绎不绝。",)


def test_roles_with_slashes_before_names_are_no_outlets() -> None:
    (article,) = parse_issue(
        "湖上新桥通车\n\n本报讯 青河湖上的新桥昨日通车。\n\n（记者/韦方舟 通讯员/柯小禾）"
    ).articles
    assert (article.reporters, article.correspondents) == (("韦方舟",), ("柯小禾",))
