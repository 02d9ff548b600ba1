"""The static HTML page of one article, the page every feed entry links to.

Pure and deterministic: a FeedEntry in → page bytes out. Shows the article as printed:
kicker, headline, subtitle, date, section and page, dateline with byline, paragraphs.
"""

from __future__ import annotations

import datetime as dt

from feeds.content import credit_groups, title_text
from feeds.issues import ArticleNav, Neighbour
from feeds.layout import document, esc, head_links, icon_link, site_header
from feeds.model import Credit, FeedEntry
from feeds.text import clean_text
from feeds.urls import (
    page_url,
    person_feed_path,
    person_page_path,
    section_feed_path,
    section_page_path,
)


def chinese_date(when: dt.datetime) -> str:
    """The date as printed in the paper: ``2024年5月1日`` (in the datetime's own zone)."""
    return f"{when.year}年{when.month}月{when.day}日"


def _person(credit: Credit, base_url: str) -> str:
    name = esc(clean_text(credit.name).strip())
    if not credit.slug:
        return name
    return f'<a href="{esc(page_url(base_url, person_page_path(credit.slug)))}">{name}</a>'


def byline_html(entry: FeedEntry, base_url: str) -> str:
    """``本报讯（记者 王孟鹤 通讯员 赵炎）`` with each name linking to its person page."""
    words: list[str] = []
    for label, members in credit_groups(entry.credits):
        names = [_person(c, base_url) for c in members]
        words.extend([esc(label), *names] if label else names)
    people = " ".join(words)
    dateline = esc(clean_text(entry.dateline or "").strip())
    if dateline and people:
        return f"{dateline}（{people}）"
    return dateline or people


def _meta(entry: FeedEntry, base_url: str, nav: ArticleNav | None = None) -> str:
    """Date, paper, section (linking to its page) and page label:
    ``2024年5月1日 · 青河日报 · 卫东新闻 · 第05版``; with ``nav``, the page label links to
    the page's place on the issue's page."""
    parts = [
        f'<time datetime="{entry.published.isoformat()}">{chinese_date(entry.published)}</time>'
    ]
    issue = esc(page_url(base_url, nav.issue_path)) if nav else ""
    paper = clean_text(entry.publication or "").strip()
    if paper:
        parts.append(esc(paper))
    categories = [c for c in (clean_text(c).strip() for c in entry.categories) if c]
    if categories:
        section = esc(categories[0])
        if entry.section_slug:
            href = esc(page_url(base_url, section_page_path(entry.section_slug)))
            section = f'<a href="{href}">{section}</a>'
        parts.append(section)
    for label in categories[1:2]:
        anchor = f"{issue}#{esc(nav.page_anchor)}" if nav else ""
        parts.append(f'<a href="{anchor}">{esc(label)}</a>' if nav else esc(label))
    return f'<p class="meta">{" · ".join(parts)}</p>'


def _discovery(entry: FeedEntry, base_url: str) -> list[str]:
    """Autodiscovery for the feeds this article is in: its section's and its people's, each
    titled as the feed itself is, with its paper (two papers' 要闻 are two feeds)."""
    links: list[str] = []
    paper = clean_text(entry.publication or "").strip()
    section = next((c for c in (clean_text(c).strip() for c in entry.categories) if c), "")
    if entry.section_slug:
        title = section_feed_title(section, paper)
        links += head_links(section_feed_path(entry.section_slug), title, base_url)
    seen: set[str] = set()
    for credit in entry.credits:
        name = clean_text(credit.name).strip()
        if credit.slug and name and credit.slug not in seen:
            seen.add(credit.slug)
            title = person_feed_title(name, paper)
            links += head_links(person_feed_path(credit.slug), title, base_url)
    return links


def section_feed_title(section: str, paper: str) -> str:
    """A section feed's title, as the worker gives it: ``青河日报 · 要闻``; the section alone
    when the paper is not known."""
    return f"{paper} · {section}" if paper and section else section or paper


def person_feed_title(name: str, paper: str) -> str:
    """A person's feed title, as the worker gives it: ``王孟鹤 · 青河日报``; the name alone
    when the paper is not known."""
    return f"{name} · {paper}" if paper else name


def _step(neighbour: Neighbour | None, rel: str, word: str, base_url: str) -> str:
    if neighbour is None:
        return ""
    href = esc(page_url(base_url, neighbour.page_path))
    return (
        f'<a class="{rel}" rel="{rel}" href="{href}"><span class="meta">{word}</span>'
        f"{esc(neighbour.title)}</a>"
    )


def nav_html(nav: ArticleNav, base_url: str) -> str:
    """Previous and next article in print order, and the way back to the issue's page."""
    steps = _step(nav.previous, "prev", "上一篇", base_url) + _step(
        nav.next, "next", "下一篇", base_url
    )
    issue = esc(page_url(base_url, nav.issue_path))
    return (
        f'<nav class="steps" aria-label="前后文章">{steps}'
        f'<a class="up" href="{issue}#{esc(nav.page_anchor)}">本期目录：{esc(nav.issue_title)} · '
        f"{esc(nav.page_label)}</a></nav>"
    )


def render_article_page(
    entry: FeedEntry,
    *,
    base_url: str,
    site_title: str,
    language: str = "zh-CN",
    nav: ArticleNav | None = None,
) -> bytes:
    """The article's page (UTF-8 HTML); every text is escaped, no script, same bytes for the
    same entry. Links: people pages, the section page, the paper's own URL when known, and
    with ``nav`` the issue, the page and the previous and next articles in print order."""
    headline = title_text(entry)
    site = clean_text(site_title).strip() or "paperfeed"
    head = [icon_link(base_url)]
    if entry.page_path:
        head.append(f'<link rel="canonical" href="{esc(page_url(base_url, entry.page_path))}">')
    head += _discovery(entry, base_url)
    body = [site_header(base_url, site), "<article>"]
    kicker = clean_text(entry.kicker or "").strip()
    if kicker:
        body.append(f'<p class="kicker">{esc(kicker)}</p>')
    body.append(f"<h1>{esc(headline)}</h1>")
    subtitle = clean_text(entry.subtitle or "").strip()
    if subtitle:
        body.append(f'<p class="subtitle">{esc(subtitle)}</p>')
    body.append(_meta(entry, base_url, nav))
    opening = byline_html(entry, base_url)
    if opening:
        body.append(f'<p class="byline">{opening}</p>')
    for paragraph in entry.paragraphs:
        text = clean_text(paragraph).strip()
        if text:
            body.append(f"<p>{esc(text)}</p>")
    body.append("</article>")
    original = clean_text(entry.link or "").strip()
    if original:
        body.append(f'<p class="meta"><a href="{esc(original)}" rel="nofollow">原文</a></p>')
    if nav is not None:
        body.append(nav_html(nav, base_url))
    return document(title=f"{headline} - {site}", head=head, body=body, language=language)
