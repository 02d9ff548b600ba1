"""A byline closed by the name of the paper it ran in, glued after its last word
(`编译柯岚/综合报导青河报`): the paper is credited as the source, not read as a headline."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from worker.parsing.byline_text import Lead

__all__ = ["paper_signed"]

# The report word closing the byline (报道, Taiwan's 报导), then a paper's name glued after
# it as a newsletter or web copy prints it: short, ending in 报 (`青河报`, `临溪日报`).
_SIGNED = re.compile(r"(?<=报道|报导)[\u4e00-\u9fff]{1,6}报$")
_BYLINE_LINE = 40  # a line longer than this is text


def paper_signed(text: str, read: Callable[[str], Lead | None]) -> Lead | None:
    """The byline `read` finds in `text` without the paper's name glued at its end, the paper
    credited as its source; None unless the rest is a byline naming a writer.

    >>> from worker.parsing.leads import parse_lead
    >>> lead = paper_signed("编译柯岚/综合报导青河报", parse_lead)
    >>> lead.credits.reporters, lead.credits.others, lead.rest
    (('柯岚',), ('青河报',), '')
    """
    m = _SIGNED.search(text) if len(text) <= _BYLINE_LINE else None
    lead = None if m is None else read(text[: m.start()])
    if m is None or lead is None or lead.dateline or lead.rest or not lead.credits.writers:
        return None
    credits = replace(lead.credits, others=(*lead.credits.others, m.group()))
    return Lead(None, credits, text, "")
