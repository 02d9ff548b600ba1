"""Log output for the CLI and the workers: `key=value` text lines, or one JSON object a line.

Every shell logs one line per unit of work as `event=ingest input=7 status=ingested ms=84`;
with PAPERFEED_LOG_FORMAT=json those pairs become fields of a JSON object, so a log shipper
needs no parsing rules.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sys
from typing import TextIO

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
# key=value, key="quoted value with spaces", as the jobs write them.
PAIR = re.compile(r'(?:^|\s)([a-z_][a-z0-9_]*)=("(?:[^"\\]|\\.)*"|\S*)')


def pairs(message: str) -> dict[str, str]:
    """The `key=value` pairs of a log message, quotes removed.

    >>> pairs('event=ingest input=7 error="no articles found"')
    {'event': 'ingest', 'input': '7', 'error': 'no articles found'}
    """
    found: dict[str, str] = {}
    for key, value in PAIR.findall(message):
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1].replace('\\"', '"')
        found.setdefault(key, value)
    return found


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message, and its key=value pairs."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        data: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": message,
        }
        for key, value in pairs(message).items():
            data.setdefault(key, value)
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False)


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
