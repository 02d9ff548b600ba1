"""A head alone closing a page: the head of an item whose text the page cut off
(`…没听说过。` / `白鹭村的烟火`), not a subhead of the item above."""

from __future__ import annotations

import re

from worker.parsing.headlines import ends_sentence
from worker.parsing.names import looks_like_name
from worker.parsing.page_items import Item
from worker.parsing.units import Unit

__all__ = ["heads_cut_item"]

_PARTS = re.compile(r"[、，,·\s]+")
_NAME_SIZES = (2, 3, 4)


def heads_cut_item(
    units: list[Unit], item: Item | None, i: int, *, several: bool, closed: bool
) -> bool:
    """Is the headline line `i`, the page's last line, right under `item`'s finished text,
    the head of an item the page cut off? A subhead heads text below it; with none below,
    the line is no part of the item above. A line of names (`柯小川、岑一鸣·白沙村`) tells
    who a picture shows: it heads nothing.

    On a page of `several` items it does; under the only item of a page it is that item's
    closing line (`记者X 编辑:Y`, `…到来了!`), unless a credit `closed` that item
    (`…空间。(柯岚)`): nothing of it comes after that. Parts set off by a space there are the
    page's banner (`碧水青河 宜居之城`), which heads nothing.
    """
    if item is None or not item.body or i != len(units) - 1:
        return False
    if not several and (not closed or " " in units[i].text.strip()):
        return False
    unit = units[i]
    if not unit.candidate or not ends_sentence(item.body[-1].text):
        return False
    parts = _PARTS.split(unit.text)
    return len(parts) == 1 or not any(
        len(part) in _NAME_SIZES and looks_like_name(part) for part in parts
    )
