"""Captions stacked over an article's head: a web page prints its pictures' captions one under
another above the head (`…左臂有熒光環。(X攝)` / `…應為氣槍。(法新社)` / the head), each closed
by the credit of its picture, the shooter's or an agency's."""

from __future__ import annotations

from collections.abc import Collection

from worker.parsing.headlines import ends_sentence
from worker.parsing.units import Unit

__all__ = ["stacked_captions"]

_MAX_STACK = 6  # captions in a stack over one head


def stacked_captions(units: list[Unit], starts: Collection[int], end: int) -> int:
    """The last unit of the captions stacked right under the caption that ends at unit `end`
    (`end` itself when none is): each one line, a finished sentence closed by a credit that
    names no writer (a shooter, `(法新社)`); no head, dateline or byline among them.

    >>> units = [Unit.read(1, "渡口边的老人。(柯岚攝)"), Unit.read(3, "岸上的人群。(青河社)")]
    >>> stacked_captions(units, (), 0), stacked_captions(units, (1,), 0)
    (1, 0)
    """
    last = end
    for k in range(end + 1, min(len(units), end + 1 + _MAX_STACK)):
        unit, tail = units[k], units[k].tail
        if k in starts or unit.lead is not None or unit.candidate or tail is None:
            break
        if tail.credits.writers or not ends_sentence(tail.rest):
            break
        last = k
    return last
