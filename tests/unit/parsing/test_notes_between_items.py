"""An editor's note's label alone (`编者按`) after an item its credit closed, over the note
and then the next item's head: the note introduces the stories below it, an item of its own
headed by its label; a note that names the pictures above it, or ends the page, is theirs."""

from __future__ import annotations

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue

_PICTURES = (
    "青河教师逾十万人 特别的节日给特别的你\n\n"
    "9月9日，临溪小学的学生向老师敬礼。 王小川 李青 摄\n\n"
    "9月8日，青州特教学校学生给老师戴花环。赵一 钱二 摄\n\n"
    "编者按\n\n"
)


def test_note_between_credited_captions_and_the_next_head_is_an_item() -> None:
    text = (
        _PICTURES + "秋风送爽，园丁节如期而至。祝老师们节日快乐！\n\n"
        "十万“园丁”扎根山乡讲台\n\n（记者周明）全县专任教师已逾十万人。\n"
    )
    issue = parse_issue(text)
    pictures, note, story = issue.articles
    assert pictures.photographers == ("王小川", "李青", "赵一", "钱二")
    assert "编者按" not in pictures.paragraphs
    assert (note.kicker, note.headline, note.kind) == (None, "编者按", "news")
    assert note.paragraphs == ("秋风送爽，园丁节如期而至。祝老师们节日快乐！",)
    assert not (note.reporters or note.photographers or note.dateline)
    assert (story.headline, story.reporters) == ("十万“园丁”扎根山乡讲台", ("周明",))
    assert_nothing_lost(text, issue)


def test_note_after_a_story_closed_by_its_end_byline_is_an_item() -> None:
    text = (
        "渡口新修候船亭\n\n白沙渡口的候船亭昨日投用。（记者 柯望川）\n\n"
        "编者按\n\n春运将至，本报今起走访青河沿岸的渡口。\n\n"
        "临溪渡口添了新船\n\n本报讯（记者 宁晓）临溪渡口昨日添了两条新船。\n"
    )
    issue = parse_issue(text)
    assert [a.headline for a in issue.articles] == ["渡口新修候船亭", "编者按", "临溪渡口添了新船"]
    assert issue.articles[1].paragraphs == ("春运将至，本报今起走访青河沿岸的渡口。",)


def test_note_naming_the_pictures_stays_their_text() -> None:
    text = (
        _PICTURES + "本版选登几幅照片，与读者同贺园丁节。\n\n"
        "老码头修缮完工\n\n本报讯（记者 宁小川）老码头修缮工程昨日完工。\n"
    )
    issue = parse_issue(text)
    assert [a.headline for a in issue.articles][-1] == "老码头修缮完工"
    assert issue.articles[0].paragraphs[-2:] == ("编者按", "本版选登几幅照片，与读者同贺园丁节。")


def test_note_ending_the_page_stays_with_the_pictures() -> None:
    text = _PICTURES + "秋风送爽，园丁节如期而至。祝老师们节日快乐！\n"
    issue = parse_issue(text)
    [pictures] = issue.articles
    assert pictures.paragraphs[-2] == "编者按"
    assert_nothing_lost(text, issue)


def test_note_label_under_a_package_title_still_names_the_item() -> None:
    text = "关注秋收\n\n编者按\n\n本版今起开设专栏，说说秋收的新鲜事。\n"
    [article] = parse_issue(text).articles
    assert (article.kicker, article.headline, article.kind) == ("关注秋收", "编者按", "news")
