"""The error type of the feeds package."""

from __future__ import annotations


class FeedError(Exception):
    """A feed could not be rendered or published; the message says which feed and why."""
