"""Publishing feed files: validate, then replace atomically, and only when the bytes changed.

A reader polling the public directory sees either the previous file or the new one, never a
partial or invalid document; an unchanged feed keeps its mtime, so HTTP validators and
readers' conditional requests keep saying "304 Not Modified".
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

# lxml ships no type information (lxml-stubs is not a dependency).
from lxml import etree  # type: ignore[import-untyped]

from feeds.article_page import render_article_page
from feeds.errors import FeedError
from feeds.feed_page import render_feed_page
from feeds.jsonfeed import JSON_FEED_VERSION, render_json
from feeds.mediatypes import content_type
from feeds.model import FeedSpec
from feeds.opml import KIND_OPML, render_opml
from feeds.pages import OPML_NAME, render_index
from feeds.render import render_atom, render_rss
from feeds.targets import FILE_MODE as FILE_MODE
from feeds.targets import DirectoryTarget, PublishTarget, check_relative, put_if_changed
from feeds.targets import write_if_changed as write_if_changed
from feeds.text import clean_text
from feeds.urls import INDEX_PAGE, feed_file_path, feed_url

# Parsing our own output: no DTDs, no entities, no network, no recovery from errors.
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, recover=False, huge_tree=False
)


@dataclass(frozen=True)
class PublishReport:
    """What one publish did: files replaced and files left as they were.

    ``written``/``unchanged`` are absolute paths for a directory, paths relative to the
    target's root for other targets; ``written_files``/``unchanged_files`` are always the
    relative POSIX paths. ``changed_feed_urls`` are the public URLs of the current feed
    documents that changed: the WebSub topics to ping (``feeds.websub.ping_hub``).
    """

    written: tuple[Path, ...]
    unchanged: tuple[Path, ...]
    changed_feed_urls: tuple[str, ...] = ()
    written_files: tuple[str, ...] = ()
    unchanged_files: tuple[str, ...] = ()


def validate_feed(data: bytes) -> None:
    """Raise FeedError unless ``data`` is a well-formed XML document with a feed root.

    >>> validate_feed(b"<rss version='2.0'><channel/></rss>")
    >>> validate_feed(b"<rss><channel>")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    feeds.errors.FeedError: not well-formed XML: ...
    """
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"not well-formed XML: {exc}") from exc
    if etree.QName(root).localname not in {"feed", "rss"}:
        raise FeedError(f"root element is <{root.tag}>, expected an Atom <feed> or RSS <rss>")


def validate_json_feed(data: bytes) -> None:
    """Raise FeedError unless ``data`` is a UTF-8 JSON Feed 1.1 object with an item list.

    >>> validate_json_feed(b'{"version": "https://jsonfeed.org/version/1.1", "items": []}')
    >>> validate_json_feed(b'{"items": [')  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    feeds.errors.FeedError: not valid JSON: ...
    """
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise FeedError(f"not valid JSON: {exc}") from exc
    if not isinstance(document, dict) or document.get("version") != JSON_FEED_VERSION:
        raise FeedError(f"not a JSON Feed document: version is not {JSON_FEED_VERSION}")
    if not isinstance(document.get("items"), list):
        raise FeedError("JSON Feed document has no items list")


def feed_file(public_dir: Path, path: str, extension: str) -> Path:
    """``public_dir/feeds/<path>.<extension>``, refusing paths that would leave ``feeds/``."""
    check_relative(path)
    return public_dir / "feeds" / f"{path}.{extension}"


def _page_path(path: str) -> str:
    check_relative(path, what="page path")
    if not path.endswith(".html"):
        raise FeedError(f"page path {path!r} does not end in .html")
    return path


class _Plan:
    """The files one publish will write, in order, as relative paths; a path claimed twice
    with different bytes is an error, never a silent overwrite. ``topics`` maps the current
    feed documents to their public URL."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.topics: dict[str, str] = {}

    def add(self, path: str, data: bytes, *, topic: str | None = None) -> None:
        if self.files.get(path, data) != data:
            raise FeedError(f"{path!r} would be written twice with different content")
        self.files[path] = data
        if topic is not None:
            self.topics[path] = topic


def _article_pages(
    plan: _Plan,
    feeds: Sequence[FeedSpec],
    base_url: str,
    site_title: str,
    page_entries: Collection[str] | None,
) -> None:
    """One page per distinct ``page_path``: the same article is in several feeds."""
    owners: dict[str, str] = {}
    for feed in feeds:
        for entry in feed.entries:
            if not entry.page_path:
                continue
            path = _page_path(entry.page_path)
            owner = owners.setdefault(path, entry.id)
            if owner != entry.id:
                raise FeedError(f"entries {owner!r} and {entry.id!r} share page {path!r}")
            if page_entries is not None and entry.id not in page_entries:
                continue  # unchanged since its page was written
            if path not in plan.files:
                page = render_article_page(
                    entry, base_url=base_url, site_title=site_title, language=feed.language
                )
                plan.add(path, page)


