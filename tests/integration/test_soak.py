"""The bounded soak of shared/spec/reliability.md: a few hundred mixed files over several
minutes while workers, Redis and PostgreSQL are killed and restarted, the disk fills up and
empties again, and files with names and kinds that once stopped a scan arrive, while a
reader keeps parsing every feed file. Run with `make soak` (PAPERFEED_SOAK_SECONDS, default
600). PAPERFEED_HOME is a tmpfs of the soak's own, so that it can be filled."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import select

from benchmarks.synth import make_issue
from tests.integration.harness import (
    Cluster,
    article_snapshot,
    fill,
    mounted,
    reference_snapshot,
)
from tests.integration.test_faults import FAST, _restart_postgres, private_redis  # noqa: F401
from worker.db import session_scope
from worker.intake import drop
from worker.models import Input

pytestmark = [pytest.mark.integration, pytest.mark.soak]
SECONDS = float(os.environ.get("PAPERFEED_SOAK_SECONDS", "600"))
LIMIT = 200_000  # PAPERFEED_MAX_BYTES for the soak: the oversize inputs exceed it


class FeedReader(threading.Thread):
    """Parses every published feed file, over and over, as a polling reader would."""

    def __init__(self, public: Path) -> None:
        super().__init__(daemon=True)
        self.public, self.stop, self.reads, self.broken = public, threading.Event(), 0, []

    def run(self) -> None:
        while not self.stop.is_set():
            for path in list((self.public / "feeds").rglob("*.*")):
                try:
                    data = path.read_bytes()
                except FileNotFoundError:
                    continue
                try:
                    if path.suffix == ".json":
                        json.loads(data)
                    elif path.suffix in {".atom", ".rss"}:
                        etree.fromstring(data)
                    self.reads += 1
                except (ValueError, etree.XMLSyntaxError) as exc:
                    self.broken.append(f"{path}: {exc}")
            time.sleep(0.2)


def _plan(rng: random.Random) -> Iterator[tuple[str, bytes, str]]:
    """An endless mix of (name, bytes, kind): mostly good issues, some of every bad kind."""
    seed = 100
    sent: list[tuple[int, bytes]] = []
    while True:
        seed += 1
        roll = rng.random()
        if roll < 0.55 or not sent:
            data = make_issue(seed, pages=2, articles_per_page=3)
            sent.append((seed, data))
            yield f"issue-{seed}.txt", data, "good"
        elif roll < 0.65:
            yield f"copy-{seed}.txt", rng.choice(sent)[1], "duplicate"
        elif roll < 0.75:
            old_seed, old = rng.choice(sent)
            fixed = old.replace("相关负责人表示".encode(), "负责人介绍".encode(), 1)
            if fixed == old:
                fixed = old + "（本报讯 更正）".encode()
            sent.append((old_seed, fixed))
            yield f"corrected-{old_seed}-{seed}.txt", fixed, "good"
        elif roll < 0.80:
            text = f"本报讯（记者王孟鹤）第{seed}号".encode("gb18030")
            yield f"truncated-{seed}.txt", text[:-1] + b"\x00\xff" * 40, "bad"
        elif roll < 0.84:
            yield f"photo-{seed}.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF" + os.urandom(800), "bad"
        elif roll < 0.88:
            yield f"blank-{seed}.txt", b" \n" * (seed % 50 + 1), "bad"  # empty, uniquely
        elif roll < 0.91:
            yield f"huge-{seed}.txt", make_issue(seed) * 40, "bad"
        else:
            data = make_issue(seed, pages=1, articles_per_page=2)
            sent.append((seed, data))
            yield f"appended-{seed}.txt", data, "appended"


FULL_SECONDS = 30.0  # how long the disk stays full
# Entries paperfeed never takes, dropped in the bad-name phase; status must list them.
LEFTOVERS = ("symlink.txt (symlink)", "upload.fifo (not a regular file)",
             "old-folder (folder)", ".DS_Store (hidden)")  # fmt: skip


def _deliver(folder: Path, name: str, data: bytes) -> None:
    """Written aside under a short name, then renamed in: the name may be too long for
    anything added to it."""
    partial = folder / f".soak-{uuid.uuid4().hex[:8]}.part"
    partial.write_bytes(data)
    partial.rename(folder / name)


def _bad_names(folder: Path, seed: int) -> list[tuple[str, bytes, str]]:
    """Good issues under names that once stopped a scan, and entries paperfeed never takes
    (aged past the time after which status reports them)."""
    long_name = f"soak-{'长' * 75}.txt"  # 234 bytes: too long for a claim's prefix
    gbk_name = os.fsdecode("卫东新闻稿".encode("gbk") + b".txt")  # as Windows FTP clients write
    files = [(long_name, make_issue(seed), "good"), (gbk_name, make_issue(seed + 1), "good")]
    for name, data, _ in files:
        _deliver(folder, name, data)
    os.mkfifo(folder / "upload.fifo")
    (folder / "old-folder").mkdir()
    (folder / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    for entry in ("symlink.txt", "upload.fifo", "old-folder", ".DS_Store"):
        past = time.time() - drop.LEFTOVER_SECONDS - 60
        os.utime(folder / entry, (past, past), follow_symlinks=False)
    return files


@pytest.mark.timeout(SECONDS + 900)
def test_soak(tmp_path: Path, postgres_url: str, private_redis: dict[str, object]) -> None:  # noqa: F811
    home = tmp_path / "home"
    with mounted(["-t", "tmpfs", "-o", "size=512m", "tmpfs"], home):
        _soak(tmp_path, home, postgres_url, private_redis)


def _soak(tmp_path: Path, home: Path, postgres_url: str, redis: dict[str, object]) -> None:
    env = {**FAST, "PAPERFEED_HOME": str(home), "DATABASE_URL": postgres_url,
           "CELERY_BROKER_URL": str(redis["url"]), "PAPERFEED_STABLE_SECONDS": "1",
           "PAPERFEED_MAX_BYTES": str(LIMIT)}  # fmt: skip
    cluster = Cluster(home, env)
    reader = FeedReader(cluster.settings.public_dir)
    reader.start()
    rng = random.Random(20200529)
    dropped: list[tuple[str, bytes, str]] = []
    events: list[str] = []
    staged: list[tuple[str, bytes, str]] = []
    staging = home / "staging"
    staging.mkdir()
    full_since: float | None = None
    freed_at: float | None = None
    arrived_full: set[str] = set()  # every input dropped up to the moment space returned
    try:
        worker = cluster.start_worker(concurrency=2)
        cluster.start_worker(concurrency=1)
        (tmp_path / "outside.txt").write_bytes(make_issue(7))
        (cluster.settings.drop_dir / "symlink.txt").symlink_to(tmp_path / "outside.txt")
        chaos = {0.25: "kill-worker", 0.35: "bad-names", 0.5: "kill-redis",
                 0.6: "disk-full", 0.75: "restart-postgres"}  # fmt: skip
        started = time.monotonic()
        plan = _plan(rng)
        while (elapsed := time.monotonic() - started) < SECONDS:
            if full_since is not None:
                # Full: nothing can be written; files staged before arrive by rename.
                for _ in range(min(len(staged), rng.randint(1, 4))):
                    name, data, kind = staged.pop()
                    (staging / name).rename(cluster.settings.drop_dir / name)
                    dropped.append((name, data, kind))
                if elapsed - full_since >= FULL_SECONDS:
                    (home / "filler").unlink()
                    full_since, freed_at = None, elapsed
                    events.append(f"{elapsed:.0f}s disk-freed")
                    arrived_full = {hashlib.sha256(d).hexdigest() for _, d, _ in dropped}
            else:
                for _ in range(rng.randint(1, 4)):
                    name, data, kind = next(plan)
                    if kind == "appended":  # written in two goes, a moment apart
                        path = cluster.settings.drop_dir / name
                        path.write_bytes(data[: len(data) // 2])
                        time.sleep(0.3)
                        with path.open("ab") as out:
                            out.write(data[len(data) // 2 :])
                    else:
                        cluster.drop(name, data)
                    dropped.append((name, data, kind))
            if freed_at is not None and arrived_full and _all_final(cluster, arrived_full):
                events.append(f"{time.monotonic() - started - freed_at:.0f}s after space"
                              " returned: all in")  # fmt: skip
                arrived_full = set()
            for at, what in list(chaos.items()):
                if elapsed >= at * SECONDS:
                    del chaos[at]
                    events.append(f"{elapsed:.0f}s {what}")
                    if what == "bad-names":
                        dropped += _bad_names(cluster.settings.drop_dir, 9001)
                    elif what == "disk-full":
                        while len(staged) < 20:
                            name, data, kind = next(plan)
                            if kind != "appended":  # it needs room for its second half
                                (staging / name).write_bytes(data)
                                staged.append((name, data, kind))
                        fill(home / "filler")
                        full_since = elapsed
                    elif what == "kill-worker":
                        cluster.kill(worker)
                        cluster.start_worker(concurrency=2)
                    elif what == "kill-redis":
                        process = redis["process"]
                        assert isinstance(process, subprocess.Popen)
                        process.kill()
                        process.wait()
                        time.sleep(1)
                        start = redis["start"]
                        assert callable(start)
                        start()
                        cluster.start_worker(concurrency=1)
                    elif shutil.which("pg_ctlcluster") and Path("/etc/postgresql").is_dir():
                        _restart_postgres()
            cluster.scan()
            time.sleep(rng.uniform(1.0, 3.0))
        if full_since is not None:  # a short soak can end while the disk is full
            (home / "filler").unlink()
            events.append("end disk-freed")
        for name, data, kind in staged:
            cluster.drop(name, data)
            dropped.append((name, data, kind))
        hashes = {hashlib.sha256(d).hexdigest() for _, d, _ in dropped}
        deadline = time.monotonic() + 300
        while not _settled(cluster, hashes):
            assert time.monotonic() < deadline, _diagnose(cluster, hashes)
            time.sleep(1)
    finally:
        reader.stop.set()
        reader.join(timeout=10)
        cluster.stop_all()
    _check(cluster, dropped, reader, tmp_path, events)


def _all_final(cluster: Cluster, hashes: set[str]) -> bool:
    """Whether every input with these hashes reached a final state and was filed."""
    with session_scope(cluster.settings.database_url, write=False) as session:
        rows = session.execute(select(Input.content_hash, Input.status, Input.filed)).all()
    final = {h for h, status, filed in rows if status != "pending" and filed}
    return hashes <= final


def _settled(cluster: Cluster, hashes: set[str]) -> bool:
    cluster.scan()
    with session_scope(cluster.settings.database_url, write=False) as session:
        rows = session.execute(select(Input.content_hash, Input.status, Input.filed)).all()
    final = {h for h, status, filed in rows if status != "pending" and filed}
    if not hashes <= final or len(final) != len(rows):
        return False
    return all(cluster.settle_checks(len(rows)).values())


def _diagnose(cluster: Cluster, hashes: set[str]) -> str:
    with session_scope(cluster.settings.database_url, write=False) as session:
        rows = session.execute(
            select(Input.original_name, Input.status, Input.filed, Input.attempts, Input.error)
        ).all()
        known = set(session.scalars(select(Input.content_hash)))
    open_rows = [row for row in rows if row[1] == "pending" or not row[2]]
    return (
        f"not settled: {len(hashes - known)} dropped inputs unknown to the ledger; open: "
        f"{open_rows[:10]}; checks: {cluster.settle_checks(len(rows))}\n{cluster.output()[-5000:]}"
    )


def _check(
    cluster: Cluster,
    dropped: list[tuple[str, bytes, str]],
    reader: FeedReader,
    tmp_path: Path,
    events: list[str],
) -> None:
    settings = cluster.settings
    with session_scope(settings.database_url, write=False) as session:
        rows = session.execute(
            select(Input.content_hash, Input.status, Input.original_name, Input.error).order_by(
                Input.finished_at, Input.id
            )
        ).all()
    by_hash = {h: (status, name, error) for h, status, name, error in rows if status != "changed"}
    bad = {name for name, _, kind in dropped if kind == "bad"}
    failed_notes = {
        p.name.removesuffix(".error.txt") for p in settings.failed_dir.glob("*.error.txt")
    }
    # failed/ holds exactly the bad inputs, each with its reason.
    assert failed_notes == bad, failed_notes ^ bad
    for name, data, kind in dropped:
        status = by_hash[hashlib.sha256(data).hexdigest()][0]
        assert status == ("failed" if kind == "bad" else "ingested"), (name, status)
    # Nothing lost: the stored articles are what synchronous ingests in the same order give.
    ingested = [(name, h) for h, status, name, _ in rows if status == "ingested"]
    files = {hashlib.sha256(d).hexdigest(): d for _, d, _ in dropped}
    expected = reference_snapshot(
        tmp_path / "reference", [(name, files[h]) for name, h in ingested], settings.source
    )
    assert article_snapshot(settings.database_url) == expected
    # No duplicate entry in any feed, and never a partial or invalid file seen by the reader.
    for path in (settings.public_dir / "feeds").rglob("*.atom"):
        ids = etree.fromstring(path.read_bytes()).findall(
            "{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}id"
        )
        assert len(ids) == len({i.text for i in ids}), path
    assert reader.broken == []
    assert not any(settings.work_dir.rglob("*--*"))
    # Every feed's chain, archive pages included, as the database says: `feeds check`.
    checked = subprocess.run(
        [sys.executable, "-m", "worker.cli", "feeds", "check"], env={**os.environ, **cluster.env},
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout[-3000:] + checked.stderr[-3000:]
    events.append(f"feeds check: {checked.stdout.strip().splitlines()[-1]}")
    # What the drop folder holds and paperfeed will never take is reported, by name.
    report = json.loads(
        subprocess.run(
            [sys.executable, "-m", "worker.cli", "status", "--json"],
            env={**os.environ, **cluster.env}, capture_output=True, text=True, timeout=120,
        ).stdout
    )  # fmt: skip
    [source] = report["sources"]
    assert set(LEFTOVERS) <= set(source["leftovers"]), source["leftovers"]
    reasons = Counter(f["reason"] for f in report["failures"])
    print(
        f"\nsoak: {SECONDS:.0f} s, {len(dropped)} files ({len(bad)} bad), "
        f"{len(ingested)} inputs ingested, {len(failed_notes)} failed with reasons "
        f"({', '.join(f'{r} {n}' for r, n in sorted(reasons.items()))}), "
        f"{len(source['leftovers'])} entries reported left in drop/, "
        f"{reader.reads} feed reads all valid; events: {', '.join(events)}"
    )
