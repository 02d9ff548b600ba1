"""Subheads without markers, package sub-stories, and the headline shapes around them."""

from __future__ import annotations

from worker.parsing import parse_issue

LEAD = "本报讯（记者王孟鹤）"


def test_unmarked_subhead_is_not_joined_to_the_next_paragraph() -> None:
    text = f"标题甲\n\n{LEAD}第一段。\n\n价格实惠\n\n一荤两素只要12元。"
    (article,) = parse_issue(text).articles
    assert article.paragraphs == ("第一段。", "价格实惠", "一荤两素只要12元。")


def test_package_sub_story_with_its_own_byline_is_its_own_article() -> None:
    text = (
        "温暖回家路\n本报记者 谢晓岚 林立\n\n今天春运启动。\n\n"
        "火车站：志愿者一路帮扶\n\n志愿者在进站口引导旅客。（谢晓岚）\n\n"
        "汽车站：定制客运送到村口\n\n客车直接开到村口。（林立）"
    )
    articles = parse_issue(text).articles
    assert [(a.headline, a.reporters) for a in articles] == [
        ("温暖回家路", ("谢晓岚", "林立")),
        ("火车站：志愿者一路帮扶", ("谢晓岚",)),
        ("汽车站：定制客运送到村口", ("林立",)),
    ]


def test_subheads_of_an_article_credited_at_its_end_stay_in_it() -> None:
    text = "老人食堂上新了\n\n食堂昨日开门。\n\n菜品每周更新\n\n每周调整菜单。（记者 陈思远）"
    (article,) = parse_issue(text).articles
    assert article.paragraphs == ("食堂昨日开门。", "菜品每周更新", "每周调整菜单。")
    assert article.reporters == ("陈思远",)


def test_headline_with_comma_right_above_a_dateline() -> None:
    text = f"“有了新路，日子有奔头”\n\n{LEAD}正文。"
    assert parse_issue(text).articles[0].headline == "“有了新路，日子有奔头”"


def test_kicker_ending_in_colon_above_a_headline() -> None:
    text = f"县乡村振兴局：\n\n三年建成百个示范村\n\n{LEAD}正文。"
    article = parse_issue(text).articles[0]
    assert (article.kicker, article.headline) == ("县乡村振兴局：", "三年建成百个示范村")


def test_subtitle_with_a_single_dash() -> None:
    article = parse_issue(f"口袋公园多了\n— 见缝插绿\n{LEAD}正文。").articles[0]
    assert (article.headline, article.subtitle) == ("口袋公园多了", "见缝插绿")


def test_headline_ending_in_a_verb_runs_onto_the_next_line() -> None:
    article = parse_issue(f"省城利用边角地建成\n三座口袋公园\n\n{LEAD}正文。").articles[0]
    assert (article.kicker, article.headline) == (None, "省城利用边角地建成三座口袋公园")


def test_photo_line_credit_makes_photo_news() -> None:
    (article,) = parse_issue("稻田里的丰收画\n\n摄影记者 钱多多\n\n市民前来拍照。").articles
    assert (article.kind, article.photographers) == ("photo", ("钱多多",))


def test_byline_line_after_a_closed_item_opens_a_new_one() -> None:
    text = "小雪节气\n\n农民采摘草莓。\n\n视频 付佳\n\n文/宋思雨 图/庞博\n\n工程师调试设备。"
    articles = parse_issue(text).articles
    assert [(a.headline, a.photographers) for a in articles] == [
        ("小雪节气", ("付佳",)),
        ("", ("庞博",)),
    ]


def test_long_unpunctuated_column_fragment_after_a_sentence_is_joined() -> None:
    cut = "在前期走访摸底的基础上青河区组织全区"
    text = f"标题甲\n\n{LEAD}第一段。\n\n{cut}\n\n包保单位开展整治。"
    (article,) = parse_issue(text).articles
    assert article.paragraphs == (
        "第一段。",
        "在前期走访摸底的基础上青河区组织全区包保单位开展整治。",
    )


def test_short_fragment_followed_by_a_particle_is_joined() -> None:
    text = f"标题甲\n\n{LEAD}第一段。\n\n街道新建的口袋公园\n\n的数量已有十二个。"
    (article,) = parse_issue(text).articles
    assert article.paragraphs == ("第一段。", "街道新建的口袋公园的数量已有十二个。")


def test_fragment_opening_with_a_date_is_joined() -> None:
    text = f"标题甲\n\n{LEAD}第一段。\n\n5月20日上午全区召开\n\n动员大会，部署工作。"
    (article,) = parse_issue(text).articles
    assert article.paragraphs == ("第一段。", "5月20日上午全区召开动员大会，部署工作。")


