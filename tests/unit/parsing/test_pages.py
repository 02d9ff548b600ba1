"""Page header lines: number and section in every printed form."""

from __future__ import annotations

import pytest

from worker.parsing import parse_issue
from worker.parsing.pages import PageHeader, parse_page_header


@pytest.mark.parametrize(
    ("line", "number", "section"),
    [
        ("第05版：卫东新闻", 5, "卫东新闻"),
        ("A05版 要闻", 5, "要闻"),
        ("05版：要闻", 5, "要闻"),
        ("【第2版】", 2, None),
        ("=== 第2版 社会 ===", 2, "社会"),
        ("第十二版 文化", 12, "文化"),
        ("【第3版 体育】", 3, "体育"),
        # E-paper exports and archives
        ("第7版 种植业", 7, "种植业"),
        ("第C0007版:科教·新教育", 7, "科教·新教育"),
        ("1695 期 / 第2版:2", 2, None),
        ("第A05版:要闻", 5, "要闻"),
        ("第3版(国际)", 3, "国际"),
        ("第1版()", 1, None),
        ("第5版(国内专页(教科文))", 5, "国内专页(教科文)"),
        ("第4版 :五江之源", 4, "五江之源"),
        ("1951年9月15日人民日报 第1版", 1, None),
        ("第00003版:城事", 3, "城事"),
        ("A05", 5, None),
        ("B06:城事", 6, "城事"),
        ("B07", 7, None),
        # A section named with its part, longer than a plain one
        ("第 03 版：青河新貌・沿江两岸的古镇新村", 3, "青河新貌・沿江两岸的古镇新村"),
        # A web page citing its print page, with or without 第
        ("《 青河日报 》( 2024年03月08日 第 06 版 )", 6, None),
        ("《青河晚报》 (2023年11月02日 07 版)", 7, None),
        # The date alone before the label, or with the weekday
        ("2023年07月12日 第B05版:青河街", 5, "青河街"),
        ("2021年3月9日 星期二 第6版", 6, None),
        # An edition code in round brackets
        ("(QH03) 封面", 3, "封面"),
        # E-paper chrome around the label: the tab on show, the PDF link after it
        ("当前版: 006版", 6, None),
        ("当前版:08版", 8, None),
        ("第B04版:文体 PDF版", 4, "文体"),
        ("版面:05版:青河人文", 5, "青河人文"),
        ("第06版:文体 上一版 下一版", 6, "文体"),
        ("第06版:文体 版面导航", 6, "文体"),
        ("当前位置：青河网 > 青河周报 > 第88期 > 第4版", 4, None),
        # A date in figures before the label; the issue's date after it is no section
        ("2023-07-12 第05版", 5, None),
        ("2023.07.12 第5版 城事", 5, "城事"),
        ("第5版 2023年7月12日", 5, None),
        # A tab's typesetting spaces are not part of the section's name
        ("第 6 版：体 育", 6, "体育"),
        # An archive record's page field, the number without 版
        ("【版次】= 03", 3, None),
        ("版次：B07", 7, None),
    ],
)
def test_header_forms(line: str, number: int, section: str | None) -> None:
    assert parse_page_header(line) == PageHeader(number, section)


@pytest.mark.parametrize(
    "line",
    [
        "第5版刊登了很多新闻内容",
        "第0版",
        "本版共刊登五篇稿件",
        "A0",
        "A05室",
        "第3版(国际)新闻很多",
        "A11:本市今天起实行新的公交线路调整方案",
        "B06:城事。",
        "（下转第2版）",
        "(见第3版)",
        "2021年3月9日第6版刊登了一篇报道",
        "第2版：本报今天推出专题报道一组共五篇",
        "下载PDF版",
        "版面设计：王五",
        "下一版",
        "2023-07-12第5版刊登了一篇报道",
        "版次：",
    ],
)
def test_lines_that_mention_pages_are_not_headers(line: str) -> None:
    assert parse_page_header(line) is None


def test_header_sets_page_and_section_of_articles() -> None:
    text = (
        "第01版：要闻\n\n标题甲\n\n本报讯（记者王孟鹤）正文。\n\n"
        "第02版：社会\n\n标题乙\n\n本报讯（记者赵炎）正文。"
    )
    issue = parse_issue(text)
    assert [(a.page, a.section) for a in issue.articles] == [(1, "要闻"), (2, "社会")]
    assert [(p.number, p.section) for p in issue.pages] == [(1, "要闻"), (2, "社会")]


def test_front_matter_section_and_default_section_fill_pages_without_one() -> None:
    assert (
        parse_issue("【第2版】\n\n标题\n\n本报讯（记者王孟鹤）正文。", default_section="要闻")
        .pages[0]
        .section
        == "要闻"
    )


def test_label_forms_are_printed_page_numbers_not_headlines() -> None:
    text = "第C0007版:科教·新教育\n\n寒潮来袭\n\n本报讯 今天降温。"
    issue = parse_issue(text)
    assert [(p.number, p.section, p.labelled) for p in issue.pages] == [(7, "科教·新教育", True)]
    article = issue.articles[0]
    assert (article.kicker, article.headline, article.page) == (None, "寒潮来袭", 7)


def test_label_repeated_over_every_item_stays_one_page() -> None:
    text = (
        "1951年9月15日青河日报 第1版\n\n第1版()\n专栏:\n\n新桥通车\n本报讯 新桥今天通车。\n\n\n"
        "第1版()\n专栏:\n\n新校开学\n本报讯 新校今天开学。"
    )
    issue = parse_issue(text)
    assert [(p.number, p.labelled) for p in issue.pages] == [(1, True)]
    assert [(a.headline, a.kicker) for a in issue.articles] == [
        ("新桥通车", None),
        ("新校开学", None),
    ]


def test_first_line_number_and_section_without_ban_is_the_page_label() -> None:
    # A reader's page field printed as `07 临溪` at the top of a file; lower down the same
    # shape (a numbered crosshead) opens no new page.
    text = (
        "07 临溪\n\n老茶园换新装\n\n临溪镇的茶农这几天给老茶园补种新苗,修整步道。\n\n"
        "01 请来农技员\n\n镇里请来两位农技员,挨家讲解修剪方法。\n\n通讯员 柯望川 摄"
    )
    issue = parse_issue(text)
    assert [(p.number, p.section, p.labelled) for p in issue.pages] == [(7, "临溪", True)]
    article = issue.articles[0]
    assert (article.kicker, article.headline, article.page) == (None, "老茶园换新装", 7)


def test_padded_page_number_alone_opening_a_file_is_its_label() -> None:
    caption = "10月9日，几名村民在雨中等候渡船。渡口今年新修了候船亭。"
    issue = parse_issue(f"02\n\n雨中渡口的新候船亭启用了\n\n{caption}\n\n记者 柯望川 摄")
    (article,) = issue.articles
    assert (article.page, article.kicker, article.headline) == (2, None, "雨中渡口的新候船亭启用了")
    assert not issue.unassigned


def test_section_under_a_padded_page_number_names_the_page() -> None:
    issue = parse_issue("02\n城事\n\n青河大桥通车\n\n本报讯（记者 柯望川）大桥今天通车。")
    assert [(p.number, p.section) for p in issue.pages] == [(2, "城事")]
    assert issue.articles[0].headline == "青河大桥通车"
