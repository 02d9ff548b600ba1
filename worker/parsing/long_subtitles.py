"""A subtitle printed without its dash and longer than a comma line a head group takes: a
phrase of clauses right under the headline and over the dateline."""

from __future__ import annotations

import dataclasses
import re

from worker.parsing.headlines import MAX_HEADLINE, opens_like_sentence
from worker.parsing.subtitles import explains
from worker.parsing.units import Unit

__all__ = ["mark_long_subtitles"]

# No sentence ends in a subtitle, and a clause left open runs on into the line below.
_SENTENCE_MARK = re.compile("[。！？!?…；;]")
_OPEN_END = "，,、：:"
# A subtitle is a head's phrase in a few parts (`…新区 首末班时间…，最多…`: three), set off by
# a space or a comma; text runs on clause after clause (`周末上午，…，…，…，…`).
_PART_GAP = re.compile(r"[，,\s]+")
_MAX_PARTS = 3


def mark_long_subtitles(units: list[Unit]) -> list[Unit]:
    """`units` with each long subtitle read as a head line (one only right above a dateline).

    Web copy and e-paper exports drop the `——` before a subtitle, and one that explains its
    headline may run past the comma lines taken as head lines anywhere (`青河调整公交线路` /
    `三条线路延伸至临溪新区和滨河小镇 首末班时间同时调整，最多延长四十分钟` /
    `本报讯 （…）`). Between a headline line and the dateline, a phrase with clauses, twice
    the headline's length, in a few parts, with no sentence's end and not opening like one,
    is that subtitle, not the first paragraph.

    >>> [u.weak for u in mark_long_subtitles([Unit.read(1, "青河调整公交线路"),
    ...  Unit.read(3, "三条线路延伸至临溪新区和滨河小镇 首末班时间同时调整，最多延长四十分钟"),
    ...  Unit.read(5, "本报讯（记者 李明远）青河公交公司昨日发布公告。")])]
    [False, True, False]
    """
    out: list[Unit] | None = None
    for k in range(1, len(units) - 1):
        if _long_subtitle(units[k - 1], units[k], units[k + 1]):
            out = out if out is not None else list(units)
            out[k] = dataclasses.replace(units[k], weak=True)
    return units if out is None else out


def _long_subtitle(above: Unit, unit: Unit, below: Unit) -> bool:
    if not above.candidate or below.lead is None or below.lead.dateline is None:
        return False
    if unit.candidate or unit.weak or unit.lead or unit.tail or unit.sourced:
        return False
    text = unit.text
    if len(text) > MAX_HEADLINE or text[-1] in _OPEN_END or _SENTENCE_MARK.search(text):
        return False
    if len(_PART_GAP.split(text)) > _MAX_PARTS:
        return False
    # `5月2日，游客在…`, `昨日，…`: a caption or the text that lost its full stop.
    return not opens_like_sentence(text) and explains(above.text, text)
