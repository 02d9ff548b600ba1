"""Web record field lines, app bylines led by the paper's name, supplied pictures, a box's
byline over its head, labelled credit brackets and archive records flattened onto one line."""

from __future__ import annotations

from worker.parsing import parse_issue
from worker.parsing.bylines import parse_credits, parse_lead, parse_tail
from worker.parsing.furniture import is_furniture, record_fields
from worker.parsing.pages import split_flat_record
from worker.parsing.units import split_flat_head


def test_a_writing_up_word_run_on_after_the_last_name_closes_the_names() -> None:
    credits = parse_credits("本报记者 汪洋、柯小溪整理")
    assert credits is not None
    assert credits.reporters == ("汪洋", "柯小溪")


def test_a_supplier_after_a_photo_credit_is_credited_but_is_no_person() -> None:
    tail = parse_tail("图为工人在搬运货物。 许 达摄 青河港务局供图")
    assert tail is not None and tail.photo
    assert tail.credits.photographers == ("许达",)
    assert tail.credits.others == ("青河港务局供图",)
    assert tail.rest == "图为工人在搬运货物。"
    alone = parse_tail("图为工人在搬运货物。 青河港务局供图")
    assert alone is not None and alone.credits.others == ("青河港务局供图",)


def test_a_papers_name_and_a_bar_lead_an_apps_byline() -> None:
    lead = parse_lead("青河日报 | 记者 钟晓岚 美编 阮青")
    assert lead is not None and lead.rest == ""
    assert lead.credits.reporters == ("钟晓岚",)
    assert lead.credits.editors == ("阮青",)
    assert lead.credits.others == ("青河日报",)
    assert parse_lead("青河日报 | 今天的要闻有三条，请看。") is None


def test_a_record_field_line_is_furniture_but_its_author_field_credits() -> None:
    fields = record_fields("2021-04-12 08:30:15   来源: 青河日报   作者:吕望 单小棠   点击:")
    assert fields is not None and [f.strip() for f in fields][2] == "作者:吕望 单小棠"
    assert record_fields("2021年4月12日 市民柯先生说：菌棒长得很好，今年能增收。") is None
    issue = parse_issue("大学生回乡种香菇\n\n2021-04-12 08:30   来源: 青河日报\n\n菌棒长势好。")
    assert [f.text for f in issue.furniture] == ["2021-04-12 08:30 来源: 青河日报"]
    assert not is_furniture("2021-04-12 菌棒长势好。")


def test_labelled_fields_in_a_closing_bracket_credit_the_author_and_keep_the_school() -> None:
    tail = parse_tail("我也要做一名护河小卫士。(作者:林小禾 学校:青河市实验小学)")
    assert tail is not None
    assert tail.credits.reporters == ("林小禾",)
    assert tail.credits.others == ("学校:青河市实验小学",)
    assert parse_tail("我们在河边集合。(时间:三月 地点:河边)") is None


def test_a_byline_over_a_box_head_opens_the_box_not_the_story_above() -> None:
    text = (
        "秋粮归仓\n\n本报讯（记者 王一舟）全镇秋粮入库。\n\n蹲点记者:柏安然\n\n"
        "烘干房里的丰收账\n\n清晨六点，烘干房开工了。"
    )
    story, box = parse_issue(text).articles
    assert story.reporters == ("王一舟",)
    assert (box.headline, box.reporters) == ("烘干房里的丰收账", ("柏安然",))


def test_a_byline_at_the_end_of_an_uncredited_story_still_closes_it() -> None:
    text = (
        "秋粮归仓\n\n全镇秋粮入库。\n\n蹲点记者:柏安然\n\n"
        "烘干房里的丰收账\n\n清晨六点，烘干房开工了。"
    )
    articles = parse_issue(text).articles
    assert articles[0].reporters == ("柏安然",)
    assert articles[1].reporters == ()


