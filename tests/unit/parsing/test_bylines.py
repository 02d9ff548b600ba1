"""Datelines and bylines: every printed form, roles, padded and listed names."""

from __future__ import annotations

import pytest

from worker.parsing import parse_issue
from worker.parsing.bylines import parse_credits, parse_lead, parse_tail, split_names


def lead(text: str) -> tuple[str | None, tuple[str, ...], tuple[str, ...], str]:
    got = parse_lead(text)
    assert got is not None, text
    return got.dateline, got.credits.reporters, got.credits.correspondents, got.rest


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("本报讯（记者王孟鹤）5月15日", ("本报讯", ("王孟鹤",), (), "5月15日")),
        ("本报讯（记者王孟鹤 通讯员赵炎）“目前", ("本报讯", ("王孟鹤",), ("赵炎",), "“目前")),
        ("本报讯 (记者 李菱) 近日，", ("本报讯", ("李菱",), (), "近日，")),
        ("本报讯 记者张三 通讯员李四 近日，全市", ("本报讯", ("张三",), ("李四",), "近日，全市")),
        ("本报北京1月1日电（记者张三）今天", ("本报北京1月1日电", ("张三",), (), "今天")),
        (
            "新华社北京5月28日电（记者张涛、李响）记者",
            ("新华社北京5月28日电", ("张涛", "李响"), (), "记者"),
        ),
        ("本报记者  王  洲  李四", (None, ("王洲", "李四"), (), "")),
        ("□本报记者 张三", (None, ("张三",), (), "")),
        ("本报记者 王洲 报道", (None, ("王洲",), (), "")),
        ("本报讯（本报记者 王洲 本报通讯员 李四）正文", ("本报讯", ("王洲",), ("李四",), "正文")),
        ("本报讯（特约记者韩雪 特约通讯员古国凡）正文", ("本报讯", ("韩雪",), ("古国凡",), "正文")),
        ("本报讯（见习记者韩雪）正文", ("本报讯", ("韩雪",), (), "正文")),
    ],
)
def test_dateline_and_byline_forms(text: str, want: tuple[object, ...]) -> None:
    assert lead(text) == want


def test_intern_is_credited_as_intern() -> None:
    got = parse_lead("本报讯（记者孙悦 实习生何琪）入冬以来")
    assert got is not None and got.credits.interns == ("何琪",)


def test_text_and_image_credit_makes_reporter_and_photographer() -> None:
    got = parse_lead("文/图 本报记者 高原")
    assert got is not None
    assert got.credits.reporters == ("高原",) and got.credits.photographers == ("高原",)


@pytest.mark.parametrize("text", ["记者获悉，今年全市", "记者从市统计局获悉", "5月28日电视台播出"])
def test_sentences_that_start_like_bylines_are_not_bylines(text: str) -> None:
    assert parse_lead(text) is None


def test_unknown_role_word_is_reported() -> None:
    got = parse_lead("本报讯（主持人王孟鹤）今天")
    assert got is not None
    assert got.credits.reporters == ("王孟鹤",) and got.credits.unknown_roles == ("主持人",)


def test_unknown_role_word_gives_a_warning_with_line() -> None:
    issue = parse_issue("标题\n\n本报讯（主持人王孟鹤）正文。")
    assert [(w.line, "主持人" in w.message) for w in issue.warnings] == [(3, True)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("王  洲", ["王洲"]),
        ("张涛、李响", ["张涛", "李响"]),
        ("黄瑚 丁志峰", ["黄瑚", "丁志峰"]),
        ("王 小 明", ["王小明"]),
        ("阿依·买买提", ["阿依·买买提"]),
    ],
)
def test_names_split_and_padding_undone(text: str, names: list[str]) -> None:
    assert split_names(text) == names


def test_bracket_of_non_names_is_no_byline() -> None:
    assert parse_credits("图片由青河市文旅局提供") is None


@pytest.mark.parametrize(
    ("text", "photographers", "rest"),
    [
        ("…145对。魏国伟 摄", ("魏国伟",), "…145对。"),
        ("…145对。魏国伟摄", ("魏国伟",), "…145对。"),
        ("…留念。（记者 刘洋 摄）", ("刘洋",), "…留念。"),
        ("…比赛。图/周敏", ("周敏",), "…比赛。"),
        ("…蔬菜。记者 高原 摄", ("高原",), "…蔬菜。"),
        ("市民在公园健身 张三 摄", ("张三",), "市民在公园健身"),
    ],
)
def test_photo_credit_at_the_end(text: str, photographers: tuple[str, ...], rest: str) -> None:
    tail = parse_tail(text)
    assert tail is not None and tail.photo
    assert tail.credits.photographers == photographers and tail.rest == rest
    assert tail.credits.reporters == ()


@pytest.mark.parametrize("text", ["…工作人员正在进行拍摄", "…中心组（扩大）", "…讲话。（完）"])
def test_endings_that_are_not_credits(text: str) -> None:
    assert parse_tail(text) is None


def test_byline_at_the_end_with_roles() -> None:
    tail = parse_tail("…推广。（记者  方耀星  通讯员  朱敬铨）")
    assert tail is not None and not tail.photo
    assert tail.credits.reporters == ("方耀星",) and tail.credits.correspondents == ("朱敬铨",)


def test_bare_names_at_the_end_are_reporters() -> None:
    tail = parse_tail("…推广。（黄瑚 丁志峰）")
    assert tail is not None and tail.credits.resolved().reporters == ("黄瑚", "丁志峰")


