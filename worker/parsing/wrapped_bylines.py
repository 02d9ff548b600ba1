"""A byline broken over lines by hard wrapping: `晨报讯（记者` / `张三` / `通讯员` / `李四）正文…`,
or a caption's photo credit: `…合影。青河晨报记者` / `张三` / `摄`, or a credit in brackets
closing a paragraph: `…观看。(本报记者` / `张立川 韦立 摄)`.

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
        end = _wrapped_end(units, i) if unit.lead is None and "讯" in unit.text[-14:] else None
        if end is None and (closed := _bracket_closed_below(units, i)) is not None:
            out.append(closed)
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


# A credit's bracket left open at the end of a paragraph (`…观看。(本报记者`), and the line
# that closes it (`张立川 韦立 摄)`): short, no bracket opened in it.
_OPEN_BRACKET = re.compile(r"[（(][\u4e00-\u9fff\s]{0,12}$")
_CLOSING_LINE = re.compile(r"[^（(）)]{2,30}[）)]")
_OPEN_REACH = 14  # characters from the end of the line where such a bracket opens


def _bracket_closed_below(units: list[Unit], i: int) -> Unit | None:
    """Unit `i` and the next as one line, when a credit in brackets wraps from the end of
    `i` to the next line with no blank between, and the joined line closes with it; or None.

    >>> [u.text for u in join_wrapped_bylines(
    ...     [Unit.read(1, "候鸟落满了湖面。(本报记者"), Unit.read(2, "张立川 韦立 摄)")])]
    ['候鸟落满了湖面。(本报记者 张立川 韦立 摄)']
    """
    unit = units[i]
    text = unit.text
    if "(" not in text[-_OPEN_REACH:] and "（" not in text[-_OPEN_REACH:]:
        return None  # most lines: no bracket opened near the end
    at = _OPEN_BRACKET.search(text, max(0, len(text) - _OPEN_REACH))
    if at is None or at.start() == 0 or i + 1 >= len(units) or unit.tail is not None:
        return None
    below = units[i + 1]
    if below.gap or _CLOSING_LINE.fullmatch(below.text) is None:
        return None
    if not ends_sentence(text[: at.start()]):
        return None
    joined = Unit.read(unit.line, f"{text} {below.text}", unit.indented, unit.gap, unit.labelled)
    tail = joined.tail
    if tail is None or tail.rest != text[: at.start()].rstrip() or tail.credits.unstated:
        return None  # bare names split over two lines are no clear credit: `(东亭` / `和西亭)`
    return joined
