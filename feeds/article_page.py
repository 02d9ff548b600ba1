"""The static HTML page of one article, the page every feed entry links to.

Pure and deterministic: a FeedEntry in → page bytes out (template ``article.html``). Shows
the article as printed: kicker, headline, subtitle, date, section and page, dateline with
byline, paragraphs.
"""

from __future__ import annotations

import datetime as dt

from feeds.content import credit_groups, title_text
from feeds.issues import ArticleNav
from feeds.layout import clean, feed_links, render
from feeds.model import FeedEntry
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


def _discovery(entry: FeedEntry) -> list[tuple[str, str]]:
    """The feeds this article is in, as ``(path, title)``: its section's and its people's,
    each titled as the feed itself is, with its paper (two papers' 要闻 are two feeds)."""
    feeds: list[tuple[str, str]] = []
    paper = clean(entry.publication)
    section = next((c for c in (clean(c) for c in entry.categories) if c), "")
    if entry.section_slug:
        feeds.append((section_feed_path(entry.section_slug), section_feed_title(section, paper)))
    seen: set[str] = set()
    for credit in entry.credits:
        name = clean(credit.name)
        if credit.slug and name and credit.slug not in seen:
            seen.add(credit.slug)
            feeds.append((person_feed_path(credit.slug), person_feed_title(name, paper)))
    return feeds


def _byline(entry: FeedEntry, base_url: str) -> list[tuple[str, str]]:
    """The byline's words, ``(text, link or "")``: each role's label, then its people, each
    linking to the person's page when the person has one (``记者 王孟鹤 通讯员 赵炎``)."""
    words: list[tuple[str, str]] = []
    for label, members in credit_groups(entry.credits):
        if label:
            words.append((label, ""))
        for credit in members:
            href = page_url(base_url, person_page_path(credit.slug)) if credit.slug else ""
            words.append((clean(credit.name), href))
    return words


def _steps(nav: ArticleNav | None, base_url: str) -> list[tuple[str, str, str, str]]:
    """The articles before and after, ``(rel, word, href, title)``, in print order."""
    around = (("prev", "上一篇", nav.previous), ("next", "下一篇", nav.next)) if nav else ()
    return [
        (rel, word, page_url(base_url, neighbour.page_path), neighbour.title)
        for rel, word, neighbour in around
        if neighbour is not None
    ]


def section_feed_title(section: str, paper: str) -> str:
    """A section feed's title, as the worker gives it: ``青河日报 · 要闻``; the section alone
    when the paper is not known."""
    return f"{paper} · {section}" if paper and section else section or paper


def person_feed_title(name: str, paper: str) -> str:
    """A person's feed title, as the worker gives it: ``王孟鹤 · 青河日报``; the name alone
    when the paper is not known."""
    return f"{name} · {paper}" if paper else name


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
    with ``nav`` the issue, the page and the previous and next articles in print order.

    The line under the headline reads ``2024年5月1日 · 青河日报 · 卫东新闻 · 第05版``: the
    section links to its page and, with ``nav``, the page label to its place in the issue.
    """
    headline = title_text(entry)
    site = clean(site_title) or "paperfeed"
    categories = [c for c in (clean(c) for c in entry.categories) if c]
    section = categories[0] if categories else ""
    return render(
        "article.html",
        language=language,
        title=f"{headline} - {site}",
        base_url=base_url,
        site=site,
        with_icon=True,
        canonical=page_url(base_url, entry.page_path) if entry.page_path else "",
        feed_links=feed_links(_discovery(entry), base_url),
        entry=entry,
        nav=nav,
        headline=headline,
        date=chinese_date(entry.published),
        paper=clean(entry.publication),
        section=section,
        section_href=page_url(base_url, section_page_path(entry.section_slug))
        if section and entry.section_slug
        else "",
        page_label=categories[1] if len(categories) > 1 else "",
        byline=_byline(entry, base_url),
        steps=_steps(nav, base_url),
    )
