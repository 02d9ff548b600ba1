"""A byline broken over lines by hard wrapping: `晨报讯（记者` / `张三` / `通讯员` / `李四）正文…`,
or a caption's photo credit: `…合影。青河晨报记者` / `张三` / `摄` (or `张三 摄` on one line),
or a credit in brackets closing a paragraph: `…观看。(本报记者` / `张立川 韦立 摄)`.

The lines are read again as one (`晨报讯（记者 张三 通讯员 李四）正文…`), so the dateline and
its people are found where a line of their own would hold them.
"""

from __future__ import annotations

import re

from worker.parsing.flattened import line_parts
from worker.parsing.headlines import ends_sentence
from worker.parsing.units import Unit

# A dateline's bracket left open at the line's end, a role or a name or two inside it.
_OPEN_END = re.compile(r"讯\s*[（(][\u4e00-\u9fff ]{1,12}$")
_PIECE = re.compile(r"[\u4e00-\u9fff]{1,6}")  # a name or a role word alone on its line
_CLOSE = re.compile(r"[\u4e00-\u9fff]{1,6}[）)]")  # the last piece and the bracket's end
_MOST_PIECES = 8
# A caption's credit left open at the line's end: its role word, the name and `摄` below.
_ROLE_ENDS = ("记者", "通讯员")
_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")


def join_wrapped_bylines(units: list[Unit]) -> list[Unit]:
    """`units` with each byline broken over lines read again as one line."""
    out: list[Unit] = []
    i, n = 0, len(units)
    while i < n:
        unit = units[i]
        if not _may_open_credit(unit.text):
            out.append(unit)  # most lines: nothing left open at their end
            i += 1
            continue
        end = _wrapped_end(units, i) if unit.lead is None and "讯" in unit.text[-14:] else None
        if end is None and (closed := _credit_closed_below(units, i)) is not None:
            out.append(closed)
            i += 2
            continue
        if end is None and (credit := _role_over_credit(units, i)) is not None:
            out.append(credit)
            i += 2
            continue
        if end is None and _photo_credit_wrapped(units, i):
            out.extend(_join_photo_credit(units, i))
            i += 3
            continue
        if end is None:
            out.append(unit)
            i += 1
            continue
        # A lead-in sentence before the dateline is cut off it as a line would be.
        parts = line_parts(" ".join(u.text for u in units[i : end + 1]))
        out.extend(
            Unit.read(unit.line, part, *((unit.indented, unit.gap, unit.labelled) if not k else ()))
            for k, part in enumerate(parts)
        )
        i = end + 1
    return out


def _may_open_credit(text: str) -> bool:
    """Could a byline or credit be left open at the end of `text`? Each shape below ends in a
    role word, or holds `讯` or an open bracket within its last `_OPEN_REACH` characters."""
    end = text[-_OPEN_REACH:]
    return "讯" in end or "(" in end or "（" in end or text.endswith(_ROLE_ENDS)


def _wrapped_end(units: list[Unit], i: int) -> int | None:
    """Index of the line that closes the byline left open at the end of unit `i`, or None."""
    if _OPEN_END.search(units[i].text) is None:
        return None
    for j in range(i + 1, min(len(units), i + 1 + _MOST_PIECES)):
        below = units[j]
        if below.gap:
            return None  # a blank line between: not one wrapped paragraph
        if _CLOSE.match(below.text) is not None:
            return j
        if _PIECE.fullmatch(below.text) is None:
            return None
    return None


def _photo_credit_wrapped(units: list[Unit], i: int) -> bool:
    """Does unit `i` end a caption with a role word whose name and `摄` follow, one line
    each with no blank between (`…合影。青河晨报记者` / `张三` / `摄`)?"""
    if i + 2 >= len(units) or not units[i].text.endswith(_ROLE_ENDS):
        return False
    name, shot = units[i + 1], units[i + 2]
    return (
        not name.gap
        and not shot.gap
        and _NAME.fullmatch(name.text) is not None
        and shot.text.startswith("摄")
        and not shot.text.startswith("摄影")
    )


