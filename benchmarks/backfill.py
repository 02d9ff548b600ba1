"""Back-fill into SQLite: parse and store a folder of issues one transaction per file (what
`paperfeed ingest FOLDER` does), then build the feeds once at the end."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks import synth
from benchmarks.common import Row, median

ISSUES = 200  # sample-sized: 2,000 articles (300 before the floors; see BENCHMARKS.md)


def backfill_once(issues: list[bytes]) -> tuple[float, float, int]:
    """(seconds to ingest, seconds to publish, articles) into a fresh SQLite database."""
    from worker import publishing
    from worker.db import dispose_engines, session_scope, upgrade
    from worker.ingest import ingest_bytes
    from worker.settings import load_settings
    from worker.sources import default_source

    home = Path(tempfile.mkdtemp(prefix="paperfeed-bench-"))
    try:
        settings = load_settings({"PAPERFEED_HOME": str(home)})
        settings.ensure_dirs()
        upgrade(settings.database_url)
        source = default_source(settings)
        articles = 0
        started = time.perf_counter()
        for n, data in enumerate(issues):
            with session_scope(settings.database_url) as session:
                result = ingest_bytes(
                    session, data, source=source, filename=f"{n}.txt",
                    received_at=dt.datetime.now(dt.UTC), max_bytes=settings.max_bytes,
                )  # fmt: skip
            articles += result.articles
        ingested = time.perf_counter()
        publishing.publish_dirty(settings)
        published = time.perf_counter()
        return ingested - started, published - ingested, articles
    finally:
        dispose_engines()
        shutil.rmtree(home, ignore_errors=True)


def run(runs: int = 3, issues: int = ISSUES) -> list[Row]:
    data = [
        synth.make_issue(seed, date=synth.issue_date(seed), **synth.SAMPLE_SIZED)
        for seed in range(1, issues + 1)
    ]
    results = [backfill_once(data) for _ in range(runs)]
    articles = results[0][2]
    rates = [articles / (ingest + publish) for ingest, publish, _ in results]
    store = [articles / ingest for ingest, _, _ in results]
    publish = [publish for _, publish, _ in results]
    rate = median(rates)
    return [
        Row(
            f"back-fill into SQLite, parse + store + feeds once ({issues} sample-sized issues, "
            f"{articles} articles, median of {runs})",
            f"{rate:,.0f} articles/s",
            ">= 2,000 articles/s",
            rate >= 2000,
        ),
        Row("  of which parse + store alone", f"{median(store):,.0f} articles/s"),
        Row(
            "  of which the final publish (every feed, archives, pages)", f"{median(publish):.2f} s"
        ),
    ]
