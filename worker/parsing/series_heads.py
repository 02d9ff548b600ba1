"""A series' or column's name over a head, its parts joined by a bar (`百年老街丨我家门前`
over `巷口的修鞋摊`): the label of a run of pieces, not the head's kicker."""

from __future__ import annotations

import re
from dataclasses import replace

from worker.parsing.headlines import HeadlineGroup

__all__ = ["series_off"]

# Web pages join a column's name to what follows with a bar, often the CJK stroke 丨
# (`图集丨花灯照亮古城夜`). Two phrases so joined, with no mark of a sentence in them, name a
# series and its column; over a head of its own the whole line is that label.
_SERIES = re.compile(r"[\u4e00-\u9fff0-9０-９]{2,14}\s*[丨｜|]\s*[\u4e00-\u9fff0-9０-９]{2,14}")


def series_off(group: HeadlineGroup) -> HeadlineGroup:
    """`group` with a series' label taken off as its kicker, kept as the layout's markup.

    >>> g = series_off(HeadlineGroup("巷口的修鞋摊", kicker="百年老街丨我家门前"))
    >>> g.kicker, g.headline, g.markers
    (None, '巷口的修鞋摊', ('百年老街丨我家门前',))
    >>> series_off(HeadlineGroup("巷口的修鞋摊", kicker="百年老街")).kicker
    '百年老街'
    """
    kicker = group.kicker
    if kicker is None or not group.headline or _SERIES.fullmatch(kicker) is None:
        return group  # most heads: no kicker, or one with no bar
    return replace(group, kicker=None, markers=(*group.markers, kicker))
