"""Web records and e-paper exports: site and app reporters, headlines with a comma over an end
byline, a picture's title-carrying credit, a caption run into the dateline."""

from __future__ import annotations

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue
from worker.parsing.bylines import parse_credits, parse_lead
from worker.parsing.headlines import is_headline_line
from worker.parsing.units import split_caption_lead


def test_site_and_app_names_qualify_a_reporter() -> None:
    for byline, names in [
        ("湖城在线记者 方一鸣 戴小满", ("方一鸣", "戴小满")),
        ("上游新闻·山城晨报记者 罗川", ("罗川",)),
        ("江城晚报·掌上江城记者:林可心", ("林可心",)),
    ]:
        credits = parse_credits(byline)
        assert credits is not None, byline
        assert credits.reporters == names, byline


def test_a_photographers_title_does_not_make_a_writer() -> None:
    credits = parse_credits("摄影 记者 周远")
    assert credits is not None
    assert (credits.reporters, credits.photographers) == ((), ("周远",))
    both = parse_credits("文/图 本报记者 高原")
    assert both is not None
    assert (both.reporters, both.photographers) == (("高原",), ("高原",))


def test_a_colon_vouches_for_the_name_closing_a_byline_line() -> None:
    lead = parse_lead("文/江城晚报·掌上江城记者:林可心 通讯员:晓宇")
    assert lead is not None
    assert (lead.credits.reporters, lead.credits.correspondents, lead.rest) == (
        ("林可心",),
        ("晓宇",),
        "",
    )


def test_a_colon_vouches_for_nothing_before_the_text() -> None:
    lead = parse_lead("本报讯 记者 林可心 通讯员:晓宇 昨天上午,社区举办了义诊。")
    assert lead is not None
    assert lead.credits.correspondents == ()
    assert lead.rest.startswith("通讯员:晓宇")


def test_caption_run_into_a_dateline_is_split_off() -> None:
    assert split_caption_lead("图为村民在晒谷场旁听 本报讯 (郑禾) 一张方桌,几条长凳。") == (
        "图为村民在晒谷场旁听",
        "本报讯 (郑禾) 一张方桌,几条长凳。",
    )
    assert split_caption_lead("图为村民在晒谷场旁听 庭审持续两个小时。") == (
        "图为村民在晒谷场旁听 庭审持续两个小时。",
    )


def test_a_caption_is_never_a_headline_line() -> None:
    assert not is_headline_line("图为市民在公园晨练")
    assert is_headline_line("市民在公园晨练")


def test_comma_headline_at_the_top_heads_the_text_its_byline_closes() -> None:
    issue = parse_issue(
        "停水一夜,物业送水上门\n\n昨晚小区水管爆裂,物业挨家挨户送去桶装水。\n\n"
        "今晨八时恢复供水。\n\n上游新闻·山城晨报记者 罗川\n"
    )
    assert [(a.headline, a.reporters) for a in issue.articles] == [
        ("停水一夜,物业送水上门", ("罗川",))
    ]
    assert issue.unassigned == ()


def test_comma_line_without_a_closing_byline_heads_nothing() -> None:
    issue = parse_issue("停水一夜,物业送水上门\n\n昨晚小区水管爆裂,物业挨家挨户送去桶装水。\n")
    assert all(a.headline != "停水一夜,物业送水上门" for a in issue.articles)


def test_picture_credit_under_the_closing_byline_is_the_same_items() -> None:
    issue = parse_issue(
        "停水一夜,物业送水上门\n\n昨晚小区水管爆裂,物业挨家挨户送去桶装水。\n\n"
        "文/江城晚报·掌上江城记者:林可心\n\n图/江城晚报·掌上江城记者:许栋\n"
    )
    assert len(issue.articles) == 1
    article = issue.articles[0]
    assert (article.reporters, article.photographers) == (("林可心",), ("许栋",))


def test_all_media_title_qualifies_a_reporter() -> None:
    credits = parse_credits("江城日报全媒记者 宋雨 摄", photo=True)
    assert credits is not None
    assert credits.photographers == ("宋雨",)


FEATURE = (
    "古村里的新课堂\n\n开篇一段,写学生在祠堂里看老木匠干活。\n\n第二段,写村里把祠堂改成课堂。\n\n"
    "■林晓岚\n\n手艺人当上了老师\n\n木匠说他很高兴。\n\n学生带走自己做的板凳。\n\n"
    "老祠堂有了新用途\n\n院子里布置了农具展。\n"
)


def test_byline_after_the_lead_keeps_the_subheads_in_the_story() -> None:
    issue = parse_issue(FEATURE)
    assert [(a.headline, a.reporters) for a in issue.articles] == [("古村里的新课堂", ("林晓岚",))]
    assert "手艺人当上了老师" in issue.articles[0].paragraphs


def test_byline_closing_a_story_still_ends_it_before_photo_news() -> None:
    issue = parse_issue(
        "古村里的新课堂\n\n开篇一段。\n\n第二段。\n\n■林晓岚\n\n荷塘晨光\n\n"
        "清晨,湖畔荷花竞相开放。(江城日报全媒记者 宋雨 摄)\n"
    )
    assert [a.headline for a in issue.articles] == ["古村里的新课堂", "荷塘晨光"]


