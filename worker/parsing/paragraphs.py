"""An item's body pieces to paragraphs: column breaks rejoined, subheads kept apart, and the
credits closing a piece (`…145对。魏国伟 摄`) taken off."""

from __future__ import annotations

from dataclasses import dataclass

from worker.parsing.bylines import Lead, Tail, parse_glued_name, parse_tail
from worker.parsing.headlines import (
    CAPTION_MARKS,
    MAX_HEADLINE,
    continues,
    ends_sentence,
    is_headline_line,
    is_placeholder,
    is_section_number,
    is_subhead,
    opens_like_sentence,
)
from worker.parsing.posts import is_post
from worker.parsing.subtitles import is_marked_caption, is_note_label, places_people
from worker.parsing.units import Layout, Unit

# Subheads are short: `价格实惠`, `一站式服务更便捷`. An unpunctuated block longer than this
# after a finished paragraph is the first part of a paragraph a column cut.
MAX_SUBHEAD = 15
# Once an item has a subhead, its other subheads may run longer: `青河到临溪有望只需40分钟`
# earlier in the text vouches for `东岸跨江大桥北延段力争明年开工建设` later.
_SIBLING_SUBHEAD = 24
# Characters that never start a sentence: a block opening with one continues the block above
# (`…青河区民政` + `局早早备好物资` is word-internal; `，` or `的` after a cut is certain).
_NOT_INITIAL = set("，,、。．；;：:！？!?…）)」』》】”’的们吗呢吧啊么")


@dataclass(slots=True)
class Piece:
    """A unit of text in an item's body, or the text left of one after its dateline."""

    line: int
    text: str
    indented: bool = False
    fresh: bool = False  # starts a paragraph whatever came before
    tail: Tail | None = None
    read: bool = False  # `tail` is already parsed (the piece is a whole unit)
    alone: bool = False  # a paragraph of its own: nothing joins onto it (a photo's title)

    @classmethod
    def of(cls, unit: Unit, *, fresh: bool = False, alone: bool = False) -> Piece:
        # A line of verse is a paragraph of its own, never a column break to rejoin; so is a
        # profile box's field line (`市民:柯小禾` over `53岁 司机`).
        own = unit.verse or unit.field
        fresh, alone = fresh or own, alone or own
        return cls(unit.line, unit.text, unit.indented, fresh, unit.tail, read=True, alone=alone)

    @classmethod
    def after(cls, unit: Unit, lead: Lead) -> Piece:
        """The text after a line's byline. Run into a crosshead with no dateline before it
        (`本报通讯员 X Y城区“亮点”频现`), it is a paragraph of its own."""
        alone = lead.dateline is None and is_headline_line(lead.rest)
        return cls(unit.line, lead.rest, unit.indented, fresh=True, alone=alone)


def join_pieces(pieces: list[Piece], layout: Layout) -> tuple[list[str], list[tuple[int, Tail]]]:
    """Paragraphs of an item's body, and each credit taken off a piece (with its line).

    Linear in the number of pieces: an item of a million short lines (a file with no blank
    line and no sentence end) joins in one pass, each paragraph built from its parts once.

    >>> join_pieces([Piece(1, "…对下半年各"), Piece(3, "项任务作了安排。")], Layout())[0]
    ['…对下半年各项任务作了安排。']
    """
    texts: list[str] = []
    tails: list[tuple[int, Tail]] = []
    closed: list[bool] = []  # a credit closes the piece: nothing joins onto it
    for piece in pieces:
        tail = piece.tail if piece.read else parse_tail(piece.text)
        if tail is None and piece is pieces[-1]:
            tail = parse_glued_name(piece.text)  # `…舆论氛围。李蕾` closing the item
        if tail is not None:
            tails.append((piece.line, tail))
        closed.append(tail is not None)
        texts.append(tail.rest if tail is not None else piece.text)
    following = _next_texts(texts)
    paragraphs: list[str] = []
    parts: list[str] = []  # the paragraph being built
    end = ""  # its last characters: all that the sentence-end checks read
    length = 0
    joinable = False
    subheads = 0  # subheads met so far in this item
    for index, piece in enumerate(pieces):
        text = texts[index]
        if text:
            # `▲…` (a caption), `图片1` (a picture left out) and a bare picture number that a
            # web page left between paragraphs (`17`) are paragraphs of their own; so is a caption
            # closed by its mark (`新桥与旧桥(资料图)`).
            marked = (
                text[0] in CAPTION_MARKS
                or (text[0] in "图照iI" and is_placeholder(text))
                or (not text[_PICTURE_NUMBER:] and text.isascii() and text.isdigit())
                or (text[-1] in "）)" and is_marked_caption(text))
                or (len(text) <= MAX_HEADLINE and places_people(text))
            )
            if (
                joinable
                and not piece.fresh
                and not marked
                and not (layout.indents and piece.indented)
            ):
                # Column break: `…对今年各项` + `工作的部署要求…` is one paragraph.
                parts.append(text)
                end = (end + text)[-_END_CHARS:]
                length += len(text)
                head = False
            else:
                head = bool(parts) and _stands_as_subhead(end, text, following[index], subheads)
                subheads += head
                if parts:
                    paragraphs.append("".join(parts))
                parts, end, length = [text], text[-_END_CHARS:], len(text)
            whole = end if length <= _END_CHARS else ""  # short enough to be a subhead
            # `（一）` numbers a part: it stands alone like a subhead.
            numbered = bool(whole) and is_section_number(whole)
            joinable = not (
                marked or head or numbered or ends_sentence(end) or (whole and _alone(whole))
            )
        if closed[index] or piece.alone:
            joinable = False
    if parts:
        paragraphs.append("".join(parts))
    return paragraphs, tails


# `ends_sentence` reads a paragraph's last ~32 characters (a closing bracket note), and a
# subhead is at most MAX_HEADLINE long: the joining keeps this much of each paragraph's end.
_END_CHARS = 64
_PICTURE_NUMBER = 3  # digits of a picture's number left alone on a line


def _alone(whole: str) -> bool:
    """A short paragraph nothing joins onto: a subhead, `编者按` alone over its note, or a
    quoted post (`@某网友:停车费又涨了`), finished or not."""
    return is_subhead(whole) or is_note_label(whole) or is_post(whole)


def _next_texts(texts: list[str]) -> list[str]:
    """For each index, the next non-empty text after it ("" if none), in one backward pass."""
    following = [""] * len(texts)
    after = ""
    for index in range(len(texts) - 1, -1, -1):
        following[index] = after
        if texts[index]:
            after = texts[index]
    return following


def _stands_as_subhead(before: str, text: str, following: str, siblings: int = 0) -> bool:
    """`价格实惠` between two finished paragraphs is a subhead; `在广泛宣传发动的基础上青河区组`
    over `织各街道逐户开展排查，…` is a paragraph a column cut, though it has no comma either.
    After `siblings` subheads in the same item a longer line may be one too."""
    if not (ends_sentence(before) or is_post(before)) or not is_headline_line(text):
        return False
    if is_subhead(text):
        return True  # a marker (`■`, `一、`) or parallel parts (`稳字当头 进中求新`)
    longest = _SIBLING_SUBHEAD if siblings else MAX_SUBHEAD
    # Under quoted posts (`@某网友:真是的!`) a short line is the crosshead answering them
    # (`记者核实`), however it opens, when a sentence of its own follows it.
    answers = is_post(before) and opens_like_sentence(following)
    if continues(text) or len(text) > longest or (opens_like_sentence(text) and not answers):
        return False
    return not (following and following[0] in _NOT_INITIAL)
