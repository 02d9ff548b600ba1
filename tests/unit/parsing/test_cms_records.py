"""Web and CMS records of papers not seen before: field lines (`作者:`, `初审:`), fact boxes
over a picture's byline, a lone name under a stacked role, headless records."""

from __future__ import annotations

from worker.parsing import parse_issue
from worker.parsing.credits import parse_credits
from worker.parsing.furniture import is_furniture
from worker.parsing.leads import parse_lead
from worker.parsing.starts import is_field


def test_author_field_credits_a_reporter() -> None:
    lead = parse_lead("作者:宋禾")
    assert lead is not None and lead.credits.reporters == ("宋禾",)


def test_author_field_before_a_stacked_role() -> None:
    lead = parse_lead("作者:青河日报全媒体记者 陶然 宋禾")
    assert lead is not None
    assert lead.credits.reporters == ("陶然", "宋禾")
    assert lead.rest == ""


def test_author_field_under_a_head_is_no_headline() -> None:
    text = "春茶开采\n\n作者:陶然\n\n4月2日，茶园里采茶工穿行在茶垄间。\n\n初审:林一\n"
    article = parse_issue(text).articles[0]
    assert article.headline == "春茶开采"
    assert article.kicker is None
    assert article.reporters == ("陶然",)
    assert article.editors == ("林一",)


def test_lone_name_under_a_stacked_role_needs_no_known_surname() -> None:
    lead = parse_lead("本报记者 邗清")
    assert lead is not None and lead.credits.reporters == ("邗清",)
    # Not with more text after the name: then the name must start with a surname.
    longer = parse_lead("本报记者 邗清 青河")
    assert longer is None or "邗清" not in longer.credits.reporters


def test_shooter_field_is_a_photo_credit() -> None:
    lead = parse_lead("拍摄者:本报记者 罗清")
    assert lead is not None
    assert lead.credits.photographers == ("罗清",)
    assert lead.credits.reporters == ()


def test_fact_box_over_the_byline_is_body_not_head() -> None:
    assert is_field("时间:5月4日下午") and is_field("蹲点地区:北门街道")
    # One field-shaped line alone is a headline with a colon, not a box.
    lone = parse_issue("青河港：吞吐量增一成\n\n本报讯（记者 罗清）一季度，港口忙。\n").articles[0]
    assert lone.headline == "青河港：吞吐量增一成"
    text = "旧报亭\n\n时间:5月4日下午\n\n地点:北门街口\n\n拍摄者:本报记者 罗清\n\n报亭空了两年。\n"
    article = parse_issue(text).articles[0]
    assert article.headline == "旧报亭"
    assert article.photographers == ("罗清",)
    assert article.paragraphs[:2] == ("时间:5月4日下午", "地点:北门街口")


def test_headless_record_with_end_names_is_one_article() -> None:
    text = (
        "青河电厂完成大修，比计划提前三天。\n\n队员分三班轮换，更换阀门六十余只。(沈一舟何小渔)\n"
    )
    issue = parse_issue(text)
    assert len(issue.articles) == 1
    article = issue.articles[0]
    assert article.headline == ""
    assert article.reporters == ("沈一舟", "何小渔")
    assert len(article.paragraphs) == 2
    assert issue.unassigned == ()


def test_text_with_no_head_and_no_byline_is_one_news_article() -> None:
    issue = parse_issue("白岭乡新建图书室十二个。\n\n志愿者每月送书进村一次。\n")
    assert len(issue.articles) == 1
    assert issue.articles[0].kind == "news"
    assert issue.unassigned == ()


def test_continuation_from_another_page_stays_unassigned() -> None:
    issue = parse_issue("（上接第1版）工作取得新进展。\n")
    assert issue.articles == ()
    assert len(issue.unassigned) == 1


def test_cms_record_fields_at_the_end_credit_the_headless_article() -> None:
    text = (
        "4月2日，白岭乡茶园开采。\n今年新扩茶园八百亩。\n来源:青河日报\n"
        "作者:青河日报全媒体记者 陶然 宋禾\n初审:林一\n"
    )
    issue = parse_issue(text)
    assert len(issue.articles) == 1
    assert issue.articles[0].reporters == ("陶然", "宋禾")


def test_paper_named_before_the_role_in_an_end_bracket() -> None:
    credits = parse_credits("青河日报 特约记者罗远帆")
    assert credits is not None
    assert credits.reporters == ("罗远帆",)
    assert credits.others == ("青河日报",)
    assert parse_credits("青河日报") is None or not parse_credits("青河日报").reporters


def test_portal_record_line_is_furniture() -> None:
    assert is_furniture("( 2026-03-02 ) 稿件来源:青河日报 经济")
    assert is_furniture("《 青河晚报 》( 2026年3月2日 第 02 版 )")
    assert not is_furniture("来源:青河日报")
    assert not is_furniture("（2026年3月2日）青河港迎来第一艘外轮")


def test_a_lone_sentence_is_no_headless_article() -> None:
    # A note dropped by mistake stays a failure with its reason (no articles found); a
    # record of two sentences or more is a story without a head.
    assert parse_issue("这是一段没有标题的文字，只是一句话。\n").articles == ()
    two = parse_issue("县城新开了一家书店。店里有两万册图书，周末还办读书会。\n")
    assert len(two.articles) == 1 and two.articles[0].headline == ""