def publish_feeds(
    public_dir: Path | PublishTarget,
    feeds: Sequence[FeedSpec],
    *,
    base_url: str,
    site_title: str,
    index_feeds: Sequence[FeedSpec] | None = None,
    hub_url: str | None = None,
    page_entries: Collection[str] | None = None,
) -> PublishReport:
    """Render, validate and write, for each feed, ``feeds/<path>.atom``, ``.rss`` and
    ``.json`` (``feeds/<path>/archive/<n>.*`` for archive page n), the feed's page
    (``FeedSpec.page_path``, current documents only) and the page of each of its entries
    (``FeedEntry.page_path``); then ``index.html``, ``feeds.opml``, ``feeds/sections.opml``
    and ``feeds/people.opml`` listing the current documents of ``index_feeds`` (default:
    ``feeds``).

    ``public_dir`` is a directory (written atomically, files 0644) or any PublishTarget,
    such as ``feeds.targets.S3Target``. ``hub_url`` adds WebSub hub links; the report's
    ``changed_feed_urls`` say what to ping. ``page_entries``, when given, limits the entry
    pages rendered to those entry ids: the caller knows the other entries did not change
    since their pages were written, and rendering a thousand unchanged pages to find them
    unchanged is most of an incremental publish.
    Every document is rendered and validated before any file is written, so a FeedError
    leaves every previously published file as it was. Article pages are written first and
    feeds after them, so a reader never follows a new entry's link to a missing page.
    """
    plan = _Plan()
    _article_pages(plan, feeds, base_url, site_title, page_entries)
    for feed in feeds:
        if feed.is_current and feed.page_path and feed.page_path != INDEX_PAGE:
            page = render_feed_page(feed, base_url=base_url, site_title=site_title)
            plan.add(_page_path(feed.page_path), page)
    for feed in feeds:
        check_relative(feed.path)
        for extension, render, validate in (
            ("atom", render_atom, validate_feed),
            ("rss", render_rss, validate_feed),
            ("json", render_json, validate_json_feed),
        ):
            data = render(feed, base_url=base_url, hub_url=hub_url)
            try:
                validate(data)
            except FeedError as exc:
                where = "" if feed.is_current else f", archive {feed.archive}"
                raise FeedError(f"feed {feed.path!r} ({extension}{where}): {exc}") from exc
            topic = feed_url(base_url, feed.path, extension) if feed.is_current else None
            plan.add(feed_file_path(feed.path, extension, archive=feed.archive), data, topic=topic)
    # Archive pages are reached through their feed's links, never listed on their own.
    listed = [f for f in (feeds if index_feeds is None else index_feeds) if f.is_current]
    plan.add(INDEX_PAGE, render_index(listed, base_url=base_url, title=site_title))
    plan.add(OPML_NAME, render_opml(listed, base_url=base_url, title=site_title))
    for path, kind, heading in KIND_OPML:
        name = f"{clean_text(site_title).strip() or 'paperfeed'} · {heading}"
        plan.add(path, render_opml(listed, base_url=base_url, title=name, kinds={kind}))
    return _write(plan, public_dir)


def _write(plan: _Plan, destination: Path | PublishTarget) -> PublishReport:
    directory: PublishTarget = (
        destination
        if isinstance(destination, PublishTarget)
        else DirectoryTarget(Path(destination))
    )
    written: list[str] = []
    unchanged: list[str] = []
    changed: list[str] = []
    if isinstance(directory, DirectoryTarget):
        outcomes = directory.write_changed(list(plan.files.items()))
    else:
        outcomes = [put_if_changed(directory, p, d, content_type(p)) for p, d in plan.files.items()]
    for (path, _), was_written in zip(plan.files.items(), outcomes, strict=True):
        if was_written:
            written.append(path)
            if path in plan.topics:
                changed.append(plan.topics[path])
        else:
            unchanged.append(path)

    def located(paths: list[str]) -> tuple[Path, ...]:
        if isinstance(directory, DirectoryTarget):
            return tuple(directory.location(p) for p in paths)
        return tuple(Path(p) for p in paths)

    return PublishReport(
        written=located(written),
        unchanged=located(unchanged),
        changed_feed_urls=tuple(changed),
        written_files=tuple(written),
        unchanged_files=tuple(unchanged),
    )
