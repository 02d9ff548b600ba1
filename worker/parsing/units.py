"""A page's lines as units: each non-blank line with the dateline, byline or credit read in it,
and the paragraph layout of the page."""

from __future__ import annotations

from dataclasses import dataclass

from worker.parsing.bylines import Lead, Tail, parse_lead, parse_tail
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

    @classmethod
    def read(cls, line: int, text: str, indented: bool = False, gap: int = 0) -> Unit:
        lead = parse_lead(text)
        tail = parse_tail(text)
        plain = lead is None and tail is None
        candidate = plain and is_headline_line(text)
        weak = plain and not candidate and is_weak_headline_line(text)
        return cls(line, text, indented, gap, lead, tail, candidate, weak)


@dataclass(frozen=True, slots=True)
class Layout:
    """How the file lays out paragraphs (spec section 2)."""

    per_line: bool = False  # paragraph-per-line: a blank line separates items
    indents: bool = False  # paragraphs start indented; unindented lines are not paragraphs
