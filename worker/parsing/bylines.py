"""Datelines, bylines and photo credits: who wrote or shot an item, and the text they cover.

The readers live by where a byline stands: `leads` (opening a line, or the whole line),
`name_lines` (a whole line of names with no role word), `tails` (closing a line), and
`byline_text` (what they share). This module is the one door.
"""

from __future__ import annotations

from worker.parsing.byline_text import Lead, Tail
from worker.parsing.credit_values import Credits
from worker.parsing.credits import parse_credits
from worker.parsing.glued_names import parse_glued_name
from worker.parsing.leads import parse_lead
from worker.parsing.name_lines import parse_name_line
from worker.parsing.names import split_names
from worker.parsing.tails import ends_with_source, parse_tail

__all__ = [
    "Credits",
    "Lead",
    "Tail",
    "ends_with_source",
    "parse_credits",
    "parse_glued_name",
    "parse_lead",
    "parse_name_line",
    "parse_tail",
    "split_names",
]
