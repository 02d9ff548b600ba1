"""The one Jinja2 environment of the public site (``feeds/templates``): HTML pages and OPML
lists, autoescaped, and the helpers their templates call.

Pages are static, need no JavaScript and read well on a phone and a desktop; the frame
(``frame.html``) holds the viewport, the stylesheet and the site's header.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from feeds.content import credit_groups, title_text
from feeds.feed_fields import ATOM_TYPE, RSS_TYPE, icon_url
from feeds.issues import chinese_day
from feeds.jsonfeed import JSON_FEED_TYPE
from feeds.model import FeedEntry
from feeds.text import clean_text, replace_present
from feeds.urls import feed_url, index_url, page_url, person_page_path

# (extension, media type, button label) of each feed format, in the order pages list them.
FORMATS: tuple[tuple[str, str, str], ...] = (
    ("atom", ATOM_TYPE, "Atom"),
    ("rss", RSS_TYPE, "RSS"),
    ("json", JSON_FEED_TYPE, "JSON"),
)

# The format's name in an autodiscovery title. Readers given a page list every link it
# announces by its title alone (NetNewsWire, Feedly, Firefox's "subscribe" menu): three
# links named alike leave the subscriber to guess which one is which format.
DISCOVERY_NAMES = {"atom": "Atom", "rss": "RSS", "json": "JSON Feed"}

# What libxml2 escapes in an attribute value: the OPML lists kept the bytes lxml wrote.
_XML_ATTRIBUTE = (
    ("&", "&amp;"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ('"', "&quot;"),
    ("\t", "&#9;"),
    ("\n", "&#10;"),
    ("\r", "&#13;"),
)


def esc(text: str) -> str:
    """Text (or a URL) for an HTML text node or a quoted attribute, control characters
    removed: ``esc('<b title="x">')`` → ``&lt;b title=&quot;x&quot;&gt;``."""
    return html.escape(clean_text(text), quote=True)


def xml_esc(text: str) -> str:
    """Text for an XML attribute (or text node), control characters removed:
    ``xml_esc('a "b" & c')`` → ``a &quot;b&quot; &amp; c``."""
    return replace_present(clean_text(text), _XML_ATTRIBUTE)


def clean(text: str | None) -> str:
    """A text as pages show it: control characters removed, then trimmed; None is empty:
    ``clean(" 要闻\\x00 ")`` → ``要闻``."""
    return clean_text(text or "").strip()


def discovery_title(title: str, ext: str) -> str:
    """The title of a feed's autodiscovery link in one format:
    ``discovery_title("青河日报 · 要闻", "rss")`` → ``青河日报 · 要闻（RSS）``."""
    return f"{title}（{DISCOVERY_NAMES[ext]}）"


def people_text(entry: FeedEntry) -> str:
    """The article's people on one line, by role: ``记者 王孟鹤、李青 通讯员 赵炎``."""
    return " ".join(
        f"{label} {'、'.join(clean(c.name) for c in members)}".strip()
        for label, members in credit_groups(entry.credits)
    )


def _finalize(value: object) -> Markup:
    """Every ``{{ value }}`` of a page: markup a macro made passes as it is; anything else is
    text, escaped here with ``html.escape``'s entities (``&#x27;``, ``&quot;``) rather than
    MarkupSafe's (``&#39;``, ``&#34;``), so that the pages kept their bytes when they moved
    to templates, and without control characters (``clean_text``). Autoescaping then leaves
    the result alone."""
    if isinstance(value, Markup):
        return value
    return Markup(esc(value if isinstance(value, str) else str(value)))


def _finalize_xml(value: object) -> Markup:
    """``_finalize`` for the OPML lists: escaped as libxml2 escapes an attribute, the bytes
    lxml wrote before."""
    if isinstance(value, Markup):
        return value
    return Markup(xml_esc(value if isinstance(value, str) else str(value)))


def feed_links(feeds: Sequence[tuple[str, str]], base_url: str) -> list[tuple[str, str, str]]:
    """Autodiscovery links for each ``(path, title)`` of ``feeds``, as ``(media type,
    title, href)``: Atom, RSS and JSON, each titled with the feed's name and its format
    (readers given the page URL offer these)."""
    return [
        (media_type, discovery_title(title, ext), feed_url(base_url, path, ext))
        for path, title in feeds
        for ext, media_type, _ in FORMATS
    ]


def format_links(path: str, base_url: str) -> list[tuple[str, str, str]]:
    """The feed's formats as visible links, ``(href, media type, label)``: Atom RSS JSON."""
    return [
        (feed_url(base_url, path, ext), media_type, label) for ext, media_type, label in FORMATS
    ]


def package_environment(
    package: str, extensions: tuple[str, ...], finalize: Callable[[Any], Any]
) -> Environment:
    """An environment for the templates folder of `package`, autoescaping files with these
    extensions, failing on a missing value, and passing every value through `finalize`."""
    return Environment(
        loader=PackageLoader(package, "templates"),
        autoescape=select_autoescape(extensions),
        undefined=StrictUndefined,
        finalize=finalize,
        # Block tags on lines of their own leave no blank line or indentation behind, and
        # every template ends with the newline its file ends with.
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates ship inside the package; never stat them per page
    )


def _environment() -> Environment:
    env = package_environment("feeds", ("html", "xml", "opml"), _finalize)
    env.filters["clean"] = clean
    env.globals.update(
        atom_type=ATOM_TYPE,
        chinese_day=chinese_day,
        credit_groups=credit_groups,
        discovery_title=discovery_title,
        format_links=format_links,
        icon_url=icon_url,
        index_url=index_url,
        page_url=page_url,
        people_text=people_text,
        person_page_path=person_page_path,
        title_text=title_text,
    )
    return env


ENVIRONMENT = _environment()
# The OPML lists: the same templates, filters and globals, XML's escaping.
XML_ENVIRONMENT = ENVIRONMENT.overlay(finalize=_finalize_xml)


def render(template: str, **data: Any) -> bytes:
    """The template ``feeds/templates/<template>`` filled with ``data``, as UTF-8 bytes."""
    env = XML_ENVIRONMENT if template.endswith(".opml") else ENVIRONMENT
    return env.get_template(template).render(data).encode("utf-8")
