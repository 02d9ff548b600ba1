"""The units of work, as plain functions: scan the drop folder, ingest a claimed file, publish.

Celery tasks (`worker.tasks`) and the synchronous CLI paths both call these; each logs one
`key=value` line per unit of work.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from feeds.publish import PublishReport
from worker import drop
from worker.db import session_scope
from worker.ingest import IngestResult, SourceDefaults, ingest_bytes
from worker.publish import publish
from worker.settings import Settings

log = logging.getLogger("paperfeed.jobs")


@dataclass(frozen=True)
class ScanResult:
    claimed: tuple[str, ...]  # claimed file names in the work folder, newly claimed
    retried: tuple[str, ...]  # stale claims handed out again


def source_defaults(settings: Settings) -> SourceDefaults:
    return SourceDefaults(
        name=settings.source,
        publication=settings.publication,
        section=settings.section,
        timezone=settings.timezone,
    )


def scan(settings: Settings, enqueue: Callable[[str], None]) -> ScanResult:
    """Claim every ready file in the drop folder and hand each claim to `enqueue`.

    Also re-enqueues claims whose lease expired (a lost message or a dead worker), so running
    two scans at once, or a scan twice, is harmless: a file is claimed by one rename only.
    """
    started = time.monotonic()
    now = dt.datetime.now(dt.UTC)
    claimed = []
    for path in drop.ready_files(settings.drop_dir, stable_seconds=settings.stable_seconds):
        found = drop.claim(path, settings.work_dir, now=now)
        if found is not None:
            claimed.append(found.path.name)
            enqueue(found.path.name)
    retried = []
    for stale in drop.stale_claims(
        settings.work_dir, lease_seconds=settings.lease_seconds, now=now
    ):
        if stale.path.name not in claimed:
            retried.append(stale.path.name)
            enqueue(stale.path.name)
    if claimed or retried:
        log.info(
            "event=scan claimed=%d retried=%d ms=%d",
            len(claimed),
            len(retried),
            (time.monotonic() - started) * 1000,
        )
    return ScanResult(tuple(claimed), tuple(retried))


def ingest_claim(settings: Settings, name: str) -> IngestResult | None:
    """Ingest one claimed file and file it away; None if it is already gone (done elsewhere)."""
    started = time.monotonic()
    path = drop.claimed_file(settings.work_dir, name)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        log.info("event=ingest claim=%s status=gone", name)
        return None
    found = drop.parse_claim(path)
    result = _ingest_with_retry(settings, data, found.original_name, found.claimed_at)
    try:
        if result.status == "failed":
            drop.fail(found, settings.failed_dir, result.error or "unknown error")
        else:
            day = found.claimed_at.astimezone(settings.tz).date()
            drop.archive(found, settings.archive_dir, day)
    except FileNotFoundError:
        pass  # a second delivery of this claim filed it first; the database has it once
    log.info(
        "event=ingest file=%s status=%s issue=%s articles=%d warnings=%d hash=%s ms=%d%s",
        found.original_name,
        result.status,
        result.issue_id,
        result.articles,
        result.warnings,
        result.content_hash[:12],
        (time.monotonic() - started) * 1000,
        f' error="{result.error}"' if result.status == "failed" else "",
    )
    return result


def ingest_path(settings: Settings, path: Path) -> IngestResult:
    """Ingest a file where it lies (the `paperfeed ingest` command); the file is not moved."""
    data = path.read_bytes()
    result = _ingest_with_retry(settings, data, path.name, dt.datetime.now(dt.UTC))
    log.info(
        "event=ingest file=%s status=%s issue=%s articles=%d",
        path,
        result.status,
        result.issue_id,
        result.articles,
    )
    return result


def _ingest_with_retry(
    settings: Settings, data: bytes, filename: str, received_at: dt.datetime
) -> IngestResult:
    # Two workers can ingest the same bytes at once (a duplicate delivery). The loser's
    # commit hits the unique content hash; run again and it sees the winner's issue.
    for attempt in range(3):
        try:
            with session_scope(settings.database_url) as session:
                return ingest_bytes(
                    session,
                    data,
                    source=source_defaults(settings),
                    filename=filename,
                    received_at=received_at,
                    max_bytes=settings.max_bytes,
                )
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def publish_feeds(settings: Settings, keys: Iterable[str]) -> PublishReport:
    """Rebuild the named feeds and the index."""
    started = time.monotonic()
    keys = sorted(set(keys))
    with session_scope(settings.database_url, write=False) as session:
        report = publish(session, settings, keys)
    log.info(
        "event=publish feeds=%d written=%d unchanged=%d ms=%d",
        len(keys),
        len(report.written),
        len(report.unchanged),
        (time.monotonic() - started) * 1000,
    )
    return report
