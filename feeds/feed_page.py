"""The static HTML page of one feed (a section or a person): its latest articles and the
links to subscribe, with autodiscovery so a reader given the page finds the feeds.

Pure and deterministic: a FeedSpec in → page bytes out.
"""

from __future__ import annotations

from feeds.content import role_label, title_text
from feeds.entry_fields import entry_links
from feeds.feed_fields import feed_description, feed_title, unique_entries
from feeds.layout import document, esc, feed_buttons, feed_head_links, icon_link, site_header
from feeds.model import FeedEntry, FeedSpec
from feeds.text import clean_text
from feeds.urls import page_url


def _item(entry: FeedEntry, base_url: str) -> str:
    link, _ = entry_links(entry, base_url)
    headline = esc(title_text(entry))
    if link:
        headline = f'<a href="{esc(link)}">{headline}</a>'
    kicker = clean_text(entry.kicker or "").strip()
    kicker_html = f'<span class="kicker">{esc(kicker)}</span>' if kicker else ""
    when = entry.published
    return (
        f'<li><span class="name">{kicker_html}{" " if kicker else ""}{headline}</span>'
        f'<time datetime="{when.isoformat()}">{when.date().isoformat()}</time></li>'
    )


def render_feed_page(feed: FeedSpec, *, base_url: str, site_title: str) -> bytes:
    """The feed's page (UTF-8 HTML): title, description, Atom/RSS/JSON links and the feed's
    entries, newest first, each headline linking to the article's page."""
    title = feed_title(feed)
    site = clean_text(site_title).strip() or "paperfeed"
    entries = unique_entries(feed)
    head = [icon_link(base_url)]
    if feed.page_path:
        head.append(f'<link rel="canonical" href="{esc(page_url(base_url, feed.page_path))}">')
    head += feed_head_links(feed, base_url)
    count = feed.count if feed.count is not None else len(entries)
    body = [
        site_header(base_url, site),
        f"<h1>{esc(title)}</h1>",
        f"<p>{esc(feed_description(feed))}（共 {count} 篇）</p>",
    ]
    if feed.roles:
        roles = " · ".join(f"{role_label(role)} {n} 篇" for role, n in feed.roles)
        body.append(f'<p class="roles">署名：{esc(roles)}</p>')
    body.append(f"<p>订阅：{feed_buttons(feed, base_url)}</p>")
    if entries:
        body += ["<ul>", *(_item(entry, base_url) for entry in entries), "</ul>"]
    else:
        body.append("<p>暂无文章。</p>")
    return document(title=f"{title} - {site}", head=head, body=body, language=feed.language)
