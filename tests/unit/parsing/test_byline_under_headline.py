"""A byline standing alone on the line right under a headline: the writer of the piece, never
a second headline line or a subtitle (`□ X`, `作者:X(单位)`, `文丨X`, a bare name, a paper's
name in book-title marks before the role)."""

from __future__ import annotations

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue
from worker.parsing.model import ParsedArticle

_BODY = "入冬以来,青河两岸的老街一天比一天热闹,卖烤红薯的小摊从桥头一直排到巷口。"


def _one(text: str) -> ParsedArticle:
    issue = parse_issue(text)
    assert_nothing_lost(text, issue)
    [article] = issue.articles
    assert article.paragraphs == (_BODY,)
    return article


def test_writer_after_the_cjk_stroke_used_as_a_bar() -> None:
    # Web copy prints the bar as 丨, a Han stroke that would read as part of a name.
    article = _one(f"老街的冬天\n\n文丨赵东升\n\n{_BODY}\n")
    assert (article.headline, article.subtitle, article.reporters) == (
        "老街的冬天",
        None,
        ("赵东升",),
    )


def test_one_character_role_and_its_bar_vouch_for_a_name_off_the_surname_table() -> None:
    for line in ("文|沐清扬", "文丨沐清扬", "文：沐清扬"):
        article = _one(f"老街的冬天\n{line}\n{_BODY}\n")
        assert (article.headline, article.reporters) == ("老街的冬天", ("沐清扬",)), line


def test_letter_spaced_name_of_three_is_the_writer_not_a_section_label() -> None:
    article = _one(f"冬夜读书记\n\n柯 望 川\n\n{_BODY}\n")
    assert (article.headline, article.reporters) == ("冬夜读书记", ("柯望川",))


def test_letter_spaced_section_name_over_a_page_stays_furniture() -> None:
    issue = parse_issue(f"社 会 广 角\n\n老街的冬天\n\n本报讯（记者 柯望川）{_BODY}\n")
    [article] = issue.articles
    assert (article.kicker, article.headline) == (None, "老街的冬天")


def test_bare_name_with_the_writers_unit_in_brackets() -> None:
    for line in ("张晓燕（城东区实验小学）", "□张晓燕(城东区实验小学)", "张晓燕 闵小禾(青河中学)"):
        article = _one(f"老街的冬天\n\n{line}\n\n{_BODY}\n")
        assert article.headline == "老街的冬天", line
        assert article.kicker is None and article.subtitle is None, line
        assert article.reporters[0] == "张晓燕", line


def test_headline_with_a_bracket_is_no_name_line() -> None:
    issue = parse_issue(f"青河大桥今日合龙(图)\n\n{_BODY}\n")
    [article] = issue.articles
    assert article.headline == "青河大桥今日合龙(图)" and not article.reporters


def test_marked_writer_and_shooter_line_leaves_no_mark_in_the_text() -> None:
    for line in ("□ 赵东升 文/图", "◎ 赵东升 文/图"):
        article = _one(f"老街的冬天\n\n{line}\n\n{_BODY}\n")
        assert (article.headline, article.reporters, article.photographers) == (
            "老街的冬天",
            ("赵东升",),
            ("赵东升",),
        ), line


def test_paper_in_book_title_marks_before_the_role_under_the_headline() -> None:
    for line in ("《青河日报》记者 张立川", "《青河晚报》全媒体记者 张立川"):
        article = _one(f"老街的冬天\n{line}\n{_BODY}\n")
        assert (article.headline, article.kicker, article.reporters) == (
            "老街的冬天",
            None,
            ("张立川",),
        ), line


def test_photo_credit_in_brackets_wrapped_to_the_next_line() -> None:
    text = (
        "湿地迎来候鸟\n"
        "入冬以来,上千只候鸟落满了湖面。(本报记者\n"
        "张立川 韦立 摄)\n"
        "柿子红了\n"
        "村民在晾晒柿饼,一串串柿子挂满了屋檐。（记者 柯晓岚 摄）\n"
    )
    issue = parse_issue(text)
    assert_nothing_lost(text, issue)
    birds, persimmons = issue.articles
    assert birds.paragraphs == ("入冬以来,上千只候鸟落满了湖面。",)
    assert birds.photographers == ("张立川", "韦立")
    assert (persimmons.headline, persimmons.photographers) == ("柿子红了", ("柯晓岚",))


def test_bracket_wrapped_over_a_line_that_credits_no_one_stays_text() -> None:
    text = f"老街的冬天\n{_BODY}\n桥头新修了两座亭子。(东亭\n和西亭)\n"
    issue = parse_issue(text)
    assert_nothing_lost(text, issue)
    assert not any(a.photographers or a.reporters for a in issue.articles)


