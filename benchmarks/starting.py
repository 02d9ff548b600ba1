"""`paperfeed run` from its start until its index page answers: on an archive whose
documents are published (the figure), and on an empty archive (the floor: what a start
costs whatever the archive holds)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks import cluster
from benchmarks.common import postgres_database

CONDITIONS = (
    "a new process, embedded broker, 2 worker processes, PostgreSQL; from the spawn to the "
    "first 200 of / polled every 20 ms; the worker processes start after the index answers"
)


def start_seconds(settings: object) -> float:
    """Seconds from spawning `paperfeed run` on `settings`' home and database, whose public
    folder holds a full publish, until `/` answers 200; the run is stopped afterwards.

    The run gets the settings the documents show (its base URL above all, which would
    otherwise follow its port) so its start finds them published (`runner.prepare`)."""
    from worker.publishing import output
    from worker.settings import load_settings

    port = cluster.free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in cluster.SERVICE_VARIABLES},
        "PAPERFEED_HOME": str(settings.home),  # type: ignore[attr-defined]
        "DATABASE_URL": settings.database_url,  # type: ignore[attr-defined]
        "PAPERFEED_BASE_URL": settings.base_url,  # type: ignore[attr-defined]
        "PAPERFEED_PORT": str(port),
        "PAPERFEED_WORKERS": "2",
        "PAPERFEED_LOG_LEVEL": "WARNING",
    }
    if output.fingerprint(load_settings(env)) != output.fingerprint(settings):  # type: ignore[arg-type]
        raise RuntimeError("the run would not find its documents published: settings differ")
    output.record(settings)  # type: ignore[arg-type]  # as the last full publish leaves it
    log = Path(settings.home) / "start.log"  # type: ignore[attr-defined]
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "worker.cli", "run"], env=env, cwd=cluster.ROOT,
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        deadline = started + 300
        while not cluster.index_up(port):
            if process.poll() is not None or time.perf_counter() > deadline:
                tail = log.read_text("utf-8", errors="replace")[-3000:]
                raise RuntimeError(f"`paperfeed run` did not answer:\n{tail}")
            time.sleep(0.02)
        return time.perf_counter() - started
    finally:
        cluster.stop_run(process)


@contextmanager
def empty_archive() -> Iterator[object]:
    """The settings of a fresh PostgreSQL database with no articles, published once, for
    the floor's starts. One start on it is made first and not counted: the first start
    after the benchmark's other work reads its modules from disk, and would make the floor
    look slower than the starts timed after it."""
    from worker import publishing
    from worker.db import upgrade
    from worker.settings import load_settings

    with postgres_database("start") as url, tempfile.TemporaryDirectory(prefix="pf-start-") as tmp:
        settings = load_settings({"PAPERFEED_HOME": tmp, "DATABASE_URL": url})
        settings.ensure_dirs()
        upgrade(url)
        publishing.publish_feeds(settings, ["*"])
        start_seconds(settings)
        yield settings
