"""Text no head line opens: the opening of a page's first item stored without its head, and
the labelled boxes a story opens with under its head. Pure functions over a page's units."""

from __future__ import annotations

import dataclasses
import itertools
import re

from worker.parsing.headlines import HeadlineGroup, ends_sentence, opens_like_sentence
from worker.parsing.page_items import Item, PageResult
from worker.parsing.paragraphs import Piece
from worker.parsing.units import Unit

__all__ = [
    "CONTINUED",
    "LEAD_PARAGRAPH",
    "adopt_lead_text",
    "box_label",
    "labelled_boxes",
    "lone_comma_head",
    "prose_left",
    "uncredited_story",
]

# Characters of a paragraph no uncredited caption runs to: such captions in real pages and
# fixtures measure 11 to 75, a story's lead stored without its dateline 118 and more.
LEAD_PARAGRAPH = 100
_CLAUSE_END = re.compile(r"[。！？!?；;]")  # prose, list items included; never a page label
# The rest of an article from another page (`（上接第1版）…`): never the opening of this one.
CONTINUED = re.compile(r"\s*[（(]?\s*(?:上接|接上|接第|转自)")
_SENTENCE_END = re.compile(r"[。！？!?]")
_LABEL = re.compile(r"[\u4e00-\u9fff]{2,4}")  # a box's label: `今日出镜`, `开馆日`
# The warning the walk leaves on text with no item (`articles.py`); adopted text drops it.
_OUTSIDE = "text outside any article"


def uncredited_story(paragraphs: list[str]) -> bool:
    """Is an item nobody is credited for a story rather than a picture that lost its credit?
    It is when a paragraph runs longer than a caption does (`随着气温连日走低，…` under a head).

    >>> uncredited_story(["5月2日晚，市民在老街夜市的摊前品尝小吃。"])
    False
    """
    return any(len(p) >= LEAD_PARAGRAPH for p in paragraphs)


def prose_left(left: list[Unit], units: list[Unit]) -> bool:
    """Is the text `left` unassigned on a page of `units` a story with no head, not stray
    lines? Two finished sentences at least: a lone sentence is a note, not a story to publish,
    unless its writer signs it (`…心心相印40载…… (记者 X)`). Not the rest of an article
    continued from another page (`（上接第1版）…`)."""
    if any(CONTINUED.match(u.text) for u in units[:1]):
        return False
    finished = [
        u for u in left if not u.candidate and ends_sentence(u.tail.rest if u.tail else u.text)
    ]
    if any(u.tail is not None and u.tail.credits.writers for u in finished):
        return True
    return sum(_SENTENCE_END.subn("", u.text)[1] for u in finished) >= 2


def box_label(units: list[Unit], k: int) -> bool:
    """Is unit `k` a short label with another two lines below it (`开馆日` / its paragraph /
    `借书人`)? Under a head it opens the story's first labelled box, not a headline. The
    second label is over its own paragraph: over another head line (`老街新貌` / `焕然一新`)
    it is the next item's kicker, and the line at `k` is the second line of a head."""
    return (
        k + 2 < len(units)
        and _LABEL.fullmatch(units[k].text) is not None
        and _LABEL.fullmatch(units[k + 2].text) is not None
        and not (k + 3 < len(units) and units[k + 3].candidate)
    )