def test_pupil_byline_between_dots_with_school_and_class() -> None:
    lead = parse_lead("·青石县实验小学三(2)班小记者/苏小满·")
    assert lead is not None
    assert (lead.credits.reporters, lead.rest) == (("苏小满",), "")


def test_many_short_lines_over_a_byline_are_a_headline_and_photo_titles() -> None:
    issue = parse_issue(
        "我和校报一起长大\n\n小记者采访社区医生\n\n小记者参观自来水厂\n\n小记者走进气象站\n\n"
        "小记者为环卫工人送水\n\n·青石县实验小学三(2)班小记者/苏小满·\n\n今年是校报创刊十周年。\n"
    )
    article = issue.articles[0]
    assert (article.headline, article.kicker, article.subtitle) == ("我和校报一起长大", None, None)
    assert article.paragraphs[:2] == ("小记者采访社区医生", "小记者参观自来水厂")
    assert article.paragraphs[-1] == "今年是校报创刊十周年。"


def test_a_column_label_over_a_head_group_is_not_a_run_of_photo_titles() -> None:
    issue = parse_issue(
        "时政要闻\n稳字当头 进中求新——\n春耕备耕全面展开\n——全县各乡镇抢抓农时\n"
        "本报讯（记者 王明）连日来，全县各地春耕备耕有序推进。\n"
    )
    heads = [(a.kicker, a.headline, a.subtitle) for a in issue.articles]
    assert heads == [("稳字当头 进中求新", "春耕备耕全面展开", "全县各乡镇抢抓农时")]


GALLERY = (
    "图集丨花灯照亮古城夜\n\n市民观赏花灯。(晨报全媒记者 钟岚 摄)\n\n孩子们提灯奔跑。\n\n"
    "艺人演示扎灯。\n\n城墙上灯火通明。(晨报全媒记者 钟岚 摄)\n\n"
)


def test_gallery_captions_by_the_same_photographer_stay_one_item() -> None:
    issue = parse_issue(GALLERY + "老人在灯下合影。(晨报全媒记者 钟岚 摄)\n")
    assert [a.headline for a in issue.articles] == ["图集丨花灯照亮古城夜"]


def test_a_caption_by_someone_else_after_a_gallery_is_its_own_item() -> None:
    issue = parse_issue(GALLERY + "老人在灯下合影。(晨报全媒记者 高远 摄)\n")
    assert len(issue.articles) == 2
    assert issue.articles[1].photographers == ("高远",)


def test_section_over_a_bare_page_number_is_the_page_label() -> None:
    issue = parse_issue("社会新闻\n03\n\n路灯修好了\n\n柳岸小区的路灯昨天修好了。 读者 祁远山\n")
    assert [(p.number, p.section) for p in issue.pages] == [(3, "社会新闻")]
    article = issue.articles[0]
    assert (article.headline, article.kicker) == ("路灯修好了", None)
    assert article.reporters == ("祁远山",)


def test_a_bare_number_is_never_a_headline_line() -> None:
    assert not is_headline_line("02")
    assert is_headline_line("2024年春运启动")


def test_a_number_line_later_in_the_file_is_no_page_label() -> None:
    issue = parse_issue("路灯修好了\n\n柳岸小区的路灯昨天修好了。\n\n社会新闻\n03\n")
    assert [p.number for p in issue.pages] == [1]


def test_short_line_under_head_and_byline_in_indented_text_is_a_caption() -> None:
    issue = parse_issue(
        "学者周文清:一辈子做好一件事\n\n从实验员到首席科学家的四十年\n\n"
        "江城晚报·江城网记者 陶然 实习生 孟夏\n\n周文清在实验室\n\n"
        "    周文清今年七十岁了,仍然每天走进实验室。\n\n    他说科研没有捷径。\n"
    )
    assert len(issue.articles) == 1
    assert issue.articles[0].paragraphs[0] == "周文清在实验室"


def test_a_record_flattened_with_its_label_and_date_on_the_first_line() -> None:
    text = "图片新闻 第3版:城乡要闻 2022年02月18日 村民在大棚里采摘草莓。 本报记者 柯小川 摄\n"
    issue = parse_issue(text)
    (article,) = issue.articles
    assert (article.page, article.section) == (3, "城乡要闻")
    assert (article.headline, article.photographers) == ("图片新闻", ("柯小川",))
    assert article.paragraphs == ("村民在大棚里采摘草莓。",)
    assert [f.text for f in issue.furniture] == ["2022年02月18日"]
    assert_nothing_lost(text, issue)


def test_a_label_and_date_on_a_later_line_stay_its_text() -> None:
    text = "青河新闻\n\n图片新闻 第3版:城乡要闻 2022年02月18日 村民在大棚里采摘草莓。\n"
    assert [(p.number, p.labelled) for p in parse_issue(text).pages] == [(1, False)]
