"""`paperfeed feeds check`: read every feed as a reader that keeps archives would (the
current document, then each `prev-archive` page to the end), in Atom, RSS and JSON Feed,
and compare the entries found with the articles the database says the feed holds."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

from sqlalchemy import select
from sqlalchemy.orm import Session

from feeds.targets import PublishTarget
from feeds.urls import feed_file_path
from worker.models import Article
from worker.publishing.entries import entry_id
from worker.publishing.selection import FeedInfo, every_feed, feed_query

ATOM = "{http://www.w3.org/2005/Atom}"
# A chain longer than this is a loop: archive pages link only to older ones.
MAX_PAGES = 1_000_000


@dataclass(frozen=True)
class FeedCheck:
    """One feed in one format: entries the database holds that the chain lacks, entries the
    chain shows more than once, entries it shows that the database does not hold (withdrawn
    or never in the feed), and a problem that stopped the reading (a missing page)."""

    key: str
    format: str
    expected: int
    found: int
    missing: tuple[str, ...] = ()
    duplicated: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return not (self.missing or self.duplicated or self.extra or self.problem)


def check_feeds(
    session: Session, target: PublishTarget, base_url: str, *, formats: tuple[str, ...] = (
        "atom", "rss", "json",
    )
) -> list[FeedCheck]:  # fmt: skip
    """Check every feed's chain in each of `formats` against the database."""
    keys = dict(session.execute(select(Article.id, Article.key)).all())
    results = []
    for info in every_feed(session).values():
        expected = {entry_id(keys[a]) for a in session.scalars(feed_query(info.key))}
        for extension in formats:
            results.append(_check(info, extension, expected, target, base_url))
    return results


def _check(
    info: FeedInfo, extension: str, expected: set[str], target: PublishTarget, base_url: str
) -> FeedCheck:
    seen: Counter[str] = Counter()
    problem = None
    try:
        for ids in _chain(info, extension, target, base_url):
            seen.update(ids)
    except ChainError as exc:
        problem = str(exc)
    return FeedCheck(
        key=info.key,
        format=extension,
        expected=len(expected),
        found=sum(seen.values()),
        missing=tuple(sorted(expected - seen.keys())),
        duplicated=tuple(sorted(i for i, n in seen.items() if n > 1)),
        extra=tuple(sorted(seen.keys() - expected)),
        problem=problem,
    )


class ChainError(Exception):
    """A document of the chain is missing or unreadable."""


def _chain(
    info: FeedInfo, extension: str, target: PublishTarget, base_url: str
) -> Iterator[list[str]]:
    """The entry ids of each document of the feed's chain, newest first."""
    path: str | None = feed_file_path(info.path, extension)
    visited: set[str] = set()
    while path is not None:
        if path in visited or len(visited) > MAX_PAGES:
            raise ChainError(f"{path} is reached twice: the chain loops")
        visited.add(path)
        data = target.read(path)
        if data is None:
            raise ChainError(f"{path} is missing")
        try:
            ids, older = _read(data, extension)
        except (ElementTree.ParseError, ValueError, KeyError) as exc:
            raise ChainError(f"{path} cannot be read: {exc}") from exc
        yield ids
        path = _relative(older, base_url) if older else None


def _read(data: bytes, extension: str) -> tuple[list[str], str | None]:
    """A document's entry ids and its link to the next older page."""
    if extension == "json":
        document = json.loads(data)
        return [item["id"] for item in document["items"]], document.get("next_url")
    root = ElementTree.fromstring(data)
    if extension == "atom":
        ids = [entry.findtext(f"{ATOM}id") or "" for entry in root.findall(f"{ATOM}entry")]
        links = root.findall(f"{ATOM}link")
    else:
        channel = root.find("channel")
        if channel is None:
            raise ValueError("no <channel>")
        ids = [item.findtext("guid") or "" for item in channel.findall("item")]
        links = channel.findall(f"{ATOM}link")
    older = next((link.get("href") for link in links if link.get("rel") == "prev-archive"), None)
    return ids, older


def _relative(url: str, base_url: str) -> str:
    """The published path of one of our URLs."""
    base = base_url.rstrip("/") + "/"
    if url.startswith(base):
        return unquote(url[len(base) :])
    return unquote(urlsplit(url).path.lstrip("/"))


def summary(results: list[FeedCheck]) -> tuple[int, int, int]:
    """Missing, duplicated and extra entries over every feed and format."""
    return (
        sum(len(r.missing) for r in results),
        sum(len(r.duplicated) for r in results),
        sum(len(r.extra) for r in results),
    )
