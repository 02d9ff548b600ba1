"""A writer's pen name set alone under a headline and repeated in brackets after the text
(`一言堂` / `青禾` / … / `（青禾）`). A column signs its items that way, and a pen name need not
look like a name (no surname need open it): the repetition is the evidence."""

from __future__ import annotations

import re
from dataclasses import replace

from worker.parsing.byline_text import Lead, Tail
from worker.parsing.credit_values import Credits
from worker.parsing.units import Unit

__all__ = ["sign_pen_names"]

_SIGNED = re.compile(r"[（(]([\u4e00-\u9fff]{2,4})[）)]")  # `（青禾）` alone on its line


def sign_pen_names(units: list[Unit]) -> list[Unit]:
    """`units` with each pen name under a head line, and its bracket after the text, read as
    the item's writer.

    >>> [u.lead is not None for u in sign_pen_names(
    ...     [Unit.read(1, "一言堂"), Unit.read(2, "青禾"), Unit.read(3, "会少了，事才办得快。"),
    ...      Unit.read(4, "（青禾）")])]
    [False, True, False, False]
    """
    signed: dict[str, int] = {}
    for k, unit in enumerate(units):
        if unit.text[:1] in "（(" and unit.tail is None and (m := _SIGNED.fullmatch(unit.text)):
            signed[m.group(1)] = k
    if not signed:
        return units  # most pages
    out = list(units)
    for i in range(1, len(units)):
        unit, k = units[i], signed.get(units[i].text, 0)
        if k <= i + 1 or unit.lead is not None or unit.tail is not None:
            continue
        if not units[i - 1].candidate or any(u.candidate for u in units[i + 1 : k]):
            continue  # under a head line, and the bracket closes the same item
        credits = Credits(unstated=(unit.text,))
        lead = Lead(None, credits, unit.text, "")
        out[i] = replace(unit, lead=lead, named=None, candidate=False, weak=False)
        out[k] = replace(
            units[k], tail=Tail(credits, units[k].text, ""), candidate=False, weak=False
        )
    return out