def test_an_editors_note_under_a_comma_headline_keeps_the_head_group_whole() -> None:
    text = (
        "乡村振兴进行时\n\n白沙村：一条新路，富了一村人\n\n"
        "编者按：修一条路，带活一片产业。\n\n正文。"
    )
    (article,) = parse_issue(text).articles
    assert (article.kicker, article.headline) == ("乡村振兴进行时", "白沙村：一条新路，富了一村人")
    assert article.paragraphs[0].startswith("编者按")


def test_an_archive_record_flattened_onto_one_line_is_split() -> None:
    assert split_flat_record("第5版(经济)专栏: 让小微企业轻装上阵") == (
        "第5版(经济)",
        "专栏:",
        "让小微企业轻装上阵",
    )
    assert split_flat_record("第5版(经济)") == ("第5版(经济)",)
    line = "稳增长系列评论之二 让小微企业轻装上阵 本报记者 闵若川 减税降费的红利正在落地。"
    assert split_flat_head(line) == (
        "稳增长系列评论之二",
        "让小微企业轻装上阵",
        "本报记者 闵若川",
        "减税降费的红利正在落地。",
    )
    # A sentence that mentions a reporter is no head group.
    prose = "昨天上午，市里召开会议 记者 闵若川 在现场看到，与会者踊跃发言。"
    assert split_flat_head(prose) == (prose,)


def test_a_writers_post_in_brackets_after_the_name_stays_in_the_byline() -> None:
    lead = parse_lead("作者：柯望川（青河大学经济学院教授）")
    assert lead is not None and (lead.credits.reporters, lead.rest) == (("柯望川",), "")
    two = parse_lead("作者：柯望川、钱小禾（均为青河大学教授）")
    assert two is not None and two.credits.reporters == ("柯望川", "钱小禾")
    sourced = parse_lead("作者：柯望川（青河大学教授） 《青河日报》（ 2024年03月11日 09版）")
    assert sourced is not None and (sourced.credits.reporters, sourced.rest) == (("柯望川",), "")
    assert parse_lead("记者 王五（右）在现场采访。") is None


def test_a_bar_after_a_one_character_role_marks_the_credit() -> None:
    lead = parse_lead("文｜郑一禾 图｜冯晓岚")
    assert lead is not None
    assert (lead.credits.reporters, lead.credits.photographers) == (("郑一禾",), ("冯晓岚",))
    both = parse_lead("文·图/本报记者 郑一禾")
    assert both is not None and both.credits.photographers == ("郑一禾",)


def test_interview_lines_and_end_notes_are_text_not_heads() -> None:
    text = (
        "推动文化繁荣发展\n王五月\n\n文化是城市的命脉。\n\n（作者为青河大学教授）\n\n"
        "以实干书写新篇章\n青河日报评论员\n\n实干才能梦想成真。\n\n"
        "局长谈春耕\n\n本报记者 孙八方\n\n问：今年春耕有哪些新举措？\n\n答：抓好种子和农机。"
    )
    signed, commentary, interview = parse_issue(text).articles
    assert signed.reporters == ("王五月",) and signed.paragraphs[-1] == "（作者为青河大学教授）"
    assert (commentary.kicker, commentary.other_credits) == (None, ("青河日报评论员",))
    assert commentary.kind == "news"
    assert interview.paragraphs == ("问：今年春耕有哪些新举措？", "答：抓好种子和农机。")


def test_a_spaced_wen_closes_the_writers_names_before_a_photo_credit() -> None:
    tail = parse_tail("市民在湖边赏花。 本报记者 王小川 文 赵一禾 摄")
    assert tail is not None
    assert (tail.credits.reporters, tail.credits.photographers) == (("王小川",), ("赵一禾",))


def test_a_county_media_centre_qualifies_a_reporter() -> None:
    lead = parse_lead("本报讯（青河县融媒体中心记者 王小川 通讯员 赵一禾）近日，…")
    assert lead is not None
    assert (lead.credits.reporters, lead.credits.correspondents) == (("王小川",), ("赵一禾",))


