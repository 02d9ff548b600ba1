"""Log output for the CLI and the workers: one line per unit of work, as `key=value` text or
as one JSON object a line.

Shells log through `event(log, "ingest", input=7, status="ingested", ms=84)`: the values
travel on the record as fields, the text format writes them as `event=ingest input=7
status=ingested ms=84`, and the JSON format (PAPERFEED_LOG_FORMAT=json) writes them as the
object's fields, so nothing is ever parsed back out of a message.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sys
from collections.abc import Mapping
from typing import Any, TextIO

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
# A value written bare in the text format; anything else is quoted (spaces, quotes, `=`,
# newlines, an empty value), so a file name with a space stays one value.
_BARE = re.compile(r"[^\s\"=\\]+")
FIELDS = "paperfeed_fields"  # the LogRecord attribute that carries an event's fields


def event(logger: logging.Logger, name: str, /, level: int = logging.INFO, **fields: Any) -> None:
    """Log the unit of work `name` with its fields (None values are left out)."""
    if not logger.isEnabledFor(level):
        return
    kept = {key: value for key, value in fields.items() if value is not None}
    logger.log(level, "%s", _Message(name, kept), extra={FIELDS: {"event": name, **kept}})


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


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message, and the event's fields."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in getattr(record, FIELDS, {}).items():
            data.setdefault(key, value)
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


def configure(level: str | int, fmt: str, *, stream: TextIO | None = None) -> None:
    """Send every log record to `stream` (stderr) as text or JSON; replaces earlier handlers."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # Alembic narrates every plugin it loads and its dialect at INFO, on every command that
    # checks the schema; a migration that runs ("Running upgrade …") still logs.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    logging.getLogger("alembic.runtime.migration").addFilter(_quiet_alembic)


def _quiet_alembic(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith(("Context impl", "Will assume"))
