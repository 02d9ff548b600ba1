"""The confirm step of a bulk action: a page saying how many items it touches, whose one
button posts the same form again with `confirmed=yes`."""

from __future__ import annotations

from html import escape

from feeds.server import Response
from worker.status_web.layout import View, page

# Fields carried over from the first post; the CSRF token is the page's own, and a token
# typed by a script is never written into a page.
CARRIED = ("issue", "source", "action", "id", "back")


def confirm_page(view: View, form: dict[str, list[str]], action: str, sentence: str) -> Response:
    """200 with the question; nothing has been done yet."""
    fields = {name: form[name][0] for name in CARRIED if form.get(name)}
    fields["confirmed"] = "yes"
    if view.session is not None:
        fields["csrf"] = view.session.csrf
    hidden = "".join(
        f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">' for k, v in fields.items()
    )
    token = (
        ""
        if view.session is not None
        else f'<input type="password" name="token" required aria-label="{view.t("token")}" '
        f'placeholder="{view.t("token")}" autocomplete="current-password">'
    )
    body = (
        f'<section id="confirm"><p class="warnings">{sentence}</p>'
        f'<form method="post" action="{escape(action)}">{hidden}{token}'
        f'<button type="submit">{view.t("confirm")}</button></form> '
        f'<a href="/status">{view.t("cancel")}</a></section>'
    )
    return page(view, view.t("confirm_title"), body)
