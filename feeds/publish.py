"""Publishing feed files: validate, then replace atomically, and only when the bytes changed.

A reader polling the public directory sees either the previous file or the new one, never a
partial or invalid document; an unchanged feed keeps its mtime, so HTTP validators and
readers' conditional requests keep saying "304 Not Modified".
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# lxml ships no type information (lxml-stubs is not a dependency).
from lxml import etree  # type: ignore[import-untyped]

from feeds.article_page import render_article_page
from feeds.errors import FeedError
from feeds.feed_page import render_feed_page
from feeds.jsonfeed import JSON_FEED_VERSION, render_json
from feeds.model import FeedSpec
from feeds.opml import KIND_OPML, render_opml
from feeds.pages import OPML_NAME, render_index
from feeds.render import render_atom, render_rss
from feeds.text import clean_text
from feeds.urls import INDEX_PAGE, feed_file_path, feed_url

FILE_MODE = 0o644

# Parsing our own output: no DTDs, no entities, no network, no recovery from errors.
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, recover=False, huge_tree=False
)


@dataclass(frozen=True)
class PublishReport:
    """What one publish did: files replaced and files left as they were (absolute paths).

    ``changed_feed_urls`` are the public URLs of the current feed documents that changed:
    the WebSub topics to ping (``feeds.websub.ping_hub``).
    """

    written: tuple[Path, ...]
    unchanged: tuple[Path, ...]
    changed_feed_urls: tuple[str, ...] = ()


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically unless the file already holds exactly ``data``.

    Returns True when the file was (re)written. The new file is mode 0644: ``mkstemp``
    creates 0600 files, which a web server running as another user could not read.
    """
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp_name, FILE_MODE)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(path.parent)
    return True


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


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


def check_relative(path: str, *, what: str = "feed path") -> str:
    """``path`` if it is a relative POSIX path of plain, visible names; FeedError otherwise.

    Paths come from slugs and article keys, but a path is a file name: ``../x``, ``/etc/x``,
    an empty segment or a hidden name (the server refuses those) is a bug upstream and must
    not write outside the public directory.
    """
    pure = PurePosixPath(path)
    if (
        not path
        or "\\" in path
        or "\x00" in path
        or pure.is_absolute()
        or any(part in {"", ".", ".."} or part.startswith(".") for part in path.split("/"))
    ):
        raise FeedError(f"{what} {path!r} is not a relative path of plain names")
    return path


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


def _article_pages(plan: _Plan, feeds: Sequence[FeedSpec], base_url: str, site_title: str) -> None:
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
            if path not in plan.files:
                page = render_article_page(
                    entry, base_url=base_url, site_title=site_title, language=feed.language
                )
                plan.add(path, page)


def publish_feeds(
    public_dir: Path,
    feeds: Sequence[FeedSpec],
    *,
    base_url: str,
    site_title: str,
    index_feeds: Sequence[FeedSpec] | None = None,
    hub_url: str | None = None,
) -> PublishReport:
    """Render, validate and write, for each feed, ``feeds/<path>.atom``, ``.rss`` and
    ``.json`` (``feeds/<path>/archive/<n>.*`` for archive page n), the feed's page
    (``FeedSpec.page_path``, current documents only) and the page of each of its entries
    (``FeedEntry.page_path``); then ``index.html``, ``feeds.opml``, ``feeds/sections.opml``
    and ``feeds/people.opml`` listing the current documents of ``index_feeds`` (default:
    ``feeds``).

    ``hub_url`` adds WebSub hub links; the report's ``changed_feed_urls`` say what to ping.
    Every document is rendered and validated before any file is written, so a FeedError
    leaves every previously published file as it was. Article pages are written first and
    feeds after them, so a reader never follows a new entry's link to a missing page.
    """
    plan = _Plan()
    _article_pages(plan, feeds, base_url, site_title)
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
    written: list[Path] = []
    unchanged: list[Path] = []
    changed: list[str] = []
    for path, data in plan.files.items():
        target = public_dir / path
        if write_if_changed(target, data):
            written.append(target)
            if path in plan.topics:
                changed.append(plan.topics[path])
        else:
            unchanged.append(target)
    return PublishReport(
        written=tuple(written), unchanged=tuple(unchanged), changed_feed_urls=tuple(changed)
    )
