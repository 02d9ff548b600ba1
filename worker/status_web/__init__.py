"""The operators' pages under /status: the status page, one page per stored file, the
sign-in and the actions (`actions`), in the site's language and zone.

`answer(ctx, request, path)` answers every /status path and leaves others (None).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
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
from worker.status_web.issue_page import read_issue, render_issue
from worker.status_web.layout import View, page
from worker.status_web.pages import render_problems, render_status
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
    query = parse_qs(urlsplit(request.target).query)
    note = message(view, query)
    if match is None:
        try:
            status = collect(ctx.settings, ctx.sources, worker=ctx.worker)
        except SQLAlchemyError as exc:  # the page still says what is wrong, and the fix
            down = Problem.of("database_down", error=one_line(exc))
            found = page(view, view.t("title"), render_problems(view, (down,)))
            return replace(found, status=503)
        body = render_status(view, status, note)
        return page(view, view.t("title"), body, lang_cookie=asked_lang(request))
    facts = read_issue(ctx.settings.database_url, int(match.group(1)))
    title = view.t("issue", id=match.group(1))
    if facts is None:
        answer_ = page(view, title, f"<p>{view.t('no_such_issue')}</p>")
        return Response(404, answer_.body, answer_.content_type, answer_.headers)
    body = render_issue(view, facts, note, dt.datetime.now(dt.UTC))
    return page(view, title, body, lang_cookie=asked_lang(request))


def message(view: View, query: dict[str, list[str]]) -> str:
    """The fixed sentence an action asked for; a link's free text is never echoed."""

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
    return f'<p class="message" role="status">{text}</p>' if text else ""
