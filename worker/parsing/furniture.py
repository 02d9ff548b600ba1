"""Page furniture: `责任编辑：张三`, `[责任编辑 马铃翔 ]`, 版式设计, 校对, 美编 lines, an archive's
`专栏:` line, the standing label over a column of briefs (`简　讯`, `【快讯】`), and a
front page's jump lines (`（详见第5版）`, `>>>5版`)."""

from __future__ import annotations

import itertools
import re

from worker.parsing.names import is_personal, looks_like_name

_MAX_FURNITURE = 60
_WORDS = (
    "责任编辑|责任校对|本版编辑|图片编辑|美术编辑|值班编委|版式设计|版面设计|"
    "责编|编辑|版式|美编|校对|组版|排版|审读|审校|终审|二审|一审|制图|专栏"
)
# The role word must end at a separator: `编辑部收到来信…` is text.
_FURNITURE = re.compile(rf"[\[【(（]?\s*(?:{_WORDS})(?:\s*[:：]|\s|[\]】)）]|$)")
_WORD_FIRSTS = frozenset(word[0] for word in _WORDS.split("|"))
_OPENERS = frozenset("[【(（")  # the brackets `_FURNITURE` and `_LABEL` may open with
BOX_MARKS = "■□◎●◆"  # an export's box marks before a staff line (`■编辑：X`)

# A column label is no headline: `简　讯` over one-line briefs would be read as their kicker.
_LABEL = re.compile(
    r"[【\[]?\s*(?:简|快|短|速)\s*(?:讯|览|递)\s*[】\]]?|[【\[]?\s*新\s*闻\s*速\s*递\s*[】\]]?"
)


# A section's standing name set letter-spaced: `社 会 广 角`, `图 片 新 闻`.
_SPACED = re.compile(r"[\u4e00-\u9fff](?: [\u4e00-\u9fff]){2,5}")
_SPACED_NAME = 3  # characters of a writer's name set letter-spaced to a byline's width


def _spaced_label(text: str) -> bool:
    """`社 会 广 角`, not `章 罗 生`: a name of three set letter-spaced under a headline is
    its writer's byline, which a surname opens.

    >>> _spaced_label("社 会 广 角"), _spaced_label("章 罗 生")
    (True, False)
    """
    if _SPACED.fullmatch(text) is None:
        return False
    word = text.replace(" ", "")
    return not (len(word) == _SPACED_NAME and looks_like_name(word) and is_personal(word))


# The date alone on a line over the page (`2025年07月18日`, `2024年2月14日 星期三`):
# e-paper pages print it above the first headline; it is never a kicker. A record's date in
# figures (`2025-07-18`, with its time or not) stands there the same way. Taiwan's papers
# count the years of the Republic (`中華民國91年3月19日星期二`) and may bracket the weekday.
_DATE_LINE = re.compile(
    r"(?:(?:19|20)[0-9]{2}|(?:中[華华])?民[國国]\s*[0-9]{1,3})\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日"
    r"(?:\s*[(（]?(?:星期|周|週)[一二三四五六日天][)）]?)?"
    r"|(?:19|20)[0-9]{2}([-/.])[0-9]{1,2}\1[0-9]{1,2}(?:\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?"
)
# A record's time of day alone on a line (`09:31`, `18:05:12`), under its date.
_TIME_LINE = re.compile(r"[0-2]?[0-9]:[0-5][0-9](?::[0-5][0-9])?")

# A portal's record line: the date in brackets with the source or the print page,
# `( 2025-11-11 ) 稿件来源:新华每日电讯`, `《 青河晚报 》( 2025年12月18日 第 02 版 )`.
_RECORD_DATE = re.compile(r"[(（]\s*(?:19|20)[0-9]{2}\s*[-年/.]")
_RECORD_SOURCE = re.compile(r"来源\s*[:：]|第\s*[0-9A-Z]{1,4}\s*版")