def test_leading_byline_is_moved_out_of_first_paragraph() -> None:
    article = parse_issue("标题\n\n本报讯（记者王孟鹤）正文。").articles[0]
    assert article.dateline == "本报讯" and article.paragraphs == ("正文。",)


def test_youxun_inside_an_article_stays_in_body_and_credits_article() -> None:
    text = "标题\n\n本报讯（记者王孟鹤）第一条。\n\n又讯（记者赵炎）第二条。"
    (article,) = parse_issue(text).articles
    assert article.paragraphs == ("第一条。", "又讯（记者赵炎）第二条。")
    assert article.reporters == ("王孟鹤", "赵炎") and article.dateline == "本报讯"


def test_youxun_opening_an_article_is_its_dateline() -> None:
    text = "甲\n\n本报讯（记者王孟鹤）第一条。\n\n乙标题\n\n又讯（记者赵炎）第二条。"
    articles = parse_issue(text).articles
    assert [a.dateline for a in articles] == ["本报讯", "又讯"]


def test_byline_line_after_body_is_the_articles_byline() -> None:
    text = "标题\n\n正文第一段。\n\n本报记者 王洲"
    (article,) = parse_issue(text).articles
    assert article.reporters == ("王洲",) and article.paragraphs == ("正文第一段。",)


@pytest.mark.parametrize(
    ("text", "reporters"),
    [
        ("——本报江南分社记者柯远帆", ("柯远帆",)),
        ("—— 本报记者 宓晓川", ("宓晓川",)),
        ("新华社记者柯远帆本报记者宓晓川", ("柯远帆", "宓晓川")),
        ("乡村振兴调研采访团记者 阚小路 郁清", ("阚小路", "郁清")),
    ],
)
def test_signature_and_stacked_byline_lines(text: str, reporters: tuple[str, ...]) -> None:
    assert lead(text) == (None, reporters, (), "")


@pytest.mark.parametrize(
    "text", ["——记青田街夜市的摊主们", "——记者眼中的青田街", "乡村振兴调研采访团记者节快乐"]
)
def test_subtitles_and_phrases_are_not_signature_lines(text: str) -> None:
    assert parse_lead(text) is None


@pytest.mark.parametrize(
    ("text", "photographers"),
    [
        ("卖糖画的老人已经在这里摆了二十年摊。（觉明摄）", ("觉明",)),
        ("区领导参加启动仪式。柯远帆/摄", ("柯远帆",)),
        ("夜幕下的舞台。滨湖报·滨湖网记者 冷一帆/摄", ("冷一帆",)),
    ],
)
def test_photo_credits_with_slash_or_unlisted_name(
    text: str, photographers: tuple[str, ...]
) -> None:
    tail = parse_tail(text)
    assert tail is not None and tail.photo
    assert tail.credits.photographers == photographers


def test_name_glued_after_last_sentence_closes_only_the_item() -> None:
    issue = parse_issue("志愿者清扫河道\n\n本报讯 南湖区志愿者沿河清扫垃圾。方晓舟\n")
    assert issue.articles[0].reporters == ("方晓舟",)
    # Inside an item the same shape is a column break's next sentence, not a byline.
    issue = parse_issue("志愿者清扫河道\n\n本报讯 志愿者沿河清扫。方晓舟\n\n说：“今年人更多。”\n")
    assert issue.articles[0].reporters == ()


@pytest.mark.parametrize(
    ("text", "reporters", "others"),
    [
        ("文 郁清(东湖居民区)", ("郁清",), ()),
        ("南湖区实验小学三年级二班小记者 阙小满(证号10086)", ("阙小满",), ()),
        ("南湖县委通讯组 南湖日报记者", (), ("南湖县委通讯组", "南湖日报记者")),
    ],
)
def test_author_lines_under_a_headline(
    text: str, reporters: tuple[str, ...], others: tuple[str, ...]
) -> None:
    got = parse_lead(text)
    assert got is not None and not got.rest
    assert (got.credits.reporters, got.credits.others) == (reporters, others)


@pytest.mark.parametrize("text", ["文 化", "图 北京", "文 明天会更好", "南湖日报记者", "文 第三期"])
def test_short_lines_that_are_not_author_lines(text: str) -> None:
    assert parse_lead(text) is None


def test_paper_dateline_alone_in_brackets_opens_the_text() -> None:
    assert lead("(南湖日报讯)入夏以来，各地开镰收油菜。") == (
        "南湖日报讯",
        (),
        (),
        "入夏以来，各地开镰收油菜。",
    )


def test_a_source_in_brackets_is_no_dateline() -> None:
    assert parse_lead("(据南湖日报)入夏以来，各地开镰收油菜。") is None


@pytest.mark.parametrize(
    "text",
    [
        "(宓晓川 特约通讯员 郁清 摄影报道)插秧机在水田中穿梭。",
        "（记者 宓晓川 通讯员 郁清 摄）插秧机在水田中穿梭。",
    ],
)
def test_leading_bracket_closed_by_she_credits_every_name_as_photographer(text: str) -> None:
    got = parse_lead(text)
    assert got is not None
    assert got.credits.photographers == ("宓晓川", "郁清")
    assert (got.credits.reporters, got.credits.correspondents) == ((), ())
    assert got.rest == "插秧机在水田中穿梭。"