def adopt_lead_text(items: list[Item], units: list[Unit], result: PageResult) -> None:
    """A page whose first item has no head (a record stored without its title): the prose
    left unassigned above it opens that item, a caption (`…码头。资料图片/青河图库`), a
    lead-in or paragraphs over an end byline. Not a head line, nor labels (no sentence in
    them), nor text over a byline line opening the story below it (`本报记者 王洲`), nor
    the rest of an article continued from another page (`（上接第1版）…`). A feature's
    first crosshead under such prose, with more of them below, is no headline either, nor
    are head groups under it that no credit but the last one's closes."""
    if not items:
        return
    item = items[0]
    if item.anchored and item.dateline is None:
        return
    first = item.body[0].line if item.body else item.line
    left = {(f.line, f.text) for f in result.unassigned}
    taken = [u for u in units if (u.line, u.text) in left and u.line <= first]
    if not taken or len(taken) < len(left):
        return
    if any(u.candidate or not _CLAUSE_END.search(u.text) or CONTINUED.match(u.text) for u in taken):
        return
    if item.group_lines and _crosshead_groups(items):
        _merge_crosshead_items(items, units)  # the head groups inside the prose, one text
    elif item.group_lines and (_crosshead_first(item, units) or _quoted_crosshead(item, units)):
        _unhead(item, units, result)
    elif item.group_lines and _phrase_captions(items, item):
        # Each caption a paragraph of its own: phrases with no stop are not one cut sentence.
        item.body[:] = [dataclasses.replace(p, fresh=True, alone=True) for p in item.body]
        _unhead(item, units, result)
    elif item.group_lines:
        return
    item.body[:0] = [Piece.of(unit, fresh=True) for unit in taken]
    result.unassigned.clear()
    result.warnings[:] = [w for w in result.warnings if _OUTSIDE not in w.message]


def _unhead(item: Item, units: list[Unit], result: PageResult) -> None:
    """`item`'s head lines back into its text, first, each a paragraph of its own."""
    heads = [u for u in units if u.line in item.group_lines]
    item.body[:0] = [Piece.of(head, fresh=True, alone=True) for head in heads]
    # The head's marks (a kicker's `——`) were taken off as markup: now the text's again.
    marks = {(heads[0].line, mark) for mark in item.group.markers}
    result.markup[:] = [f for f in result.markup if (f.line, f.text) not in marks]
    item.group, item.group_lines = HeadlineGroup(""), ()


def _phrase_captions(items: list[Item], item: Item) -> bool:
    """Is `item`, the page's only one, a run of picture captions that one credit closes, each
    a phrase with no sentence in it, under a caption in prose (`…。图为…。` / `灯会吸引了众多的
    市民` / `滨江广场坐满了猜灯谜的市民` / `本报记者 X 见习记者 Y 摄`)? Then its head line is
    one more caption: no head was stored, and the pictures share the credit."""
    if len(items) != 1 or item.anchored or item.dateline is not None or item.credits.writers:
        return False
    tails = [piece.tail for piece in item.body if piece.tail is not None]
    if not tails or tails != [item.body[-1].tail] or not tails[0].photo:
        return False  # one credit, closing the run
    if tails[0].credits.writers or not tails[0].credits.photographers:
        return False
    phrases = [piece.text for piece in item.body[:-1]] + [tails[0].rest]
    return len(phrases) >= 2 and not any(_SENTENCE_END.search(text) for text in phrases if text)


def _crosshead_first(item: Item, units: list[Unit]) -> bool:
    """Is `item`'s head one short line with no dateline or byline under it, in a body
    with crossheads of its own below? Under lead paragraphs stored without a head
    (`夏日的夜市…。` / `…。` / `热闹的夜市`) it is the feature's first crosshead."""
    if len(item.group_lines) != 1 or item.anchored or item.subheads < 1:
        return False
    lead = [u for u in units if u.line < item.group_lines[0]]
    return bool(lead) and all(len(u.text) >= LEAD_PARAGRAPH for u in lead)


# A section's lead-in run into its head (`走进江畔茶园，描绘春日新绿——`, `画家柯望舒:`).
_LEAD_IN_END = ("——", "：", ":")
_QUOTE_END = ("”", "」", "』")


def _quoted_crosshead(item: Item, units: list[Unit]) -> bool:
    """Is `item`'s head a feature's section head: a lead-in closed by a dash or a colon over
    the words of the people it is about in quotes (`走进江畔茶园，描绘春日新绿——` /
    `“这里的绿色让人挪不开眼”`), with no dateline or byline under it? Under lead paragraphs
    stored without a head it heads a part of that text, not an item of its own."""
    if len(item.group_lines) != 2 or item.anchored or item.dateline is not None:
        return False
    first, second = (u.text.strip() for u in units if u.line in item.group_lines)
    return first.endswith(_LEAD_IN_END) and second.endswith(_QUOTE_END)


