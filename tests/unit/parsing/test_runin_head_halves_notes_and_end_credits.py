"""A head's second half run into the text, an indented editor's note label under a head,
a writer's `X  文` line closing an item, a paper-and-site dateline, and an archive record's
field block."""

from __future__ import annotations

from worker.parsing import parse_issue
from worker.parsing.accounting import unaccounted
from worker.parsing.leads import parse_lead

_TEXT = "今年青河镇的早稻熟得早,合作社的两台收割机从早忙到晚。"


def test_second_head_line_run_into_the_text_is_the_headline_not_a_name() -> None:
    # `田间忙` starts with a surname, as a name line under a head would.
    text = f"青山远\n田间忙   {_TEXT}\n         本报记者 张三\n  大图:两台农机正在地里收玉米。\n"
    (article,) = parse_issue(text).articles
    assert (article.kicker, article.headline) == ("青山远", "田间忙")
    assert article.reporters == ("张三",)
    assert article.paragraphs[0] == _TEXT


def test_indented_note_label_under_a_head_opens_the_text() -> None:
    text = (
        "我们走过的2019\n\n \n\n  编者按\n\n  这一年,本报记者跑遍了临溪县的十二个乡镇。\n\n"
        "  谢谢每一位读报的人!\n\n \n\n  ■青河新桥\n\n  青河新桥在今年秋天通车了。\n"
    )
    (article,) = parse_issue(text).articles
    assert (article.kicker, article.headline) == (None, "我们走过的2019")
    assert article.paragraphs[0] == "编者按"
    assert "■青河新桥" in article.paragraphs


def test_note_label_flush_with_the_head_is_the_item_title() -> None:
    text = "关注秋收\n\n编者按\n\n本版今起开设专栏,说说今年秋收的新鲜事。\n"
    (article,) = parse_issue(text).articles
    assert (article.kicker, article.headline) == ("关注秋收", "编者按")


def test_spacer_line_between_blank_lines_breaks_no_page() -> None:
    text = "临溪新桥通车\n\n  青河新桥今天通车了。\n\n \n\n  ■两岸村民\n\n  村民们不再绕路。\n"
    (article,) = parse_issue(text).articles
    assert article.page == 1
    assert article.paragraphs[-1] == "村民们不再绕路。"


def test_writer_line_then_photo_credit_close_the_item_above() -> None:
    text = (
        "稻谷丰收乐青河\n\n8月3日,青河镇的晒场上铺满了新收的稻谷。\n\n"
        "钱七  文\n\n本报特约记者  孙八  摄\n"
    )
    (article,) = parse_issue(text).articles
    assert article.headline == "稻谷丰收乐青河"
    assert (article.reporters, article.photographers) == (("钱七",), ("孙八",))


def test_name_and_role_set_off_by_spaces_credit_each_name() -> None:
    lead = parse_lead("周敏 文  邱实 图")
    assert lead is not None
    assert (lead.credits.reporters, lead.credits.photographers) == (("周敏",), ("邱实",))
    assert parse_lead("校园 文") is None


def test_paper_and_site_dateline_joined_by_a_slash() -> None:
    lead = parse_lead("青河日报/青河网讯(记者张三通讯员李四报道)12月30日上午,临溪县举办画展。")
    assert lead is not None
    assert lead.dateline == "青河日报/青河网讯"
    assert (lead.credits.reporters, lead.credits.correspondents) == (("张三",), ("李四",))
    assert lead.rest == "12月30日上午,临溪县举办画展。"


_RECORD = (
    "【日期】= 1988.05.12\n【标题】= 青河乡修渠记\n【版次】= 02\n【作者】= 周小川\n【专栏】=\n"
    "【正文】=\n \n\n青河乡修渠记\n\n周小川  (1988.05.12)\n\n   青河乡修渠记\n"
    "    五月初,青河乡的村民扛着铁锹上了北坡,要在雨季前\n把老水渠修好。\n"
)


def test_archive_field_block_names_the_head_and_the_writer() -> None:
    issue = parse_issue(_RECORD)
    (article,) = issue.articles
    assert (article.kicker, article.headline, article.subtitle) == (None, "青河乡修渠记", None)
    assert article.reporters == ("周小川",)
    assert article.paragraphs == ("五月初,青河乡的村民扛着铁锹上了北坡,要在雨季前把老水渠修好。",)
    assert unaccounted(_RECORD, issue) == ({}, {})


def test_field_lines_without_a_text_field_are_set_aside() -> None:
    text = "【日期】= 1988.05.12\n【作者】= 周小川\n\n青河乡修渠记\n\n五月初,村民们上了北坡。\n"
    assert parse_issue(text).articles[0].headline == "青河乡修渠记"
