"""Storing parsed issues, parse excluded, on SQLite and on PostgreSQL: each file's ingest
transaction as `paperfeed ingest FILE` runs it (the file parsed before the transaction
opens), timed alone, with the statements each issue costs."""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks import synth
from benchmarks.common import Row, median, postgres_database, times

ISSUES = 150  # sample-sized: 1,500 articles (300 before the floors; see BENCHMARKS.md)
TARGETS = {"sqlite": 4_000, "postgresql": 1_500}  # articles/s


@contextmanager
def database(kind: str) -> Iterator[str]:
    """An empty, migrated database of `kind` (sqlite, postgresql), removed afterwards."""
    from worker.db import dispose_engines, upgrade

    if kind == "postgresql":
        with postgres_database("store") as url:
            upgrade(url)
            yield url
        return
    with tempfile.TemporaryDirectory(prefix="pf-store-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'paperfeed.db'}"
        upgrade(url)
        try:
            yield url
        finally:
            dispose_engines()


def parsed_issues(issues: int) -> list[tuple[bytes, Any]]:
    """Sample-sized issues and their parses (`parse_checked`'s answers), made untimed."""
    from worker.parsing import parse_checked

    found = []
    for seed in range(1, issues + 1):
        data = synth.make_issue(seed, date=synth.issue_date(seed), **synth.SAMPLE_SIZED)
        found.append((data, parse_checked(data, f"{seed}.txt", 10**8)))
    return found


def store_once(kind: str, issues: list[tuple[bytes, Any]]) -> tuple[float, float, int, int]:
    """(seconds storing, CPU seconds of this process, articles, statements) into a fresh
    database of `kind`: one transaction per file."""
    from sqlalchemy import event

    from worker.db import get_engine, session_scope
    from worker.ingest import ingest_bytes
    from worker.settings import load_settings
    from worker.sources import default_source

    with database(kind) as url, tempfile.TemporaryDirectory(prefix="pf-store-home-") as home:
        source = default_source(load_settings({"PAPERFEED_HOME": home, "DATABASE_URL": url}))
        statements = 0

        def count(*_: object) -> None:
            nonlocal statements
            statements += 1

        engine = get_engine(url, write=True)  # the engine `session_scope` writes with
        event.listen(engine, "before_cursor_execute", count)
        articles = 0
        try:
            started, cpu_started = time.perf_counter(), time.process_time()
            for n, (data, checked) in enumerate(issues):
                with session_scope(url) as session:
                    result = ingest_bytes(
                        session, data, source=source, filename=f"{n}.txt",
                        received_at=dt.datetime.now(dt.UTC), max_bytes=10**8, checked=checked,
                    )  # fmt: skip
                articles += result.articles
            seconds = time.perf_counter() - started
            cpu = time.process_time() - cpu_started
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return seconds, cpu, articles, statements


def run(runs: int = 3, issues: int = ISSUES) -> list[Row]:
    """Each database's store rate beside its floors (`benchmarks.store_floor`), runs of
    the figure and of the floors alternating, each into a fresh database."""
    from benchmarks import store_floor

    data = parsed_issues(issues)
    rows = []
    for kind in ("sqlite", "postgresql"):
        results, core, raw = [], [], []
        for _ in range(runs):
            results.append(store_once(kind, data))
            floors = store_floor.floors(kind, data)
            core.append(floors[0])
            raw.append(floors[1])
        _, _, articles, statements = results[0]
        rate = median([articles / seconds for seconds, _, _, _ in results])
        # SQLite runs in this process: its CPU rate is what an idle machine would give.
        # PostgreSQL's server works in processes of its own, not counted here.
        cpu_rate = median([articles / cpu for _, cpu, _, _ in results])
        target = TARGETS[kind]
        driver = "sqlite3 executemany" if kind == "sqlite" else "psycopg COPY"
        rows.append(
            Row(
                f"store parsed issues into {kind}, parse excluded, one transaction per file "
                f"({issues} sample-sized issues, {articles} articles, median of {runs}); "
                f"floors: the same files' rows (issues, editions, parts, articles, new "
                f"sections and people, credits, feed entries; no search index, counters or "
                f"marks) by SQLAlchemy Core bulk inserts and by {driver}, one transaction "
                "per file, alternating with the figure's runs",
                f"{rate:,.0f} articles/s ({cpu_rate:,.0f} per CPU second of this process); "
                f"{statements / issues:.1f} statements per issue",
                f">= {target:,} articles/s, >= 50% of Core",
                rate >= target and rate >= median(core) / 2,
                floor=f"Core {median(core):,.0f}; {driver} {median(raw):,.0f} articles/s",
                ratio=f"{times(median(core) / rate)} / {times(median(raw) / rate)}",
            )
        )
    return rows
