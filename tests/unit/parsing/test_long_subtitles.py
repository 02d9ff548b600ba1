"""A subtitle printed without its dash and past the length of a comma head line, between a
headline and a dateline with a space before its bracket (`青河调整公交线路` / `…新区 …调整，
最多…` / `本报讯 （临溪晚报 掌上临溪客户端记者 X）`): the article's subtitle."""

from __future__ import annotations

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue
from worker.parsing.long_subtitles import mark_long_subtitles
from worker.parsing.units import Unit

_ABOVE = "临溪新建口袋公园\n\n本报讯（记者 柯望川）临溪区口袋公园昨日开放。\n\n"
_HEAD = "青河调整公交线路\n\n"
_SUBTITLE = "线路延伸至临溪新区和滨河小镇 首末班时间一并调整，末班车最长推迟半小时"
_DATELINE = "本报讯 （临溪晚报 掌上临溪客户端记者 温小舟）青河公交公司昨日发布公告。\n"


def test_long_subtitle_under_a_story_heads_the_next_article() -> None:
    text = _ABOVE + _HEAD + _SUBTITLE + "\n\n" + _DATELINE
    issue = parse_issue(text)
    above, article = issue.articles
    assert above.paragraphs == ("临溪区口袋公园昨日开放。",)
    assert (article.headline, article.subtitle, article.dateline) == (
        "青河调整公交线路",
        _SUBTITLE,
        "本报讯",
    )
    assert article.reporters == ("温小舟",)
    assert article.other_credits == ("临溪晚报",)  # the outlets name no person
    assert article.paragraphs == ("青河公交公司昨日发布公告。",)
    assert not issue.warnings
    assert_nothing_lost(text, issue)


def _marked(line: str, head: str = "青河调整公交线路") -> bool:
    assert len(line) > 32  # past the comma lines read as head lines anywhere
    units = [
        Unit.read(1, head),
        Unit.read(3, line),
        Unit.read(5, "本报讯（记者 温小舟）青河公交公司昨日发布公告。"),
    ]
    return mark_long_subtitles(units)[1].weak


def test_a_long_phrase_of_clauses_over_a_dateline_is_marked() -> None:
    assert _marked(_SUBTITLE)


def test_first_paragraph_ending_in_a_full_stop_stays_text() -> None:
    line = "青河公交公司昨日发布公告，三条线路延伸至临溪新区，首末班时间一并调整。"
    assert not _marked(line)
    text = _HEAD + line + "\n\n本报讯（记者 温小舟）公告说，新区居民出行更方便。\n"
    issue = parse_issue(text)
    assert all(article.subtitle is None for article in issue.articles)
    assert any(line in article.paragraphs for article in issue.articles)
    assert_nothing_lost(text, issue)


def test_caption_sentence_stays_text() -> None:
    caption = "渡口建成后，对岸的村民坐船五分钟就能到镇上赶集，孩子们上学也方便了。"
    text = "滨河小镇添了新渡口\n\n" + caption + "\n\n本报讯（记者 龚川）新渡口昨日投用。\n"
    issue = parse_issue(text)
    [article] = issue.articles
    assert article.subtitle is None
    assert article.paragraphs[0] == caption


def test_lines_that_run_on_like_text_are_not_subtitles() -> None:
    # clause after clause, the full stop lost in export
    assert not _marked("周末上午，青河广场上摆出了二十多个旧书摊，不少市民一早就赶来，有人买了几本")
    # opening like a sentence: a date, `昨日`
    assert not _marked("5月2日，首批乘客坐上了延伸后的公交车 车厢里坐满了赶去上班的年轻人和学生")
    # a clause left open runs on into the dateline's line
    assert not _marked("线路延伸至临溪新区和滨河小镇 首末班时间一并调整，末班车最长推迟半小时，")
    # not twice the headline's length: a headline under a kicker, or text
    assert not _marked(_SUBTITLE, head="青河三条公交线路调整首末班时间同时调整")


def test_no_dateline_below_no_subtitle() -> None:
    units = [
        Unit.read(1, "青河调整公交线路"),
        Unit.read(3, _SUBTITLE),
        Unit.read(5, "公告说，新区居民出行更方便。"),
    ]
    assert not mark_long_subtitles(units)[1].weak
