"""Polling URL sources: whether one is due, and a poll that fetches today's issue URL (and the
look-back days') with the validators of the last answer, new bytes becoming claims."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterator
from logging import WARNING
from pathlib import Path

from sqlalchemy import select

from worker.db import session_scope
from worker.intake import drop
from worker.intake.source_scan import scan_source
from worker.logs import event
from worker.models import Source
from worker.settings import Settings
from worker.sources import SourceConfig
from worker.urls import redact


def poll_url(
    settings: Settings, source: SourceConfig, found: list[int], *, force: bool = False
) -> int | None:
    """Fetch today's issue URL (and the look-back days') with conditional GET; new bytes
    become claims in the work folder and inputs in the ledger, like a dropped file.

    Every fetch of one poll shares URL_POLL_SECONDS, so the poll ends well inside its
    task's time limit and the source's scan lease."""
    from worker.intake import fetch as fetching

    template = source.url
    assert template is not None
    now = _now()

    def claims(
        source_id: int, work: Path, _leftovers: list[drop.Leftover]
    ) -> Iterator[tuple[drop.Claim, str | None]]:
        today = now.astimezone(source.tz).date()
        urls = fetching.issue_urls(template, today=today, lookback_days=source.lookback_days)
        deadline = time.monotonic() + URL_POLL_SECONDS
        for number, (day, url) in enumerate(urls):
            left = deadline - time.monotonic()
            if left < 1:
                event(log, "fetch", WARNING, source=source.name, status="out_of_time")
                break
            share = min(fetching.DEADLINE, left / (len(urls) - number))
            data = _fetch_remembered(settings, source, source_id, url, now, deadline=share)
            if data is not None:
                shown = redact(url)
                name = f"{day.isoformat()}-{shown.rstrip('/').rsplit('/', 1)[-1] or 'issue.txt'}"
                yield drop.write_claim(work, name, data, now=now), shown

    return scan_source(settings, source, claims, found, force=force)


# All the fetches of one URL source's poll (today and its look-back days), together: the
# poll task's soft time limit is above it, and the source's scan lease (URL_SCAN_LEASE) too.
URL_POLL_SECONDS = 90.0


def url_source_due(settings: Settings, source: SourceConfig, now: dt.datetime) -> bool:
    """Whether a URL source should be polled now: its interval has passed since the last
    poll, nobody polls it right now, and nobody switched it off. Read only: the poll
    itself takes the lease."""
    with session_scope(settings.database_url, write=False) as session:
        row = session.execute(select(Source).where(Source.name == source.name)).scalar_one_or_none()
        if row is None:
            return True
        if row.enabled is False or (row.scan_lock_until is not None and row.scan_lock_until > now):
            return False
        last = row.last_scan_at
        return last is None or (now - last).total_seconds() >= source.poll_interval * 0.9


def _fetch_remembered(
    settings: Settings,
    source: SourceConfig,
    source_id: int,
    url: str,
    now: dt.datetime,
    *,
    deadline: float,
) -> bytes | None:
    """Fetch `url` with the validators its last answer gave; new bytes, or None. The URL is
    stored and logged with any credentials in it blanked out."""
    from worker.intake import fetch as fetching
    from worker.models import FetchState

    shown = redact(url)
    with session_scope(settings.database_url, write=False) as session:
        row = session.get(FetchState, shown)
        state = fetching.FetchState(row.etag, row.last_modified) if row else None
    fetched = fetching.fetch(
        url, state=state, max_bytes=settings.max_bytes, deadline=deadline,
        allow_private=source.allow_private, auth=source.auth,
    )  # fmt: skip
    with session_scope(settings.database_url) as session:
        stored = session.get(FetchState, shown) or FetchState(url=shown, source_id=source_id)
        stored.etag, stored.last_modified = fetched.state.etag, fetched.state.last_modified
        stored.status, stored.error, stored.checked_at = fetched.status, fetched.error, now
        session.add(stored)
    if fetched.status == "error":
        event(log, "fetch", WARNING, source=source.name, url=shown, error=fetched.error)
    return fetched.data if fetched.status == "new" else None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


log = logging.getLogger("paperfeed.jobs")
