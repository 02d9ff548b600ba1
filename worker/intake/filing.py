"""Filing away: a finished input's file moved to archive/ (by its issue's day) or to
failed/ with its reason, once; a file that changed after its claim goes back to the drop
folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from worker import ledger
from worker.db import session_scope
from worker.intake import drop
from worker.models import Input, Source
from worker.settings import Settings


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def source_name_of(session: Session, row: Input) -> str:
    return session.execute(select(Source.name).where(Source.id == row.source_id)).scalar_one()


def file_input(settings: Settings, input_id: int, source_name: str) -> None:
    """Move a finished input's file to archive/ or failed/, once."""
    with session_scope(settings.database_url) as session:
        row = session.get(Input, input_id, with_for_update=True)
        if row is None or row.filed or row.status not in ledger.FINAL:
            return
        row.filed = True
        path = settings.work_dir / source_name / (row.claim or "")
        if row.claim and path.exists():
            found = drop.parse_claim(path)
            found = drop.Claim(path, row.original_name, found.claimed_at)
            if row.status == "failed":
                kept = drop.fail(found, settings.failed_dir, row.error or "unknown error")
                row.kept = kept.relative_to(settings.failed_dir).as_posix()
            else:
                drop.archive(found, settings.archive_dir, archive_day(settings, found))


def give_back(settings: Settings, input_id: int, path: Path, target: Path) -> None:
    with session_scope(settings.database_url) as session:
        row = session.get(Input, input_id, with_for_update=True)
        assert row is not None
        ledger.finish(
            session, row, status="changed", issue_id=None, now=_now(),
            error="the file changed after it was claimed; it went back to the drop folder",
        )  # fmt: skip
        row.filed = True
        target = target.with_name(drop.fit_name(target.name, drop.FILED_NAME_BYTES))
        counter = 1
        while target.exists():
            counter += 1
            target = target.with_name(f"{target.stem}.{counter}{target.suffix}")
        drop.move(path, target)


def archive_day(settings: Settings, claimed: drop.Claim) -> dt.date:
    return claimed.claimed_at.astimezone(settings.tz).date()
