"""A byline broken over lines by hard wrapping: `晨报讯（记者` / `张三` / `通讯员` / `李四）正文…`.

The lines are read again as one (`晨报讯（记者 张三 通讯员 李四）正文…`), so the dateline and
its people are found where a line of their own would hold them.
"""

from __future__ import annotations

import re

from worker.parsing.flattened import line_parts
from worker.parsing.units import Unit

# A dateline's bracket left open at the line's end, a role or a name or two inside it.
_OPEN_END = re.compile(r"讯\s*[（(][\u4e00-\u9fff ]{1,12}$")
_PIECE = re.compile(r"[\u4e00-\u9fff]{1,6}")  # a name or a role word alone on its line
_CLOSE = re.compile(r"[\u4e00-\u9fff]{1,6}[）)]")  # the last piece and the bracket's end
_MOST_PIECES = 8


def join_wrapped_bylines(units: list[Unit]) -> list[Unit]:
    """`units` with each byline broken over lines read again as one line."""
    out: list[Unit] = []
    i, n = 0, len(units)
    while i < n:
        unit = units[i]
        end = _wrapped_end(units, i) if unit.lead is None and "讯" in unit.text[-14:] else None
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
