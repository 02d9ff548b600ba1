"""Error types of the issue-text parser; messages say what is wrong and what to do."""

from __future__ import annotations


class ParseError(Exception):
    """The input cannot be read as issue text at all."""


class UndecodableError(ParseError):
    """The bytes are not text in any encoding an issue file arrives in."""