# A web record's field line: a time stamp, then labelled fields set off by spaces,
# `2021-04-12 08:30:15   来源: 青河日报   作者:王一 李二   点击:`.
_STAMP = re.compile(
    r"(?:19|20)[0-9]{2}\s*[-/.年]\s*[0-9]{1,2}\s*[-/.月]\s*[0-9]{1,2}日?"
    r"(?:\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?\s+"
)
_MAX_RECORD = 40  # a stamp and one field (`… 来源:青河日报`) longer than this is text
_FIELD = re.compile(r"(?:(?<=\s)|^)[\u4e00-\u9fff]{2,4}\s*[:：]")


def record_fields(text: str) -> list[str] | None:
    """A web record's field line as its fields (the stamp first), or None.

    >>> record_fields("2021-04-12 08:30   来源: 青河日报   作者:王一")
    ['2021-04-12 08:30   ', '来源: 青河日报   ', '作者:王一']
    """
    stamp = _STAMP.match(text) if text[:2] in ("19", "20") else None
    if stamp is None:
        return _labelled_record(text) if text[:2] in RECORD_LABEL_STARTS else None
    starts = [m.start() for m in _FIELD.finditer(text, stamp.end())]
    if not starts or starts[0] != stamp.end():
        return None
    if len(starts) < 2 and (len(text) > _MAX_RECORD or any(m in text for m in "。，,")):
        return None  # one label may open a sentence; a record prints several, or just one
    bounds = [0, *starts, len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


# A record's field line that opens with a field, not a stamp: `来源：青河日报 | 作者：王小明 |
# 2023-12-14`, `作者：王小明 来源：青河日报 2023-12-14`. Its fields are a CMS's labels, set
# off by spaces or bars; one of them names the source.
_RECORD_LABEL = re.compile(r"(?:来源|作者|编辑|责编|发布时间|发布日期|时间|日期|点击|浏览)\s*[:：]")
RECORD_LABEL_STARTS = frozenset(
    ("来源", "作者", "编辑", "责编", "发布", "时间", "日期", "点击", "浏览")
)
_RECORD_BAR = re.compile(r"[|｜]")
_MAX_LABELLED = 80


def _labelled_record(text: str) -> list[str] | None:
    """`来源：青河日报 | 作者：王小明 | 2023-12-14` as its fields, each bar a field of its own
    (the source's and the bars' fields are furniture, an author's a byline); None unless the
    line opens with a field and holds two or more, one of them `来源`.

    >>> _labelled_record("来源：青河日报 | 作者：王小明 | 2023-12-14")
    ['来源：青河日报 ', '| ', '作者：王小明 ', '| 2023-12-14']
    """
    if len(text) > _MAX_LABELLED or "来源" not in text or _RECORD_LABEL.match(text) is None:
        return None
    labels = [
        m.start()
        for m in _RECORD_LABEL.finditer(text)
        if m.start() == 0 or text[m.start() - 1] in " \u3000|｜"
    ]
    if len(labels) < 2 or any(mark in text for mark in "。，,"):
        return None
    bounds = sorted({0, *labels, *(m.start() for m in _RECORD_BAR.finditer(text)), len(text)})
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


# A newsroom's hotline under an item or in a corner of the page: `热线：96123`,
# `新闻报料电话:0571-8512 3456`.
_PHONE = re.compile(r"[\u4e00-\u9fff]{2,8}\s*[:：]\s*[0-9０-９][0-9０-９\-－ ]{4,20}")


# A jump line points to the page an item goes on: `（详见第5版）`, `>>>5版`, `转第3版`,
# `见A3版`, or alone on its line to the page it came from: `(上接01版)`. It names a page but
# is no page label, and no headline. (`（上接第1版）…` run into the text it opens, the rest of
# a story from another page, is left as it is.)
_ARROWS = "<＜《«←◀>＞》»→▶►"
_JUMP = re.compile(
    rf"[（(【\[]?\s*(?P<before>(?:[{_ARROWS}]+\s*)?"
    r"(?:(?:详见|请见|参见|见|下转|转|上接|接)\s*)?)"
    r"(?:第\s*)?[A-Za-z]{0,2}\s*[0-9０-９一二三四五六七八九十]{1,3}\s*版"
    rf"\s*(?P<after>[{_ARROWS}]*)\s*[）)】\]]?"
)
_JUMP_ENDS = frozenset("版）)】]" + _ARROWS)
_JUMP_FIRSTS = frozenset("（(【[0123456789０１２３４５６７８９详请参见下转上接" + _ARROWS)


def is_jump(text: str) -> bool:
    """True for a line that points to another page, never for a page label.

    >>> is_jump("（详见第5版）"), is_jump(">>>5版"), is_jump("转第3版"), is_jump("(上接01版)")
    (True, True, True, True)
    >>> is_jump("第5版"), is_jump("【第2版】"), is_jump("5版"), is_jump("见面会今天举行")
    (False, False, False, False)
    """
    if text[:1] not in _JUMP_FIRSTS or len(text) > 16:
        return False
    m = _JUMP.fullmatch(text)
    # The arrow or the verb says it points: a framed `【第2版】` alone is the page's label.
    return m is not None and bool(m.group("before").strip() or m.group("after"))


def ends_in_jump(text: str) -> bool:
    """Does a line run on into a bracketed jump to the page its item goes on (`…的艰辛……
    (下转第六版)`)? Then it is the last line of a story's text here, never a head line.

    >>> ends_in_jump("——一句话说尽了山里人的难处……（下转第6版）"), ends_in_jump("（下转第6版）")
    (True, False)
    """
    if text[-1:] not in "）)":
        return False
    start = max(text.rfind("("), text.rfind("（"))
    return start > 0 and is_jump(text[start:])


def _is_stamp(text: str) -> bool:
    """A record's date or time alone on a line: `2025-07-18`, `09:31`."""
    if text[:2] in ("19", "20", "中華", "中华", "民國", "民国") and _DATE_LINE.fullmatch(text):
        return True
    return len(text) <= 8 and text[-1:].isdigit() and _TIME_LINE.fullmatch(text) is not None


# A record's source under its stamp: the paper's or site's name alone (`青河晨报`).
_SOURCE_NAME = re.compile(r"[\u4e00-\u9fff]{1,8}(?:报|网)")


# A record's source glued to its date, as a portal prints it over the text:
# `青河晨报2015-05-22`, `青河网 2021/3/4 08:30`. Never a headline.
_DATED_SOURCE = re.compile(
    r"[\u4e00-\u9fff]{1,8}(?:报|网)\s*(?:19|20)[0-9]{2}([-/.])[0-9]{1,2}\1[0-9]{1,2}"
    r"(?:\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?"
)


def is_stamped_source(text: str, under_furniture: bool) -> bool:
    """`青河晨报` right under furniture before any text (a record's date or time line): the
    source the record names, never the headline. A paper's name anywhere else is left as is.

    >>> is_stamped_source("青河晨报", True), is_stamped_source("青河晨报", False)
    (True, False)
    """
    return under_furniture and len(text) <= 10 and _SOURCE_NAME.fullmatch(text) is not None


def is_furniture(text: str) -> bool:
    """True for a page-furniture line.

    >>> is_furniture("[责任编辑 马铃翔 ]"), is_furniture("编辑部收到来信。")
    (True, False)
    >>> is_furniture("青河晨报2015-05-22"), is_furniture("青河晨报2015年")
    (True, False)
    """
    if len(text) > _MAX_FURNITURE or "。" in text or "，" in text:
        return False
    # Asked of every line: each pattern is run only where its first characters may stand.
    first = text[:1]
    if first in BOX_MARKS and text[1:2] in _WORD_FIRSTS:
        # `■编辑：小禾 || 新闻热线：…`: an export's box mark before the staff line.
        return _FURNITURE.match(text, 1) is not None
    opens = first in _OPENERS or first.isspace()
    return (
        _is_stamp(text)
        or ((opens or first in _WORD_FIRSTS) and _FURNITURE.match(text) is not None)
        or ((opens or first in "简快短速新") and _LABEL.fullmatch(text) is not None)
        or (text[1:2] == " " and _spaced_label(text))
        or (text[-1:].isdigit() and _PHONE.fullmatch(text) is not None)
        or (text[-1:] in _JUMP_ENDS and is_jump(text))
        or (text[-1:].isdigit() and len(text) <= 30 and _DATED_SOURCE.fullmatch(text) is not None)
        or (
            ("(" in text or "（" in text)
            and _RECORD_DATE.search(text) is not None
            and _RECORD_SOURCE.search(text) is not None
        )
    )
