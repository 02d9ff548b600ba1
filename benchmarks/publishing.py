"""Publishing on PostgreSQL archives of growing size: the publish after one new issue, and
the same work done the way a cron script would (every feed rebuilt from scratch)."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks import bulk, synth
from benchmarks.common import Row, median, postgres_database, show, times

TEMPLATES = 200
# 50 k rather than 100 k in the middle since the floors were added: its rebuild takes half
# the four minutes, and a span of five still shows a rebuild growing with the archive.
SIZES = (10_000, 50_000, 1_000_000)
# Archives up to this size are also rebuilt from scratch (at 1 M it would take most of an
# hour); the cost per article at the smallest and at this size shows whether a rebuild
# grows with the archive faster than the archive does.
REBUILT = 50_000


@contextmanager
def archive(articles: int, templates: list[bulk.Template]) -> Iterator[tuple[str, object, int]]:
    """A PostgreSQL archive of about `articles` articles (daily issues of 48), its settings,
    and the number of issues; the database and public folder are removed afterwards."""
    from worker.settings import load_settings
    from worker.sources import default_source

    per_issue = len(templates[0].parsed.articles)
    issues = max(1, articles // per_issue)
    with postgres_database("publish") as url, tempfile.TemporaryDirectory(prefix="pf-pub-") as tmp:
        settings = load_settings({"PAPERFEED_HOME": tmp, "DATABASE_URL": url})
        settings.ensure_dirs()
        days = list(bulk.archive_days(issues))
        plan = [(day, templates[n % len(templates)]) for n, day in enumerate(days)]
        # No search index: publishing never reads it, and indexing a million articles would
        # add minutes to the set-up (benchmarks/search_bench.py measures search).
        bulk.load_archive(
            url, plan, source=default_source(settings), feed_size=settings.feed_size, search=False
        )
        yield url, settings, issues


@dataclass(frozen=True)
class Timed:
    """One publish after a new issue, and its floor (`benchmarks.render_floor`): seconds,
    wall and CPU of this process, and what the publish wrote."""

    wall: float
    cpu: float
    floor_wall: float
    floor_cpu: float
    documents: int
    entries: int


def new_issue_then_publish(settings: object, seed: int, day: dt.date) -> Timed:
    """Ingest one sample-sized issue dated `day`, then time the publish of what it changed;
    then time feedgen and json writing the documents it wrote from memory."""
    from benchmarks import render_floor
    from worker import publishing
    from worker.db import session_scope
    from worker.ingest import ingest_bytes
    from worker.sources import default_source

    data = synth.make_issue(seed, date=day, **synth.SAMPLE_SIZED)
    with session_scope(settings.database_url) as session:  # type: ignore[attr-defined]
        ingest_bytes(
            session, data, source=default_source(settings), filename=f"new-{seed}.txt",  # type: ignore[arg-type]
            received_at=dt.datetime.now(dt.UTC), max_bytes=10**8,
        )  # fmt: skip
    with render_floor.capture() as documents:
        started, cpu = time.perf_counter(), time.process_time()
        publishing.publish_dirty(settings)  # type: ignore[arg-type]
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    prepared = render_floor.prepare(documents, settings.base_url)  # type: ignore[attr-defined]
    floor_wall, floor_cpu, _ = render_floor.render(prepared)
    entries = sum(len(fields) for _, _, fields in prepared)
    return Timed(wall, cpu, floor_wall, floor_cpu, len(documents), entries)


def publish_row(rows: list[Row], loaded: int, timed: list[Timed]) -> float:
    """Show the median publish beside its floor; return the median wall seconds."""
    wall = median([t.wall for t in timed])
    cpu = median([t.cpu for t in timed])
    floor_wall = median([t.floor_wall for t in timed])
    floor_cpu = median([t.floor_cpu for t in timed])
    documents = median([t.documents for t in timed])
    entries = median([t.entries for t in timed])
    show(
        rows,
        Row(
            f"publish after one new issue, archive of {loaded:,} articles (median of "
            f"{len(timed)}); floor: feedgen writing the same documents (Atom and RSS; "
            "json.dumps the JSON Feed) from entry values in memory, right after each publish",
            f"{wall * 1000:,.0f} ms (CPU of this process {cpu * 1000:,.0f} ms)",
            "<= 2x floor (wall)",
            wall <= 2 * floor_wall,
            floor=f"{floor_wall * 1000:,.0f} ms (CPU {floor_cpu * 1000:,.0f} ms); "
            f"{documents:.0f} documents, {entries:,.0f} entries",
            ratio=f"{times(wall / floor_wall)} (CPU {times(cpu / floor_cpu)})",
        ),
    )
    return wall


def full_rebuild(settings: object, cpu: list[float] | None = None) -> float:
    """Every feed, archive page and page written into an empty public folder; seconds.
    `cpu`, when given, gets the CPU seconds this process spent (the database server's
    are not in it): on a machine shared with other work, wall time moves with the load
    and CPU time much less."""
    from worker import publishing

    public = Path(settings.public_dir)  # type: ignore[attr-defined]
    shutil.rmtree(public, ignore_errors=True)
    public.mkdir(parents=True)
    started, cpu_started = time.perf_counter(), time.process_time()
    publishing.publish_feeds(settings, ["*"])  # type: ignore[arg-type]
    if cpu is not None:
        cpu.append(time.process_time() - cpu_started)
    return time.perf_counter() - started


def rebuild_row(rows: list[Row], settings: object, loaded: int, runs: int) -> tuple[float, float]:
    """Time `runs` full rebuilds of the archive; show their median and its cost per
    article, and return the median seconds, wall and CPU of this process."""
    cpu: list[float] = []
    rebuild = median([full_rebuild(settings, cpu) for _ in range(runs)])
    show(
        rows,
        Row(
            f"  full rebuild (every feed, archive page and page from scratch), "
            f"{loaded:,} articles (median of {runs})",
            f"{rebuild:,.1f} s, {rebuild / loaded * 1000:.2f} ms per article "
            f"(CPU of this process {median(cpu) / loaded * 1000:.2f} ms per article)",
        ),
    )
    return rebuild, median(cpu)


def growth_row(rows: list[Row], rebuilt: dict[int, tuple[float, float]]) -> None:
    """The cost per article of each larger full rebuild beside the smallest's, its floor:
    a rebuild that does not grow with the archive costs the same per article at any size."""
    if len(rebuilt) < 2:
        return
    small = min(rebuilt)
    floor_wall, floor_cpu = (rebuilt[small][n] / small * 1000 for n in (0, 1))
    for big in sorted(rebuilt)[1:]:
        wall, cpu = (rebuilt[big][n] / big * 1000 for n in (0, 1))
        show(
            rows,
            Row(
                f"  full rebuild, cost per article at {big:,} articles; floor: the same at "
                f"{small:,} articles, same run (flat)",
                f"{wall:.2f} ms (CPU of this process {cpu:.2f} ms)",
                "<= 1.2x floor",
                wall <= 1.2 * floor_wall,
                floor=f"{floor_wall:.2f} ms (CPU {floor_cpu:.2f} ms)",
                ratio=f"{wall / floor_wall:.2f}x (CPU {cpu / floor_cpu:.2f}x)",
            ),
        )


def rebuild_growth(sizes: tuple[int, ...] = (10_000, REBUILT), runs: int = 1) -> list[Row]:
    """Only the full rebuilds, at each archive size: their cost per article and its
    growth (`python -m benchmarks --only rebuild`)."""
    templates = bulk.templates(TEMPLATES, synth.DAILY)
    rows: list[Row] = []
    rebuilt: dict[int, tuple[float, float]] = {}
    for size in sizes:
        with archive(size, templates) as (url, settings, _issues):
            loaded = bulk.count_articles(url)
            rebuilt[loaded] = rebuild_row(rows, settings, loaded, runs)
    growth_row(rows, rebuilt)
    return rows


def start_row(rows: list[Row], settings: object, loaded: int, empty: object) -> None:
    """`paperfeed run` started on the published archive, until its index answers, right
    after the same start on the empty archive `empty` (the floor)."""
    from benchmarks import starting

    floor = starting.start_seconds(empty)
    start = starting.start_seconds(settings)
    show(
        rows,
        Row(
            f"  start of `paperfeed run` until its index answers, {loaded:,} articles "
            f"already published; floor: the same start on an empty archive, just before "
            f"({starting.CONDITIONS})",
            f"{start:,.2f} s",
            "<= 3 s",
            start <= 3.0,
            floor=f"{floor:,.2f} s",
            ratio=times(start / floor),
        ),
    )


def rebuild_against_incremental(
    rows: list[Row], loaded: int, rebuild: float, publish: float
) -> None:
    ratio = rebuild / publish
    show(
        rows,
        Row(
            f"  rebuilding every feed from scratch instead, {loaded:,} articles",
            f"{rebuild:,.1f} s; incremental is {ratio:,.0f}x faster",
            ">= 20x",
            ratio >= 20,
        ),
    )


def run(runs: int = 5, sizes: tuple[int, ...] = SIZES, rebuild_runs: int = 1) -> list[Row]:
    from benchmarks import starting

    templates = bulk.templates(TEMPLATES, synth.DAILY)
    rows: list[Row] = []
    medians: dict[int, float] = {}
    rebuilt: dict[int, tuple[float, float]] = {}  # articles → seconds (wall, CPU) of a rebuild
    largest_rebuilt = max((s for s in sizes if s <= REBUILT), default=None)
    with starting.empty_archive() as empty:
        for size in sizes:
            with archive(size, templates) as (url, settings, issues):
                loaded = bulk.count_articles(url)
                show(rows, Row(f"  set-up: {loaded:,} articles loaded", ""))
                # No publish of the whole archive first (at 1 M it would take most of an
                # hour), only the record of its chains the loader wrote: the first timed
                # publish writes its documents rather than finding them unchanged, which
                # costs about the same.
                last = bulk.FIRST_DAY + dt.timedelta(days=issues)
                timed = [
                    new_issue_then_publish(settings, 900_000 + n, last + dt.timedelta(days=n))
                    for n in range(runs)
                ]
                medians[size] = publish_row(rows, loaded, timed)
                start_row(rows, settings, loaded, empty)
                if size <= REBUILT:
                    rebuilt[loaded] = rebuild_row(rows, settings, loaded, rebuild_runs)
                if size == largest_rebuilt:
                    rebuild_against_incremental(rows, loaded, rebuilt[loaded][0], medians[size])
    growth_row(rows, rebuilt)
    small, big = min(sizes), max(sizes)
    if small != big:
        growth = medians[big] / medians[small]
        show(
            rows,
            Row(
                f"  publish time at {big:,} / at {small:,} articles",
                f"{growth:.2f}x",
                "<= 1.5x",
                growth <= 1.5,
            ),
        )
    return rows
