"""The operators' pages under /status: the status page, one page per stored file, the
sign-in and the actions (`actions`), in the site's language and zone.

`answer(ctx, request, path)` answers every /status path and leaves others (None).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from sqlalchemy.exc import SQLAlchemyError

from feeds.server import Request, Response
from worker.db import one_line
from worker.problems import Problem
from worker.sources import NAME
from worker.status import collect
from worker.status_web import actions
from worker.status_web import session as sessions
from worker.status_web.context import Context, Enqueue, WorkerHealth
from worker.status_web.i18n import MESSAGES, asked_lang, choose_lang
from worker.status_web.issue_page import issue_page, read_issue
from worker.status_web.layout import View, page
from worker.status_web.pages import status_page
from worker.status_web.session import TokenGuesses

__all__ = ["Context", "Enqueue", "TokenGuesses", "WorkerHealth", "answer"]

ACTIONS = {"/status/signin", "/status/signout", "/status/reingest", "/status/failures"}
ISSUE_PAGE = re.compile(r"/status/issues/(\d{1,12})")


def answer(ctx: Context, request: Request, path: str) -> Response | None:
    """The response for a /status path, or None for any other path."""
    lang = choose_lang(request, ctx.settings)
    if path in ACTIONS:
        if request.method != "POST":
            return actions.text(405, "use the forms on /status\n", ("Allow", "POST"))
        return actions.handle(ctx, request, path, lang)
    if request.method not in {"GET", "HEAD"}:
        return None
    match = ISSUE_PAGE.fullmatch(path)
    if path != "/status" and match is None:
        return None
    current = sessions.current(ctx.settings, request, ctx.guesses.ended)
    view = View(ctx.settings, lang, current)
    note = message(view, parse_qs(urlsplit(request.target).query))
    if match is None:
        try:
            status = collect(ctx.settings, ctx.sources, worker=ctx.worker)
        except SQLAlchemyError as exc:  # the page still says what is wrong, and the fix
            down = Problem.of("database_down", error=one_line(exc))
            return page(view, "down.html", view.t("title"), http_status=503, problems=(down,))
        return status_page(view, status, note, asked_lang(request))
    title = view.t("issue", id=match.group(1))
    facts = read_issue(ctx.settings.database_url, int(match.group(1)))
    if facts is None:
        return page(view, "missing.html", title, http_status=404)
    return issue_page(view, title, facts, note, asked_lang(request))


def message(view: View, query: dict[str, list[str]]) -> str:
    """The fixed sentence an action asked for, or empty; a link's free text is never
    echoed."""

    def get(name: str) -> str:
        return query.get(name, [""])[0]

    number = re.compile(r"\d{1,12}")
    failure = re.compile(r"t?\d{1,12}")
    text = ""
    if number.fullmatch(get("queued")):
        text = view.t("queued", id=get("queued"))
    elif NAME.match(get("queued_source")) and number.fullmatch(get("count")):
        text = view.t("queued_source", source=get("queued_source"), count=get("count"))
    elif failure.fullmatch(get("retried")):
        text = view.t("retried", id=get("retried"))
    elif failure.fullmatch(get("dismissed")):
        text = view.t("dismissed_one", id=get("dismissed"))
    elif number.fullmatch(get("retried_all")):
        text = view.t("retried_all", count=get("retried_all"))
    elif number.fullmatch(get("dismissed_all")):
        text = view.t("dismissed_all", count=get("dismissed_all"))
    elif get("signed_in") == "1":
        text = view.t("signed_in_now")
    elif get("signed_out") == "1":
        text = view.t("signed_out")
    elif f"e_{get('error')}" in MESSAGES[view.lang]:
        text = view.t(f"e_{get('error')}")
    return text
