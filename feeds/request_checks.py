"""What the feed server decides from a request alone: the file a path names (never one outside
the public folder), its type, whether gzip is accepted, whether the client's copy is still
current, and whether the request's length is unambiguous. No sockets, no threads."""

from __future__ import annotations

import email.message
import email.utils
from pathlib import Path
from urllib.parse import unquote, urlsplit

from feeds.mediatypes import CONTENT_TYPES, DEFAULT_TYPE, content_type


def resolve_request_path(public_dir: Path, raw_path: str) -> Path | None:
    """The regular file a request path names inside ``public_dir``, or None (→ 404).

    >>> resolve_request_path(Path("/srv/public"), "/../etc/passwd") is None
    True
    """
    try:
        path = unquote(urlsplit(raw_path).path, errors="strict")
    except (UnicodeDecodeError, ValueError):
        return None
    if not path.startswith("/") or "\x00" in path or "\\" in path:
        return None
    if path.endswith("/"):
        path += "index.html"
    parts = [p for p in path.split("/") if p]
    # ".." anywhere (after decoding, so %2e%2e too) and hidden names are never served.
    if not parts or any(p.startswith(".") for p in parts):
        return None
    try:
        root = public_dir.resolve(strict=True)
        target = root.joinpath(*parts).resolve(strict=True)
    except (OSError, RuntimeError):  # missing, a symlink loop, a name too long
        return None
    # A symlink inside the public directory may point anywhere: check where it ends.
    if not target.is_relative_to(root) or not target.is_file():
        return None
    return target


def file_type(public_dir: Path, target: Path) -> str:
    """The Content-Type of ``target``, a file ``resolve_request_path`` found: by its path in
    the public folder, as publish targets that store a type have it (``feeds/*.json`` is a
    JSON Feed)."""
    try:
        return content_type(target.relative_to(public_dir.resolve()))
    except ValueError:  # not below the folder as resolved now (it moved): by suffix alone
        return CONTENT_TYPES.get(target.suffix.lower(), DEFAULT_TYPE)


def accepts_gzip(header: str | None) -> bool:
    """Whether an ``Accept-Encoding`` value allows gzip (``gzip;q=0`` does not)."""
    for item in (header or "").split(","):
        name, _, params = item.strip().partition(";")
        if name.strip().lower() not in {"gzip", "x-gzip", "*"}:
            continue
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        return q > 0
    return False


def etag_matches(header: str, etag: str) -> bool:
    """If-None-Match uses weak comparison: ``W/"x"`` matches ``"x"``; ``*`` matches all."""
    for candidate in header.split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == etag:
            return True
    return False


def not_modified_since(header: str, mtime: float) -> bool:
    """Whether an If-Modified-Since date is at or after `mtime` (whole seconds, as sent)."""
    try:
        since = email.utils.parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError):
        return False  # an unparseable date is ignored, as RFC 9110 says
    if since.tzinfo is None:
        return False
    return int(mtime) <= since.timestamp()


def framing_problem(headers: email.message.Message) -> str | None:
    """Why a request's length is ambiguous, or None when it is plain.

    RFC 9112 §6.3: a server must refuse a request with Transfer-Encoding and Content-Length
    together, or with Content-Length values that differ; a proxy and this server could each
    read a different end of the body and disagree where the next request starts. paperfeed
    takes no chunked bodies at all, and refuses repeated Content-Length even when equal.
    """
    if headers.defects:
        return "a malformed header line (a space before the colon, or a fold)"
    if any("\n" in value or "\r" in value for value in headers.values()):
        return "a folded header line"
    if headers.get_all("Transfer-Encoding"):
        return "Transfer-Encoding is not accepted; send Content-Length"
    lengths = headers.get_all("Content-Length") or []
    if len(lengths) > 1:
        return "more than one Content-Length"
    if lengths and not (lengths[0].isascii() and lengths[0].isdigit()):
        return "Content-Length is not a number"
    return None
