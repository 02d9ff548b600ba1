"""The /status page: the facts of `paperfeed status` in the site's zone and language, every
text escaped, with the sign-in form or, once signed in, a button for each action."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from worker.problems import Problem
from worker.status import Failure, IssueRow, SourceStatus, Status, failure_reason
from worker.status_sources import leftover
from worker.status_web.i18n import when
from worker.status_web.layout import View, button, clock, table

# Reasons judged on the file's bytes: parsing the same bytes again cannot help.
CANNOT_HELP = frozenset({"binary", "empty", "undecodable"})


def can_reingest(status: str, error: str | None) -> bool:
    """Whether a re-ingest of this stored file could give anything: not for a replaced
    file, nor for one that failed as binary, empty or undecodable.

    >>> can_reingest("failed", "empty file: no issue text"), can_reingest("ingested", None)
    (False, True)
    """
    if status == "superseded":
        return False
    return not (status == "failed" and failure_reason(error) in CANNOT_HELP)


def render_status(view: View, status: Status, message: str) -> str:
    """The body of /status below its heading; `message` is the fixed sentence an action left."""
    parts = [account(view), message, '<div id="data">', clock(view, status.checked_at)]
    parts += [_summary(view, status), _warnings(view, status), _sources(view, status)]
    parts.append(_system(view, status))
    parts.append(_failures(view, status))
    leftovers = [[escape(s.name), escape(leftover(item).text(view.lang))]
                 for s in status.sources for item in s.leftovers]  # fmt: skip
    parts.append(
        table(view.t("leftovers"), "leftovers", [view.t("source"), view.t("entry")], leftovers,
              view.t("none"))
    )  # fmt: skip
    parts.append(_issues(view, status))
    parts.append("</div>")
    return "\n".join(parts)


def account(view: View, back: str = "/status") -> str:
    """The sign-in form (back to `back` once signed in), or who is signed in and the
    sign-out button."""
    if view.settings.admin_token is None:
        return ""
    if view.session is None:
        return (
            '<form method="post" action="/status/signin" id="signin">'
            f'<input type="hidden" name="back" value="{back}">'
            f'<input type="password" name="token" required autocomplete="current-password" '
            f'placeholder="{view.t("token")}" aria-label="{view.t("token")}">'
            f'<button type="submit">{view.t("sign_in")}</button></form>'
            f"<span> {view.t('sign_in_hint')}</span>"
        )
    until = when(dt.datetime.fromtimestamp(view.session.expires, dt.UTC), view.settings)
    return (
        f'<p class="bar" id="account"><span>{view.t("signed_in", until=until)}</span>'
        f"{button(view, '/status/signout', {}, view.t('sign_out'))}</p>"
    )


def _summary(view: View, status: Status) -> str:
    checked = f"({view.t('checked')} {when(status.checked_at, view.settings)})"
    if status.ok:
        return f'<p class="ok" id="summary">{view.t("all_well")} {checked}.</p>'
    return render_problems(view, status.problems, checked)


def render_problems(view: View, problems: Sequence[Problem], checked: str = "") -> str:
    """The problems, each in the page's language, under "needs attention"."""
    items = "".join(f"<li>{escape(p.text(view.lang))}</li>" for p in problems)
    return (
        f'<div class="problems" id="summary"><strong>{view.t("attention")}</strong> '
        f"{checked}:<ul>{items}</ul></div>"
    )


def _warnings(view: View, status: Status) -> str:
    if not status.warnings:
        return ""
    items = "".join(f"<li>{escape(w.text(view.lang))}</li>" for w in status.warnings)
    return (
        f'<div class="warnings" id="warnings"><strong>{view.t("warnings")}</strong>'
        f"<ul>{items}</ul></div>"
    )


def _sources(view: View, status: Status) -> str:
    rows = [_source_row(view, s) for s in status.sources]
    head = [view.t(k) for k in ("source", "on", "last_poll", "last_ingest", "newest",
                                "articles_24h", "expect_by", "last_error")]  # fmt: skip
    if view.can_act:
        head.append(view.t("actions"))
    return table(view.t("sources"), "sources", head, rows, view.t("none"))


