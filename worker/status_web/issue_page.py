"""/status/issues/<id>: one stored file as the database keeps it: its facts, the parser's
warnings, the text the parser left outside every article (read again from the stored
bytes), the pages its issue is made of and the inputs that brought it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple

from markupsafe import Markup
from sqlalchemy import select

from feeds.server import Response
from worker.db import session_scope
from worker.models import EditionPart, Input, Issue, Source
from worker.parsing import Fragment, ParseError, parse_bytes
from worker.status import failure_reason
from worker.status_web.layout import View, page
from worker.status_web.pages import can_reingest

UNASSIGNED_SHOWN = 200  # fragments; a page, not a dump of a broken file


class Part(NamedTuple):
    """One part (版面 or file) of the edition the issue belongs to."""

    part: str
    page: int | None
    issue_id: int
    stored: dt.datetime


@dataclass(frozen=True)
class IssueFacts:
    """What the page shows, read in one transaction."""

    issue: dict[str, Any]
    source: str
    warnings: list[dict[str, Any]]
    parts: list[Part]
    inputs: list[dict[str, Any]]
    raw: bytes


def read_issue(database_url: str, issue_id: int) -> IssueFacts | None:
    with session_scope(database_url, write=False) as session:
        row = session.get(Issue, issue_id)
        if row is None:
            return None
        source = session.scalar(select(Source.name).where(Source.id == row.source_id)) or "–"
        parts = []
        if row.edition_id is not None:
            parts = [
                Part(p.part, p.page, p.issue_id, p.updated_at)
                for p in session.scalars(
                    select(EditionPart).where(EditionPart.edition_id == row.edition_id)
                )
            ]
        inputs = [
            {"id": i.id, "name": i.original_name, "status": i.status, "attempts": i.attempts,
             "error": i.error, "kept": i.kept, "received": i.received_at}
            for i in session.scalars(select(Input).where(Input.issue_id == issue_id))
        ]  # fmt: skip
        facts = {
            "id": row.id, "filename": row.filename, "status": row.status, "error": row.error,
            "date": row.issue_date, "date_from": row.date_from, "encoding": row.encoding,
            "size": row.size, "parser": row.parser_version, "received": row.received_at,
            "stored": row.ingested_at, "superseded_by": row.superseded_by_id,
        }  # fmt: skip
        return IssueFacts(facts, source, list(row.warnings or []), parts, inputs, row.raw)


def issue_page(
    view: View, title: str, facts: IssueFacts, message: str, lang_cookie: str | None
) -> Response:
    """The page of one stored file (template ``issue.html``); `message` is the fixed
    sentence an action left (or empty)."""
    issue = facts.issue
    offer = can_reingest(issue["status"], issue["error"])
    failed = not offer and issue["status"] == "failed"
    unassigned, note = _unassigned(view, facts)
    return page(
        view, "issue.html", title, lang_cookie=lang_cookie,
        facts=facts, issue=issue, back=f"/status/issues/{issue['id']}", message=message,
        now=dt.datetime.now(dt.UTC), offer_reingest=offer,
        cannot_reingest=failure_reason(issue["error"]) if failed else None,
        unassigned=unassigned, unassigned_note=note, parts=sorted(facts.parts),
    )  # fmt: skip


def _unassigned(view: View, facts: IssueFacts) -> tuple[list[Fragment], Markup]:
    """The text outside every article, from parsing the stored bytes again (the database
    keeps the bytes and the warnings, not the parse), and what the page says without it."""
    if not facts.raw.strip() or len(facts.raw) > view.settings.max_bytes:
        return [], view.t("none")
    try:
        parsed = parse_bytes(facts.raw, filename=facts.issue["filename"])
    except ParseError as exc:
        return [], view.t("not_parsed", error=str(exc))
    return list(parsed.unassigned[:UNASSIGNED_SHOWN]), view.t("none")
