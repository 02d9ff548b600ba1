"""The /status page: the facts of `paperfeed status` in the site's zone and language, with
the sign-in form or, once signed in, a button for each action (template ``status.html``)."""

from __future__ import annotations

from feeds.server import Response
from worker.status import Failure, Status, failure_reason
from worker.status_sources import leftover
from worker.status_web.layout import View, page

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


def retryable(failure: Failure) -> bool:
    """A failed input whose file's bytes were not the problem (a task cannot be retried)."""
    return failure.id.isdigit() and failure.reason not in CANNOT_HELP


def status_page(view: View, status: Status, message: str, lang_cookie: str | None) -> Response:
    """/status; `message` is the fixed sentence an action left (or empty)."""

    def state_label(state: str) -> str:
        """A source's state (`SourceStatus.state`) in the page's language, where it has one."""
        key = f"state_{state}"
        return view.t(key) if key in view.words else state

    standing = [f for f in status.failures if not f.dismissed]
    leftovers = [(s.name, leftover(item).text(view.lang))
                 for s in status.sources for item in s.leftovers]  # fmt: skip
    return page(
        view, "status.html", view.t("title"), lang_cookie=lang_cookie,
        status=status, message=message, leftover_rows=leftovers, state_label=state_label,
        offer_retry_all=any(retryable(f) for f in standing), offer_dismiss_all=bool(standing),
        retryable=retryable, can_reingest=can_reingest,
    )  # fmt: skip