def _source_row(view: View, s: SourceStatus) -> list[str]:
    state = escape(view.t(f"state_{s.state}") if f"state_{s.state}" in view.words else s.state)
    if s.folder_state:
        state = f'<strong class="bad">{state}</strong>'
    quiet = f' <strong class="bad">{view.t("gone_quiet")}</strong>' if s.quiet else ""
    error = "–"
    if s.last_error:
        error = f"{when(s.last_error_at, view.settings)}: {escape(s.last_error)}"
    cells = [f'<th scope="row">{escape(s.name)}{quiet}</th>', state,
             when(s.last_scan_at, view.settings), when(s.last_success_at, view.settings),
             escape(str(s.newest_issue_date or "–")), str(s.articles_24h),
             escape(s.expect_by or "–"), error]  # fmt: skip
    if view.can_act:
        cells.append(button(view, "/status/reingest", {"source": s.name}, view.t("reingest_all")))
    return cells


def _system(view: View, status: Status) -> str:
    queues = ", ".join(
        f"{escape(q)}: {view.t('no_answer') if n is None else n}" for q, n in status.queues.items()
    )
    workers = view.t("unknown_workers") if status.workers is None else (
        ", ".join(escape(w) for w in status.workers) or view.t("none_answered"))  # fmt: skip
    return (
        f'<section id="system"><h2>{view.t("system")}</h2><p>{view.t("broker")}: '
        f"{escape(status.broker)}. {view.t('queues')}: {queues}.</p>"
        f"<p>{view.t('workers')}: {workers}.</p></section>"
    )


def _failures(view: View, status: Status) -> str:
    rows = [_failure_row(view, f) for f in status.failures]
    head = [view.t(k) for k in ("when", "what", "source", "reason", "error")]
    bulk = ""
    if view.can_act:
        head.append(view.t("actions"))
        standing = [f for f in status.failures if not f.dismissed]
        if any(retryable(f) for f in standing):
            bulk += button(view, "/status/failures", {"action": "retry-all"}, view.t("retry_all"))
        if standing:
            bulk += button(
                view, "/status/failures", {"action": "dismiss-all"}, view.t("dismiss_all")
            )
    section = table(view.t("failures"), "failures", head, rows, view.t("none"))
    return section.replace("</section>", f"{bulk}</section>") if bulk else section


def retryable(failure: Failure) -> bool:
    """A failed input whose file's bytes were not the problem (a task cannot be retried)."""
    return failure.id.isdigit() and failure.reason not in CANNOT_HELP


def _failure_row(view: View, f: Failure) -> list[str]:
    what = escape(f.what)
    if f.issue is not None:  # the stored file: its page shows what the parser saw
        what += f' <a href="/status/issues/{f.issue}">{view.t("file")} {f.issue}</a>'
    cells = [when(f.at, view.settings), what, escape(f.source or "–"),
             escape(f.reason) + (view.t("dismissed") if f.dismissed else ""),
             escape(f.error)]  # fmt: skip
    if view.can_act:
        actions = ""
        if retryable(f):
            actions += button(
                view, "/status/failures", {"action": "retry", "id": f.id}, view.t("retry")
            )
        if not f.dismissed:
            actions += button(
                view, "/status/failures", {"action": "dismiss", "id": f.id}, view.t("dismiss")
            )
        cells.append(actions)
    return cells


def _issues(view: View, status: Status) -> str:
    rows = [_issue_row(view, i) for i in status.recent_issues]
    head = [view.t(k) for k in ("id", "source", "date", "status", "articles", "file", "stored")]
    if view.can_act:
        head.append(view.t("actions"))
    return table(view.t("issues"), "issues", head, rows, view.t("none"))


def _issue_row(view: View, i: IssueRow) -> list[str]:
    date = escape(str(i.issue_date or "–"))
    if i.date_guessed:
        date += f' <strong class="bad">{view.t("date_guessed")}</strong>'
    cells = [f'<a href="/status/issues/{i.id}">{i.id}</a>', escape(i.source), date,
             escape(i.status), str(i.articles), escape(i.filename or "–"),
             when(i.ingested_at, view.settings)]  # fmt: skip
    if view.can_act:
        offered = can_reingest(i.status, i.error)
        cells.append(
            button(view, "/status/reingest", {"issue": str(i.id)}, view.t("reingest"))
            if offered
            else ""
        )
    return cells
