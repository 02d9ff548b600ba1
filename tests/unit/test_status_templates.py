"""The operator pages' templates (worker/status_web/templates): every one autoescapes, none
marks a value safe, a missing value is an error, and a value is escaped as ``html.escape``
escapes it (the bytes the pages had before templates)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from jinja2 import UndefinedError, nodes
from markupsafe import Markup

from worker.settings import load_settings
from worker.status_web.confirm import confirm_page
from worker.status_web.layout import ENVIRONMENT, View, render
from worker.status_web.session import Session

HOSTILE = "<script>alert('x')</script> \"quoted\" & done"
PAGES = {"frame.html", "status.html", "issue.html", "confirm.html", "missing.html", "down.html"}


def view(tmp_path: Path, *, signed_in: bool = False) -> View:
    settings = load_settings({"PAPERFEED_HOME": str(tmp_path), "PAPERFEED_ADMIN_TOKEN": "t" * 20})
    session = Session("n", 2_000_000_000, "c" * 32) if signed_in else None
    return View(settings, "en", session, nonce="fixed")


def test_every_template_autoescapes_and_marks_nothing_safe() -> None:
    names = set(ENVIRONMENT.list_templates())
    assert {*PAGES, "parts.html"} <= names
    for name in names:
        assert ENVIRONMENT.autoescape(name), name
        source = ENVIRONMENT.loader.get_source(ENVIRONMENT, name)[0]  # type: ignore[union-attr]
        filters = {f.name for f in ENVIRONMENT.parse(source).find_all(nodes.Filter)}
        assert not filters & {"safe", "forceescape"}, name
        assert "autoescape false" not in source, name


def test_a_missing_value_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(UndefinedError):
        render(view(tmp_path), "confirm.html", "title", sentence="s", fields={})


def test_messages_are_markup_with_their_values_escaped(tmp_path: Path) -> None:
    said = view(tmp_path).t("queued_source", source=HOSTILE, count=2)
    assert isinstance(said, Markup)
    assert said == f"Re-ingest of 2 issues of {html.escape(HOSTILE)} queued."


@pytest.mark.parametrize("signed_in", [False, True])
def test_confirm_page_escapes_the_fields_it_carries_like_html_escape(
    tmp_path: Path, signed_in: bool
) -> None:
    form = {"back": [HOSTILE], "id": ["7"], "token": ["typed-by-a-script"]}
    answer = confirm_page(view(tmp_path, signed_in=signed_in), form, "/status/failures", "ok?")
    page = answer.body.decode()
    assert f'<input type="hidden" name="back" value="{html.escape(HOSTILE)}">' in page
    assert "<script>" not in page.replace('<script nonce="fixed">', "")
    assert "&#39;" not in page and "&#34;" not in page  # MarkupSafe's entities: not used
    assert "typed-by-a-script" not in page  # a token is never written into a page
    assert ('name="csrf"' in page) is signed_in
    assert ('type="password" name="token"' in page) is not signed_in
    assert page.endswith("</section></main></body></html>\n")
