"""The frame every operator page shares: head, style, the refresh script, tables, and the
buttons that post an action with the session's CSRF token."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from html import escape

from feeds.server import Response
from worker.settings import Settings
from worker.status_web.i18n import LANG_COOKIE, MESSAGES, zone_label
from worker.status_web.session import Session, set_cookie

HTML = "text/html; charset=utf-8"
REFRESH_SECONDS = 30


@dataclass(frozen=True)
class View:
    """What a page is drawn for: the site, the reader's language, their session (None: not
    signed in) and the nonce that lets this answer's own script run."""

    settings: Settings
    lang: str
    session: Session | None
    nonce: str = field(default_factory=lambda: secrets.token_urlsafe(16))

    def t(self, key: str, **values: object) -> str:
        """The message `key` in the page's language, its values escaped."""
        text = MESSAGES[self.lang][key]
        return text.format(**{k: escape(str(v)) for k, v in values.items()}) if values else text

    @property
    def words(self) -> dict[str, str]:
        """Every message of the page's language, by key."""
        return MESSAGES[self.lang]

    @property
    def can_act(self) -> bool:
        return self.session is not None


def policy(nonce: str) -> str:
    """The content security policy: nothing from elsewhere, and only this answer's script."""
    return (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src 'nonce-{nonce}'; connect-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    )


def page(view: View, title: str, body: str, *, lang_cookie: str | None = None) -> Response:
    """A whole page as a response, with its policy (and the language cookie a ?lang= set)."""
    headers = [("Content-Security-Policy", policy(view.nonce))]
    if lang_cookie:
        headers.append(
            ("Set-Cookie", set_cookie(LANG_COOKIE, lang_cookie, 365 * 86400, https=False))
        )
    return Response(200, (head(view, title) + body + TAIL).encode(), HTML, tuple(headers))


# Every REFRESH_SECONDS, fetch the page again and swap in its data, unless the operator is
# in a form (typing the token, about to press a button) or the tab is hidden.
SCRIPT = """
(function () {
  function busy() {
    var el = document.activeElement;
    return !!el && /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(el.tagName);
  }
  function refresh() {
    if (busy() || document.hidden || !document.getElementById("data")) { return; }
    fetch(location.pathname, {credentials: "same-origin"}).then(function (answer) {
      return answer.ok ? answer.text() : null;
    }).then(function (html) {
      if (!html || busy()) { return; }
      var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("data");
      var data = document.getElementById("data");
      if (fresh && data) { data.replaceWith(fresh); }
    }).catch(function () {});
  }
  setInterval(refresh, MILLISECONDS);
})();
""".replace("MILLISECONDS", str(REFRESH_SECONDS * 1000))

STYLE = """
body { font: 15px/1.4 system-ui, sans-serif; margin: 0 auto; padding: 0 .8em; max-width: 72em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .3em .5em;
  border-bottom: 1px solid #ddd; }
td:last-child, pre { word-break: break-word; white-space: pre-wrap; }
.ok { background: #e6f4ea; padding: .6em; } .bad { color: #a50e0e; }
.problems { background: #fce8e6; padding: .6em; }
.warnings { background: #fff4e5; padding: .6em; }
.message { background: #e8f0fe; padding: .6em; }
.bar { display: flex; gap: .8em; flex-wrap: wrap; align-items: center; color: #444; }
form { display: inline-flex; gap: .3em; flex-wrap: wrap; margin: 0 .2em .2em 0; }
@media (max-width: 40em) {
  table, thead, tbody, tr, th, td { display: block; }
  thead { display: none; }
  tr { border-bottom: 2px solid #bbb; padding: .4em 0; }
  th, td { border: 0; padding: .1em 0; }
  td::before { content: attr(data-label) ": "; font-weight: 600; }
}
"""
TAIL = "</main></body></html>\n"


def head(view: View, title: str) -> str:
    site = escape(view.settings.site_title)
    other = "en" if view.lang == "zh-CN" else "zh-CN"
    label = "English" if other == "en" else "中文"
    return (
        f'<!DOCTYPE html>\n<html lang="{view.lang}"><head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="robots" content="noindex">\n<title>{site} – {escape(title)}</title>\n'
        f"<style>{STYLE}</style>\n"
        f'<script nonce="{view.nonce}">{SCRIPT}</script></head><body><main>\n'
        f'<p class="bar"><a href="/status">{site}</a>'
        f'<a href="?lang={other}" hreflang="{other}">{label}</a></p>\n'
        f"<h1>{site}: {escape(title)}</h1>\n"
    )


def clock(view: View, now: dt.datetime) -> str:
    """The zone every time is in, when the data was read, and a refresh link."""
    return (
        f'<p class="bar" id="clock"><span>{escape(zone_label(view.settings, view.lang, now))}'
        "</span>"
        f'<span>{view.t("updated")} <time id="updated">'
        f"{now.astimezone(view.settings.tz).strftime('%Y-%m-%d %H:%M:%S')}</time></span>"
        f'<a href="">{view.t("refresh")}</a></p>'
    )


def table(title: str, ident: str, head_: list[str], rows: list[list[str]], empty: str) -> str:
    """A table; on a narrow screen each row becomes a card whose cells carry their labels."""
    if not rows:
        return f'<section id="{ident}"><h2>{title}</h2><p>{empty}</p></section>'
    heading = "".join(f"<th>{escape(h)}</th>" for h in head_)
    body = "".join(
        "<tr>" + "".join(_td(cell, label) for cell, label in zip(row, head_, strict=True)) + "</tr>"
        for row in rows
    )
    return (
        f'<section id="{ident}"><h2>{title}</h2><table>'
        f"<thead><tr>{heading}</tr></thead><tbody>{body}</tbody></table></section>"
    )


def _td(cell: str, label: str) -> str:
    if cell.startswith("<th"):
        return cell
    return f'<td data-label="{escape(label)}">{cell}</td>'


def button(view: View, action: str, fields: dict[str, str], label: str) -> str:
    """A form of one button that posts `fields` and the session's CSRF token to `action`;
    nothing when the reader is not signed in."""
    if view.session is None:
        return ""
    hidden = {"csrf": view.session.csrf, **fields}
    inputs = "".join(
        f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">' for k, v in hidden.items()
    )
    return (
        f'<form method="post" action="{escape(action)}">{inputs}'
        f'<button type="submit">{escape(label)}</button></form>'
    )