def _join_photo_credit(units: list[Unit], i: int) -> list[Unit]:
    """The caption with its credit as one line, and what follows `摄` as a line of its own."""
    unit, name, shot = units[i : i + 3]
    joined = Unit.read(unit.line, f"{unit.text} {name.text} 摄", unit.indented, unit.gap)
    rest = shot.text[1:].strip()
    return [joined, Unit.read(shot.line, rest, shot.indented)] if rest else [joined]


# A credit left open at the end of a paragraph, and the line that closes it: its bracket
# (`…观看。(本报记者` / `张立川 韦立 摄)`), or its role word with no name yet (`…屋檐。本报记者`
# / `柯晓岚 摄`). The closing line is short, opens no bracket, and ends the credit.
_OPEN_BRACKET = re.compile(r"[（(][\u4e00-\u9fff\s]{0,12}$")
_OPEN_ROLE = re.compile(r"(?<=[。！？!?”])[\u4e00-\u9fff]{0,8}(?:记者|通讯员)$")
_CLOSING_LINE = re.compile(r"[^（(）)]{2,30}(?:[）)]|摄|摄影|摄影报道)")
_OPEN_REACH = 14  # characters from the end of the line where such a credit opens


def _open_credit(text: str) -> int | None:
    """Where a credit left open at the end of `text` starts, after a finished sentence."""
    end = text[-_OPEN_REACH:]
    if "(" in end or "（" in end:
        at = _OPEN_BRACKET.search(text, max(0, len(text) - _OPEN_REACH))
        start = at.start() if at is not None else 0
        return start if start > 0 and ends_sentence(text[:start]) else None
    if text.endswith(_ROLE_ENDS):
        at = _OPEN_ROLE.search(text, max(0, len(text) - _OPEN_REACH))
        return at.start() if at is not None else None
    return None  # most lines: a finished sentence


def _credit_closed_below(units: list[Unit], i: int) -> Unit | None:
    """Unit `i` and the next as one line, when a credit wraps from the end of `i` to the
    next line with no blank between, and the joined line closes with it; or None.

    >>> [u.text for u in join_wrapped_bylines(
    ...     [Unit.read(1, "候鸟落满了湖面。(本报记者"), Unit.read(2, "张立川 韦立 摄)")])]
    ['候鸟落满了湖面。(本报记者 张立川 韦立 摄)']
    """
    unit = units[i]
    text = unit.text
    at = _open_credit(text)
    if at is None or i + 1 >= len(units) or unit.tail is not None:
        return None
    below = units[i + 1]
    if below.gap or _CLOSING_LINE.fullmatch(below.text) is None:
        return None
    joined = Unit.read(unit.line, f"{text} {below.text}", unit.indented, unit.gap, unit.labelled)
    tail = joined.tail
    if tail is None or tail.rest != text[:at].rstrip() or tail.credits.unstated:
        return None  # bare names split over two lines are no clear credit: `(东亭` / `和西亭)`
    return joined


# A role word alone on its line, the photo credit it opens on the next (`本报记者` / `柯晓岚
# 摄`), with or without a blank line between: a layout set the two as blocks of their own.
_ROLE_ALONE = re.compile(r"[\u4e00-\u9fff]{0,6}(?:记者|通讯员)")


def _role_over_credit(units: list[Unit], i: int) -> Unit | None:
    """Unit `i`, a role word alone, and the next, a photo credit naming its people without
    a role, as one credit line; or None.

    >>> [u.text for u in join_wrapped_bylines(
    ...     [Unit.read(1, "本报记者"), Unit.read(3, "柯晓岚 摄", gap=1)])]
    ['本报记者 柯晓岚 摄']
    """
    unit = units[i]
    if unit.lead is not None or i + 1 >= len(units) or not unit.text.endswith(_ROLE_ENDS):
        return None
    below = units[i + 1].tail
    if _ROLE_ALONE.fullmatch(unit.text) is None or below is None or not below.photo:
        return None
    if below.rest or below.printed.startswith(_ROLE_ENDS) or "记者" in below.printed:
        return None
    joined = Unit.read(unit.line, f"{unit.text} {below.printed}", unit.indented, unit.gap)
    tail = joined.tail
    return joined if tail is not None and tail.photo and not tail.rest else None
