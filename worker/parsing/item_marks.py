"""Bullets a listing page sets before each item's head (`• 青河新桥今日通车` over its byline,
then `• …` over the next): the layout's mark, taken off the head and kept as markup, and the
line under each head read as what it is there, the item's byline."""

from __future__ import annotations

import itertools
from dataclasses import replace

from worker.parsing.bylines import Lead
from worker.parsing.credit_values import Credits
from worker.parsing.names import looks_like_name
from worker.parsing.units import Unit

__all__ = ["ITEM_BULLETS", "unmark_item_heads"]

ITEM_BULLETS = frozenset("●◆■▲★◇□△○◎•")
_LEAST_ITEMS = 2  # heads carrying the same bullet that make a run of items
_NAME_SIZES = (2, 3)  # characters of a name alone on a line (`柯图`, `王一鸣`)


def unmark_item_heads(units: list[Unit]) -> list[Unit]:
    """`units` with the bullet taken off each item head of a run: lines that open with the
    same bullet, each a headline line over its item's byline or dateline (`王一鸣`,
    `新华社北京3月14日电 …`), none right under another. Summary points (`●…` on line after
    line) and subheads over text keep their marks; so does a lone marked head, which gives no
    run to read the mark from.

    The items of a run share a shape: where one head stands over a plain name line, a
    name-shaped word under another head (`柯图`, which alone might be a photo credit) is that
    item's writer too, and a short line under it the text's first subhead, not the head's.

    >>> out = unmark_item_heads([Unit.read(1, "• 青河新桥今日通车"), Unit.read(2, "柯图"),
    ...     Unit.read(3, "桥头记事"), Unit.read(4, "新桥长八百米。"),
    ...     Unit.read(5, "• 白沙村的梨花节"), Unit.read(6, "王一鸣"), Unit.read(7, "梨花开了。")])
    >>> [(u.text, u.mark) for u in out if u.mark], [u.text for u in out if u.lead]
    ([('青河新桥今日通车', '•'), ('白沙村的梨花节', '•')], ['柯图', '王一鸣'])
    """
    marked: dict[str, list[int]] = {}
    for i, unit in enumerate(units):
        if unit.text[:1] in ITEM_BULLETS:
            marked.setdefault(unit.text[0], []).append(i)
    out = list(units)
    for heads in marked.values():
        if not _is_run(units, heads):
            continue
        for i in heads:
            out[i] = _unmarked(units[i])
            below = units[i + 1]
            if below.lead is None:
                out[i + 1] = replace(
                    below, lead=below.named or _name_line(below), candidate=False, weak=False
                )
    return out


def _is_run(units: list[Unit], heads: list[int]) -> bool:
    """Are the lines at `heads` (all a bullet opens) item heads, each over its byline?"""
    if len(heads) < _LEAST_ITEMS or any(b - a < 2 for a, b in itertools.pairwise(heads)):
        return False
    if heads[-1] + 1 >= len(units):
        return False
    for i in heads:
        bare = _unmarked(units[i])
        if not bare.candidate or bare.lead is not None or bare.tail is not None:
            return False
    below = [units[i + 1] for i in heads]
    if not all(u.lead or u.named or _name_line(u) for u in below):
        return False
    # One item at least has a byline read with no help from its neighbours.
    return any(u.lead is not None or u.named is not None for u in below)


def _name_line(unit: Unit) -> Lead | None:
    """A line of one name-shaped word, with no byline read in it: `柯图`."""
    text = unit.text
    if unit.tail is not None or len(text) not in _NAME_SIZES or not looks_like_name(text):
        return None
    return Lead(None, Credits(unstated=(text,)), text, "")


def _unmarked(unit: Unit) -> Unit:
    rest = unit.text[1:].lstrip()
    bare = Unit.read(unit.line, rest, unit.indented, unit.gap, unit.labelled)
    return replace(bare, mark=unit.text[0])
