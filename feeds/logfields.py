"""Log events: a unit of work's name and its values, carried on the log record as fields.

`event(log, "ingest", input=7, file="第 1 版.txt")` logs one record whose message reads
`event=ingest input=7 file="第 1 版.txt"` and whose attribute `paperfeed_fields` holds the
values themselves, for a JSON formatter (`worker.logs`) to write as typed fields. It lives
here, beside the feed server, because that server imports nothing of the worker.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from typing import Any

FIELDS = "paperfeed_fields"  # the LogRecord attribute that carries an event's fields
# A value written bare in the text; anything else is quoted (spaces, quotes, `=`, newlines,
# an empty value), so a file name with a space or a newline stays one value on one line.
_BARE = re.compile(r"[^\s\"=\\]+")


def event(logger: logging.Logger, name: str, /, level: int = logging.INFO, **fields: Any) -> None:
    """Log the unit of work `name` with its fields (None values are left out)."""
    if not logger.isEnabledFor(level):
        return
    kept = {key: value for key, value in fields.items() if value is not None}
    logger.log(level, "%s", _Message(name, kept), extra={FIELDS: {"event": name, **kept}})


def exception(logger: logging.Logger, name: str, /, **fields: Any) -> None:
    """`event` at ERROR with the exception being handled, for use in an `except` block."""
    kept = {key: value for key, value in fields.items() if value is not None}
    logger.exception("%s", _Message(name, kept), extra={FIELDS: {"event": name, **kept}})


class _Message:
    """The text of an event, made only if a handler formats the record."""

    def __init__(self, name: str, fields: Mapping[str, Any]) -> None:
        self.name, self.fields = name, fields

    def __str__(self) -> str:
        return text_of(self.name, self.fields)


def text_of(name: str, fields: Mapping[str, Any]) -> str:
    """`event=<name>` followed by each field as `key=value`.

    >>> text_of("ingest", {"input": 7, "file": "a b.txt", "ok": True, "ms": 1.5})
    'event=ingest input=7 file="a b.txt" ok=true ms=1.5'
    >>> text_of("claim", {"file": "第1版\\n.txt"})
    'event=claim file="第1版\\\\n.txt"'
    """
    parts = [f"event={name}"]
    parts.extend(f"{key}={_text_value(value)}" for key, value in fields.items())
    return " ".join(parts)


def _text_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".")
    if isinstance(value, list | tuple):
        value = ",".join(str(item) for item in value)
    text = str(value)
    if _BARE.fullmatch(text):
        return text
    return json.dumps(text, ensure_ascii=False)  # quoted, with \n and \" escaped
