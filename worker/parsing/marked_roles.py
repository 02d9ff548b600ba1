"""A byline's box mark over a role and no name (`□本报记者`, `□本刊记者 综合报道`): the staff
sign the item together. The line is a byline wherever it stands, never a headline line. So
does a desk's compiled report opening the text unmarked (`本网记者综合报道 …`)."""

from __future__ import annotations

import re

from worker.parsing.byline_text import BYLINE_MARKS, Lead
from worker.parsing.credit_values import Credits
from worker.parsing.credits import STACKED

__all__ = ["compiled_report", "marked_role"]

# The role, then at most the word for a report put together from several sources.
_ROLE_ALONE = re.compile(rf"(?:{STACKED})\s*(?:综合报道|综合|报道)?")


def marked_role(text: str) -> Lead | None:
    """`□本报记者` over the text: the paper's reporters, unnamed; a collective credit.

    >>> marked_role("□本刊记者 综合报道").credits.others, marked_role("□本报记者 柯岚")
    (('本刊记者 综合报道',), None)
    """
    if text[:1] not in BYLINE_MARKS:
        return None
    words = text[1:].strip()
    if _ROLE_ALONE.fullmatch(words) is None:
        return None
    return Lead(None, Credits(others=(words,)), text, "")


# A report the desk put together from several sources, credited to the paper, its reporters
# unnamed, opening the text before a space or colon: `本报综合报道 昨夜…`,
# `本网记者综合报道：…` (Taiwan's papers print 报导). No name follows: `综合` is no person.
_COMPILED = re.compile(r"本[报刊台网](?:记者|编辑部)?\s*综合(?:报道|报导)(?:[:：]|(?=\s|$))")


def compiled_report(text: str) -> Lead | None:
    """`本报综合报道 …` opening a paragraph: a collective credit, the rest the text.

    >>> lead = compiled_report("本网记者综合报道 昨夜江州大雨。")
    >>> lead.credits.others, lead.rest
    (('本网记者综合报道',), '昨夜江州大雨。')
    """
    m = _COMPILED.match(text) if text.startswith("本") else None
    if m is None:
        return None
    credit = m.group().rstrip(":：")
    return Lead(None, Credits(others=(credit,)), m.group(), text[m.end() :].strip())
