"""`python -m benchmarks` (`make bench`): every figure of BENCHMARKS.md, in one table.

    python -m benchmarks                 # everything, as in BENCHMARKS.md (12-32 min by machine)
    python -m benchmarks --quick         # smaller archives and fewer runs, to try changes
    python -m benchmarks --only publish  # one group: parse, backfill, store, cluster,
                                         # equivalence, publish, serve, search;
                                         # rebuild: the full rebuilds of publish alone

Needs PostgreSQL and Redis on localhost (PAPERFEED_BENCH_POSTGRES, PAPERFEED_BENCH_REDIS).
Figures only: nothing here passes or fails a build.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections.abc import Callable

from benchmarks.common import SHOWN, Row, machine

METHOD = (
    "Each figure is the median of the runs it names, timed with time.perf_counter in this "
    "process (the end-to-end run times from the first file dropped to the last feed "
    "published). Archives for the publish figures are written by benchmarks/bulk.py in the "
    "exact shape the ingest path stores; the new issues are ingested the normal way. "
    "Sample-sized issues: ~18 kB, 10 articles (benchmarks/synth.py SAMPLE_SIZED)."
)


def _parse() -> list[Row]:
    from benchmarks import parse_bench

    return parse_bench.run()


def _equivalence() -> list[Row]:
    from benchmarks import equivalence

    same, account = equivalence.check_equivalence()
    return [Row("bulk loader and ingest path publish the same files", account, "identical", same)]


# Groups run only when named with --only: their figures are part of another group's.
ON_REQUEST = {"rebuild"}


def groups(quick: bool) -> dict[str, Callable[[], list[Row]]]:
    from benchmarks import backfill, cluster, publishing, search_bench, serving, storing

    if quick:
        return {
            "parse": _parse,
            "backfill": lambda: backfill.run(runs=1, issues=100),
            "store": lambda: storing.run(runs=1, issues=100),
            "cluster": lambda: cluster.run(runs=1, issues=100, backfill=300),
            "equivalence": _equivalence,
            "publish": lambda: publishing.run(runs=3, sizes=(10_000, 50_000)),
            "rebuild": lambda: publishing.rebuild_growth(sizes=(1_000, 10_000)),
            "serve": lambda: serving.run(runs=1),
            "search": lambda: search_bench.run(runs=5, articles=10_000),
        }
    return {
        "parse": _parse,
        "backfill": backfill.run,
        "store": storing.run,
        "cluster": cluster.run,
        "equivalence": _equivalence,
        "publish": publishing.run,
        "rebuild": publishing.rebuild_growth,
        "serve": serving.run,
        "search": search_bench.run,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer runs")
    parser.add_argument("--only", action="append", help="run only this group (repeatable)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    print("## Machine and versions\n")
    for name, value in machine():
        print(f"- {name}: {value}")
    print(f"\n## Method\n\n{METHOD}\n")
    rows: list[Row] = []
    for name, bench in groups(args.quick).items():
        if (name not in args.only) if args.only else (name in ON_REQUEST):
            continue
        # The group before may leave gigabytes to write back (the 1 M archive dropped, say):
        # flushed here, not during the next group's figures.
        os.sync()
        began = time.perf_counter()
        try:
            found = bench()
        except Exception:  # one broken group must not hide the others' figures
            traceback.print_exc()
            found = [Row(f"{name}: failed (traceback above)", "-", "", False)]
        rows += found
        # Each group's figures as soon as it ends: a long run interrupted keeps what it had.
        for row in found:
            if row.name not in SHOWN:
                print(f"  {row.line()}", file=sys.stderr, flush=True)
        print(f"[{name}: {time.perf_counter() - began:.0f} s]", file=sys.stderr, flush=True)
    print(table(rows))
    print(f"\nTotal time: {time.perf_counter() - started:.0f} s")
    return 0


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table: each figure beside its floor of the same run.

    >>> print(table([Row("parse", "16.7 MB/s", ">= 40 MB/s", False, "255 MB/s", "15x")]))
    | figure | value | floor, same run | ratio | target | |
    |---|---|---|---|---|---|
    | parse | 16.7 MB/s | 255 MB/s | 15x | >= 40 MB/s | MISSED |
    """
    lines = ["| figure | value | floor, same run | ratio | target | |", "|---|---|---|---|---|---|"]
    lines += [
        f"| {r.name} | {r.value} | {r.floor} | {r.ratio} | {r.target} | {r.verdict} |" for r in rows
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
