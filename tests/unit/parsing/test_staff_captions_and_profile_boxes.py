"""A caption standing alone closed by a staff byline, a name run on after a closing quote,
and a profile box's field lines under a two-line head."""

from __future__ import annotations

import pytest

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue
from worker.parsing.profile_fields import is_profile_field
from worker.parsing.underscores import spaced

CAPTION = "3月28日，临溪镇的志愿者在白沙河畔补种柳树，为河岸添上一抹新绿。"


def test_an_underscore_between_han_characters_reads_as_a_space() -> None:
    assert spaced("本报记者_柯晓帆") == "本报记者 柯晓帆"
    assert spaced("photo_01.jpg 本报记者") == "photo_01.jpg 本报记者"


@pytest.mark.parametrize(
    "text",
    [
        f"{CAPTION}本报记者_柯晓帆\n",
        f"{CAPTION}\n\n本报记者_柯晓帆\n",
        f"{CAPTION}本报记者 柯晓帆\n\n荷塘栈道重新开放\n\n本报讯（记者 许东阳）栈道昨日开放。\n",
    ],
)
def test_a_caption_alone_closed_by_a_staff_byline_is_a_photo_item(text: str) -> None:
    issue = parse_issue(text)
    caption = issue.articles[0]
    assert (caption.kind, caption.headline, caption.reporters) == ("photo", "", ("柯晓帆",))
    assert caption.paragraphs == (CAPTION,)
    assert issue.unassigned == ()
    assert_nothing_lost(text, issue)


def test_two_sentences_closed_by_a_staff_byline_are_no_caption() -> None:
    text = f"{CAPTION}活动持续了一个上午。本报记者_柯晓帆\n"
    issue = parse_issue(text)
    assert all(article.kind == "news" for article in issue.articles)
    assert_nothing_lost(text, issue)


def test_a_bracketed_name_after_a_lone_sentence_makes_no_caption() -> None:
    issue = parse_issue(f"{CAPTION}（柯晓帆）\n")
    assert all(article.kind != "photo" for article in issue.articles)


@pytest.mark.parametrize(
    ("last", "reporters"),
    [
        ("他感叹：“种地也能过上好日子！”许望舒", ("许望舒",)),
        ("管理员说：「孩子们放学后都爱来这里。」闵晓岚", ("闵晓岚",)),
        ("他感叹：“种地也能过上好日子”许望舒", ()),  # no sentence's end inside the quote
    ],
)
def test_a_name_run_on_after_a_closing_quote_signs_the_item(
    last: str, reporters: tuple[str, ...]
) -> None:
    issue = parse_issue(f"稻浪翻滚话丰年\n\n本报讯 九月的青石乡，稻田一眼望不到边。{last}\n")
    assert issue.articles[0].reporters == reporters


def test_a_name_after_a_closing_quote_inside_an_item_stays_text() -> None:
    text = "稻浪翻滚话丰年\n\n本报讯 他感叹：“真好！”许望舒\n\n说完又下田去了。\n"
    assert parse_issue(text).articles[0].reporters == ()


@pytest.mark.parametrize(
    ("line", "field"),
    [("乘客:柯秋月", True), ("受访者：闵小禾", True), ("青河日报：乡村教师", False)],
)
def test_a_label_and_a_name_is_a_profile_field(line: str, field: bool) -> None:
    assert is_profile_field(line) is field


def test_a_two_line_head_over_a_profile_box_is_kicker_and_headline() -> None:
    text = (
        "白沙码头\n\n遇见她\n\n乘客:柯秋月\n\n41岁 教师\n\n心愿:“希望路上少堵一会儿。”\n\n"
        "柯秋月在城东一所中学教书，每天要转两趟公交车才能赶到学校。\n\n"
        "临江都市报记者 许东阳\n"
    )
    issue = parse_issue(text)
    (article,) = issue.articles
    assert (article.kicker, article.headline) == ("白沙码头", "遇见她")
    assert article.paragraphs[:2] == ("乘客:柯秋月", "41岁 教师")
    assert_nothing_lost(text, issue)


BRIEF = "●白沙镇获评省级森林小镇。日前，省林业局公布名单，白沙镇榜上有名，全镇森林覆盖率达七成。"


def test_a_lone_bulleted_briefs_run_in_head_is_its_headline() -> None:
    text = f"快讯\n\n{BRIEF}\n"
    issue = parse_issue(text)
    (article,) = issue.articles
    assert (article.kind, article.headline) == ("news", "白沙镇获评省级森林小镇")
    assert article.paragraphs == ("日前，省林业局公布名单，白沙镇榜上有名，全镇森林覆盖率达七成。",)
    assert_nothing_lost(text, issue)


@pytest.mark.parametrize(
    "text",
    [
        "快讯\n\n●4月1日，白沙镇开展植树活动。当天共栽下树苗三千余株，志愿者干劲十足。\n",
        f"快讯\n\n{BRIEF}\n\n{BRIEF}\n",
    ],
)
def test_a_first_sentence_with_a_comma_or_several_briefs_keep_their_text(text: str) -> None:
    issue = parse_issue(text)
    assert all(article.headline != "白沙镇获评省级森林小镇" for article in issue.articles)
    assert_nothing_lost(text, issue)
