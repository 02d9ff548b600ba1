"""Search on an archive of 100,000 articles, on SQLite and on PostgreSQL: the first page of
hits (ids, then the entries shown) for a two-character word and for a person's name."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks import bulk, synth
from benchmarks.common import Row, median, postgres_database, show

TEMPLATES = 200
ARTICLES = 50_000  # 100,000 before the floors were added (BENCHMARKS.md, run time)
# A topic word of the synthetic issues (社区食堂, in about one article in eight) and a staff
# reporter's name: common words, the costly case for "newest first".
WORD = "食堂"
PERSON = synth.STAFF[0]


@contextmanager
def database(kind: str) -> Iterator[str]:
    """An empty database of `kind` (sqlite, postgresql), removed afterwards."""
    if kind == "postgresql":
        with postgres_database("search") as url:
            yield url
        return
    with tempfile.TemporaryDirectory(prefix="pf-search-") as tmp:
        yield f"sqlite:///{Path(tmp) / 'paperfeed.db'}"


def search_once(url: str, query: str) -> tuple[float, int]:
    """Seconds to find the first page of hits and load their entries; and the hits."""
    from zoneinfo import ZoneInfo

    from feeds.search_page import PAGE_SIZE
    from worker.db import get_engine
    from worker.search import find_ids, load_entries
    from worker.search_terms import parse_query

    started = time.perf_counter()
    with get_engine(url, write=False).connect() as connection:
        ids = find_ids(connection, parse_query(query), limit=PAGE_SIZE + 1)
        entries = load_entries(connection, ids[:PAGE_SIZE], ZoneInfo("Asia/Shanghai"))
    return time.perf_counter() - started, len(entries)


def run(runs: int = 21, articles: int = ARTICLES) -> list[Row]:
    from worker.sources import SourceConfig

    templates = bulk.templates(TEMPLATES, synth.DAILY)
    per_issue = len(templates[0].parsed.articles)
    days = list(bulk.archive_days(max(1, articles // per_issue)))
    plan = [(day, templates[n % len(templates)]) for n, day in enumerate(days)]
    source = SourceConfig(name="bench", kind="drop", publication="青河日报", section="要闻")
    rows: list[Row] = []
    for kind in ("sqlite", "postgresql"):
        with database(kind) as url:
            report = bulk.load_archive(url, plan, source=source)
            show(
                rows,
                Row(
                    f"  set-up: {report.articles:,} articles loaded and indexed ({kind})",
                    f"{report.seconds:,.0f} s",
                ),
            )
            for label, query in (("a two-character word", WORD), ("a person's name", PERSON)):
                search_once(url, query)  # the first run reads the pages in
                times = [search_once(url, query)[0] for _ in range(runs)]
                figure = median(times)
                show(
                    rows,
                    Row(
                        f"search {label} ({query}), first page of 20 hits, "
                        f"{report.articles:,} articles, {kind} (median of {runs})",
                        f"{figure * 1000:,.1f} ms",
                        "< 50 ms",
                        figure < 0.05,
                    ),
                )
    return rows
