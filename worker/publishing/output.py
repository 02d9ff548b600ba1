"""What the published documents depend on besides the articles, as one fingerprint, kept
per publish target: a start whose fingerprint matches the last full publish's need not
render every feed again (at a million articles that is most of an hour)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import select

import feeds
from feeds.urls import INDEX_PAGE
from worker.db import session_scope
from worker.models import PublishedOutput
from worker.settings import Settings

# The code that turns stored articles into documents: change any of it (a new release, a
# local patch) and the next start publishes everything again.
_RENDERING_CODE = (Path(feeds.__file__).parent, Path(__file__).parent)


def _code_digest() -> bytes:
    digest = hashlib.sha256()
    for folder in _RENDERING_CODE:
        for path in sorted([*folder.glob("*.py"), *folder.glob("templates/*")]):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.digest()


def fingerprint(settings: Settings) -> str:
    """Digest of every setting a document shows (base URL, time zone, titles, feed size,
    hub, the sources file's papers and sections) and of the rendering code."""
    sources = settings.sources_file.read_bytes() if settings.sources_file.is_file() else b""
    shown = (
        settings.base_url, settings.timezone, settings.site_title, settings.publication,
        settings.section, settings.source, str(settings.feed_size), settings.websub_hub or "",
        settings.publish_to,
    )  # fmt: skip
    digest = hashlib.sha256("\0".join(shown).encode() + b"\0" + sources + _code_digest())
    return digest.hexdigest()


def target_name(settings: Settings) -> str:
    if settings.publish_to.startswith("s3://"):
        return settings.publish_to
    return str(settings.public_dir.resolve())


def is_current(settings: Settings) -> bool:
    """Whether the target holds a full publish made with today's fingerprint (and, for the
    public folder, still holds its index: a folder emptied by hand is published again)."""
    if (
        not settings.publish_to.startswith("s3://")
        and not (settings.public_dir / INDEX_PAGE).is_file()
    ):
        return False
    with session_scope(settings.database_url, write=False) as session:
        kept = session.scalar(
            select(PublishedOutput.fingerprint).where(
                PublishedOutput.target == target_name(settings)
            )
        )
    return kept == fingerprint(settings)


def record(settings: Settings) -> None:
    """Note that the target now holds a full publish made with today's fingerprint."""
    with session_scope(settings.database_url) as session:
        session.merge(
            PublishedOutput(target=target_name(settings), fingerprint=fingerprint(settings))
        )
