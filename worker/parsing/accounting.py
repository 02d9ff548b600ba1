"""The "nothing is lost" ledger: every non-space input character lands in exactly one place."""

from __future__ import annotations

from collections import Counter

from worker.parsing.lines import is_ignorable
from worker.parsing.model import ParsedIssue


def content(text: str) -> Counter[str]:
    """Multiset of the characters that count: not whitespace, not control characters."""
    return Counter(ch for ch in text if not is_ignorable(ch))


def output_parts(issue: ParsedIssue) -> list[str]:
    """Every place a parse puts input text: headline fields, paragraphs, furniture,
    unassigned and markup (front matter, page headers, bylines and credits as printed).

    Credits and the dateline are read out of markup, so they are not counted again.
    """
    parts: list[str] = []
    for article in issue.articles:
        parts += [article.kicker or "", article.headline, article.subtitle or ""]
        parts += article.paragraphs
    parts += [f.text for f in issue.furniture]
    parts += [f.text for f in issue.unassigned]
    parts += [f.text for f in issue.markup]
    return parts


def unaccounted(text: str, issue: ParsedIssue) -> tuple[Counter[str], Counter[str]]:
    """(lost, invented): input characters with no place in the parse, and the reverse.

    >>> from worker.parsing import parse_issue
    >>> text = "标题\\n\\n本报讯（记者王孟鹤）正文。"
    >>> unaccounted(text, parse_issue(text))
    (Counter(), Counter())
    """
    given = content(text)
    got: Counter[str] = Counter()
    for part in output_parts(issue):
        got.update(content(part))
    return given - got, got - given
