"""A writer's name of two characters set letter-spaced alone under a head (`功夫在平时` /
`默 然` / text): a signed column's byline, though no surname on the table opens the name."""

from __future__ import annotations

import re
from dataclasses import replace

from worker.parsing.byline_text import _NOT_IN_BARE_NAME, Lead
from worker.parsing.credit_values import Credits
from worker.parsing.headlines import ends_sentence
from worker.parsing.names import is_personal
from worker.parsing.units import Unit

__all__ = ["sign_spaced_names"]

# Layout pads a two-character name to a byline's width of three with spaces between its
# characters (`王  洲`); a head of two characters is not set so under another head.
_SPACED_PAIR = re.compile(r"[\u4e00-\u9fff][ \u3000]+[\u4e00-\u9fff]")
_TEXT_REACH = 4  # paragraphs under the line searched for the word: a subject is named there


def sign_spaced_names(units: list[Unit]) -> list[Unit]:
    """`units` with each letter-spaced pair of characters under a lone head line, over the
    text, read as the item's writer.

    A pen name (`啸尘` in print) need not open with a surname, so the line's place is the
    evidence: right under one head line (nothing head-like above that), over a paragraph
    of finished prose that does not name the word (a head's subject is named in its text,
    a writer is not).

    >>> units = [Unit.read(1, "功夫在平时"), Unit.read(2, "默 然"),
    ...     Unit.read(3, "春天一到，青河两岸的游人就多了起来。")]
    >>> [u.lead.credits.unstated if u.lead else None for u in sign_spaced_names(units)]
    [None, ('默然',), None]
    """
    out: list[Unit] | None = None
    for i in range(1, len(units) - 1):
        unit = units[i]
        if unit.lead is not None or unit.named is not None or len(unit.text) > 6:
            continue  # most lines: a byline read already, a name the table knows, or long
        if _SPACED_PAIR.fullmatch(unit.text) is None or not _signs(units, i):
            continue
        word = "".join(unit.text.split())
        lead = Lead(None, Credits(unstated=(word,)), unit.text, "")
        out = out if out is not None else list(units)
        out[i] = replace(unit, lead=lead, candidate=False, weak=False)
    return units if out is None else out


def _signs(units: list[Unit], i: int) -> bool:
    """Does the spaced pair at `i` stand where a writer's line does, and read as a name?"""
    above, below = units[i - 1], units[i + 1]
    if not above.candidate or (i > 1 and (units[i - 2].candidate or units[i - 2].weak)):
        return False  # under one head line: in a group of heads it is one of them
    if below.candidate or below.lead is not None or not ends_sentence(below.text):
        return False
    word = "".join(units[i].text.split())
    if _NOT_IN_BARE_NAME.search(word) is not None or not is_personal(word):
        return False
    text = (u.text for u in units[i + 1 : i + 1 + _TEXT_REACH])
    return not any(word in line for line in text)
