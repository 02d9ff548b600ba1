"""The feed renderer is pure: importing it pulls in no database, queue or HTTP client."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[3]

FORBIDDEN = ("sqlalchemy", "celery", "kombu", "redis", "requests", "urllib3", "http.client")


def test_renderers_import_no_io_libraries() -> None:
    code = (
        "import sys, feeds.atom, feeds.rss, feeds.pages, feeds.slugs, feeds.content,"
        " feeds.jsonfeed, feeds.article_page, feeds.feed_page, feeds.layout, feeds.urls,"
        " feeds.opml\n"
        f"print(','.join(m for m in {FORBIDDEN!r} if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PROJECT_ROOT
    )
    assert result.stdout.strip() == ""
