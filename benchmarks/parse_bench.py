"""Parser benchmark: throughput on the shared sample, on a 10 MB issue, and peak memory.

`python benchmarks/parse_bench.py` prints one `name: value` line per figure; `run()` returns
the same rows for `make bench`. Figures only: nothing here asserts a time.
"""

from __future__ import annotations

import gc
import hashlib
import re
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks.common import Row, times  # noqa: E402
from worker.parsing import decode_issue, parse_bytes  # noqa: E402

MB = 1_000_000
RUNS = 15
FIXTURES = ROOT / "tests" / "fixtures" / "issues"
EXAMPLE = ROOT / "examples" / "2026-11-20-qinghe-daily.txt"
_FRONT_MATTER = re.compile(r"\A\s*---\n.*?\n---\n", re.S)
_MONTH = re.compile(r"(?<![0-9])1[01]月")


def sample_path() -> Path:
    """The shared sample (../shared or /work/shared), else the demo issue in examples/."""
    for shared in (ROOT.parent / "shared", Path("/work/shared")):
        sample = shared / "samples" / "weidong-page.txt"
        if sample.is_file():
            return sample
    return EXAMPLE


def synthetic_issue(size: int) -> bytes:
    """At least `size` bytes of UTF-8 issue text: fixture pages repeated, each copy varied.

    Each copy gets its own page header and month, so no two pages are the same text.
    """
    texts = [_FRONT_MATTER.sub("", decode_issue(p.read_bytes())[0]) for p in _sources()]
    texts = [t.replace("\r\n", "\n").replace("\r", "\n") for t in texts]
    parts: list[str] = []
    total = copy = 0
    while total < size:
        text = texts[copy % len(texts)]
        month = f"{copy % 12 + 1}月"
        page = f"第{copy % 99 + 1:02d}版：第{copy}页\n\n{_MONTH.sub(month, text)}\n\n\n"
        parts.append(page)
        total += len(page.encode("utf-8"))
        copy += 1
    return "".join(parts).encode("utf-8")


def _sources() -> list[Path]:
    paths = [*sorted(FIXTURES.glob("*.txt")), EXAMPLE]
    sample = sample_path()
    return [*paths, sample] if sample != EXAMPLE else paths


def throughput(data: bytes, runs: int, work: Callable[[bytes], object] = parse_bytes) -> float:
    """Median MB/s of `runs` calls of `work` (a parse, decode included) on `data`, after
    one warm-up.

    What the process held before is left out of garbage collection while this runs, as a
    worker leaves what it loaded at start (`worker.tasks._prepare_pool`): in `make bench`
    that is every other group's modules, a quarter of a million objects, and walking them
    in the collection between runs leaves each parse a cold CPU cache (the 18 kB sample
    measured 10-11 MB/s that way, 15 without).
    """
    work(data)
    gc.collect()
    gc.freeze()
    try:
        times = []
        for _ in range(runs):
            gc.collect()
            start = time.perf_counter()
            work(data)
            times.append(time.perf_counter() - start)
    finally:
        gc.unfreeze()
    return len(data) / statistics.median(times) / MB


# A blank line, as the parser sees one: spaces, tabs and ideographic spaces only.
_BLANK_LINE = re.compile(r"\n[ \t\u3000]*\n")


def split_floor(data: bytes) -> int:
    """The floor under a parse: the same decode (`decode_issue`, with its checks), the text
    cut into paragraphs at blank lines, and a SHA-256 of the bytes (the ingest's content
    hash). Returns the paragraphs found, so nothing is optimised away."""
    text, _ = decode_issue(data)
    paragraphs = _BLANK_LINE.split(text.replace("\r\n", "\n"))
    hashlib.sha256(data).digest()
    return len(paragraphs)


