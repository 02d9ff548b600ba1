"""Names run into 报道 after a dateline with no role word: `本报讯 X、Y报道:…`. The colon
hands over to the text; the names before 报道 reported the story."""

from __future__ import annotations

import re

from worker.parsing.credit_values import Credits
from worker.parsing.names import looks_like_name

__all__ = ["names_reported"]

# Up to four names of two to four characters, joined by `、`, a comma or a space, then 报道
# (or 报导) and the colon: `吕青、路一鸣报道:`, `柯望川报道：`.
_REPORTED = re.compile(
    r"\s*(?P<names>[\u4e00-\u9fff]{2,4}(?:\s*[、，,\s]\s*[\u4e00-\u9fff]{2,4}){0,3})"
    r"\s*(?:报道|报导)\s*[:：]"
)
_REACH = 24  # characters from the dateline to 报道: four names, their commas and spaces
_SPLIT = re.compile(r"\s*[、，,\s]\s*")


def names_reported(text: str, pos: int) -> tuple[Credits | None, int]:
    """The reporters named before `报道:` at `pos` (after a dateline), and where the text
    starts; `(None, pos)` unless every word there is a name.

    >>> credits, start = names_reported("本报讯 吕青、路一鸣报道:某师工程师…", 3)
    >>> credits.reporters, start
    (('吕青', '路一鸣'), 13)
    >>> names_reported("本报讯 全师官兵报道:…", 3)[0] is None
    True
    """
    if text.find("报", pos, pos + _REACH) < 0:
        return None, pos  # most datelines: no 报道 within a few names' reach
    m = _REPORTED.match(text, pos)
    if m is None:
        return None, pos
    names = _SPLIT.split(m.group("names"))
    if not all(looks_like_name(name) for name in names):
        return None, pos  # `全师官兵报道:`: who reported, but no person named
    return Credits(reporters=tuple(dict.fromkeys(names))), m.end()
