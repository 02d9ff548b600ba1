"""A picture's caption printed with no full stop between a headline and the own-line byline
under it: one long unbroken phrase, longer than a head line runs, that is text, not a head."""

from __future__ import annotations

import re

from worker.parsing.units import Unit

__all__ = ["is_long_caption"]

_CAPTION_MIN = 32  # characters: a head line with no space or comma is shorter
_OVER_HEAD = 1.5  # how many times the headline's length the caption runs at least
# Parts set off by a space or a comma: a head's parallel phrases or a subtitle's clauses.
_PARTS = re.compile(r"[\s，,、；;：:]")


def is_long_caption(units: list[Unit], k: int) -> bool:
    """Is unit `k`, right over an own-line byline, the caption of the article's picture
    rather than its headline under a kicker (`青河新桥通车` / `市民在新桥桥头观看…的首趟
    公交车驶过…` / `本报记者 X`)? The line reads as a head line (no sentence's end) but runs
    on unbroken, past any headline's length with no space or comma in it, and half again
    as long as the headline line above, which stands alone (no third head line over it).

    >>> units = [Unit.read(1, "青河新桥今天通车"),
    ...     Unit.read(3, "市民们在新桥桥头观看青河公交公司开出的第一趟公交车缓缓驶过青河新桥"),
    ...     Unit.read(5, "本报记者 柯小川")]
    >>> is_long_caption(units, 1)
    True
    >>> is_long_caption([Unit.read(1, "青河新桥"), Unit.read(3, "今天通车"), units[2]], 1)
    False
    """
    if k < 1 or k + 1 >= len(units):
        return False
    unit, head, below = units[k], units[k - 1], units[k + 1]
    if not unit.candidate or not head.candidate or below.lead is None or below.lead.dateline:
        return False
    if k >= 2 and (units[k - 2].candidate or units[k - 2].weak):
        return False  # a third head line above: a group this rule does not read
    text = unit.text
    if len(text) < _CAPTION_MIN or len(text) < _OVER_HEAD * len(head.text):
        return False
    return _PARTS.search(text) is None and not text.startswith(("—", "－", "-"))
