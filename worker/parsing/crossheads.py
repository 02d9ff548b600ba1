"""Numbered crosshead groups inside one story: `镜头一` / `清早就来排队` over paragraphs, then
`镜头二` / `老周拿到了新证` over more. Pure functions over a page's units."""

from __future__ import annotations

import re
from collections.abc import Container

from worker.parsing.page_items import Item
from worker.parsing.units import Unit

__all__ = ["crosshead_number", "numbered_groups"]

_DIGITS = "一二三四五六七八九"
# A scene's or a part's label, the number in it: `镜头一`, `场景二`, `片段3`, `之一`,
# `第一站`, `一、`, `（二）`. The words around the number are the same in every label.
_LABEL = re.compile(
    r"(?P<before>[\u4e00-\u9fff]{0,3}?)(?P<number>[一二三四五六七八九十]{1,3}|[0-9]{1,2})"
    r"(?P<after>[站幕回章节篇部]?)[、.．]?"
)
_BRACKETED = re.compile(r"[（(](?P<number>[一二三四五六七八九十]{1,3}|[0-9]{1,2})[）)]")
_GROUP = (2, 3)  # lines of a crosshead group: its label, a one-line head, maybe a second
_REACH = 60  # units a story's next crosshead group may stand below the one before


def _value(number: str) -> int | None:
    """`三` → 3, `十二` → 12, `二十` → 20, `7` → 7."""
    if number.isdigit():
        return int(number)
    tens, _, units = number.rpartition("十")
    if "十" not in number:
        return _DIGITS.index(number) + 1 if len(number) == 1 else None
    ten = 1 if not tens else (_DIGITS.index(tens) + 1 if len(tens) == 1 else None)
    one = 0 if not units else (_DIGITS.index(units) + 1 if len(units) == 1 else None)
    return None if ten is None or one is None else ten * 10 + one


def crosshead_number(text: str) -> tuple[str, int] | None:
    """The words and the number of a crosshead's label (`镜头二` → (`镜头|`, 2)), or None.

    >>> crosshead_number("镜头二"), crosshead_number("第一站"), crosshead_number("清早就来排队")
    (('镜头|', 2), ('第|站', 1), None)
    """
    bracketed = _BRACKETED.fullmatch(text)
    match = bracketed or _LABEL.fullmatch(text)
    if match is None:
        return None
    value = _value(match["number"])
    if value is None:
        return None
    words = "()" if bracketed else f"{match['before']}|{match['after']}"
    return words, value


def numbered_groups(units: list[Unit], starts: Container[int], cur: Item, i: int, k: int) -> bool:
    """Do head-like units `i..k-1` (a label and a one-line head: `镜头二` / `老周拿到了新证`)
    head a part of the story `cur` rather than a story of their own?

    The label numbers its part, and the parts go in order: the story already holds the label
    before it (`镜头一`), or the next one (`镜头二`) heads a group below before any dateline,
    byline or credit. The story opened under its own byline or dateline, and no dateline
    or byline stands under the group: a story of its own would bring one.
    """
    if not _GROUP[0] <= k - i <= _GROUP[1] or k >= len(units) or k in starts:
        return False
    if units[k].lead is not None or not (cur.credits.writers or cur.dateline):
        return False
    label = crosshead_number(units[i].text)
    if label is None or any(crosshead_number(u.text) for u in units[i + 1 : k]):
        return False
    words, number = label
    if any(crosshead_number(p.text) == (words, number - 1) for p in cur.body):
        return True
    for j in range(k + 1, min(len(units), k + _REACH)):
        unit = units[j]
        if j in starts or unit.lead is not None or unit.tail is not None:
            return False
        if unit.candidate and crosshead_number(unit.text) == (words, number + 1):
            return True
    return False
