"""Poems on a literary page: title, author's line, then verse lines in stanzas."""

from __future__ import annotations

from worker.parsing import parse_issue
from worker.parsing.units import Unit
from worker.parsing.verse import author_line, mark_verse

_POEM = "小桥\n\n{author}\n\n石缝里长出青苔\n桥下流过云彩\n\n外婆提着竹篮\n慢慢走过来\n"


def test_a_poem_under_a_marked_author_is_one_article_with_its_lines() -> None:
    issue = parse_issue(_POEM.format(author="◎ 梅小溪"))
    (article,) = issue.articles
    assert article.headline == "小桥"
    assert article.reporters == ("梅小溪",)
    assert article.paragraphs == ("石缝里长出青苔", "桥下流过云彩", "外婆提着竹篮", "慢慢走过来")


def test_an_author_with_a_unit_in_brackets_or_after_wen_signs_the_poem() -> None:
    for author in ("梅小溪（青河县实验中学）", "文/梅小溪", "梅小溪"):
        (article,) = parse_issue(_POEM.format(author=author)).articles
        assert article.reporters == ("梅小溪",), author
        assert len(article.paragraphs) == 4, author


def test_a_news_byline_is_no_authors_line() -> None:
    assert author_line(Unit.read(1, "本报记者 梅小溪")) is None
    assert author_line(Unit.read(1, "本报讯（记者 梅小溪）")) is None
    assert author_line(Unit.read(1, "乡村振兴")) is None


def test_two_short_lines_under_a_name_are_no_poem() -> None:
    lines = ["小桥", "梅小溪", "石缝里长出青苔", "桥下流过云彩"]
    units = mark_verse([Unit.read(k, text, gap=1 if k else 0) for k, text in enumerate(lines)])
    assert not any(unit.verse for unit in units)


def test_lines_that_end_sentences_are_prose_not_verse() -> None:
    issue = parse_issue("小桥\n\n梅小溪\n\n桥很旧了。\n桥下有水。\n水里有鱼。\n鱼很小。\n")
    (article,) = issue.articles
    assert article.reporters == ("梅小溪",)
    assert "".join(article.paragraphs) == "桥很旧了。桥下有水。水里有鱼。鱼很小。"


def test_a_verse_line_over_a_word_that_reads_as_a_name_goes_on() -> None:
    issue = parse_issue("走进青石村\n\n韩小川\n\n村史馆\n文化广场\n农家书屋\n健身步道\n")
    (article,) = issue.articles
    assert article.reporters == ("韩小川",)
    assert article.paragraphs == ("村史馆", "文化广场", "农家书屋", "健身步道")


def test_a_poem_ends_at_the_next_news_head_and_its_dateline() -> None:
    issue = parse_issue(
        _POEM.format(author="□ 梅小溪")
        + "\n青河新桥通车\n\n本报讯（记者 郑小林）昨日，青河新桥正式通车。\n"
    )
    poem, news = issue.articles
    assert len(poem.paragraphs) == 4
    assert news.headline == "青河新桥通车"
    assert news.reporters == ("郑小林",)


def test_a_stanzas_last_line_may_end_with_a_full_stop() -> None:
    issue = parse_issue(
        "春天的信\n\n□ 梅小溪\n\n"
        "春风吹过田埂，\n麦苗一寸寸长高，\n燕子回到屋檐，\n母亲在门口笑了。\n\n2024年春于青河\n"
    )
    (article,) = issue.articles
    assert article.paragraphs == (
        "春风吹过田埂，",
        "麦苗一寸寸长高，",
        "燕子回到屋檐，",
        "母亲在门口笑了。",
        "2024年春于青河",
    )
