"""A picture's caption printed between a headline and an own-line byline."""

from __future__ import annotations

from worker.parsing import parse_issue

_STORY = "{head}\n\n{second}\n\n本报记者 韩小川\n\n11月5日，青河一中举办读书节，全校师生参加。\n"


def test_a_scene_clause_over_a_byline_is_the_first_paragraph() -> None:
    issue = parse_issue(_STORY.format(head="读书节开幕", second="操场上，坐满了看书的学生"))
    (article,) = issue.articles
    assert (article.kicker, article.headline) == (None, "读书节开幕")
    assert article.paragraphs[0] == "操场上，坐满了看书的学生"
    assert article.reporters == ("韩小川",)


def test_a_comma_headline_under_a_kicker_stays_the_headline() -> None:
    for head, second in (
        ("读书节", "书香满校园，师生乐开怀"),  # no verb with its object after 了/着
        ("书香校园 快乐阅读", "操场上，坐满了看书的学生"),  # parallel parts: a kicker
        ("读书节：", "操场上，坐满了看书的学生"),  # a kicker's colon
    ):
        (article,) = parse_issue(_STORY.format(head=head, second=second)).articles
        assert article.headline == second, head


_LONG = "读者们在青河会展中心书展现场翻看临溪出版社新出版的地方志丛书《青河旧事》"


def test_a_long_unbroken_caption_over_a_byline_is_the_first_paragraph() -> None:
    for head in ("青河书展开幕", "青河书展开幕 读者挤满展馆"):
        (article,) = parse_issue(_STORY.format(head=head, second=_LONG)).articles
        assert (article.kicker, article.headline) == (None, head)
        assert article.paragraphs[0] == _LONG


def test_a_headline_under_a_kicker_of_its_length_stays_the_headline() -> None:
    for head, second in (
        ("第五届青河书展今日在青河会展中心开幕 三万种图书等你来", _LONG),  # not half again as long
        ("青河书展", "读者们在会展中心翻看新书 丛书《青河旧事》首发"),  # parts set off
        ("青河书展", "读者们在会展中心翻看新书"),  # a head line's length
    ):
        (article,) = parse_issue(_STORY.format(head=head, second=second)).articles
        assert (article.kicker, article.headline) == (head, second), second
