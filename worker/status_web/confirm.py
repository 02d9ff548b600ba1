"""The confirm step of a bulk action: a page saying how many items it touches, whose one
button posts the same form again with `confirmed=yes` (template ``confirm.html``)."""

from __future__ import annotations

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
    return page(
        view, "confirm.html", view.t("confirm_title"), sentence=sentence, action=action,
        fields=fields,
    )  # fmt: skip
