"""Layouts: paragraph-per-block and per-line, line endings, padding, column breaks, pages."""

from __future__ import annotations

from worker.parsing import parse_issue

HEAD = "标题甲\n\n本报讯（记者王孟鹤）"


def paragraphs(text: str) -> tuple[str, ...]:
    return parse_issue(text).articles[0].paragraphs


def test_blocks_separated_by_one_blank_line_are_paragraphs() -> None:
    assert paragraphs(HEAD + "第一段。\n\n第二段。") == ("第一段。", "第二段。")


def test_column_break_is_rejoined_without_separator() -> None:
    text = HEAD + "会议对下半年各项\n\n任务的落实提出要求。\n\n下一段。"
    assert paragraphs(text) == ("会议对下半年各项任务的落实提出要求。", "下一段。")


def test_short_fragment_with_comma_is_body_not_headline() -> None:
    text = HEAD + "第一段。\n\n在前期走访摸底的基础上，青河区组\n\n织全区包保单位开展整治。"
    issue = parse_issue(text)
    assert len(issue.articles) == 1
    assert (
        issue.articles[0].paragraphs[-1]
        == "在前期走访摸底的基础上，青河区组织全区包保单位开展整治。"
    )


def test_closing_quote_after_full_stop_ends_a_paragraph() -> None:
    text = HEAD + "“我们很满意。”\n\n他说。"
    assert paragraphs(text) == ("“我们很满意。”", "他说。")


def test_marked_subhead_is_not_joined_to_the_next_paragraph() -> None:
    text = HEAD + "第一段。\n\n一、强化组织领导\n\n第二段。"
    assert paragraphs(text) == ("第一段。", "一、强化组织领导", "第二段。")


def test_paragraph_per_line_with_fullwidth_indent() -> None:
    text = "标题甲\n　　本报讯（记者王孟鹤）第一段。\n　　第二段，\n接着写完。\n　　第三段。"
    assert paragraphs(text) == ("第一段。", "第二段，接着写完。", "第三段。")


def test_indented_head_with_a_comma_over_a_dateline_opens_a_brief() -> None:
    text = (
        "临溪春节见闻\n\n　　春节期间，临溪县商场客流比平时多了两成。\n\n"
        "　　快递量排第五\n\n　　青河日报讯（记者柯望川）青河站春节快递量排全省第五。\n\n"
        "　　节后,投诉最多的是餐饮\n\n"
        "　　青河日报讯（通讯员杜远 实习生汪明 记者钱多多）县里共收到投诉四百多件。\n\n"
        "　　其中一名消费者说，预订的年夜饭被临时取消。"
    )
    issue = parse_issue(text)
    assert [a.headline for a in issue.articles][1:] == ["快递量排第五", "节后,投诉最多的是餐饮"]
    brief = issue.articles[2]
    assert brief.reporters == ("钱多多",) and brief.correspondents == ("杜远",)
    assert issue.articles[1].reporters == ("柯望川",)


def test_paragraph_per_line_blank_line_separates_articles() -> None:
    text = (
        "标题甲\n　　本报讯（记者王孟鹤）第一段。\n　　第二段。\n\n"
        "标题乙\n　　没有电头的图片说明。\n"
    )
    issue = parse_issue(text)
    assert [a.headline for a in issue.articles] == ["标题甲", "标题乙"]


def test_crlf_and_cr_line_endings_parse_like_lf() -> None:
    lf = HEAD + "第一段。\n\n第二段。"
    for ending in ("\r\n", "\r"):
        assert parse_issue(lf.replace("\n", ending)).to_json() == parse_issue(lf).to_json()


def test_padding_with_ideographic_space_nbsp_and_tab() -> None:
    text = "\u3000标题甲\u00a0\n\n\t本报讯（记者\u3000王\u3000洲）第一段。\u3000\n"
    article = parse_issue(text).articles[0]
    assert (article.headline, article.reporters, article.paragraphs) == (
        "标题甲",
        ("王洲",),
        ("第一段。",),
    )


def test_control_characters_are_stripped_from_output() -> None:
    article = parse_issue(HEAD + "第一\x00段\x07。\x1b").articles[0]
    assert article.paragraphs == ("第一段。",)


def test_two_blank_lines_break_the_page() -> None:
    text = HEAD + "第一段。\n\n\n标题乙\n\n本报讯（记者赵炎）正文。"
    assert [a.page for a in parse_issue(text).articles] == [1, 2]


def test_leading_blank_lines_do_not_make_an_empty_page() -> None:
    issue = parse_issue("\n\n\n" + HEAD + "第一段。")
    assert [p.number for p in issue.pages] == [1]


def test_explicit_headers_win_over_blank_runs() -> None:
    text = "第05版：要闻\n\n" + HEAD + "第一段。\n\n\n\n标题乙\n\n本报讯（记者赵炎）正文。"
    assert [a.page for a in parse_issue(text).articles] == [5, 5]


def test_blank_run_breaks_a_page_between_headers_set_off_the_same_way() -> None:
    text = (
        "第A07版：城事\n\n\n标题甲\n\n本报讯（记者王孟鹤）正文。\n\n\n\n"
        "标题乙\n\n本报讯（记者赵炎）正文。\n\n\n\n第A09版：文体\n\n标题丙\n\n本报讯（记者李菱）正文。"
    )
    assert [a.page for a in parse_issue(text).articles] == [7, 8, 9]


def test_blank_lines_right_under_a_header_do_not_make_a_page() -> None:
    text = (
        "第A07版：城事\n\n\n\n标题甲\n\n本报讯（记者王孟鹤）正文。\n\n\n\n"
        "第A09版：文体\n\n标题丙\n\n本报讯（记者李菱）正文。"
    )
    issue = parse_issue(text)
    assert [a.page for a in issue.articles] == [7, 9]
    assert [p.number for p in issue.pages] == [7, 9]


def test_layout_is_read_per_page() -> None:
    per_line = (
        "标题甲\n　　本报讯（记者王孟鹤）第一段。\n　　第二段。\n　　第三段。\n　　第四段。\n"
    )
    blocks = "标题乙\n\n本报讯（记者赵炎）第一段。\n\n分项标题\n\n第二段。\n\n第三段。\n\n第四段。"
    issue = parse_issue(f"第2版：综合\n{per_line}第3版：乡村\n\n{blocks}")
    assert issue.articles[1].paragraphs == (
        "第一段。",
        "分项标题",
        "第二段。",
        "第三段。",
        "第四段。",
    )


def test_a_byline_broken_over_lines_by_hard_wrapping_is_read_whole() -> None:
    text = (
        "每天骑车上学的同学，你是否嫌路上太挤？下个月起多了一条路可走。晨报讯（记者\n柯望川\n"
        "通讯员\n杜远）临溪公园的环湖绿道下月开放！记者昨日获悉，绿道已经铺好。\n全长八公里。"
    )
    article = parse_issue(text).articles[0]
    assert article.reporters == ("柯望川",) and article.correspondents == ("杜远",)
    assert article.paragraphs[0] == "每天骑车上学的同学，你是否嫌路上太挤？下个月起多了一条路可走。"
    assert article.paragraphs[1].startswith("临溪公园")
