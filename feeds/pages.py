"""The public index page: every feed with its Atom and RSS links, readable on a phone.

Pure and deterministic like the feed renderer: feeds in → ``index.html`` bytes out.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from feeds.model import FeedSpec
from feeds.render import ATOM_TYPE, RSS_TYPE, feed_url, index_url
from feeds.text import clean_text

# Groups in page order: (FeedSpec.kind, heading). Unknown kinds are listed last as "其他".
GROUPS: tuple[tuple[str, str], ...] = (("all", "全部"), ("section", "栏目"), ("person", "作者"))
OTHER_HEADING = "其他"

_CSS = """\
body{font-family:system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;
margin:0 auto;max-width:42rem;padding:1rem;line-height:1.6;color:#222;background:#fff}
h1{font-size:1.5rem;margin:.5rem 0 1rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem;
border-bottom:1px solid #ddd}ul{list-style:none;padding:0;margin:0}
li{padding:.5rem 0;border-bottom:1px solid #f0f0f0;display:flex;flex-wrap:wrap;gap:.25rem .75rem;
align-items:baseline}.name{flex:1 1 12rem}.count{color:#666;font-size:.9rem}
a{color:#0a58ca}.fmt{padding:.1rem .5rem;border:1px solid #ccc;border-radius:.25rem;
text-decoration:none;font-size:.9rem}
@media (prefers-color-scheme:dark){body{color:#ddd;background:#111}a{color:#6ea8fe}
h2,li{border-color:#333}.count{color:#999}}
"""


OPML_NAME = "feeds.opml"


def opml_url(base_url: str) -> str:
    """Public URL of the OPML list of every feed (``publish_feeds`` writes it)."""
    return index_url(base_url) + OPML_NAME


def _esc(text: str) -> str:
    return html.escape(clean_text(text), quote=True)


def _title(feed: FeedSpec) -> str:
    return clean_text(feed.title).strip() or feed.path


def group_feeds(feeds: Sequence[FeedSpec]) -> list[tuple[str, list[FeedSpec]]]:
    """Feeds by group in page order, each group sorted by path (pinyin slugs: A→Z)."""
    known = {kind for kind, _ in GROUPS}
    groups: list[tuple[str, list[FeedSpec]]] = []
    for kind, heading in (*GROUPS, ("", OTHER_HEADING)):
        members = [f for f in feeds if (f.kind == kind if kind else f.kind not in known)]
        if members:
            groups.append((heading, sorted(members, key=lambda f: f.path)))
    return groups


def _head_links(feeds: list[FeedSpec], base_url: str) -> list[str]:
    """Autodiscovery links: readers given the page URL offer every feed listed here."""
    lines: list[str] = []
    for feed in feeds:
        title = _esc(_title(feed))
        for ext, media_type in (("atom", ATOM_TYPE), ("rss", RSS_TYPE)):
            href = _esc(feed_url(base_url, feed.path, ext))
            lines.append(
                f'<link rel="alternate" type="{media_type}" title="{title}" href="{href}">'
            )
    return lines


def _item(feed: FeedSpec, base_url: str) -> str:
    atom = _esc(feed_url(base_url, feed.path, "atom"))
    rss = _esc(feed_url(base_url, feed.path, "rss"))
    # FeedSpec.count is the whole history when the worker knows it; a feed file holds only
    # the latest entries.
    count = feed.count if feed.count is not None else len({e.id for e in feed.entries})
    latest = max((e.updated for e in feed.entries), default=None)
    when = (
        f' · <time datetime="{latest.isoformat()}">{latest.date().isoformat()}</time>'
        if latest is not None
        else ""
    )
    return (
        f'<li><span class="name">{_esc(_title(feed))}</span>'
        f'<span class="count">{count} 篇{when}</span>'
        f'<a class="fmt" href="{atom}" type="{ATOM_TYPE}">Atom</a>'
        f'<a class="fmt" href="{rss}" type="{RSS_TYPE}">RSS</a></li>'
    )


def render_index(feeds: Sequence[FeedSpec], *, base_url: str, title: str) -> bytes:
    """``index.html`` (UTF-8) listing every feed: all, then sections, then people.

    Each feed shows its entry count, the date of its newest change and links to its
    ``.atom`` and ``.rss``; ``<head>`` carries autodiscovery links for all of them.
    """
    groups = group_feeds(feeds)
    ordered = [feed for _, members in groups for feed in members]
    page_title = _esc(clean_text(title).strip() or "paperfeed")
    lines = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{page_title}</title>",
        f"<style>\n{_CSS}</style>",
        *_head_links(ordered, base_url),
        "</head>",
        "<body>",
        f"<h1>{page_title}</h1>",
    ]
    if ordered:
        lines.append(
            f'<p><a href="{_esc(opml_url(base_url))}">OPML 订阅列表</a>（一次导入全部订阅源）</p>'
        )
    else:
        lines.append("<p>暂无订阅源。</p>")
    for heading, members in groups:
        lines.append(f"<h2>{_esc(heading)}</h2>")
        lines.append("<ul>")
        lines.extend(_item(feed, base_url) for feed in members)
        lines.append("</ul>")
    lines += ["</body>", "</html>", ""]
    return "\n".join(lines).encode("utf-8")
