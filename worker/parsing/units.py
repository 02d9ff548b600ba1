"""A page's lines as units: each non-blank line with the dateline, byline or credit read in it,
and the paragraph layout of the page."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from worker.parsing.byline_text import _DECORATION_MARKS, BYLINE_MARKS
from worker.parsing.bylines import (
    Lead,
    Tail,
    ends_with_source,
    parse_lead,
    parse_name_line,
    parse_tail,
)
from worker.parsing.furniture import ends_in_jump
from worker.parsing.headlines import is_headline_line, is_weak_headline_line
from worker.parsing.marked_roles import compiled_report, marked_role
from worker.parsing.paper_signed import paper_signed
from worker.parsing.profile_fields import is_profile_field
from worker.parsing.script import restore_lead, restore_tail, to_simplified
from worker.parsing.underscores import spaced

_MARKS = f"{_DECORATION_MARKS} \u3000"  # a byline's marks and the space after them


@dataclass(slots=True)
class Unit:
    """A non-blank line of a page with what the parser reads in it. Not changed once read
    (`dataclasses.replace` makes another); not frozen, because a frozen dataclass sets each
    field through `object.__setattr__`, and a page makes one per line."""

    line: int
    text: str
    indented: bool = False
    gap: int = 0  # blank lines before it
    lead: Lead | None = None
    tail: Tail | None = None
    candidate: bool = False  # may be a headline line
    weak: bool = False  # a headline line only right above a dateline (has `，` or ends `：`)
    sourced: bool = False  # ends with a source or end note: `…上年。（据新华社）`, `（完）`
    # A byline with no role word if it stands where bylines do (`盛亭 明红`, `本报评论员`).
    named: Lead | None = None
    runin: int = 0  # length of a run-in headline opening the line (`好心人送来一把伞 市民…`)
    labelled: bool = False  # the page's label was repeated just above: an item starts here
    verse: bool = False  # a line of a poem (`verse.mark_verse`): a paragraph of its own
    mark: str = ""  # a bullet taken off an item's head (`item_marks`): markup, not text
    field: bool = False  # a profile box's field line (`市民:柯小禾`): a paragraph of its own

    @classmethod
    def read(
        cls, line: int, text: str, indented: bool = False, gap: int = 0, labelled: bool = False
    ) -> Unit:
        key = spaced(to_simplified(text))
        if key == text:
            lead, tail = parse_lead(text), parse_tail(text)
        else:  # `本報記者謝素德攝`, `本报记者_柯小禾`: read simplified and spaced, kept as printed
            lead = restore_lead(parse_lead(key), key, text)
            tail = restore_tail(parse_tail(key), key, text)
        if lead is None and tail is None and text[-1:] in "报報":
            # `编译X/综合报导青河报`: the paper's name glued after the byline's last word
            lead = restore_lead(paper_signed(key, parse_lead), key, text)
        if tail is not None and tail.rest and tail.rest[0] in _DECORATION_MARKS:
            tail = _marked_credit(text, tail)
        # `本报记者 柏 青 摄` alone: a photo credit, not a byline.
        if lead is not None and tail is not None and tail.photo and not tail.rest:
            lead = None if not (lead.rest or lead.dateline or lead.credits.writers) else lead
        if lead is None and tail is None:
            lead = marked_role(text)  # `□本报记者` alone: a byline, though it names no one
            lead = lead or restore_lead(compiled_report(key), key, text)
        plain = lead is None and tail is None
        sourced = tail is None and text[-1:] in "）)" and ends_with_source(text)
        # `市民:柯小禾` under a head opens a profile box of the text: it heads nothing.
        field = plain and is_profile_field(text)
        candidate = plain and not sourced and not field and is_headline_line(text)
        # Not sourced, `candidate` says whether it is a headline line: no need to ask again.
        # `——…艰辛……（下转第6版）`: a line run on into a jump ends a story's text here.
        weak = (
            plain
            and not candidate
            and not field
            and not ends_in_jump(text)
            and is_weak_headline_line(text, headline=None if sourced else False)
        )
        named = parse_name_line(text) if plain and len(text) <= 20 else None
        runin = _runin(text) if lead is None and not candidate else 0
        unit = cls(
            line, text, indented, gap, lead, tail, candidate, weak, sourced, named, runin, labelled
        )
        unit.field = field
        return unit


def _marked_credit(text: str, tail: Tail) -> Tail:
    """`□ 赵东升 文/图`, `■林小雨 方青 本报记者 周临溪摄影报道`: the mark before a credit line
    is the line's, not text, even glued to the line's first name."""
    whole = parse_tail(text.lstrip(_MARKS)) if tail.rest.strip(_MARKS) else tail
    return replace(whole, printed=text, rest="") if whole and not whole.rest.strip(_MARKS) else tail


_RUNIN_HEAD = (5, 24)  # characters of a run-in headline
_RUNIN_TEXT = 20  # a run-in headline stands before a paragraph, not a phrase
# Some web copies set a space before every comma and full stop: no head ends at that space.
_SPACED_STOPS = frozenset(",，。")


def _runin(text: str) -> int:
    """Length of the headline a line opens with, set off by a space from its paragraph
    (`好心人归还钱包 市民柯岚:前天傍晚,…。`), or 0.

    >>> _runin("好心人归还钱包 市民柯岚:前天傍晚,我在公交站等车时把钱包落在长椅上了。")
    7
    """
    space = text.find(" ")
    if not _RUNIN_HEAD[0] <= space <= _RUNIN_HEAD[1]:
        return 0
    head, rest = text[:space], text[space + 1 :]
    if len(rest) < _RUNIN_TEXT or not any(mark in rest for mark in "。！？!?"):
        return 0
    if rest[:1] in _SPACED_STOPS:
        return 0  # `…随处可见 , 孩子们…`: a copy that spaces its punctuation, mid-sentence
    if _open_frame(head):
        return 0  # `【X Y】…`: the space stands inside a frame, no head ends there
    return space if is_headline_line(head) and not head.isascii() else 0


_FRAME_PAIRS = {"【": "】", "（": "）", "(": ")", "“": "”", "《": "》"}


def _open_frame(head: str) -> bool:
    """Does the phrase open a frame or bracket it does not close (`【青河大桥合龙`)?

    >>> _open_frame("【青河大桥合龙"), _open_frame("【快讯】青河大桥合龙")
    (True, False)
    """
    return any(head.count(a) > head.count(b) for a, b in _FRAME_PAIRS.items())


def split_glued_byline(text: str) -> tuple[str, ...]:
    """A headline line with its byline run on after a mark, as two lines.

    >>> split_glued_byline("合肥各界对报纸充满期待□本刊记者 王晓峰 文/图")
    ('合肥各界对报纸充满期待', '□本刊记者 王晓峰 文/图')
    """
    for mark in BYLINE_MARKS:
        at = text.find(mark, 1)
        if at > 0:
            head, byline = text[:at].rstrip(), text[at:]
            lead = parse_lead(byline)
            if lead is not None and not lead.rest and lead.credits and is_headline_line(head):
                return head, byline
    return (text,)


_CAPTION_GAP = re.compile(r"\s+")


def split_caption_lead(text: str) -> tuple[str, ...]:
    """A caption run into the dateline after a space (web copy flattens the picture's line
    into the first paragraph), as two lines.

    >>> split_caption_lead("图为法官在村口开庭 本报讯 (余力) 一张桌子…")
    ('图为法官在村口开庭', '本报讯 (余力) 一张桌子…')
    """
    for gap in _CAPTION_GAP.finditer(text):
        caption, rest = text[: gap.start()], text[gap.end() :]
        lead = parse_lead(rest)
        if lead is not None and lead.dateline is not None and lead.rest:
            return caption, rest
    return (text,)


_FLAT_HEADS = 3  # head lines a flattened record runs on before its dateline or byline
_FLAT_REACH = 80  # where that dateline or byline may start
_SENTENCE_MARKS = "。！？!?"


_HAN = re.compile(r"[\u4e00-\u9fff]")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
# How a dateline or byline may start, checked before reading one: a role word, or a name of
# a paper, agency or site up to its `讯`, `电` or `消息` (`本报讯`, `新华社北京5月5日电`).
_LEAD_START = re.compile(
    r"(?:[□■◎●]|[A-Z](?=本报|记者|通讯员))?\s*(?:本报|本刊|新华社|据|记者|通讯员|特约|首席|见习|实习|驻|全媒|融媒|摄影|文|图"
    r"|[\u4e00-\u9fff0-9]{1,14}?(?:讯|电|消息|记者|通讯员))"
)
_MIN_FLAT_HEAD = 4  # Han characters of a head line: `5月5日 本报记者 X 在…` has no head


def _flat_head_line(text: str) -> bool:
    if "（" in text or "(" in text:
        return False  # `本报讯（记者X` is a dateline cut at its space, not a head
    return len(_HAN.findall(text)) >= _MIN_FLAT_HEAD and is_headline_line(text)


def split_flat_head(text: str) -> tuple[str, ...]:
    """A record flattened onto one line, its head lines run on before the dateline or byline
    with single spaces, as its lines; or the line.

    >>> split_flat_head("系列述评之三 加快改革 本报记者 韩松 改革是出路。下一步…")
    ('系列述评之三', '加快改革', '本报记者 韩松', '改革是出路。下一步…')
    >>> split_flat_head("青河港新开航线 本报讯（记者 王川）近日，青河港新开航线。")
    ('青河港新开航线', '本报讯（记者 王川）近日，青河港新开航线。')
    """
    space = text.find(" ")
    while 0 < space < _FLAT_REACH:
        heads = text[:space].split(" ")
        if len(heads) > _FLAT_HEADS or not _flat_head_line(heads[-1]):
            break  # every later space keeps this head line in the head
        rest = text[space + 1 :]
        if _LEAD_START.match(rest) is None:
            space = text.find(" ", space + 1)
            continue  # no dateline or byline starts here: spare the full reading
        lead = parse_lead(rest)
        if lead is not None and any(mark in lead.rest for mark in _SENTENCE_MARKS):
            # The dateline or byline must hand over to text, not to more words.
            if lead.dateline is not None:
                return (*heads, rest)
            if lead.credits.writers:
                return (*heads, lead.printed, lead.rest)
        space = text.find(" ", space + 1)
    return (text,)


def split_flat(text: str, *, head: bool = True) -> tuple[str, ...]:
    """A line of flattened text as its lines: the head lines run on before its dateline or
    byline (with `head`), else the heads run in between its items; or the line."""
    parts = split_flat_head(text) if head else (text,)
    return parts if len(parts) > 1 else split_runin_heads(text)


# A head run in between two items of a flattened page: a sentence's end, a space, a short
# phrase with no sentence mark, a space (`…正式啟用。 百名青年共話未來 青河日報訊(…`).
_RUNIN_BETWEEN = re.compile(r"(?<=[。！？!?」』”]) (?P<head>[^\s。，,；;：:！？!?]{4,24}) (?=\S)")


def split_runin_heads(text: str) -> tuple[str, ...]:
    """A flattened page's line cut before each head run in after a finished sentence and
    followed by a dateline (PDF text joins a page's items with spaces); or the line.

    >>> split_runin_heads("…重新运转。 两岸青年共话创业 本报讯(记者 苏蓉)峰会昨日开幕。")
    ('…重新运转。', '两岸青年共话创业', '本报讯(记者 苏蓉)峰会昨日开幕。')
    """
    parts: list[str] = []
    start = _dateline_after_labels(text)
    if start:
        parts.append(text[:start].rstrip())
    for m in _RUNIN_BETWEEN.finditer(text):
        rest = to_simplified(text[m.end() :])  # `青河日報訊(記者 …)` reads as simplified
        if m.start() <= start or _LEAD_START.match(rest) is None:
            continue  # no dateline or byline starts here: spare the full reading
        lead = parse_lead(rest)
        if lead is None or lead.dateline is None or not lead.rest:
            continue
        if not _flat_head_line(m.group("head")):
            continue
        parts.extend((text[start : m.start()].rstrip(), m.group("head")))
        start = m.end()
    return (*parts, text[start:]) if parts else (text,)


_LABELS_REACH = 120  # where the labels over a flattened page's first item end


def _dateline_after_labels(text: str) -> int:
    """Where a dateline opens the first item of a flattened page after the page's labels
    (`B03 城市新聞 … 2024 年 5 月 6 日(星期一) 青河日報訊 本市…`), or 0. The labels
    before it hold no finished sentence."""
    for mark in "讯訊电電":
        end = text.find(mark, 0, _LABELS_REACH)
        start = text.rfind(" ", 0, end) + 1 if end > 0 else 0
        if start == 0 or any(stop in text[:start] for stop in _SENTENCE_MARKS):
            continue
        lead = parse_lead(to_simplified(text[start:]))
        if lead is not None and lead.dateline is not None and lead.rest:
            return start
    return 0


@dataclass(frozen=True, slots=True)
class Layout:
    """How the file lays out paragraphs (spec section 2)."""

    per_line: bool = False  # paragraph-per-line: a blank line separates items
    indents: bool = False  # paragraphs start indented; unindented lines are not paragraphs


# A head's last line run into the text under it is shorter than a run-in headline of its
# own (`_RUNIN_HEAD`): `勘探队员报告 在辽阔的平原上…` under a head is its first paragraph.
_HEAD_TAIL = _RUNIN_HEAD[0] - 1


def split_runin_under_heads(units: list[Unit]) -> list[Unit]:
    """`老街夜市` / `重新开张 5月2日晚,在…。`: under a head line, a short phrase set off by a
    space before prose is the head's last line run into the text (an H5 page sets the gap
    as spaces, read as one), so it is read as a line of its own.

    >>> [u.text for u in split_runin_under_heads([Unit.read(1, "老街夜市"),
    ...     Unit.read(2, "重新开张 5月2日晚,在青石巷口,摊主们挂起了一排灯笼。")])]
    ['老街夜市', '重新开张', '5月2日晚,在青石巷口,摊主们挂起了一排灯笼。']
    """
    out: list[Unit] | None = None
    for i, unit in enumerate(units):
        space = unit.text.find(" ", 2, _HEAD_TAIL + 1) if i and units[i - 1].candidate else -1
        head, rest = (unit.text[:space], unit.text[space + 1 :]) if space > 0 else ("", "")
        if (
            space < 0
            or unit.lead is not None
            or unit.candidate
            or not _HAN_RUN.fullmatch(head)
            or len(rest) < _RUNIN_TEXT
            or not any(m in rest for m in _SENTENCE_MARKS)
        ):
            if out is not None:
                out.append(unit)
            continue
        out = out if out is not None else units[:i]
        # `农事忙   芒种节气将至,…` under `芒种将至`: the head's last half, never a name line
        # that would sign the text after it (the surname-led phrase reads like one).
        out.append(replace(Unit.read(unit.line, head, unit.indented, unit.gap), named=None))
        out.append(Unit.read(unit.line, rest))
    return units if out is None else out


# What a page's section is called after its subject: `综合新闻`, `文化周刊`, `教育专刊`, `副刊`,
# a news desk's (`要闻`, Hong Kong's `港聞`: two characters, as `乡村见闻` names a column), a
# newsletter's lead (`今日頭條`).
_SECTION_KINDS = ("新闻", "新聞", "周刊", "专刊", "副刊", "头条", "頭條")
_DESK_NEWS = "闻聞"
_SECTION_LABEL = re.compile(r"[\u4e00-\u9fff·]{2,8}")


def split_top_label(units: list[Unit], section: str | None) -> tuple[list[Unit], list[Unit]]:
    """The page's units without the section's name printed alone over the first headline
    (`综合新闻` / `青河大桥通车` / its text), and that line: a page label, never a kicker.

    It is one when it repeats the section the page header or front matter gave, or when it
    names a kind of section and a headline line of its own follows it. Captions of the
    page's pictures may stand above it (`…左臂有熒光環。(X攝)` / `港聞` / the head).
    """
    top = next((i for i, unit in enumerate(units) if unit.candidate), len(units))
    if any(unit.lead is not None for unit in units[:top]):
        return units, []  # an item began above: the line is under its text, not the page's top
    if top + 1 >= len(units) or not units[top + 1].candidate:
        return units, []
    text = units[top].text
    if len(text) > 8 or not _SECTION_LABEL.fullmatch(text):
        return units, []
    desk = len(text) == 2 and text[1] in _DESK_NEWS
    if text != section and not desk and not text.endswith(_SECTION_KINDS):
        return units, []
    return units[:top] + units[top + 1 :], [units[top]]
