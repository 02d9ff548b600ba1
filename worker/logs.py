"""Log output for the CLI and the workers: one line per unit of work, as `key=value` text or
as one JSON object a line.

Shells log through `event(log, "ingest", input=7, status="ingested", ms=84)`
(`feeds.logfields`): the values travel on the record as fields, the text format writes them
as `event=ingest input=7 status=ingested ms=84`, quoting any value with a space, a quote or
a newline, and the JSON format (PAPERFEED_LOG_FORMAT=json) writes them as the object's
fields, so nothing is ever parsed back out of a message.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from typing import TextIO

from feeds.logfields import FIELDS as FIELDS
from feeds.logfields import event as event
from feeds.logfields import text_of as text_of

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


class TextFormatter(logging.Formatter):
    """`time level logger message`, one record a line. An event's values come quoted
    (`feeds.logfields`); a newline in any other message (Alembic logs each migration's
    docstring, "Running upgrade 0003 -> 0004, Feed sizes kept …\\nissue costs …") is written
    as `\\n`. A traceback keeps its own lines, below."""

    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)

    def formatMessage(self, record: logging.LogRecord) -> str:
        return super().formatMessage(record).replace("\n", "\\n")


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
            # A field named like one of the keys above keeps its value under `key_`.
            data[key if key not in data else f"{key}_"] = value
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            data["stack"] = self.formatStack(record.stack_info)
        return json.dumps(data, ensure_ascii=False, default=str)


def configure(level: str | int, fmt: str, *, stream: TextIO | None = None) -> None:
    """Send every log record to `stream` (stderr) as text or JSON; replaces earlier handlers."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
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
