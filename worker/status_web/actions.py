"""The forms /status posts: sign in and out, re-ingest a stored file or a source's files,
retry or dismiss failures. Each action needs the signed-in session's CSRF token (or, for
scripts, PAPERFEED_ADMIN_TOKEN in the body); bulk actions first show how many items they
touch and act only when posted again with `confirmed=yes`."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from logging import WARNING
from urllib.parse import parse_qs, urlencode, urlsplit

from feeds.server import Request, Response
from worker.logs import event
from worker.settings import Settings
from worker.status_web import session as sessions
from worker.status_web import work
from worker.status_web.confirm import confirm_page
from worker.status_web.context import Context
from worker.status_web.i18n import cookie_value
from worker.status_web.layout import View

log = logging.getLogger("paperfeed.web")
# Where an action sends the browser back to: /status or an issue's page, nothing else.
BACK = re.compile(r"/status(/issues/\d{1,12})?")
Form = dict[str, list[str]]


@dataclass(frozen=True)
class Grant:
    """Leave to act: by a signed-in session (`session`), or by the token in the body."""

    session: sessions.Session | None


def text(status: int, body: str, *headers: tuple[str, str]) -> Response:
    return Response(status, body.encode(), headers=tuple(headers))


def handle(ctx: Context, request: Request, path: str, lang: str) -> Response:
    """Answer a POST to one of the action paths."""
    settings = ctx.settings
    if not settings.admin_token:
        return text(403, "actions on /status are off: set PAPERFEED_ADMIN_TOKEN\n")
    if not same_origin(request, settings):
        return text(403, "cross-site request refused\n")
    form = parse_qs(request.body.decode("utf-8", errors="replace"), max_num_fields=20)
    if path == "/status/signin":
        return sign_in(ctx, request, form)
    grant = authorize(ctx, request, form)
    if isinstance(grant, Response):
        return grant
    if path == "/status/signout":
        return sign_out(ctx, request, grant)
    view = View(settings, lang, grant.session)
    if path == "/status/reingest":
        return reingest(ctx, form, view)
    return failures(ctx, form, view)


def field(form: Form, name: str) -> str:
    return form.get(name, [""])[0]


def same_origin(request: Request, settings: Settings) -> bool:
    """Origin (or else Referer), when the browser sends one, must be this site."""
    claimed = request.headers.get("origin") or request.headers.get("referer")
    if claimed is None:
        return True  # not a browser, or one that sends neither: the token still guards
    allowed = {request.headers.get("host", ""), urlsplit(settings.base_url).netloc}
    return urlsplit(claimed).netloc in allowed - {""}


def back(form: Form, query: dict[str, str]) -> Response:
    """303 to the page the form came from, with a fixed message named in the query."""
    to = field(form, "back")
    to = to if BACK.fullmatch(to) else "/status"
    return Response(303, b"", headers=(("Location", f"{to}?{urlencode(query)}"),))


def limited(ctx: Context, request: Request) -> Response | None:
    """429 while the client (or everyone) has sent too many wrong tokens."""
    if wait := ctx.guesses.wait(request.client):
        seconds = max(1, round(wait))
        return text(
            429, f"too many wrong tokens: wait {seconds} s\n", ("Retry-After", str(seconds))
        )
    return None


def authorize(ctx: Context, request: Request, form: Form) -> Grant | Response:
    """A session with its form's CSRF token, or the token itself (scripts, curl)."""
    settings = ctx.settings
    current = sessions.current(settings, request, ctx.guesses.ended)
    if current is not None:
        if sessions.csrf_ok(current, field(form, "csrf")):
            return Grant(current)
        return back(form, {"error": "session"})
    if "token" not in form and cookie_value(request, sessions.COOKIE):
        return back(form, {"error": "session"})  # signed out or expired: sign in again
    if (refusal := limited(ctx, request)) is not None:
        return refusal
    if not sessions.token_ok(settings, field(form, "token")):
        ctx.guesses.failed(request.client)
        event(log, "status_action_refused", WARNING, reason="token", client=request.client)
        return text(403, "wrong token\n")
    return Grant(None)


