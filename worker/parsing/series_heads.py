"""A series' or column's name over a head, its parts joined by a bar (`百年老街丨我家门前`
over `巷口的修鞋摊`): the label of a run of pieces, not the head's kicker. So is a web copy's
title that opens with the site's section tag in brackets (`[青河学院报]书香校园 青春启航`)."""

from __future__ import annotations

import re
from dataclasses import replace

from worker.parsing.headlines import HeadlineGroup

__all__ = ["series_off"]

# Web pages join a column's name to what follows with a bar, often the CJK stroke 丨
# (`图集丨花灯照亮古城夜`). Two phrases so joined, with no mark of a sentence in them, name a
# series and its column; over a head of its own the whole line is that label.
_SERIES = re.compile(r"[\u4e00-\u9fff0-9０-９]{2,14}\s*[丨｜|]\s*[\u4e00-\u9fff0-9０-９]{2,14}")
# A paper's site files each piece under the paper's name in brackets and titles the page with
# it (`[青河学院报]书香校园 青春启航`): over a head of its own, the line is the page's title for
# the run the piece was filed in, never a kicker the paper printed.
_SITE_TAGGED = re.compile(
    r"(?:\[[\u4e00-\u9fff]{2,10}(?:报|网)\]|【[\u4e00-\u9fff]{2,10}(?:报|网)】)\S"
)


def series_off(group: HeadlineGroup) -> HeadlineGroup:
    """`group` with a series' label taken off as its kicker, kept as the layout's markup.

    >>> g = series_off(HeadlineGroup("巷口的修鞋摊", kicker="百年老街丨我家门前"))
    >>> g.kicker, g.headline, g.markers
    (None, '巷口的修鞋摊', ('百年老街丨我家门前',))
    >>> series_off(HeadlineGroup("巷口的修鞋摊", kicker="百年老街")).kicker
    '百年老街'
    >>> series_off(HeadlineGroup("风起处", kicker="[青河学院报]书香校园")).kicker is None
    True
    """
    kicker = group.kicker
    if kicker is None or not group.headline:
        return group  # most heads: no kicker
    if _SERIES.fullmatch(kicker) is None and _SITE_TAGGED.match(kicker) is None:
        return group
    return replace(group, kicker=None, markers=(*group.markers, kicker))