def test_marked_name_off_the_surname_table_under_a_headline() -> None:
    article = _one(f"老街的冬天\n\n□ 郇小雨\n\n{_BODY}\n")
    assert (article.headline, article.subtitle, article.reporters) == (
        "老街的冬天",
        None,
        ("郇小雨",),
    )


def test_marked_subhead_under_a_headline_is_no_writer() -> None:
    # A phrase the text below goes on about is a subhead, whatever its length.
    text = "老街的冬天\n\n■ 新气象\n\n老街今年有了新气象,卖烤红薯的小摊从桥头一直排到巷口。\n"
    issue = parse_issue(text)
    assert_nothing_lost(text, issue)
    assert not any(a.reporters for a in issue.articles)


def test_two_line_head_after_a_signed_story_over_another_two_line_head() -> None:
    # `两岸欢欣` / its text / `老街新貌`: two short lines with a paragraph between, but the
    # second is over another head line, so they are two heads, not a feature's box labels.
    text = (
        f"老街的冬天\n\n柯望川\n\n{_BODY}\n\n新桥通车\n\n两岸欢欣\n\n"
        "昨天上午,新桥正式通车,两岸居民赶到桥头看热闹。\n\n老街新貌\n\n焕然一新\n\n"
        "老街改造历时一年,近日全面完工。\n"
    )
    issue = parse_issue(text)
    assert_nothing_lost(text, issue)
    heads = [(a.kicker, a.headline) for a in issue.articles]
    assert heads == [(None, "老街的冬天"), ("新桥通车", "两岸欢欣"), ("老街新貌", "焕然一新")]


def test_name_shaped_second_head_line_that_the_text_names_is_no_writer() -> None:
    text = "青河十年\n\n常青\n\n常青是县里的老劳模,今年七十岁了,还天天到果园里转一转。\n"
    issue = parse_issue(text)
    assert_nothing_lost(text, issue)
    [article] = issue.articles
    assert (article.kicker, article.headline, article.reporters) == ("青河十年", "常青", ())


def test_writer_repeated_on_a_byline_line_below_is_still_the_writer() -> None:
    issue = parse_issue(f"老街的冬天\n\n柯望川\n\n本报记者 柯望川\n\n{_BODY}\n")
    [article] = issue.articles
    assert (article.headline, article.reporters) == ("老街的冬天", ("柯望川",))


def test_record_field_line_opening_with_a_field_under_the_headline() -> None:
    for line in (
        "来源：青河日报 | 作者：柯望川 | 2024-03-12",
        "作者：柯望川 来源：青河晚报 2024-03-15",
    ):
        article = _one(f"老街的冬天\n{line}\n{_BODY}\n")
        assert (article.headline, article.kicker, article.reporters) == (
            "老街的冬天",
            None,
            ("柯望川",),
        ), line


def test_fact_box_fields_are_no_record_line() -> None:
    text = f"老街的冬天\n时间：3月6日上午\n地点：青河桥头\n{_BODY}\n"
    issue = parse_issue(text)
    assert_nothing_lost(text, issue)
    assert not any(a.reporters for a in issue.articles)


def test_role_word_ending_a_caption_with_the_name_and_credit_below() -> None:
    text = "柿子红了\n村民在晾晒柿饼,一串串柿子挂满了屋檐。本报记者\n柯晓岚 摄\n"
    issue = parse_issue(text)
    assert_nothing_lost(text, issue)
    [article] = issue.articles
    assert article.paragraphs == ("村民在晾晒柿饼,一串串柿子挂满了屋檐。",)
    assert article.photographers == ("柯晓岚",)


def test_a_byline_run_on_after_the_head_with_a_name_off_the_surname_table() -> None:
    text = (
        "新区老年大学秋季开学   □记者 亢远帆 报道\n\n"
        "本报9月3日讯 今天上午，新区老年大学秋季学期开学，三千多名学员重返课堂。\n"
    )
    issue = parse_issue(text)
    (article,) = issue.articles
    assert (article.headline, article.reporters) == ("新区老年大学秋季开学", ("亢远帆",))
    assert_nothing_lost(text, issue)


def test_a_role_and_one_name_off_the_table_closed_by_baodao_is_a_byline_line() -> None:
    text = (
        "新区老年大学秋季开学\n\n记者 亢远帆 报道\n\n"
        "今天上午，新区老年大学秋季学期开学，学员重返课堂。\n"
    )
    (article,) = parse_issue(text).articles
    assert (article.headline, article.reporters) == ("新区老年大学秋季开学", ("亢远帆",))