def test_a_wire_title_after_the_dateline_is_the_headline() -> None:
    text = "新华社青河3月5日电 题：沿江古镇焕新颜\n新华社记者 柯望川 钱小禾\n\n古镇修缮一新。（完）"
    (article,) = parse_issue(text).articles
    assert (article.headline, article.dateline) == ("沿江古镇焕新颜", "新华社青河3月5日电")
    assert article.reporters == ("柯望川", "钱小禾")
    assert article.paragraphs[0].startswith("古镇")


def test_a_pupils_class_before_the_name_is_an_author_line() -> None:
    text = "春天的约定\n初二（3）班 林小禾\n\n春天来了，玉兰花开了。\n\n指导老师：陈老师"
    (article,) = parse_issue(text).articles
    assert (article.headline, article.kicker) == ("春天的约定", None)
    assert article.reporters == ("林小禾",)
    assert article.other_credits[0] == "初二（3）班"
    assert parse_lead("初二（3）班 活动很精彩") is None


def test_an_edition_page_tab_with_a_space_and_a_hotline_are_no_heads() -> None:
    text = (
        "A08 城事\n\n电梯停运三天 居民爬楼难\n\n■本报记者 柯望川 文/图\n\n电梯已停运三天。\n\n"
        "热线：96123\n\n老乡见老乡\n\n晚报讯（记者 钱小禾）昨天，同乡会举行年会。"
    )
    issue = parse_issue(text)
    assert [(p.number, p.section) for p in issue.pages] == [(8, "城事")]
    assert [a.headline for a in issue.articles] == ["电梯停运三天 居民爬楼难", "老乡见老乡"]
    assert issue.articles[1].kicker is None
    assert [f.text for f in issue.furniture] == ["热线：96123"]


def test_a_school_papers_bracket_with_slashes_and_a_supplier_note() -> None:
    tail = parse_tail("活动圆满结束。（文/王小明 图/李晓 审核/张三）")
    assert tail is not None
    assert (tail.credits.reporters, tail.credits.photographers, tail.credits.editors) == (
        ("王小明",),
        ("李晓",),
        ("张三",),
    )
    (article,) = parse_issue("校园科技节开幕\n\n科技节开幕了。（供稿单位：学生处）").articles
    assert article.reporters == () and article.paragraphs == ("科技节开幕了。（供稿单位：学生处）",)


def test_a_report_colon_run_into_the_text_ends_the_byline() -> None:
    lead = parse_lead("记者 柯望川 通讯员 钱小禾 报道：眼下正是秋冬种的关键时期。")
    assert lead is not None
    assert (lead.credits.reporters, lead.credits.correspondents) == (("柯望川",), ("钱小禾",))
    assert lead.rest == "眼下正是秋冬种的关键时期。"


def test_a_sites_own_news_dateline_and_the_colon_after_its_bracket() -> None:
    lead = parse_lead("青河网消息（记者 王小川）：近日，青河港新开两条航线。")
    assert lead is not None
    assert (lead.dateline, lead.credits.reporters) == ("青河网消息", ("王小川",))
    assert lead.rest == "近日，青河港新开两条航线。"
    assert parse_lead("好消息（记者 王小川）近日") is None


def test_a_web_record_flattened_with_its_head_before_the_dateline() -> None:
    text = "青河港新开两条航线 本报讯（记者 王小川）近日，青河港新开两条航线。码头年内投用。"
    (article,) = parse_issue(text).articles
    assert (article.headline, article.dateline, article.reporters) == (
        "青河港新开两条航线",
        "本报讯",
        ("王小川",),
    )
    dated = "5月5日 本报记者 王五 在现场看到，群众踊跃参加。"
    assert split_flat_head(dated) == (dated,)
