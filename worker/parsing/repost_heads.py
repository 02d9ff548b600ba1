"""A repost's head with the source paper's name and a colon set before it, the headline's own
colon after (`青河日报:乡村教师:山里的二十年`): the name is the repost's, not the headline's.
A round-up's outlet named alone over a quoted item's head is its source, not its kicker."""

from __future__ import annotations

import re
from dataclasses import replace

from worker.parsing.captions import SIGNATURE
from worker.parsing.headlines import HeadlineGroup, build_group

__all__ = ["outlet_off", "sourced_group"]

# A paper's or site's name, then a colon: `青河日报:`, `临溪晚报：`, `青河网:`.
_OUTLET = re.compile(r"[\u4e00-\u9fff]{1,6}(?:日报|晚报|时报|报|网)\s*[:：]\s*(?=\S)")


def outlet_off(group: HeadlineGroup) -> HeadlineGroup:
    """`group` with an outlet's name taken off its headline when a second colon follows it.

    A head with one colon after a paper's name may be the paper speaking (`青河日报：…` over
    its editorial); a second colon is the headline's own (a kicker phrase and its point), so
    the name before it is where the repost took the story from.

    >>> outlet_off(HeadlineGroup("青河日报:乡村教师:山里的二十年")).headline
    '乡村教师:山里的二十年'
    >>> outlet_off(HeadlineGroup("青河日报：把好事办好")).headline
    '青河日报：把好事办好'
    """
    head = group.headline
    m = _OUTLET.match(head) if ("报" in head or "网" in head) else None
    if m is None:
        return group
    rest = head[m.end() :]
    if ":" not in rest and "：" not in rest:
        return group
    return replace(group, headline=rest, markers=(*group.markers, m.group().strip()))


# An outlet's name alone on a line: a site (`青河网`) or a paper (`东湖晚报`), no phrase.
_SOURCE_LINE = re.compile(
    r"[\u4e00-\u9fff]{1,4}网|[\u4e00-\u9fff]{2,6}(?:日报|晚报|时报|商报|都市报)"
)


def sourced_group(lines: list[str]) -> HeadlineGroup | None:
    """The head of an item a round-up quotes, under the line naming where it ran; None when
    the first of three head lines names no outlet.

    A media round-up prints each quoted item's source over its head (`青河网` / `说到底` /
    `过期药品也不能上架`): the outlet is credited, and the two lines under it are kicker and
    headline, not headline and subtitle.

    >>> group = sourced_group(["青河网", "说到底", "过期药品也不能上架"])
    >>> group.sources, group.kicker, group.headline
    (('青河网',), '说到底', '过期药品也不能上架')
    """
    if len(lines) != 3 or _SOURCE_LINE.fullmatch(lines[0]) is None:
        return None
    if SIGNATURE.match(lines[2]):
        return None  # `——…`: the third line is a subtitle, the first a kicker
    group = build_group(lines[1:])
    return replace(group, markers=(lines[0], *group.markers), sources=(lines[0],))
