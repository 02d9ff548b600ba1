"""The operator pages' templates (``worker/status_web/templates``), autoescaped, and what
every page is drawn for (`View`): the site, the reader's language and session, the nonce
that lets the answer's own refresh script run."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from html import escape
from typing import Any

from markupsafe import Markup

from feeds.layout import package_environment
from feeds.server import Response
from worker.settings import Settings
from worker.status_web.i18n import LANG_COOKIE, MESSAGES, when, zone_label
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

    def t(self, key: str, **values: object) -> Markup:
        """The message `key` in the page's language, its values escaped: markup a template
        shows as it is."""
        text = MESSAGES[self.lang][key]
        if values:
            text = text.format(**{k: escape(str(v)) for k, v in values.items()})
        return Markup(text)

    @property
    def words(self) -> dict[str, str]:
        """Every message of the page's language, by key."""
        return MESSAGES[self.lang]

    @property
    def can_act(self) -> bool:
        return self.session is not None

    @property
    def session_until(self) -> str:
        """When the reader's session ends, as the page shows times."""
        assert self.session is not None
        return self.when(dt.datetime.fromtimestamp(self.session.expires, dt.UTC))

    def when(self, moment: dt.datetime | None) -> str:
        """A time in the site's zone, to the minute; "–" for none."""
        return when(moment, self.settings)

    def zone(self, now: dt.datetime) -> str:
        """ "Times are Asia/Shanghai (UTC+08:00)", in the page's language."""
        return zone_label(self.settings, self.lang, now)

    def stamp(self, now: dt.datetime) -> str:
        """When the page's data was read, to the second, in the site's zone."""
        return now.astimezone(self.settings.tz).strftime("%Y-%m-%d %H:%M:%S")


def policy(nonce: str) -> str:
    """The content security policy: nothing from elsewhere, and only this answer's script."""
    return (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src 'nonce-{nonce}'; connect-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    )


def _finalize(value: object) -> Markup:
    """Every ``{{ value }}`` of a page: markup (a macro's, a message's) passes as it is;
    anything else is text, escaped with ``html.escape``'s entities (``&#x27;``), the bytes
    the pages had before they moved to templates."""
    if isinstance(value, Markup):
        return value
    return Markup(escape(value if isinstance(value, str) else str(value)))


ENVIRONMENT = package_environment("worker.status_web", ("html",), _finalize)


def render(view: View, template: str, title: str, **data: Any) -> str:
    """The page ``templates/<template>`` for `view`, titled `title`, filled with `data`."""
    return ENVIRONMENT.get_template(template).render(
        data, view=view, t=view.t, when=view.when, site=view.settings.site_title,
        title=title, refresh_ms=REFRESH_SECONDS * 1000,
    )  # fmt: skip


def page(
    view: View,
    template: str,
    title: str,
    *,
    http_status: int = 200,
    lang_cookie: str | None = None,
    **data: Any,
) -> Response:
    """A whole page as a response, with its policy (and the language cookie a ?lang= set)."""
    headers = [("Content-Security-Policy", policy(view.nonce))]
    if lang_cookie:
        headers.append(
            ("Set-Cookie", set_cookie(LANG_COOKIE, lang_cookie, 365 * 86400, https=False))
        )
    body = render(view, template, title, **data).encode()
    return Response(http_status, body, HTML, tuple(headers))
