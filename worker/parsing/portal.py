"""A portal's title over its record: one long line marked as carrying a picture."""

from __future__ import annotations

import dataclasses
import re

from worker.parsing.units import Unit

__all__ = ["mark_portal_title"]

# The portal's mark for a story with pictures, closing its title: `(图)`, `（组图）`.
_PICTURE_MARK = re.compile(r"[(（]组?图[)）]$")
_MAX_TITLE = 80  # a portal title runs longer than a printed head, never to a paragraph
_SENTENCE_END = re.compile(r"[。！？!?]")


def mark_portal_title(units: list[Unit]) -> list[Unit]:
    """`units` with the page's first line read as a headline line when it is a portal's
    title: closed by the picture mark, with no sentence end in it, a blank line or furniture
    under it. Its clauses (`…，…；…(图)`) would make any other line text.

    >>> [u.candidate for u in mark_portal_title([Unit.read(1, "河堤加固，渔船归港(图)"),
    ...  Unit.read(3, "本报讯 昨日，河堤加固完工。")])]
    [True, False]
    """
    if len(units) < 2 or units[0].candidate or units[1].line - units[0].line < 2:
        return units
    first = units[0]
    text = first.text
    if first.lead is not None or first.tail is not None or len(text) > _MAX_TITLE:
        return units
    if _PICTURE_MARK.search(text) is None or _SENTENCE_END.search(text) is not None:
        return units
    return [dataclasses.replace(first, candidate=True), *units[1:]]
