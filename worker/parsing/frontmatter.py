"""Issue metadata from outside the articles: a `---` front-matter block and the file name."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from worker.parsing.lines import Line

_FENCE = re.compile(r"-{3,}")
_KEY_VALUE = re.compile(r"([A-Za-z_][A-Za-z0-9_\-]*)\s*[:：]\s*(.*)")
_MAX_FRONT_MATTER = 30  # lines; a longer `---` block is a rule drawn in the text
_DATE_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d{2})([-_.]?)(\d{1,2})\2(\d{1,2})(?!\d)")
_DATE_VALUE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_COMPACT_DATE = re.compile(r"((?:19|20)\d{2})(\d{2})(\d{2})")


@dataclass(frozen=True)
class FrontMatter:
    """A front-matter block: its pairs, the lines it covers, and lines that were not pairs."""

    pairs: tuple[tuple[str, str], ...]
    lines: tuple[Line, ...]  # every line of the block, fences included
    bad: tuple[Line, ...]  # lines inside that are not `key: value`

    def get(self, key: str) -> str | None:
        for k, v in self.pairs:
            if k == key and v:
                return v
        return None


def read_front_matter(lines: list[Line]) -> FrontMatter | None:
    """The `---` block at the top of the file (blank lines before it allowed), if any."""
    first = next((i for i, line in enumerate(lines) if line.text), None)
    if first is None or not _FENCE.fullmatch(lines[first].text):
        return None
    for end in range(first + 1, min(len(lines), first + 2 + _MAX_FRONT_MATTER)):
        if _FENCE.fullmatch(lines[end].text):
            break
    else:
        return None
    pairs: list[tuple[str, str]] = []
    bad: list[Line] = []
    for line in lines[first + 1 : end]:
        m = _KEY_VALUE.fullmatch(line.text)
        if m:
            pairs.append((m.group(1).lower(), m.group(2).strip()))
        elif line.text:
            bad.append(line)
    block = tuple(line for line in lines[first : end + 1] if line.text)
    return FrontMatter(tuple(pairs), block, tuple(bad))


def parse_date(value: str) -> dt.date | None:
    """A date as front matter writes it: `2020-05-29`, `2020/5/29`, `2020年5月29日`, `20200529`."""
    m = _DATE_VALUE.fullmatch(value.strip()) or _COMPACT_DATE.fullmatch(value.strip())
    return _date(m.group(1), m.group(2), m.group(3)) if m else None


def date_from_filename(filename: str) -> dt.date | None:
    """The issue date in a file name: `2020-05-29-weidong.txt`, `pdsrb_20200529.txt`.

    >>> date_from_filename("/in/20200529-A05.txt")
    datetime.date(2020, 5, 29)
    """
    name = re.split(r"[/\\]", filename)[-1]
    for m in _DATE_IN_NAME.finditer(name):
        if m.group(2) == "" and (len(m.group(3)) != 2 or len(m.group(4)) != 2):
            continue
        date = _date(m.group(1), m.group(3), m.group(4))
        if date is not None:
            return date
    return None


def _date(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