def peak_memory_multiple(data: bytes) -> float:
    """Peak memory traced while parsing `data`, divided by its size in bytes."""
    gc.collect()
    tracemalloc.start()
    try:
        issue = parse_bytes(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del issue
    return peak / len(data)


# Lines of an adversarial issue: no blank line anywhere, datelines over and over, short
# fragments without a sentence end (each would join onto the one before), credits.
_ADVERSARIAL_LINES = (
    "又讯（记者王孟鹤）对今年各项{n}",
    "工作的部署{n}，",
    "本报讯 卫东区委统战部{n}",
    "副部长、工商联{n}，",
    "新华社北京5月28日电 工行平顶山支{n}",
    "行工作人员{n}，",
)


def adversarial_issue(size: int) -> bytes:
    """At least `size` bytes of short lines, repeated datelines and no blank line.

    The shape that made paragraph joining quadratic: a headline, then line after line that
    neither ends a sentence nor opens an article (a dateline with no headline above it stays
    in the article above), so the whole file is one article of millions of pieces.
    """
    lines = _ADVERSARIAL_LINES * 17
    block = "\n".join(line.format(n=n % 97) for n, line in enumerate(lines))
    body = (block + "\n").encode("utf-8")
    head = "卫东区召开工作会议\n本报讯（记者王孟鹤）\n".encode()
    return head + body * (size // len(body) + 1)


def parse_seconds(data: bytes) -> float:
    """Wall time of one parse of `data`, with garbage collection frozen as in `throughput`."""
    gc.collect()
    gc.freeze()
    try:
        start = time.perf_counter()
        parse_bytes(data)
        return time.perf_counter() - start
    finally:
        gc.unfreeze()


def repeated(data: bytes, size: int) -> bytes:
    """At least `size` bytes: `data` page after page, three blank lines between them."""
    page = data.rstrip() + b"\n\n\n\n"
    return page * (size // len(page) + 1)


# Sizes of the adversarial issue and of the issues parsed under tracemalloc: 10 MB each
# (20 MB before: these three parses were over a minute of the run). A quadratic parse shows
# at 10 MB as plainly, and the memory multiple does not depend on the size.
HOSTILE = TRACED = 10 * MB
# The issue's targets: MB/s, and the most times the floor a parse may cost.
TARGETS = {"sample": (40, 6.0), "real": (40, 6.0), "fixture": (20, None)}


def rate_row(name: str, data: bytes, runs: int, kind: str) -> Row:
    """The parse throughput of `data` beside its floor (`split_floor`), both timed here."""
    rate = throughput(data, runs)
    floor = throughput(data, runs, split_floor)
    least, most = TARGETS[kind]
    target = f">= {least} MB/s" + (f", <= {most:g}x floor" if most else "")
    met = rate >= least and (most is None or floor / rate <= most)
    return Row(
        name, f"{rate:.1f} MB/s", target, met, floor=f"{floor:.0f} MB/s", ratio=times(floor / rate)
    )


def run() -> list[Row]:
    """Every figure: throughput beside its floor (decode, paragraph split and SHA-256 of the
    same bytes, timed the same way in this process), the adversarial parse, peak memory."""
    sample = sample_path()
    data = sample.read_bytes()
    rows = [
        rate_row(
            f"parse, one core: sample throughput ({sample.name}, {len(data) / 1000:.0f} kB, "
            f"median of {RUNS})",
            data, RUNS, "sample",
        ),
    ]  # fmt: skip
    real = repeated(data, 10 * MB)
    name = f"parse: 10 MB issue of real pages ({sample.name} repeated, {len(real) / MB:.1f} MB"
    rows.append(rate_row(f"{name}, median of 3)", real, 3, "real"))
    del real
    big = synthetic_issue(10 * MB)
    name = f"parse: 10 MB issue of fixture pages ({len(big) / MB:.1f} MB, median of 3)"
    rows.append(rate_row(name, big, 3, "fixture"))
    del big
    hostile = adversarial_issue(HOSTILE)
    rows.append(
        Row(
            f"parse: parse time of a {len(hostile) / MB:.1f} MB adversarial issue "
            "(short lines, repeated datelines, no blank line; one run)",
            f"{parse_seconds(hostile):.1f} s",
        )
    )
    del hostile
    # Real pages run to long paragraphs; the fixtures are dense with short items (one
    # article per ~450 bytes), where the parse itself is over three times the input.
    for label, issue in (
        (f"{sample.name} pages", repeated(data, TRACED)),
        ("fixture pages", synthetic_issue(TRACED)),
    ):
        multiple = peak_memory_multiple(issue)
        name = f"parse: peak memory parsing a {len(issue) / MB:.1f} MB issue ({label})"
        rows.append(Row(name, f"{multiple:.2f}x its size", "<= 3x", multiple <= 3))
    return rows


if __name__ == "__main__":
    for row in run():
        floor = f" (floor {row.floor}, {row.ratio})" if row.floor else ""
        print(f"{row.name}: {row.value}{floor}")
