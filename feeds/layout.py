"""The shared frame of every HTML page: head, stylesheet, site header, escaping helpers.

Pages are static, need no JavaScript and read well on a phone and a desktop: a viewport
meta tag, one centred column, a system font stack with CJK faces and a generous line height.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from feeds.feed_fields import ATOM_TYPE, RSS_TYPE, feed_title, icon_url
from feeds.jsonfeed import JSON_FEED_TYPE
from feeds.model import FeedSpec
from feeds.text import clean_text
from feeds.urls import feed_url, index_url

# (extension, media type, button label) of each feed format, in the order pages list them.
FORMATS: tuple[tuple[str, str, str], ...] = (
    ("atom", ATOM_TYPE, "Atom"),
    ("rss", RSS_TYPE, "RSS"),
    ("json", JSON_FEED_TYPE, "JSON"),
)

CSS = """\
body{font-family:system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC",
"Source Han Sans SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:42rem;padding:1rem;
line-height:1.7;color:#222;background:#fff;overflow-wrap:break-word}
h1{font-size:1.5rem;line-height:1.4;margin:.5rem 0 1rem}h2{font-size:1.15rem;
margin:1.5rem 0 .5rem;border-bottom:1px solid #ddd}ul{list-style:none;padding:0;margin:0}
li{padding:.5rem 0;border-bottom:1px solid #f0f0f0;display:flex;flex-wrap:wrap;
gap:.25rem .75rem;align-items:baseline}.name{flex:1 1 12rem}.count,.meta,time{color:#666;
font-size:.9rem}a{color:#0a58ca}.fmt{padding:.1rem .5rem;border:1px solid #ccc;
border-radius:.25rem;text-decoration:none;font-size:.9rem}.site{font-size:.9rem;
margin-bottom:1rem}.kicker,.subtitle{color:#444;margin:.25rem 0}.subtitle{font-size:1.1rem}
.byline{color:#444}article p{text-indent:2em}article p.kicker,article p.subtitle,
article p.byline,article p.meta{text-indent:0}
.pages ul,.days{display:flex;flex-wrap:wrap;gap:.35rem .5rem;margin:.5rem 0 1rem}
.pages li,.days li{padding:0;border:0;display:block}.pages a,.days a{display:inline-block;
padding:.2rem .6rem;border:1px solid #ccc;border-radius:.25rem;text-decoration:none;
font-size:.9rem}.days a{min-width:2.5rem;text-align:center}.days time,.steps time{color:inherit;
font-size:inherit}.page{font-size:1.05rem;margin:1.25rem 0 .25rem;padding-left:.5rem;
border:0;border-left:3px solid #b22}.toc .kicker{display:block;font-size:.85rem;color:#666}
.paper{margin:0 0 2rem}.steps{display:flex;flex-wrap:wrap;gap:.5rem;margin:1.5rem 0}
.steps a{flex:1 1 14rem;padding:.5rem .75rem;border:1px solid #ddd;border-radius:.25rem;
text-decoration:none}.steps .meta{display:block}.steps .next{text-align:right}
.steps .up{flex-basis:100%;text-align:center}
@media (max-width:30rem){li .name{flex-basis:100%}}
@media (prefers-color-scheme:dark){body{color:#ddd;background:#111}a{color:#6ea8fe}
h2,li,.pages a,.days a,.steps a{border-color:#333}.count,.meta,time,.kicker,.subtitle,
.byline,.toc .kicker{color:#aaa}}
"""


def esc(text: str) -> str:
    """Text (or a URL) for an HTML text node or a quoted attribute, control characters
    removed: ``esc('<b title="x">')`` → ``&lt;b title=&quot;x&quot;&gt;``."""
    return html.escape(clean_text(text), quote=True)


def icon_link(base_url: str) -> str:
    """The site's icon for the page's tab: browsers look for /favicon.ico only at the root of
    the host, and a site published under a path (``https://x.org/paper/``) is not there."""
    return f'<link rel="icon" type="image/png" href="{esc(icon_url(base_url))}">'


# The format's name in an autodiscovery title. Readers given a page list every link it
# announces by its title alone (NetNewsWire, Feedly, Firefox's "subscribe" menu): three
# links named alike leave the subscriber to guess which one is which format.
DISCOVERY_NAMES = {"atom": "Atom", "rss": "RSS", "json": "JSON Feed"}


def discovery_title(title: str, ext: str) -> str:
    """The title of a feed's autodiscovery link in one format:
    ``discovery_title("青河日报 · 要闻", "rss")`` → ``青河日报 · 要闻（RSS）``."""
    return f"{title}（{DISCOVERY_NAMES[ext]}）"


def feed_head_links(feed: FeedSpec, base_url: str) -> list[str]:
    """Autodiscovery links for one feed: readers given the page URL offer these."""
    return head_links(feed.path, feed_title(feed), base_url)


def head_links(path: str, title: str, base_url: str) -> list[str]:
    """Autodiscovery links (Atom, RSS, JSON) for the feed at ``path`` named ``title``, each
    titled with the feed's name and its format."""
    return [
        f'<link rel="alternate" type="{media_type}" title="{esc(discovery_title(title, ext))}" '
        f'href="{esc(feed_url(base_url, path, ext))}">'
        for ext, media_type, _ in FORMATS
    ]


def feed_buttons(feed: FeedSpec, base_url: str) -> str:
    """The feed's formats as visible links: ``Atom`` ``RSS`` ``JSON``."""
    return "".join(
        f'<a class="fmt" href="{esc(feed_url(base_url, feed.path, ext))}" '
        f'type="{media_type}">{label}</a>'
        for ext, media_type, label in FORMATS
    )


def site_header(base_url: str, site_title: str) -> str:
    """The line above every page but the index: the site's name, linking to the index."""
    name = esc(clean_text(site_title).strip() or "paperfeed")
    return f'<header class="site"><a href="{esc(index_url(base_url))}">{name}</a></header>'


def document(
    *,
    title: str,
    head: Sequence[str],
    body: Sequence[str],
    language: str = "zh-CN",
) -> bytes:
    """A whole page as UTF-8 bytes. ``title`` is plain text (escaped here); ``head`` and
    ``body`` are HTML lines whose text the caller escaped."""
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>\n{CSS}</style>",
        *head,
        "</head>",
        "<body>",
        *body,
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(lines).encode("utf-8")