def test_marked_subhead_stays_apart_even_when_long() -> None:
    text = f"标题甲\n\n{LEAD}第一段。\n\n■ 以绣花功夫推动基层治理走向精细化和规范化\n\n第二段。"
    (article,) = parse_issue(text).articles
    assert len(article.paragraphs) == 3


def test_sub_stories_under_a_package_with_no_opening_byline() -> None:
    text = (
        "温暖回家路\n——春运首日见闻\n\n今天春运启动，本报记者兵分两路。\n\n"
        "火车站：志愿者一路帮扶\n\n志愿者在进站口引导旅客。（谢晓岚）\n\n"
        "汽车站：定制客运送到村口\n\n客车直接开到村口。（林立）"
    )
    articles = parse_issue(text).articles
    assert [(a.headline, a.reporters) for a in articles] == [
        ("温暖回家路", ()),
        ("火车站：志愿者一路帮扶", ("谢晓岚",)),
        ("汽车站：定制客运送到村口", ("林立",)),
    ]


def test_sub_stories_without_bylines_under_a_credited_package() -> None:
    text = (
        "温暖回家路\n——春运首日见闻\n本报记者 谢晓岚 林立\n\n今天春运启动。\n\n"
        "火车站：志愿者一路帮扶\n\n志愿者在进站口引导旅客。\n\n"
        "汽车站：定制客运送到村口\n\n客车直接开到村口。"
    )
    articles = parse_issue(text).articles
    assert [a.headline for a in articles] == [
        "温暖回家路",
        "火车站：志愿者一路帮扶",
        "汽车站：定制客运送到村口",
    ]
    assert articles[0].reporters == ("谢晓岚", "林立")


def test_subhead_of_an_end_credited_article_before_another_stays_in_it() -> None:
    text = (
        "老人食堂上新了\n\n食堂昨日开门。\n\n菜品每周更新\n\n每周调整菜单。（记者 陈思远）\n\n"
        "夜间公交线路增至12条\n\n新开3条夜间线路。（记者 罗佳）"
    )
    articles = parse_issue(text).articles
    assert [a.headline for a in articles] == ["老人食堂上新了", "夜间公交线路增至12条"]
    assert articles[0].paragraphs == ("食堂昨日开门。", "菜品每周更新", "每周调整菜单。")


def test_short_subheads_of_a_feature_with_a_subtitle_stay_in_it() -> None:
    text = (
        "乡村振兴看卫东\n——记土寨沟村的变化\n本报记者 王孟鹤 赵炎\n\n村里变了。\n\n"
        "垃圾有处放\n\n村里设了垃圾桶。\n\n污水有处流\n\n村里修了水沟。"
    )
    (article,) = parse_issue(text).articles
    assert len(article.paragraphs) == 5


def test_package_title_with_a_comma_heads_its_unsigned_intro() -> None:
    text = (
        "家门口的变化，读者来信说\n\n今年编辑部收到三百多封来信。\n\n"
        "我们挑出几封。\n\n老街口的修鞋摊\n\n本报记者 柯远帆\n\n修鞋师傅摆摊二十年了。"
    )
    issue = parse_issue(text)
    assert [(a.headline, a.reporters) for a in issue.articles] == [
        ("家门口的变化，读者来信说", ()),
        ("老街口的修鞋摊", ("柯远帆",)),
    ]
    assert issue.unassigned == ()


def test_comma_line_over_text_with_no_sub_story_below_is_no_package_title() -> None:
    text = "在前期走访摸底的基础上，青河区组\n\n织全区单位开展整治，成效明显。\n\n市民纷纷称赞。"
    (article,) = parse_issue(text).articles
    assert article.headline == ""
    assert article.paragraphs[0] == "在前期走访摸底的基础上，青河区组织全区单位开展整治，成效明显。"


def test_note_label_alone_is_never_the_wrap_of_a_long_title() -> None:
    text = "回望这一年里的南湖\n\n编者按\n\n这一年，南湖发生了许多变化。"
    article = parse_issue(text).articles[0]
    assert (article.kicker, article.headline) == ("回望这一年里的南湖", "编者按")


def test_greeting_over_a_marked_subhead_stays_in_the_package() -> None:
    text = (
        "回望这一年\n\n这一年，南湖发生了许多变化。\n\n愿大家一切顺利！\n\n"
        "■湖区治理\n\n南湖沿岸新建了步道。"
    )
    (article,) = parse_issue(text).articles
    assert article.paragraphs[1:3] == ("愿大家一切顺利！", "■湖区治理")
