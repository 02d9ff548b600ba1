"""What `paperfeed status` lists as worth a look without needing a person: issues whose
date is a guess, files cut off in the middle of a character."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from worker.models import Edition, Issue, Source
from worker.problems import Problem
from worker.status_sources import DAY

TRUNCATED = "the file ends in the middle of a character"


def cut_files(session: Session, now: dt.datetime, limit: int = 500) -> tuple[Problem, ...]:
    """Files stored in the last 24 hours that were cut off in the middle of a character."""
    rows = session.execute(
        select(Issue.id, Issue.filename, Issue.warnings)
        .where(Issue.ingested_at >= now - DAY, Issue.status != "failed")
        .order_by(Issue.id.desc())
        .limit(limit)
    ).all()
    found = []
    for issue_id, filename, warnings in rows:
        for warning in warnings or ():
            # "the file ends in the middle of a character at byte 1021 of 1024: it was …"
            cut = _CUT.match(str(warning.get("message", "")))
            if cut is not None:
                found.append(Problem.of(
                    "file_cut", issue=issue_id, filename=filename or "-",
                    byte=int(cut.group(1)), size=int(cut.group(2)),
                ))  # fmt: skip
    return tuple(found)


_CUT = re.compile(re.escape(TRUNCATED) + r" at byte (\d+) of (\d+)")


GUESS_WINDOW = dt.timedelta(days=7)


def guessed_dates(session: Session, now: dt.datetime) -> tuple[Problem, ...]:
    """A warning for each issue of the last week whose date no file said."""
    rows = session.execute(
        select(Edition.id, Edition.issue_date, Source.name)
        .join(Source, Source.id == Edition.source_id)
        .where(Edition.date_guessed.is_(True), Edition.created_at >= now - GUESS_WINDOW)
        .order_by(Edition.id.desc())
        .limit(20)
    ).all()
    return tuple(
        Problem.of("date_guessed", edition=edition, source=source, day=str(day))
        for edition, day, source in rows
    )
