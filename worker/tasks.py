"""Celery tasks: thin shells that take names and keys, call `worker.jobs`, and enqueue what's next.

Messages carry JSON primitives only (claimed file names, feed keys), never paths or objects.
"""

from __future__ import annotations

import logging
from typing import Any

from celery.signals import worker_process_init, worker_ready

from worker import jobs
from worker.celery_app import app
from worker.settings import load_settings

log = logging.getLogger("paperfeed.tasks")
settings = load_settings()


@worker_ready.connect
def _prepare(**_: Any) -> None:
    settings.ensure_dirs()


@worker_process_init.connect
def _fresh_connections(**_: Any) -> None:
    # A forked pool child must not reuse the parent's database connections.
    from worker.db import dispose_engines

    dispose_engines(close=False)


@app.task(name="paperfeed.scan", ignore_result=True)
def scan() -> int:
    """Claim ready files in the drop folder and enqueue one ingest per file."""
    settings.ensure_dirs()
    result = jobs.scan(settings, lambda name: ingest_file.delay(name))
    return len(result.claimed) + len(result.retried)


@app.task(name="paperfeed.ingest_file", ignore_result=True)
def ingest_file(name: str) -> str | None:
    """Ingest one claimed file; then queue the rebuild of the feeds it touched."""
    result = jobs.ingest_claim(settings, name)
    if result is None:
        return None
    if result.feeds:
        # Sent only after the ingest transaction committed (ingest_claim returns after it).
        publish.delay(list(result.feeds))
    return result.status


@app.task(name="paperfeed.publish", ignore_result=True)
def publish(keys: list[str]) -> int:
    """Rebuild the feeds named by `keys` and the index page."""
    report = jobs.publish_feeds(settings, keys)
    return len(report.written)
