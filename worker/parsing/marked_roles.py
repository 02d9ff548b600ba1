"""A byline's box mark over a role and no name (`□本报记者`, `□本刊记者 综合报道`): the staff
sign the item together. The line is a byline wherever it stands, never a headline line."""

from __future__ import annotations

import re

from worker.parsing.byline_text import Lead
from worker.parsing.credit_values import Credits
from worker.parsing.credits import STACKED

__all__ = ["marked_role"]

_MARKS = "□■◎"  # a byline's box marks (a caption's `▲` points at a picture instead)
# The role, then at most the word for a report put together from several sources.
_ROLE_ALONE = re.compile(rf"(?:{STACKED})\s*(?:综合报道|综合|报道)?")


def marked_role(text: str) -> Lead | None:
    """`□本报记者` over the text: the paper's reporters, unnamed; a collective credit.

    >>> marked_role("□本刊记者 综合报道").credits.others, marked_role("□本报记者 柯岚")
    (('本刊记者 综合报道',), None)
    """
    if text[:1] not in _MARKS:
        return None
    words = text[1:].strip()
    if _ROLE_ALONE.fullmatch(words) is None:
        return None
    return Lead(None, Credits(others=(words,)), text, "")
