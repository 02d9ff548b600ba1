"""Thousands of files dropped at once on PostgreSQL, publishes running while they are
ingested, and a reader following archive chains all along: once everything is in, every
feed's chain (current document and archive pages, in Atom, RSS and JSON Feed) holds each of
the feed's articles exactly once, as the database says. `make test` drops 200 files; the
soak (`make soak`) drops 2,000, or PAPERFEED_BURST_FILES."""

from __future__ import annotations

import os
import random
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from sqlalchemy import func, select

from benchmarks.synth import make_issue
from tests.deliveries import read_chain
from tests.integration.harness import Cluster
from worker.db import session_scope
from worker.models import Article, FeedMember
from worker.publishing.check import check_feeds, summary
from worker.publishing.documents import publish_target

pytestmark = pytest.mark.integration

SOAK_FILES = int(os.environ.get("PAPERFEED_BURST_FILES", "2000"))


@pytest.fixture
def cluster(tmp_path: Path, postgres_url: str, redis_url: str) -> Iterator[Cluster]:
    env = {
        "PAPERFEED_HOME": str(tmp_path / "home"),
        "DATABASE_URL": postgres_url,
        "CELERY_BROKER_URL": redis_url,
        "PAPERFEED_STABLE_SECONDS": "0",
        "PAPERFEED_SOURCE": "burst",
        "PAPERFEED_FEED_SIZE": "20",
        # Publishes come every few seconds while the files are ingested: each one finds
        # ingests committing while it reads.
        "PAPERFEED_PUBLISH_MAX_DELAY": "3",
        "PAPERFEED_LOG_LEVEL": "WARNING",
    }
    instance = Cluster(tmp_path / "home", env)
    try:
        yield instance
    finally:
        instance.stop_all()


class Reader(threading.Thread):
    """Follows the chains of a few feeds over and over, as a reader keeping archives would,
    while the files come in; a document that does not parse is an error."""

    def __init__(self, root: Path, base_url: str) -> None:
        super().__init__(daemon=True)
        self.root, self.base_url = root, base_url
        self.stop = threading.Event()
        self.chains = 0
        self.errors: list[str] = []

    def run(self) -> None:
        while not self.stop.is_set():
            feeds = [p for p in (self.root / "feeds").rglob("*.atom") if "archive" not in p.parts]
            for path in sorted(feeds)[:6]:
                relative = path.relative_to(self.root / "feeds").as_posix().removesuffix(".atom")
                try:
                    read_chain(self.root, self.base_url, relative)
                    self.chains += 1
                except FileNotFoundError:
                    pass  # a page of a chain written after the document linking to it was read
                except AssertionError as exc:
                    self.errors.append(str(exc)[:300])
            time.sleep(0.2)


@pytest.mark.parametrize(
    "files",
    [
        200,
        # Some 4 minutes for 2,000 files on two cores: more than pytest's 300 s default.
        pytest.param(SOAK_FILES, marks=[pytest.mark.soak, pytest.mark.timeout(1800)], id="soak"),
    ],
)
def test_thousands_of_files_at_once_leave_every_archive_chain_whole(
    cluster: Cluster, tmp_path: Path, files: int
) -> None:
    settings = cluster.settings
    cluster.start_worker(concurrency=2)
    cluster.start_worker(concurrency=2)
    seeds = list(range(1, files + 1))
    random.Random(17).shuffle(seeds)  # issues of every date in any order: back-fills too
    for seed in seeds:
        data = make_issue(seed, pages=2, articles_per_page=5, paragraphs=(1, 2))
        (settings.drop_dir / f"issue-{seed:05d}.txt").write_bytes(data)
    settings.public_dir.mkdir(parents=True, exist_ok=True)
    reader = Reader(settings.public_dir, settings.base_url)
    reader.start()
    seconds = cluster.wait_settled(files, 1500, scan_every=2.0)
    reader.stop.set()
    reader.join(30)
    assert reader.errors == []
    assert feedparser.parse((settings.public_dir / "feeds" / "all.atom").read_bytes()).bozo == 0

    with session_scope(settings.database_url, write=False) as session:
        articles = session.scalar(select(func.count()).select_from(Article)) or 0
        results = check_feeds(session, publish_target(settings), settings.base_url)
        members = session.scalar(select(func.count()).select_from(FeedMember)) or 0
    missing, duplicated, extra = summary(results)
    bad = [r for r in results if not r.ok]
    by_kind = Counter(r.key.partition(":")[0] for r in results if r.format == "atom")
    print(
        f"\n{files} files in {seconds:.0f} s: {articles} articles, {len(results) // 3} feeds "
        f"({dict(by_kind)}), {members} feed entries; chains read during the load: "
        f"{reader.chains}; after it, in 3 formats: {missing} missing, {duplicated} "
        f"duplicated, {extra} not in the feed"
    )
    assert articles == files * 10
    assert bad == [], [(r.key, r.format, r.missing[:3], r.duplicated[:3], r.problem) for r in bad]
