"""Photo news and captions: headline + caption + credit, credit lost, caption alone."""

from __future__ import annotations

from worker.parsing import parse_issue


def test_photo_news_with_credit_at_the_end() -> None:
    (article,) = parse_issue(
        "八十对新人领证\n\n一对新人在登记处留念。\n\n当天共有86对。魏国伟 摄"
    ).articles
    assert (article.kind, article.dateline, article.photographers) == ("photo", None, ("魏国伟",))
    assert article.paragraphs == ("一对新人在登记处留念。", "当天共有86对。")


def test_headline_without_dateline_or_credit_is_photo_news_with_warning() -> None:
    issue = parse_issue("严防防控促复工复产\n\n5月28日，消费者选购商品。")
    assert issue.articles[0].kind == "photo" and issue.articles[0].photographers == ()
    assert [w.line for w in issue.warnings] == [1]


def test_photo_news_after_an_article_on_the_same_page() -> None:
    text = (
        "标题甲\n\n本报讯（记者王孟鹤）正文。\n\n"
        "初雪映古城\n\n游客观赏雪景。\n\n古城银装素裹。陈晨 摄"
    )
    articles = parse_issue(text).articles
    assert [(a.headline, a.kind) for a in articles] == [("标题甲", "news"), ("初雪映古城", "photo")]
    assert articles[0].photographers == () and articles[1].photographers == ("陈晨",)


def test_caption_without_headline_is_its_own_photo_item() -> None:
    (article,) = parse_issue("学生在课间进行跳绳比赛。图/周敏").articles
    assert (article.headline, article.kind, article.photographers) == ("", "photo", ("周敏",))


def test_caption_between_headline_and_dateline_belongs_to_the_article() -> None:
    text = "马拉松开始报名\n\n志愿者讲解报名流程。李明 摄\n\n本报讯（记者黄佳）赛事开放报名。"
    (article,) = parse_issue(text).articles
    assert article.paragraphs == ("志愿者讲解报名流程。", "赛事开放报名。")
    assert (article.reporters, article.photographers, article.kind) == (
        ("黄佳",),
        ("李明",),
        "news",
    )


def test_caption_above_a_headline_belongs_to_the_article_below() -> None:
    text = "市民在体育公园晨练。王涛 摄\n\n体育公园免费开放\n\n本报讯（记者黄佳）正文。"
    (article,) = parse_issue(text).articles
    assert article.headline == "体育公园免费开放" and article.photographers == ("王涛",)
    assert article.paragraphs == ("市民在体育公园晨练。", "正文。")


def test_text_with_no_article_is_unassigned_with_a_warning() -> None:
    issue = parse_issue("（上接第1版）工作取得新进展。")
    assert [(f.line, f.text) for f in issue.unassigned] == [(1, "（上接第1版）工作取得新进展。")]
    assert [w.line for w in issue.warnings] == [1]


def test_headline_with_nothing_under_it_is_unassigned_not_body() -> None:
    issue = parse_issue("初雪映古城\n\n游客观赏雪景。陈晨 摄\n\n孤零零的标题")
    assert issue.articles[0].paragraphs == ("游客观赏雪景。",)
    assert [(f.line, f.text) for f in issue.unassigned] == [(5, "孤零零的标题")]


def test_caption_after_a_finished_article_goes_to_the_next_on_a_captions_first_page() -> None:
    text = (
        "游客在古镇拍照。\n本报记者 柏 青 摄\n\n古镇迎来旅游小旺季\n\n"
        "本报讯（记者 柏青）游客增长两成。\n\n"
        "工人在大桥上作业。（记者 冼志刚 摄）\n\n大桥主体完工\n\n本报讯（记者 冼志刚）大桥合龙。"
    )
    articles = parse_issue(text).articles
    assert [(a.headline, a.photographers) for a in articles] == [
        ("古镇迎来旅游小旺季", ("柏青",)),
        ("大桥主体完工", ("冼志刚",)),
    ]
    assert articles[1].paragraphs == ("工人在大桥上作业。", "大桥合龙。")


def test_caption_over_a_headless_dateline_at_the_top_is_its_first_paragraph() -> None:
    text = "展厅里的老照片。\n\n本报讯（记者 宓晓川）老照片展昨日开幕。\n\n市民前来参观。"
    issue = parse_issue(text)
    (article,) = issue.articles
    assert article.paragraphs == ("展厅里的老照片。", "老照片展昨日开幕。", "市民前来参观。")
    assert issue.unassigned == ()


def test_long_text_over_a_headless_dateline_opens_its_story_not_a_caption() -> None:
    # A record stored without its head: the prose above its dateline is the story's lead-in.
    above = (
        "这是一段写在电头前面的导语，讲的是展览的来历，篇幅较长，读起来一点也不像一张照片的说明。"
    )
    issue = parse_issue(f"{above}\n\n本报讯（记者 宓晓川）老照片展昨日开幕。")
    (article,) = issue.articles
    assert article.kind == "news"
    assert article.paragraphs == (above, "老照片展昨日开幕。")


def test_text_continued_from_another_page_stays_outside_the_headless_story() -> None:
    above = "（上接第1版）另一篇文章的结尾，讲的是另一件事情，篇幅较长。"
    issue = parse_issue(f"{above}\n\n本报讯（记者 宓晓川）老照片展昨日开幕。")
    assert [f.text for f in issue.unassigned] == [above]
    (article,) = issue.articles
    assert article.paragraphs == ("老照片展昨日开幕。",)


def test_bare_picture_numbers_between_paragraphs_stay_apart() -> None:
    text = (
        "湖边赏荷人多了\n\n本报讯（记者 阚小路）荷花开了。\n\n15\n\n"
        "清晨，摄影爱好者来到湖边\n\n3\n\n等待日出"
    )
    (article,) = parse_issue(text).articles
    assert article.paragraphs == ("荷花开了。", "15", "清晨，摄影爱好者来到湖边", "3", "等待日出")


def test_one_credit_for_all_of_a_pages_pictures_is_the_whole_line() -> None:
    text = (
        "古镇迎来赏花季\n\n①游客在花廊下拍照。\n\n②花农在田间采花。\n\n"
        "本版图片均由本报记者 宓晓川 摄"
    )
    (article,) = parse_issue(text).articles
    assert article.photographers == ("宓晓川",)
    assert article.paragraphs == ("①游客在花廊下拍照。", "②花农在田间采花。")


def test_a_sentence_opening_with_this_page_is_no_credit() -> None:
    text = "读者来信\n\n本版刊登的是读者来信。\n\n来信请寄编辑部。"
    assert parse_issue(text).articles[0].paragraphs[0] == "本版刊登的是读者来信。"
