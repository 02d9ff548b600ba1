"""A claimed file recorded in the ledger: its digest, its modification time, and the
duplicate that goes straight to the archive."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from logging import WARNING
from pathlib import Path

from worker import ledger
from worker.db import session_scope
from worker.intake import drop
from worker.intake.filing import archive_day
from worker.logs import event
from worker.named_rows import ensure_source
from worker.settings import Settings
from worker.sources import SourceConfig


def register_claim(
    settings: Settings, source: SourceConfig, claimed: drop.Claim, *, url: str | None = None
) -> int | None:
    """Record a claimed file in the ledger; returns its input id, or None for known bytes.

    Bytes already known (a file dropped twice, a URL that served the same text) are filed
    to the archive at once and never parsed again.
    """
    try:
        digest, size = file_digest(claimed.path)
    except FileNotFoundError:
        return None  # vanished between the rename and the read: nothing was claimed
    except OSError as exc:
        drop.fail(claimed, settings.failed_dir, f"cannot read the file: {exc.strerror}")
        event(
            log, "claim", WARNING, file=claimed.original_name, status="failed", error="unreadable"
        )
        return None
    with session_scope(settings.database_url) as session:
        registered = ledger.register(
            session,
            source=ensure_source(session, source),
            digest=digest,
            claim=claimed.path.name,
            original_name=claimed.original_name,
            size=size,
            received_at=claimed.claimed_at,
            lease_seconds=settings.lease_seconds,
            url=url,
        )
    if registered.new:
        return registered.input_id
    if registered.status == "failed":
        # The same bad bytes again: file the copy with its twin's reason.
        again = f"; `paperfeed reingest {registered.issue_id}` parses them again"
        drop.fail(
            claimed,
            settings.failed_dir,
            f"same bytes as an earlier input: {registered.error}"
            + (again if registered.issue_id is not None else ""),
        )
    else:
        drop.archive(claimed, settings.archive_dir / "duplicates", archive_day(settings, claimed))
    event(
        log, "claim", file=claimed.original_name, status="duplicate",
        input=registered.input_id, hash=digest[:12],
    )  # fmt: skip
    return None


def file_modified(path: Path) -> dt.datetime | None:
    """A file's modification time, or None when it is gone."""
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    except OSError:
        return None


def file_digest(path: Path) -> tuple[str, int]:
    """SHA-256 and size of a file, read in pieces: an oversize file is never held whole."""
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


log = logging.getLogger("paperfeed.jobs")
