"""The Content-Type of each published file, by suffix: one table for the feed server and
for publish targets that store a type with the object (S3)."""

from __future__ import annotations

from pathlib import PurePath, PurePosixPath

# JSON Feed 1.1's own type (jsonfeed.org/version/1.1, "MIME type"): readers that sniff by
# type tell a feed from any JSON by it. Every JSON file under feeds/ is a JSON Feed.
JSON_FEED_TYPE = "application/feed+json"

CONTENT_TYPES: dict[str, str] = {
    ".atom": "application/atom+xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",  # JSON is UTF-8 by definition (RFC 8259): no charset
    ".opml": "text/x-opml; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".xsl": "application/xslt+xml; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
}
DEFAULT_TYPE = "application/octet-stream"


def content_type(path: str | PurePath) -> str:
    """The type of the published file at ``path``, relative to the public folder:
    ``content_type("feeds/all.atom")`` → ``application/atom+xml; charset=utf-8``,
    ``content_type("feeds/all.json")`` → ``application/feed+json``."""
    relative = PurePosixPath(path) if isinstance(path, str) else path
    suffix = relative.suffix.lower()
    if suffix == ".json" and relative.parts[:1] == ("feeds",):
        return JSON_FEED_TYPE
    return CONTENT_TYPES.get(suffix, DEFAULT_TYPE)
