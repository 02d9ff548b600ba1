"""A photo item stored on one line: its head, its caption and the picture's credit, set off
by spaces (`喜报传来 三名队员载誉归来 本报记者 X 摄`)."""

from __future__ import annotations

import re
from dataclasses import replace

from worker.parsing.byline_text import Tail
from worker.parsing.headlines import is_headline_line
from worker.parsing.tails import parse_tail
from worker.parsing.units import Unit, split_runin_under_heads

_PART = (4, 20)  # characters of each phrase before the credit: a head's or a caption's
_MAX_PARTS = 3  # a head of one or two phrases, then the caption
_NOT_IN_A_PART = frozenset("，,。！？!?；;：:、（）()“”")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# `5月2日 青河大桥合龙 记者 X 摄`: a date set before a caption is no head.
_DATE = re.compile(r"[0-9０-９]+\s*[年月日号时]")


def _phrase(part: str) -> bool:
    return (
        _PART[0] <= len(part) <= _PART[1]
        and len(_HAN.findall(part)) >= _PART[0]
        and _DATE.search(part) is None
        and not any(mark in _NOT_IN_A_PART for mark in part)
        and is_headline_line(part)
    )


def split_photo_head(text: str, tail: Tail | None = None) -> tuple[str, ...]:
    """The head and the caption with its credit, as two lines; or the line. Every part
    before the photo credit is a short phrase with no mark in it (a head's shape, never a
    sentence); the last is the caption, the ones before it the head.

    >>> split_photo_head("喜报传来 三名队员载誉归来 本报记者 柯望川 摄")
    ('喜报传来', '三名队员载誉归来 本报记者 柯望川 摄')
    >>> split_photo_head("队员们在站台上合影。 本报记者 柯望川 摄")
    ('队员们在站台上合影。 本报记者 柯望川 摄',)
    >>> split_photo_head("5月2日 青河大桥合龙 本报记者 柯望川 摄")
    ('5月2日 青河大桥合龙 本报记者 柯望川 摄',)
    """
    if "摄" not in text[-3:]:
        return (text,)
    tail = tail if tail is not None else parse_tail(text)  # the line's, when read already
    if tail is None or not tail.photo or " " not in tail.rest:
        return (text,)
    parts = tail.rest.split()
    if not 2 <= len(parts) <= _MAX_PARTS or not all(_phrase(part) for part in parts):
        return (text,)
    caption_at = text.rfind(parts[-1], 0, len(tail.rest))
    return text[:caption_at].rstrip(), text[caption_at:]


def split_photo_heads(units: list[Unit]) -> list[Unit]:
    """Read a line of head, caption and photo credit (`split_photo_head`) as two lines where
    it stands first: at the top of the page or under text, never under a head line (there
    its phrases are the picture's caption under that head).

    >>> line = Unit.read(1, "喜报传来 三名队员载誉归来 记者 柯望川 摄")
    >>> [u.text for u in split_photo_heads([line])]
    ['喜报传来', '三名队员载誉归来 记者 柯望川 摄']
    """
    out: list[Unit] | None = None
    for i, unit in enumerate(units):
        tail = unit.tail  # most lines end in no photo credit: asked first, as it is cheapest
        above = units[i - 1] if i and tail is not None and tail.photo else None
        under_head = above is not None and (above.candidate or above.weak)
        photo = tail is not None and tail.photo and not under_head
        parts = split_photo_head(unit.text, tail) if photo else (unit.text,)
        if len(parts) == 1:
            if out is not None:
                out.append(unit)
            continue
        out = out if out is not None else units[:i]
        head = Unit.read(unit.line, parts[0], unit.indented, unit.gap, unit.labelled)
        out.append(replace(head, named=None))
        out.append(Unit.read(unit.line, parts[1]))
    return units if out is None else out


def split_run_on_heads(units: list[Unit]) -> list[Unit]:
    """Head lines run onto the line under them: a photo item's head before its caption and
    credit (`split_photo_heads`), a head's last line before the text
    (`split_runin_under_heads`)."""
    return split_runin_under_heads(split_photo_heads(units))
