"""A page's lines as units: each non-blank line with the dateline, byline or credit read in it,
and the paragraph layout of the page."""

from __future__ import annotations

from dataclasses import dataclass

from worker.parsing.bylines import Lead, Tail, ends_with_source, parse_lead, parse_tail
from worker.parsing.headlines import is_headline_line, is_weak_headline_line


@dataclass(frozen=True, slots=True)
class Unit:
    """A non-blank line of a page with what the parser reads in it."""

    line: int
    text: str
    indented: bool = False
    gap: int = 0  # blank lines before it
    lead: Lead | None = None
    tail: Tail | None = None
    candidate: bool = False  # may be a headline line
    weak: bool = False  # a headline line only right above a dateline (has `，` or ends `：`)
    sourced: bool = False  # ends with a source or end note: `…上年。（据新华社）`, `（完）`

    @classmethod
    def read(cls, line: int, text: str, indented: bool = False, gap: int = 0) -> Unit:
        lead = parse_lead(text)
        tail = parse_tail(text)
        # `本报记者 柏 青 摄` alone: a photo credit, not a byline.
        if lead is not None and tail is not None and tail.photo and not tail.rest:
            lead = None if not (lead.rest or lead.dateline or lead.credits.writers) else lead
        plain = lead is None and tail is None
        candidate = plain and is_headline_line(text)
        weak = plain and not candidate and is_weak_headline_line(text)
        sourced = tail is None and text[-1:] in "）)" and ends_with_source(text)
        return cls(line, text, indented, gap, lead, tail, candidate, weak, sourced)


@dataclass(frozen=True, slots=True)
class Layout:
    """How the file lays out paragraphs (spec section 2)."""

    per_line: bool = False  # paragraph-per-line: a blank line separates items
    indents: bool = False  # paragraphs start indented; unindented lines are not paragraphs
