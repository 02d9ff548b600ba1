"""A lone bulleted brief under a column's label with its head run into its text:
`简讯` / `●青河乡获评省级文化强镇。日前,…`."""

from __future__ import annotations

from dataclasses import replace

from worker.parsing.headlines import ends_sentence, is_headline_line
from worker.parsing.units import Unit

__all__ = ["split_bulleted_runin"]

_BULLETS = "●◆■▲★"
_HEAD = (5, 24)  # characters of a brief's run-in head
_LABEL_MAX = 6  # characters of a column's label (`简讯`, `本地快讯`)
_MIN_TEXT = 20  # the text after the head: a paragraph with a finished sentence
_NOT_IN_HEAD = "，,、：:；;（("  # a head is one phrase; `4月1日，…。` is a brief's first sentence


def split_bulleted_runin(units: list[Unit]) -> list[Unit]:
    """The head of a page's one bulleted brief, run into its text after a full stop (under a
    column's label, `简讯`, taken as furniture or left over it), read as a line of its own:
    the bullet and the stop are the layout's marks. Several bulleted briefs are a column's
    paragraphs (`columns`); a first sentence with a comma (`●4月1日，…。`) stays text.

    >>> brief = "●青河乡获评文化强镇。日前,省里公布文化强镇名单,青河乡榜上有名。"
    >>> [(u.text, u.mark) for u in split_bulleted_runin([Unit.read(3, brief)])]
    [('青河乡获评文化强镇', '●。'), ('日前,省里公布文化强镇名单,青河乡榜上有名。', '')]
    """
    label = len(units) == 2 and units[0].candidate and len(units[0].text) <= _LABEL_MAX
    if not (len(units) == 1 or label):
        return units
    brief = units[-1]
    text = brief.text
    if text[:1] not in _BULLETS or brief.lead is not None or brief.candidate:
        return units
    stop = text.find("。")
    head, rest = text[1:stop], text[stop + 1 :]
    if not _HEAD[0] <= len(head) <= _HEAD[1] or any(c in _NOT_IN_HEAD for c in head):
        return units
    if len(rest) < _MIN_TEXT or not ends_sentence(rest) or not is_headline_line(head):
        return units
    marks = text[0] + "。"
    head_unit = replace(Unit.read(brief.line, head, brief.indented, brief.gap), mark=marks)
    return [*units[:-1], head_unit, Unit.read(brief.line, rest, brief.indented)]
