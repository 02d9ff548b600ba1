"""A repost's head with the source paper's name and a colon set before it, the headline's own
colon after (`青河日报:乡村教师:山里的二十年`): the name is the repost's, not the headline's."""

from __future__ import annotations

import re
from dataclasses import replace

from worker.parsing.headlines import HeadlineGroup

__all__ = ["outlet_off"]

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
