"""A column writer's pen name under the head, repeated in brackets after the text, and a
credit line whose mark is glued to its first name."""

from __future__ import annotations

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue

COLUMN = "一言堂\n\n青禾\n\n会少了，事才办得快。\n\n点评：说得在理。\n\n（青禾）\n"


def test_a_pen_name_under_the_head_and_in_the_closing_bracket_is_the_writer() -> None:
    issue = parse_issue(COLUMN)
    (article,) = issue.articles
    assert (article.kicker, article.headline, article.reporters) == (None, "一言堂", ("青禾",))
    assert article.paragraphs == ("会少了，事才办得快。", "点评：说得在理。")
    assert_nothing_lost(COLUMN, issue)


def test_a_short_line_no_bracket_repeats_stays_in_the_head() -> None:
    text = COLUMN.replace("（青禾）", "（待续）")
    (article,) = parse_issue(text).articles
    assert article.reporters == ()
    assert "青禾" in (article.kicker or "") + article.headline


def test_a_bracket_after_the_next_head_signs_nothing_above_it() -> None:
    text = COLUMN.replace("（青禾）", "白沙新事\n\n村里新修了一条路，走起来平平坦坦。\n\n（青禾）")
    first = parse_issue(text).articles[0]
    assert first.reporters == ()


def test_a_credit_mark_glued_to_the_first_name_is_the_line_s() -> None:
    credit = "■林小雨 方青 本报特约记者 周临溪摄影报道"
    text = f"并肩同行\n\n{credit}\n\n国庆前夕，老兵与新兵结对走访旧址。\n"
    issue = parse_issue(text)
    (article,) = issue.articles
    assert article.photographers == ("林小雨", "方青", "周临溪")
    assert article.paragraphs == ("国庆前夕，老兵与新兵结对走访旧址。",)
    assert_nothing_lost(text, issue)


def test_a_mark_glued_to_a_phrase_before_a_credit_stays_text() -> None:
    text = "■青河夜色 周临溪 摄\n"
    issue = parse_issue(text)
    assert_nothing_lost(text, issue)
    people = {name for article in issue.articles for name in article.photographers}
    assert "青河夜色" not in people


SPACED = "好客不只在花期\n\n默 然\n\n上周，渡船师傅特意搭了一块木板，让轮椅游客稳稳当当上了船。\n"


def test_a_letter_spaced_pair_under_one_head_over_text_is_the_writer() -> None:
    issue = parse_issue(SPACED)
    (article,) = issue.articles
    assert (article.kicker, article.headline) == (None, "好客不只在花期")
    assert article.reporters == ("默然",)
    assert_nothing_lost(SPACED, issue)


def test_a_spaced_pair_with_a_full_width_space_is_the_writer_too() -> None:
    (article,) = parse_issue(SPACED.replace("默 然", "默\u3000然")).articles
    assert article.reporters == ("默然",)


def test_a_spaced_pair_the_text_names_stays_in_the_head() -> None:
    text = "桃源新渡口启用\n\n苇 塘\n\n苇塘的村民过河不用再绕远路了，两岸往返只要五分钟。\n"
    (article,) = parse_issue(text).articles
    assert article.reporters == ()


def test_a_spaced_pair_under_two_head_lines_stays_in_the_head() -> None:
    text = SPACED.replace("好客不只在花期\n\n", "古镇来客\n\n好客不只在花期\n\n")
    (article,) = parse_issue(text).articles
    assert article.reporters == ()


def test_a_spaced_pair_over_another_head_line_is_no_writer() -> None:
    text = SPACED.replace("默 然\n\n", "默 然\n\n渡口新事\n\n")
    assert all(a.reporters == () for a in parse_issue(text).articles)
