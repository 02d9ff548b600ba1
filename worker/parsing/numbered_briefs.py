"""Numbered briefs: a page of short items, each head numbered in turn (`1. 青河新桥通车` over
its one paragraph, then `2. 临溪港复航` over the next). The next number under an item whose
own head carries the one before it opens a brief of its own, never a crosshead of the first."""

from __future__ import annotations

import re

__all__ = ["next_numbered_head"]

# A brief's number before its head: `2. `, `2．`, `２.`, `12、`; the mark after it is the
# page's, the same over every brief.
_NUMBER = re.compile(r"([0-9０-９]{1,2})\s*([.．、])\s*(?=\S)")


def _number(text: str) -> tuple[int, str] | None:
    m = _NUMBER.match(text)
    if m is None:
        return None
    return int(m.group(1).translate(_WIDE)), m.group(2)


_WIDE = str.maketrans("０１２３４５６７８９", "0123456789")


def next_numbered_head(head: str | None, text: str) -> bool:
    """Does `text` number the brief after the one headed `head`, with the same mark?

    A story's numbered crossheads (`一、…`, `1. …`) stand under a head that is not numbered
    itself; only a head carrying the number before makes `text` the next brief's head.

    >>> next_numbered_head("1. 青河新桥通车", "2. 临溪港复航")
    True
    >>> next_numbered_head("青河新桥通车", "2. 临溪港复航"), next_numbered_head("1. 甲", "3. 乙")
    (False, False)
    """
    if not head or not text[:1].isdigit():
        return False
    above, below = _number(head), _number(text)
    if above is None or below is None:
        return False
    return below == (above[0] + 1, above[1])
