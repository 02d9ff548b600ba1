"""A column's tag standing over only the first of a page's small-headed items (`微言` /
`路灯亮了` / text, then `桥修好了` / text, …): the tag names the column of them all, not the
first item's kicker."""

from __future__ import annotations

import dataclasses

from worker.parsing.page_items import Item

__all__ = ["untag_first_kicker"]

_TAG_MAX = 6  # characters of a column's tag
_LEAST_SIBLINGS = 3  # items under one-line heads after the first that show the page's shape


def untag_first_kicker(items: list[Item]) -> tuple[int, str] | None:
    """Take the kicker off the page's first item when it is a column's tag: a short word
    over a one-line head, while three or more items after it each stand under a one-line
    head with no kicker, none with a dateline. Returns the tag's line and text, or None."""
    if len(items) <= _LEAST_SIBLINGS:
        return None
    first, rest = items[0], items[1:]
    tag = first.group.kicker
    if tag is None or len(tag) > _TAG_MAX or " " in tag or first.group.subtitle:
        return None
    if len(first.group_lines) != 2 or first.anchored or first.dateline is not None:
        return None
    if not all(_small_headed(item) for item in rest):
        return None
    first.group = dataclasses.replace(first.group, kicker=None)
    return first.group_lines[0], tag


def _small_headed(item: Item) -> bool:
    """An item under one head line, with no kicker, subtitle or dateline."""
    group = item.group
    return (
        len(item.group_lines) == 1
        and bool(group.headline)
        and group.kicker is None
        and group.subtitle is None
        and item.dateline is None
        and not item.anchored
    )
