"""What a delivered file is of its issue: the pages it holds (or the part it is), the issue's
date and where that date came from, and the time each article is published at.

Pure: a parse, a file name and a source's settings in, values out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from worker.parsing.filenames import page_from_filename
from worker.parsing.frontmatter import date_from_filename
from worker.parsing.model import ParsedArticle, ParsedIssue
from worker.sources import SourceConfig

# Where an issue's date came from; the last two are guesses.
DATE_FROM = ("text", "name", "mtime", "received")
GUESSED = frozenset({"mtime", "received"})


@dataclass(frozen=True)
class Delivery:
    """A parsed file as part of its issue. `articles` carry the page numbers the file gives
    (from its page headers, else its name); `parts[i]` is the part of the issue article i
    belongs to: its page number ("3"), or "file:<name>" for a file that says no page."""

    parsed: ParsedIssue
    articles: tuple[ParsedArticle, ...]
    parts: tuple[str, ...]
    date: dt.date
    date_from: str

    @property
    def guessed(self) -> bool:
        return self.date_from in GUESSED


def deliver(
    parsed: ParsedIssue,
    filename: str | None,
    source: SourceConfig,
    *,
    modified_at: dt.datetime | None,
    received_at: dt.datetime,
) -> Delivery:
    """Place a parsed file in its issue.

    >>> from worker.parsing import parse_issue
    >>> source = SourceConfig(name="s", kind="drop", publication="p", section="要闻")
    >>> when = dt.datetime(2025, 1, 2, 1, 0, tzinfo=dt.UTC)
    >>> d = deliver(parse_issue("标题\\n\\n本报讯 正文。"), "2025-01-01-p04.txt", source,
    ...             modified_at=when, received_at=when)
    >>> d.parts, d.articles[0].page, d.date.isoformat(), d.date_from
    (('4',), 4, '2025-01-01', 'name')
    >>> d = deliver(parse_issue("标题\\n\\n本报讯 正文。"), "weidong.txt", source,
    ...             modified_at=when, received_at=when)
    >>> d.parts, d.date.isoformat(), d.guessed
    (('file:weidong.txt',), '2025-01-02', True)
    """
    articles = tuple(parsed.articles)
    if any(page.labelled for page in parsed.pages):
        parts = tuple(str(a.page) for a in articles)
    else:
        page = page_from_filename(filename or "", source.pages)
        if page is not None:
            articles = tuple(dataclasses.replace(a, page=page) for a in articles)
            parts = (str(page),) * len(articles)
        else:
            parts = (f"file:{part_name(filename)}",) * len(articles)
    date, date_from = issue_date(parsed, filename, source, modified_at, received_at)
    return Delivery(parsed, articles, parts, date, date_from)


def part_name(filename: str | None) -> str:
    """The name a file gives the part it is: its last path component.

    >>> part_name("in/2020/weidong-page.txt"), part_name(None)
    ('weidong-page.txt', 'unnamed')
    """
    if not filename:
        return "unnamed"
    return re.split(r"[/\\]", filename)[-1][:250] or "unnamed"


def issue_date(
    parsed: ParsedIssue,
    filename: str | None,
    source: SourceConfig,
    modified_at: dt.datetime | None,
    received_at: dt.datetime,
) -> tuple[dt.date, str]:
    """The issue's date and where it came from: the text (front matter, page header), else
    the file name (a URL source's files are named by the template's date), else the file's
    modification time in the source's zone, else the time it arrived; the last two are
    guesses.

    >>> from worker.parsing import parse_issue
    >>> source = SourceConfig(name="s", kind="drop", publication="p", section="要闻")
    >>> late = dt.datetime(2020, 5, 28, 17, 30, tzinfo=dt.UTC)  # 01:30 the next day there
    >>> issue_date(parse_issue("标题\\n\\n正文。"), "a.txt", source, late, late)
    (datetime.date(2020, 5, 29), 'mtime')
    """
    named = date_from_filename(filename) if filename else None
    if parsed.date is not None:
        return parsed.date, "name" if named == parsed.date else "text"
    if named is not None:
        return named, "name"
    if modified_at is not None:
        return modified_at.astimezone(source.tz).date(), "mtime"
    return received_at.astimezone(source.tz).date(), "received"


def published_times(
    date: dt.date, articles: Sequence[ParsedArticle], source: SourceConfig
) -> list[dt.datetime]:
    """When each article is published: its issue's date at the source's `publish_time`,
    less a minute per page and a second per place on the page, so that readers sorting by
    date show an issue in print order (page 1's first article on top).

    >>> source = SourceConfig(name="s", kind="drop", publication="p", section="要闻")
    >>> a = [ParsedArticle(page=1, headline="甲"), ParsedArticle(page=1, headline="乙"),
    ...      ParsedArticle(page=2, headline="丙")]
    >>> times = published_times(dt.date(2025, 1, 2), a, source)
    >>> [t.astimezone(source.tz).strftime("%H:%M:%S") for t in times]
    ['06:00:00', '05:59:59', '05:59:00']
    """
    base = dt.datetime.combine(date, source.publish_time, tzinfo=source.tz)
    places: dict[int, int] = {}
    times = []
    for article in articles:
        place = places.get(article.page, 0)
        places[article.page] = place + 1
        page = min(max(article.page, 1), 600)
        offset = (page - 1) * 60 + min(place, 59)
        times.append((base - dt.timedelta(seconds=offset)).astimezone(dt.UTC))
    return times
