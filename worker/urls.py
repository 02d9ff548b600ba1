"""The URL rule of URL sources, and URLs as they may be shown: no module here does I/O.

`worker.intake.fetch` applies the rule at every hop; the sources file is checked against it at
start; anything that stores, logs or shows a URL blanks its credentials with `redact`.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})


def allowed_url(url: str, allow_private: bool) -> bool:
    """The URL rule of `check_url`, as a yes or no (the sources file checks it too)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a port such as ":99999" or ":x"
    except ValueError:
        return False
    if not host:
        return False
    loopback = parts.scheme == "http" and host in LOOPBACK_HOSTS and allow_private
    return parts.scheme == "https" or loopback


def redact(text: str) -> str:
    """A URL with the user name and password in it blanked out, for anything shown or stored.

    >>> redact("https://ed:s3cret@paper.example/a01.txt")
    'https://***@paper.example/a01.txt'
    >>> redact("https://paper.example/a01.txt")
    'https://paper.example/a01.txt'
    """
    try:
        parts = urlsplit(text)
    except ValueError:
        return text
    if "@" not in parts.netloc:
        return text
    return urlunsplit(parts._replace(netloc="***@" + parts.netloc.rpartition("@")[2]))
