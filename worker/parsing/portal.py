"""A portal's title over its record: one long line marked as carrying a picture."""

from __future__ import annotations

import dataclasses
import re

from worker.parsing.units import Unit

__all__ = ["mark_portal_title", "mark_web_title"]

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


# A web copy's title: a line of clauses set off by commas or a question, no full stop, its
# last character a word's (`…，被罚款五百元`), not a sentence's end or a colon's lead-in.
_CLAUSE_MARKS = re.compile(r"[，,？?]")
_NOT_A_TITLE = re.compile(r"[。；;：:…]|^\d")
_TITLE_END = re.compile(r"[\u4e00-\u9fff0-9A-Za-z”’」』）)]$")
_WEB_TITLE = (12, 60)  # characters of a web copy's title: past a printed head, short of a lead
_PROSE = 60  # the paragraph under it runs longer than the title, to a sentence's end


def mark_web_title(units: list[Unit]) -> list[Unit]:
    """`units` with the page's first line read as a headline line when it is a web copy's
    title: clauses with no full stop in them, ending on a word, set off by a blank line over
    a paragraph of prose that ends its sentence. Its commas would make any other line text.

    >>> title = "湖边夜钓？两男子翻越护栏，被罚款五百元"
    >>> [u.candidate for u in mark_web_title([Unit.read(1, title),
    ...  Unit.read(3, "5月2日晚，两名男子翻越湖边护栏夜钓，被巡逻民警发现。" * 3)])]
    [True, False]
    """
    if len(units) < 2 or units[0].candidate or units[1].line - units[0].line < 2:
        return units
    first, under = units[0], units[1]
    text = first.text
    if first.lead is not None or first.tail is not None or first.indented:
        return units
    if not _WEB_TITLE[0] <= len(text) <= _WEB_TITLE[1] or _CLAUSE_MARKS.search(text) is None:
        return units
    if _NOT_A_TITLE.search(text) is not None or _TITLE_END.search(text) is None:
        return units
    if (
        under.candidate
        or len(under.text) < max(_PROSE, len(text))
        or under.text[-1] not in "。！？!?”"
    ):
        return units
    return [dataclasses.replace(first, candidate=True), *units[1:]]
