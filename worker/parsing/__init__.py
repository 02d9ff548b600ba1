"""paperfeed's issue-text parser: bytes or text of a newspaper issue in, a ParsedIssue out.

Pure: no database, queue, network or logging; stdlib and charset-normalizer only.
"""

from __future__ import annotations

from worker.parsing.decode import decode_issue
from worker.parsing.errors import ParseError, UndecodableError
from worker.parsing.issue import parse_issue as _parse_issue
from worker.parsing.model import (
    Fragment,
    Page,
    ParsedArticle,
    ParsedIssue,
    ParseWarning,
)
from worker.parsing.render import render_text

# Bump PARSER_VERSION whenever the same input can parse differently (an article split,
# a credit or paragraph changed), so stored issues know to re-parse. Do not bump for
# refactors, new warnings or faster code that give the same ParsedIssue.
PARSER_VERSION = "28"

__all__ = [
    "PARSER_VERSION",
    "Fragment",
    "Page",
    "ParseError",
    "ParseWarning",
    "ParsedArticle",
    "ParsedIssue",
    "UndecodableError",
    "decode_issue",
    "parse_bytes",
    "parse_checked",
    "parse_issue",
    "render_text",
]


def parse_issue(
    text: str,
    *,
    filename: str | None = None,
    encoding: str | None = None,
    default_section: str | None = None,
) -> ParsedIssue:
    """Parse decoded issue text; never raises on any str.

    >>> issue = parse_issue("标题\\n\\n本报讯（记者王孟鹤）正文。")
    >>> issue.articles[0].headline, issue.articles[0].reporters
    ('标题', ('王孟鹤',))
    """
    return _parse_issue(
        text,
        filename=filename,
        encoding=encoding,
        default_section=default_section,
        parser_version=PARSER_VERSION,
    )


def parse_bytes(
    data: bytes, *, filename: str | None = None, default_section: str | None = None
) -> ParsedIssue:
    """Decode and parse issue bytes; raises UndecodableError for non-text input."""
    text, encoding = decode_issue(data)
    return parse_issue(text, filename=filename, encoding=encoding, default_section=default_section)


def parse_checked(
    data: bytes, filename: str | None, max_bytes: int, *, size: int | None = None
) -> tuple[str | None, ParsedIssue | None]:
    """Parse, or say in one sentence why this input cannot become articles."""
    if len(data) > max_bytes:
        return (
            f"file is {size or len(data):,} bytes, over the limit of {max_bytes:,} "
            "(PAPERFEED_MAX_BYTES)",
            None,
        )
    if not data.strip():
        return "empty file: no issue text", None
    try:
        parsed = parse_bytes(data, filename=filename)
    except ParseError as exc:
        return str(exc), None
    if not parsed.articles:
        return "no articles found: no headline followed by text was recognised", None
    return None, parsed
