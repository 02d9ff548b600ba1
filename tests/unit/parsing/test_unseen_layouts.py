"""Layouts first met on papers the parser had not seen: run-on bylines, date lines, long
kickers, publicity desks, slash bylines, dotted author names, captions that stand alone."""

from __future__ import annotations

from worker.parsing import parse_issue
from worker.parsing.furniture import is_furniture
from worker.parsing.leads import parse_lead


def test_name_run_into_baodao_then_text_after_a_space() -> None:
    lead = parse_lead("本报讯 记者 林晓报道 3月1日，青溪镇南干渠改造工程完工。")
    assert lead is not None
    assert lead.credits.reporters == ("林晓",)
    assert lead.rest.startswith("3月1日")


def test_date_alone_on_a_line_is_furniture_not_a_kicker() -> None:
    assert is_furniture("2026年03月02日")
    assert is_furniture("2026年3月2日 星期一")
    assert not is_furniture("2026年3月2日召开大会")
    issue = parse_issue("2026年03月02日\n\n春灌水渠全线贯通\n\n本报讯（记者 林晓）3月1日，渠成。")
    assert issue.articles[0].kicker is None
    assert issue.articles[0].headline == "春灌水渠全线贯通"


def test_long_kicker_with_a_comma_ending_in_dashes() -> None:
    kicker = (
        "听说新修的水渠要放水了，下湾村的老人们一早就拄着拐杖来到闸口，等着看第一股清水流进田里——"
    )
    issue = parse_issue(
        f"{kicker}\n清水进田那一刻\n本报青溪3月1日电 （记者 林晓） 上午九点，闸门升起。"
    )
    article = issue.articles[0]
    assert article.kicker == kicker.rstrip("—")
    assert article.headline == "清水进田那一刻"


def test_publicity_desk_after_tongxunyuan_is_no_person() -> None:
    text = "雨夜转移被困群众\n\n连夜转移群众六十余人。\n\n文/白沙日报记者:苏禾 通讯员:消宣\n"
    article = parse_issue(text).articles[0]
    assert article.reporters == ("苏禾",)
    assert article.correspondents == ()
    assert article.other_credits == ("消宣",)


def test_slash_byline_alone_after_captions_credits_the_writer() -> None:
    text = "老城墙下 一城花木\n\n老巷口的三角梅开得正盛。\n\n许清和/文\n\n护城河全长十二公里。\n"
    article = parse_issue(text).articles[0]
    assert article.headline == "老城墙下 一城花木"
    assert article.reporters == ("许清和",)


def test_dotted_author_name_under_a_headline_over_an_editors_note() -> None:
    text = (
        "第3版（国际）\n专栏：\n我们为什么重视农业\n阿卜杜勒·卡里姆\n"
        "编者按：本报摘要刊登。\n农业是根本。\n"
    )
    article = parse_issue(text).articles[0]
    assert article.headline == "我们为什么重视农业"
    assert article.reporters == ("阿卜杜勒·卡里姆",)


def test_caption_of_something_else_over_a_headline_stands_alone() -> None:
    text = (
        "3月5日，小学的学生们在操场上放风筝，迎接新学期。程一帆 摄\n\n夜市重开引来八方客\n\n"
        "本报讯（记者 夏至）随着天气转暖，老街夜市重新开市。\n"
    )
    photo, news = parse_issue(text).articles
    assert (photo.kind, photo.headline, photo.photographers) == ("photo", "", ("程一帆",))
    assert (news.headline, news.reporters, news.photographers) == (
        "夜市重开引来八方客",
        ("夏至",),
        (),
    )


def test_caption_sharing_a_word_with_the_headline_stays_with_its_article() -> None:
    text = (
        "图为市民在新落成的体育公园晨练。王涛 摄\n\n体育公园免费开放\n\n"
        "本报讯（记者黄佳）3月14日，体育公园正式向市民免费开放。\n"
    )
    (article,) = parse_issue(text).articles
    assert article.photographers == ("王涛",)


def test_photo_with_the_page_label_repeated_under_it_stands_alone() -> None:
    text = (
        "第3版（国际）\n专栏：\n三月三日，市民在港口广场参加植树活动。\n新华社记者 罗远摄\n"
        "第3版（国际）\n专栏：\n港口广场植树活动结束\n新华社3月3日电 活动结束。\n"
    )
    photo, news = parse_issue(text).articles
    assert photo.photographers == ("罗远",)
    assert news.photographers == ()


def test_comma_caption_down_a_caption_page_is_no_headline() -> None:
    text = (
        "3月2日，城郊的油菜花进入盛花期。\n\n4月1日，志愿者在河边清理垃圾，守护一江清水\n\n"
        "我们跑遍了全县的乡镇。\n\n文：方晴\n\n图：方晴 杜远\n"
    )
    (article,) = parse_issue(text).articles
    assert article.headline == ""
    assert article.reporters == ("方晴",)
    assert article.photographers == ("方晴", "杜远")


def test_labelled_boxes_inside_a_feature_do_not_open_an_article() -> None:
    text = (
        "老屋新居两张照片\n\n2005年，周家老屋前的一家五口。\n\n今日出镜\n\n桃花坪村的村民\n\n"
        "采访缘起\n\n二十年前记者在村里拍下一组照片。\n\n"
        "文/图 青石日报记者 韩松\n\n正月初六，记者再次进村。\n"
    )
    (article,) = parse_issue(text).articles
    assert article.headline == "老屋新居两张照片"
    assert (article.reporters, article.photographers) == (("韩松",), ("韩松",))
    assert "今日出镜" in article.paragraphs and "采访缘起" in article.paragraphs


def test_text_above_closing_bylines_with_no_item_is_its_body() -> None:
    text = "3月2日，油菜花进入盛花期。\n\n我们跑遍了全县的乡镇。\n\n文：方晴\n\n图：方晴 杜远\n"
    issue = parse_issue(text)
    (article,) = issue.articles
    assert article.paragraphs == ("3月2日，油菜花进入盛花期。", "我们跑遍了全县的乡镇。")
    assert issue.unassigned == ()


def test_byline_over_text_does_not_take_the_text_above() -> None:
    text = "上期说到的问题已经解决。\n\n本报记者 王洲\n\n3月1日，青溪镇南干渠改造工程完工。\n"
    issue = parse_issue(text)
    assert [u.text for u in issue.unassigned] == ["上期说到的问题已经解决。"]
