"""A web copy's credit line with its citation of the print page glued after it
(`本报记者 柯望川文并摄《青河日报》（2015年07月06日12版）`): the credit, and the citation
with it, never a paragraph of the text."""

from __future__ import annotations

import re
from collections.abc import Callable

from worker.parsing.byline_text import Lead

__all__ = ["PRINT_CITATION", "cited_credit"]

# The paper, date and page a web record cites: `《青河日报》( 2024年03月11日 09版)`.
_CITED = r"《[^《》]{2,16}》\s*[（(]\s*(?:19|20)[0-9]{2}[^（()）]{2,24}版\s*[）)]"
PRINT_CITATION = re.compile(_CITED)
_AT_END = re.compile(rf"(?:{_CITED})$")
_LONGEST = 64  # characters of a credit line and its citation together


def cited_credit(text: str, read_lead: Callable[[str], Lead | None]) -> Lead | None:
    """A credit line (read by `read_lead`) with nothing after it but a print citation.

    The space before a role phrase is often lost in such copy (`柯望川文并摄`); the reader
    of the credit takes `文并摄` as the phrase, so the name keeps its own characters.

    >>> from worker.parsing.bylines import parse_lead
    >>> lead = cited_credit("本报记者 柯望川文并摄《青河日报》（2015年07月06日12版）", parse_lead)
    >>> lead.credits.reporters, lead.credits.photographers, lead.rest
    (('柯望川',), ('柯望川',), '')
    >>> cited_credit("青河新桥通车《青河日报》（2015年07月06日12版）", parse_lead)
    """
    if len(text) > _LONGEST or text[-1:] not in "）)" or "》" not in text:
        return None  # most lines
    m = _AT_END.search(text)
    if m is None or m.start() == 0:
        return None
    lead = read_lead(text[: m.start()].rstrip())
    if lead is None or lead.rest or lead.dateline is not None or not lead.credits.writers:
        return None
    return Lead(None, lead.credits, text, "")
