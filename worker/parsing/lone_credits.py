"""Photo credits standing alone on their lines, one under another, with no caption between.
Pure functions over a page's units."""

from __future__ import annotations

from worker.parsing.units import Unit

__all__ = ["credit_under_credit"]


def _lone_credit(unit: Unit) -> bool:
    """Is `unit` a photo credit and nothing else (`晚报记者柯小川摄`), no dateline, no text?"""
    tail = unit.tail
    return unit.lead is None and tail is not None and tail.photo and not tail.rest.strip()


def credit_under_credit(units: list[Unit], i: int) -> bool:
    """Is unit `i` a photo credit alone on its line right under another one (`晚报记者柯小川摄`
    / `晚报记者岑望摄`)? The captions were not stored, only the credits: the pictures of one
    item, not an item each.

    >>> from worker.parsing.units import Unit
    >>> units = [Unit.read(1, "晚报记者柯小川摄"), Unit.read(3, "晚报记者岑望摄")]
    >>> credit_under_credit(units, 1), credit_under_credit(units, 0)
    (True, False)
    """
    return 0 < i < len(units) and _lone_credit(units[i]) and _lone_credit(units[i - 1])
