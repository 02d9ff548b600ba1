"""Whole-line credits a mark vouches for: a role word and its colon or bar (`设计:丹丹`,
`文|沐清扬`), whatever the name's first character, and a byline after a paper's name in
book-title marks (`《青河日报》记者 X`).

Each reader takes one whole line and returns a `Lead` with nothing after it, or None.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from worker.parsing.byline_text import _NOT_IN_BARE_NAME, Lead
from worker.parsing.credits import ROLE_WORDS, parse_credits
from worker.parsing.feature_credits import _LINE

# `文|沐清扬`, `文丨X` alone on a line: the writer's one-character role and its mark vouch the
# same (not `图：资料`, a picture's source).
_COLON_CREDIT = re.compile(
    rf"(?:(?:{ROLE_WORDS})\s*[:：]|文\s*[/／:：|｜丨])\s*(?P<name>[\u4e00-\u9fff]{{2,3}})"
)


_CREDIT_MARK = re.compile("[:：/／|｜丨]")


def colon_credit(text: str) -> Lead | None:
    """`设计:丹丹`, `编校:正红`, `文|沐清扬`: a role word and a colon (or a one-character
    role and its mark) vouch for a given name alone on its line, whatever its first
    character (staff lists and web bylines often print no known surname)."""
    m = _COLON_CREDIT.fullmatch(text) if _CREDIT_MARK.search(text) else None
    if m is None or _NOT_IN_BARE_NAME.search(m.group("name")):
        return None  # `策划:影像部` names a desk, not a person
    credits = parse_credits(text, need_role=True)
    return Lead(None, credits, text, "") if credits else None


# `《青河日报》记者 张立川`: the paper's name in book-title marks before the role, as a web
# page reprints a paper's byline. It qualifies the role as `青河日报记者` would.
_TITLED_PAPER = re.compile(r"《[\u4e00-\u9fff·]{2,12}》\s*")


def titled_paper_byline(text: str, read_lead: Callable[[str], Lead | None]) -> Lead | None:
    """A byline (read by `read_lead`) after a paper's name in book-title marks, alone on its
    line.

    >>> from worker.parsing.bylines import parse_lead
    >>> titled_paper_byline("《青河日报》记者 张立川", parse_lead).credits.reporters
    ('张立川',)
    >>> titled_paper_byline("《青河日报》记者从市里获悉", parse_lead)
    """
    m = _TITLED_PAPER.match(text) if text[:1] == "《" and len(text) <= _LINE else None
    lead = read_lead(text[m.end() :]) if m is not None else None
    if lead is None or lead.rest or lead.dateline or not lead.credits.writers:
        return None
    return Lead(None, lead.credits, text, "")
