"""A page's items share a shape: where one item prints its writer's bare name on the line
between its head and its text, a name-shaped line in the same place under another head is
that item's writer too, even one the bare-name reading turns down (`戴发利`: `发` also ends
an agency's `新华社发`)."""

from __future__ import annotations

from dataclasses import replace

from worker.parsing.bylines import Lead
from worker.parsing.credit_values import Credits
from worker.parsing.headlines import ends_sentence
from worker.parsing.names import looks_like_name
from worker.parsing.units import Unit

__all__ = ["sign_like_siblings"]

_NAME_SIZES = (2, 3)  # characters of one name alone on a line (`柯图`, `王一鸣`)


def sign_like_siblings(units: list[Unit]) -> list[Unit]:
    """`units` with each name-shaped line between a head line and finished text read as a
    byline, when another item of the page already has its bare-name byline there.

    >>> from worker.parsing.placed_names import promote_name_lines
    >>> out = sign_like_siblings(promote_name_lines([Unit.read(1, "古道寻幽"),
    ...     Unit.read(2, "柯发利"), Unit.read(3, "山路很长。"), Unit.read(4, "当年的西装"),
    ...     Unit.read(5, "潘云舟"), Unit.read(6, "那年流行西装。")]))
    >>> [u.text for u in out if u.lead]
    ['柯发利', '潘云舟']
    """
    if not any(_bare_byline(units, i) for i in range(1, len(units) - 1)):
        return units
    out = list(units)
    for i in range(1, len(units) - 1):
        unit = units[i]
        if unit.lead or unit.tail or unit.named or not _between_head_and_text(units, i):
            continue
        if len(unit.text) in _NAME_SIZES and looks_like_name(unit.text):
            lead = Lead(None, Credits(unstated=(unit.text,)), unit.text, "")
            out[i] = replace(unit, lead=lead, candidate=False, weak=False)
    return out


def _between_head_and_text(units: list[Unit], i: int) -> bool:
    """Is unit `i` under a headline line and over a finished paragraph that does not name it?"""
    above, below = units[i - 1], units[i + 1]
    if not above.candidate or below.lead or below.tail or below.candidate or below.weak:
        return False
    return ends_sentence(below.text) and units[i].text not in below.text


def _bare_byline(units: list[Unit], i: int) -> bool:
    """Is unit `i` a byline of bare names, with no mark or role, between a head and text?"""
    lead = units[i].lead
    if lead is None or lead.rest or lead.dateline or lead.printed != units[i].text:
        return False
    names = lead.credits.unstated
    return (
        bool(names) and lead.credits == Credits(unstated=names) and _between_head_and_text(units, i)
    )
