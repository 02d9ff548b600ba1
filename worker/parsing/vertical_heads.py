"""A head set vertically, which a text export breaks at each of its columns (`新春` / `﹃年味儿` /
`﹄浓起来`): the columns put back into the one head they are."""

from __future__ import annotations

import re

from worker.parsing.headlines import ends_sentence
from worker.parsing.units import Unit

__all__ = ["join_vertical_heads"]

# Quote and title marks of vertical setting (`﹃` = `“`, `﹄` = `”`): only a column of vertically
# set type prints them, so a line that opens with a closing one is the rest of a column above.
_PAIRS = {"﹁": "﹂", "﹃": "﹄", "︽": "︾", "︿": "﹀"}
_OPENING = re.compile(f"[{''.join(_PAIRS)}]")
_COLUMN = 12  # the longest column of a head
_FIRST_COLUMN = 6  # a short column over the one that opens the quote: the head's first words


def join_vertical_heads(units: list[Unit]) -> list[Unit]:
    """`units` with the columns of a vertically set head joined into one line, no space between.

    A column that leaves a vertical quote open, with the next line opening on its closing
    mark, continues there. A short head line right above it, with no head line above that,
    is the head's first column (`新春` / `﹃年味儿` / `﹄浓起来`: one head, `新春﹃年味儿﹄浓起来`).

    >>> out = join_vertical_heads([Unit.read(1, "新春"), Unit.read(3, "﹃年味儿"),
    ...     Unit.read(5, "﹄浓起来"), Unit.read(7, "入夜，老街的灯笼亮了。")])
    >>> [(u.line, u.text) for u in out]
    [(1, '新春﹃年味儿﹄浓起来'), (7, '入夜，老街的灯笼亮了。')]
    """
    if not _OPENING.search("\n".join(unit.text for unit in units)):
        return units  # most pages: no vertical setting
    out: list[Unit] = []
    i = 0
    while i < len(units):
        end = _quote_end(units, i)
        if end is None:
            out.append(units[i])
            i += 1
            continue
        start = i
        over = units[i - 2] if i > 1 else None
        if i and out[-1] is units[i - 1] and _first_column(out[-1], over):
            start -= 1
            out.pop()
        first = units[start]
        text = "".join(unit.text for unit in units[start : end + 1])
        out.append(Unit.read(first.line, text, first.indented, first.gap, first.labelled))
        i = end + 1
    return out


def _open_mark(text: str) -> str | None:
    """The vertical quote `text` leaves open, if any."""
    for mark, close in _PAIRS.items():
        if text.count(mark) > text.count(close):
            return close
    return None


def _quote_end(units: list[Unit], i: int) -> int | None:
    """The last column of a quote opened in column `i` and closed at the start of the next."""
    close = _open_mark(units[i].text)
    if close is None or not _column(units[i].text) or i + 1 >= len(units):
        return None
    below = units[i + 1].text
    return i + 1 if below.startswith(close) and _column(below) else None


def _first_column(above: Unit, over: Unit | None) -> bool:
    """`above` is a head's first column: short, a head line, and no head line over it."""
    head_over = over is not None and over.candidate
    return above.candidate and len(above.text) <= _FIRST_COLUMN and not head_over


def _column(text: str) -> bool:
    return len(text) <= _COLUMN and not ends_sentence(text)
