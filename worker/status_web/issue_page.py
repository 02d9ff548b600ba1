"""/status/issues/<id>: one stored file as the database keeps it: its facts, the parser's
warnings, the text the parser left outside every article (read again from the stored
bytes), the pages its issue is made of and the inputs that brought it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from typing import Any

from sqlalchemy import select

from worker.db import session_scope
from worker.models import EditionPart, Input, Issue, Source
from worker.parsing import ParseError, parse_bytes
from worker.status import failure_reason
from worker.status_web.i18n import when
from worker.status_web.layout import View, button, clock, table
from worker.status_web.pages import account, can_reingest

UNASSIGNED_SHOWN = 200  # fragments; a page, not a dump of a broken file


@dataclass(frozen=True)
class IssueFacts:
    """What the page shows, read in one transaction."""

    issue: dict[str, Any]
    source: str
    warnings: list[dict[str, Any]]
    parts: list[tuple[str, int | None, int, dt.datetime]]
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
                (p.part, p.page, p.issue_id, p.updated_at)
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


def render_issue(view: View, facts: IssueFacts, message: str, now: dt.datetime) -> str:
    issue = facts.issue
    parts = [
        account(view, f"/status/issues/{issue['id']}"),
        message,
        '<div id="data">',
        clock(view, now),
        _facts(view, facts),
    ]
    if can_reingest(issue["status"], issue["error"]):
        back = {"issue": str(issue["id"]), "back": f"/status/issues/{issue['id']}"}
        parts.append(button(view, "/status/reingest", back, view.t("reingest")))
    elif issue["status"] == "failed":
        reason = failure_reason(issue["error"])
        parts.append(f'<p class="warnings">{view.t("cannot_reingest", reason=reason)}</p>')
    warnings = [[str(w.get("line", "–")), escape(str(w.get("message", "")))]
                for w in facts.warnings]  # fmt: skip
    parts.append(table(view.t("warnings"), "issue-warnings", [view.t("line"), view.t("message")],
                       warnings, view.t("none")))  # fmt: skip
    parts.append(_unassigned(view, facts))
    pages = [[escape(part), str(page or "–"), f'<a href="/status/issues/{file}">{file}</a>',
              when(at, view.settings)] for part, page, file, at in sorted(facts.parts)]  # fmt: skip
    head = [view.t("part"), view.t("page_no"), view.t("file"), view.t("stored")]
    parts.append(table(view.t("pages"), "issue-pages", head, pages, view.t("none")))
    inputs = [[str(i["id"]), escape(i["name"]), escape(i["status"]), str(i["attempts"]),
               escape(i["error"] or "–"), escape(i["kept"] or "–"),
               when(i["received"], view.settings)] for i in facts.inputs]  # fmt: skip
    head = [view.t(k) for k in ("id", "file", "status", "attempts", "error", "kept", "received")]
    parts.append(table(view.t("inputs"), "issue-inputs", head, inputs, view.t("none")))
    parts.append("</div>")
    return "\n".join(parts)


def _facts(view: View, facts: IssueFacts) -> str:
    issue = facts.issue
    date = escape(str(issue["date"] or "–"))
    if issue["date_from"]:
        date += f" ({view.t('date_from')}: {escape(issue['date_from'])})"
    replaced = issue["superseded_by"]
    rows = [
        ("source", escape(facts.source)), ("file", escape(issue["filename"] or "–")),
        ("status", escape(issue["status"])), ("date", date),
        ("encoding", escape(issue["encoding"] or "–")), ("size", f"{issue['size']:,}"),
        ("parser", escape(issue["parser"])), ("received", when(issue["received"], view.settings)),
        ("stored", when(issue["stored"], view.settings)),
    ]  # fmt: skip
    if replaced is not None:
        rows.append(("superseded_by", f'<a href="/status/issues/{replaced}">{replaced}</a>'))
    if issue["error"]:
        rows.append(("error", escape(issue["error"])))
    items = "".join(f"<tr><th>{view.t(k)}</th><td>{v}</td></tr>" for k, v in rows)
    return f'<section id="issue"><table>{items}</table></section>'


def _unassigned(view: View, facts: IssueFacts) -> str:
    """The text outside every article, from parsing the stored bytes again (the database
    keeps the bytes and the warnings, not the parse)."""
    title = view.t("unassigned")
    if not facts.raw.strip() or len(facts.raw) > view.settings.max_bytes:
        return table(title, "issue-unassigned", [], [], view.t("none"))
    try:
        parsed = parse_bytes(facts.raw, filename=facts.issue["filename"])
    except ParseError as exc:
        note = view.t("not_parsed", error=str(exc))
        return f'<section id="issue-unassigned"><h2>{title}</h2><p>{note}</p></section>'
    rows = [[str(f.line), f"<pre>{escape(f.text)}</pre>"]
            for f in parsed.unassigned[:UNASSIGNED_SHOWN]]  # fmt: skip
    return table(title, "issue-unassigned", [view.t("line"), view.t("message")], rows,
                 view.t("none"))  # fmt: skip