def _crosshead_groups(items: list[Item]) -> bool:
    """Are the page's items head groups inside one text, not stories of their own? Each
    has no dateline or byline and two or more paragraphs, and one credit closes the last
    only (`…。` / `青河晨报记者 王川 李明`): the crossheads of a feature stored without its
    head. Stories of their own would each carry a credit or a dateline."""
    if len(items) < 2 or any(it.anchored or it.dateline or len(it.body) < 2 for it in items):
        return False
    if not all(it.group_lines and it.package in (None, items[0]) for it in items):
        return False
    tails = [[p.tail.credits for p in it.body if p.tail is not None] for it in items]
    if any(it.credits for it in items[:-1]) or any(tails[:-1]):
        return False
    return any(c.writers for c in (items[-1].credits, *tails[-1]))


def _merge_crosshead_items(items: list[Item], units: list[Unit]) -> None:
    """Make `items` one item with no head, each head group's lines a paragraph of its own."""
    by_line = {u.line: u for u in units}
    first = items[0]
    body: list[Piece] = []
    for item in items:
        body.extend(Piece.of(by_line[k], fresh=True, alone=True) for k in item.group_lines)
        body.extend(item.body)
    first.credits = items[-1].credits  # the others carry none
    first.body, first.group, first.group_lines = body, HeadlineGroup(""), ()
    del items[1:]


def labelled_boxes(units: list[Unit], i: int, k: int) -> bool:
    """Do units `i-1..k-1` hold two short labels with one line between them (`今日出镜` /
    `…村的村民` / `采访动机` / text)? A feature's labelled boxes, not a head group."""
    first = max(i - 1, 0)
    if k - first < 3:
        return False  # two labels with one line between them take three lines
    labels = [j for j in range(first, k) if _LABEL.fullmatch(units[j].text)]
    return any(b - a == 2 for a, b in itertools.pairwise(labels))


def lone_comma_head(units: list[Unit]) -> bool:
    """Is the page's first line, one with a comma (`青河镇小报办起来,村务公开了`), its only
    head? So it is when a blank line parts it from a finished paragraph under it, a story's
    lead (long) opens the text, it does not open like a sentence, and nothing lower on the
    page could head an item (no headline line, no dateline): a story stored with its head and
    text alone. A speaker's label over what they said (`白沙村村民柯小禾:`) is of that text."""
    if len(units) < 2 or not units[0].weak or units[1].gap == 0:
        return False
    first, below = units[0].text, units[1]
    if first.rstrip("”’」』")[-1:] in "：:" or below.lead is not None or below.candidate:
        return False
    if opens_like_sentence(first) or below.text[0] in "，,、。；;：:的们":
        return False  # `在反复听取意见的基础上,全县组` / `织了…`: a sentence cut by the column
    if all(len(unit.text) < LEAD_PARAGRAPH for unit in units[1:3]):
        return False  # over a line or two of text it may as well be that text's first line
    labels = {k for k in range(1, len(units) - 1) if _speaker_label(units, k)}
    below = units[2] if 1 in labels else below
    if not _CLAUSE_END.search(below.text[-2:]) and not below.text.endswith("”"):
        return False
    for k, unit in enumerate(units[1:], 1):
        if unit.candidate or (unit.weak and k not in labels):
            return False
        if unit.lead is not None and unit.lead.dateline:
            return False
    return True


def _speaker_label(units: list[Unit], k: int) -> bool:
    """Is unit `k` a line closed by a colon over a finished paragraph (`白沙村村民柯小禾:` /
    what she said)? It introduces that text, as a speaker's name does: never a head."""
    text, below = units[k].text, units[k + 1]
    if text[-1:] not in "：:" or below.candidate or below.weak or below.lead is not None:
        return False
    return ends_sentence(below.tail.rest if below.tail else below.text)
