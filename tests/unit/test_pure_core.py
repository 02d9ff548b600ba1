"""The parser and the feed renderer are pure: importing them pulls in no database, queue or
HTTP client. Checked in a fresh interpreter, where nothing else has imported those yet."""

from __future__ import annotations

import subprocess
import sys

import pytest

FORBIDDEN = ("sqlalchemy", "celery", "kombu", "redis", "requests", "psycopg")


@pytest.mark.parametrize(
    "module",
    [
        "worker.parsing",
        "worker.parsing.filenames",
        "worker.delivery",
        "feeds.atom",
        "feeds.rss",
        "feeds.jsonfeed",
        "feeds.pages",
        "feeds.slugs",
        "feeds.model",
        "feeds.search_page",
        "worker.search_terms",
    ],
)
def test_pure_module_imports_no_io_library(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r})\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"{module} imports {out.stdout.strip()}"