def sign_in(ctx: Context, request: Request, form: Form) -> Response:
    """The token once; a session cookie from then on."""
    if (refusal := limited(ctx, request)) is not None:
        return refusal
    if not sessions.token_ok(ctx.settings, field(form, "token")):
        ctx.guesses.failed(request.client)
        event(log, "status_signin_refused", WARNING, client=request.client)
        return back(form, {"error": "token"})
    _, value = sessions.start(ctx.settings)
    cookie = sessions.set_cookie(
        sessions.COOKIE, value, sessions.SESSION_SECONDS,
        https=sessions.secure(ctx.settings, request), path="/status",
    )  # fmt: skip
    event(log, "status_signin", client=request.client)
    answer = back(form, {"signed_in": "1"})
    return Response(303, b"", headers=(*answer.headers, ("Set-Cookie", cookie)))


def sign_out(ctx: Context, request: Request, grant: Grant) -> Response:
    if grant.session is not None:
        ctx.guesses.end(grant.session)
    https = sessions.secure(ctx.settings, request)
    cookie = sessions.set_cookie(sessions.COOKIE, "", 0, https=https, path="/status")
    return Response(
        303, b"", headers=(("Location", "/status?signed_out=1"), ("Set-Cookie", cookie))
    )


def reingest(ctx: Context, form: Form, view: View) -> Response:
    """One stored file (`issue`), or every file of a source (`source`, confirmed)."""
    issue, source = field(form, "issue"), field(form, "source")
    if bool(issue) == bool(source):
        return back(form, {"error": "bad-request"})
    if issue:
        if not issue.isdigit() or len(issue) > 12:
            return back(form, {"error": "bad-request"})
        problem = work.reingest_one(ctx, int(issue))
        return back(form, {"error": problem} if problem else {"queued": issue})
    ids = work.source_issues(ctx, source)
    if ids is None:
        return back(form, {"error": "unknown-source"})
    if not ids:
        return back(form, {"error": "no-issues"})
    if field(form, "confirmed") != "yes":
        sentence = view.t("confirm_reingest_source", count=len(ids), source=source)
        return confirm_page(view, form, "/status/reingest", sentence)
    for issue_id in ids:
        ctx.reingest(issue_id)
    event(log, "reingest_queued", source=source, issues=len(ids), via="status")
    return back(form, {"queued_source": source, "count": str(len(ids))})


def failures(ctx: Context, form: Form, view: View) -> Response:
    """Retry or dismiss one failure (`id` 7 or t3), or all of them (confirmed)."""
    action, failure_id = field(form, "action"), field(form, "id")
    if action in {"retry", "dismiss"}:
        if not re.fullmatch(r"t?\d{1,12}", failure_id):
            return back(form, {"error": "unknown-failure"})
        if action == "retry":
            problem = work.retry_one(ctx, failure_id)
            return back(form, {"error": problem} if problem else {"retried": failure_id})
        problem = work.dismiss_one(ctx, failure_id)
        return back(form, {"error": problem} if problem else {"dismissed": failure_id})
    if action not in {"retry-all", "dismiss-all"}:
        return back(form, {"error": "bad-request"})
    ids = work.retry_candidates(ctx) if action == "retry-all" else None
    count = len(ids) if ids is not None else work.standing_failures(ctx)
    if count == 0:
        return back(form, {"error": "nothing"})
    if field(form, "confirmed") != "yes":
        key = "confirm_retry_all" if ids is not None else "confirm_dismiss_all"
        return confirm_page(view, form, "/status/failures", view.t(key, count=count))
    if ids is not None:
        done = work.retry_many(ctx, ids)
        return back(form, {"retried_all": str(done)})
    return back(form, {"dismissed_all": str(work.dismiss_every(ctx))})
