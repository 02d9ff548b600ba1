"""Publishing feed files: render every document, then replace atomically, and only when the
bytes changed.

A reader polling the public directory sees either the previous file or the new one, never a
partial document; an unchanged feed keeps its mtime, so HTTP validators and
readers' conditional requests keep saying "304 Not Modified".
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from feeds.archive_page import render_archive_page, render_year_page
from feeds.article_page import render_article_page
from feeds.atom import atom_document
from feeds.durable import FILE_MODE as FILE_MODE
from feeds.durable import write_if_changed as write_if_changed
from feeds.errors import FeedError
from feeds.feed_page import render_feed_page
from feeds.generator import feed_generator
from feeds.icons import FAVICON, ICON_PNG, default_icon, favicon_from_png
from feeds.issue_page import render_issue_page
from feeds.issues import IssueView, PaperShelf, article_navs
from feeds.jsonfeed import render_json
from feeds.mediatypes import content_type
from feeds.model import FeedSpec
from feeds.opml import KIND_OPML, render_opml
from feeds.pages import OPML_NAME, render_index
from feeds.rss import rss_document
from feeds.targets import (
    DirectoryTarget,
    PublishTarget,
    check_relative,
    delete_file,
    put_if_changed,
)
from feeds.text import clean_text
from feeds.urls import INDEX_PAGE, archive_year_path, feed_file_path, feed_url


@dataclass(frozen=True)
class PublishReport:
    """What one publish did: files replaced and files left as they were.

    ``written_files``/``unchanged_files`` are the relative POSIX paths; ``written`` and
    ``unchanged`` the same as absolute paths for a directory (``root``), as relative paths
    for other targets, made when asked for (a rebuild reports a hundred thousand).
    ``changed_feed_urls`` are the public URLs of the current feed documents that changed:
    the WebSub topics to ping (``feeds.websub.ping_hub``).
    """

    written_files: tuple[str, ...] = ()
    unchanged_files: tuple[str, ...] = ()
    changed_feed_urls: tuple[str, ...] = ()
    root: Path | None = None
    removed_files: tuple[str, ...] = ()  # pages of withdrawn articles that were there

    @property
    def written(self) -> tuple[Path, ...]:
        return self._located(self.written_files)

    @property
    def unchanged(self) -> tuple[Path, ...]:
        return self._located(self.unchanged_files)

    def _located(self, paths: tuple[str, ...]) -> tuple[Path, ...]:
        return tuple(Path(p) if self.root is None else self.root / p for p in paths)


def feed_file(public_dir: Path, path: str, extension: str) -> Path:
    """``public_dir/feeds/<path>.<extension>``, refusing paths that would leave ``feeds/``."""
    check_relative(path)
    return public_dir / "feeds" / f"{path}.{extension}"


def _page_path(path: str) -> str:
    check_relative(path, what="page path")
    if not path.endswith(".html"):
        raise FeedError(f"page path {path!r} does not end in .html")
    return path


def publish_feeds(
    public_dir: Path | PublishTarget,
    feeds: Sequence[FeedSpec],
    *,
    base_url: str,
    site_title: str,
    index_feeds: Sequence[FeedSpec] | None = None,
    hub_url: str | None = None,
    page_entries: Collection[str] | None = None,
    icon: bytes | None = None,
) -> PublishReport:
    """Render and write, for each feed, ``feeds/<path>.atom``, ``.rss`` and
    ``.json`` (``feeds/<path>/archive/<n>.*`` for archive page n), the feed's page
    (``FeedSpec.page_path``, current documents only) and the page of each of its entries
    (``FeedEntry.page_path``); then ``index.html``, ``feeds.opml``, ``feeds/sections.opml``
    and ``feeds/people.opml`` listing the current documents of ``index_feeds`` (default:
    ``feeds``), and the site's icon: ``icon.png`` (``icon``, a PNG of at most 256×256, or
    paperfeed's own) and ``favicon.ico`` holding it.

    ``public_dir`` is a directory (written atomically, files 0644) or any PublishTarget,
    such as ``feeds.targets.S3Target``. ``hub_url`` adds WebSub hub links; the report's
    ``changed_feed_urls`` say what to ping. ``page_entries``, when given, limits the entry
    pages rendered to those entry ids: the caller knows the other entries did not change
    since their pages were written, and rendering a thousand unchanged pages to find them
    unchanged is most of an incremental publish.
    Every document is rendered before any file is replaced, so a FeedError
    leaves every previously published file as it was. Article pages are written first and
    feeds after them, so a reader never follows a new entry's link to a missing page.
    ``FeedWriter`` does the same for feeds handed over a few at a time.
    """
    with FeedWriter(
        public_dir, base_url=base_url, site_title=site_title, hub_url=hub_url, icon=icon
    ) as out:
        out.add(feeds, page_entries=page_entries)
        return out.finish(feeds if index_feeds is None else index_feeds)


class FeedWriter:
    """One publish, handed its documents a few feeds at a time (``add``) and ended by
    ``finish``, which writes the index pages and replaces every changed file together.

    Into a directory, each file is staged on disk as it is rendered (``DirectoryBatch``),
    so a publish of ten thousand documents holds none of them in memory; other targets get
    the files at ``finish``. Leaving the ``with`` block by an exception (a FeedError in
    any document) replaces nothing. A path given twice with different bytes is an error,
    never a silent overwrite.
    """

    def __init__(
        self,
        destination: Path | PublishTarget,
        *,
        base_url: str,
        site_title: str,
        hub_url: str | None = None,
        icon: bytes | None = None,
    ) -> None:
        self.base_url, self.site_title, self.hub_url = base_url, site_title, hub_url
        self.icon = default_icon() if icon is None else icon
        self.target: PublishTarget = (
            destination
            if isinstance(destination, PublishTarget)
            else DirectoryTarget(Path(destination))
        )
        self.batch = self.target.batch() if isinstance(self.target, DirectoryTarget) else None
        self.held: dict[str, bytes] = {}  # for targets other than a directory
        self.digests: dict[str, bytes] = {}
        self.staged: dict[str, bool] = {}  # path: written (True) or unchanged, in order
        self.topics: dict[str, str] = {}  # current feed documents: their public URL
        self.page_owners: dict[str, str] = {}
        self.removals: list[str] = []
        self.removed: list[str] = []

    def __enter__(self) -> FeedWriter:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if kind is not None and self.batch is not None:
            self.batch.discard()

    def add(
        self, feeds: Sequence[FeedSpec], *, page_entries: Collection[str] | None = None
    ) -> None:
        """Render ``feeds`` (see ``publish_feeds``) and stage their files: the
        pages of their entries first, then the feeds' pages, then the documents."""
        self._article_pages(feeds, page_entries)
        for feed in feeds:
            if feed.is_current and feed.page_path and feed.page_path != INDEX_PAGE:
                page = render_feed_page(feed, base_url=self.base_url, site_title=self.site_title)
                self._put(_page_path(feed.page_path), page)
        for feed in feeds:
            check_relative(feed.path)
            for extension, data in self._documents(feed):
                topic = feed_url(self.base_url, feed.path, extension) if feed.is_current else None
                path = feed_file_path(feed.path, extension, archive=feed.archive)
                self._put(path, data, topic=topic)

    def _documents(self, feed: FeedSpec) -> Iterator[tuple[str, bytes]]:
        """``(extension, bytes)`` of the feed's Atom, RSS and JSON Feed documents; a
        FeedError names the feed and the format. One FeedGenerator writes both XML formats.
        feedgen (lxml) and json write well-formed documents or raise: what is rendered is
        not parsed again."""
        extension = "atom"
        base_url, hub_url = self.base_url, self.hub_url
        try:
            generator = feed_generator(feed, base_url=base_url)
            yield extension, atom_document(generator, feed, base_url=base_url, hub_url=hub_url)
            extension = "rss"
            yield extension, rss_document(generator, feed, base_url=base_url, hub_url=hub_url)
            extension = "json"
            yield extension, render_json(feed, base_url=base_url, hub_url=hub_url)
        except FeedError as exc:
            where = "" if feed.is_current else f", archive {feed.archive}"
            raise FeedError(f"feed {feed.path!r} ({extension}{where}): {exc}") from exc

    def add_issue(self, issue: IssueView, *, articles: bool = True) -> None:
        """Stage an issue's page and (``articles``) the pages of its articles, each with
        its previous and next article in print order. Called before ``add`` of the feeds
        holding them: an article page staged here is not rendered again (without its
        neighbours) there."""
        navs = article_navs(issue)
        for entry in issue.entries if articles else ():
            if not entry.page_path:
                continue
            path = _page_path(entry.page_path)
            owner = self.page_owners.setdefault(path, entry.id)
            if owner != entry.id:
                raise FeedError(f"entries {owner!r} and {entry.id!r} share page {path!r}")
            page = render_article_page(
                entry, base_url=self.base_url, site_title=self.site_title, nav=navs[entry.id]
            )
            self._put(path, page)
        page = render_issue_page(issue, base_url=self.base_url, site_title=self.site_title)
        self._put(_page_path(issue.page_path), page)

    def remove(self, path: str) -> None:
        """Delete the file at ``path`` once every staged file is in place (the page of an
        article no longer published); a path also staged for writing is kept."""
        check_relative(path, what="path")
        self.removals.append(path)

    def finish(
        self, index_feeds: Sequence[FeedSpec], shelves: Sequence[PaperShelf] = ()
    ) -> PublishReport:
        """Stage the index page (with each paper's newest issue from ``shelves``), each
        paper's archive page, the OPML lists of ``index_feeds``' current documents and the
        site's icon, replace every changed file, and report."""
        # Archive pages are reached through their feed's links, never listed on their own.
        listed = [f for f in index_feeds if f.is_current]
        title = self.site_title
        for shelf in shelves:
            self._archive_pages(shelf)
        index = render_index(listed, base_url=self.base_url, title=title, shelves=shelves)
        self._put(INDEX_PAGE, index)
        self._put(OPML_NAME, render_opml(listed, base_url=self.base_url, title=title))
        for path, kind, heading in KIND_OPML:
            name = f"{clean_text(title).strip() or 'paperfeed'} · {heading}"
            self._put(path, render_opml(listed, base_url=self.base_url, title=name, kinds={kind}))
        # Feeds name icon.png; browsers and many readers ask for /favicon.ico unprompted.
        self._put(FAVICON, favicon_from_png(self.icon))
        self._put(ICON_PNG, self.icon)
        if self.batch is not None:
            outcomes = self.batch.commit()
            # Every path went into the batch, in the order staged.
            self.staged.update(zip(list(self.staged), outcomes, strict=True))
        else:
            for path, data in self.held.items():
                self.staged[path] = put_if_changed(self.target, path, data, content_type(path))
        for path in dict.fromkeys(self.removals):
            if path not in self.staged and delete_file(self.target, path):
                self.removed.append(path)
        return self._report()

    def _archive_pages(self, shelf: PaperShelf) -> None:
        """Stage the paper's archive page and the pages of the years `shelf` says; the page
        of a year left without issues goes."""
        title = self.site_title
        page = render_archive_page(shelf, base_url=self.base_url, site_title=title)
        self._put(_page_path(shelf.archive_path), page)
        years = {year for year, _ in shelf.years}
        for year in sorted(years if shelf.years_written is None else shelf.years_written):
            path = _page_path(archive_year_path(shelf.paper_slug, year))
            if year not in years:
                self.remove(path)
                continue
            page = render_year_page(shelf, year, base_url=self.base_url, site_title=title)
            self._put(path, page)

    def _put(self, path: str, data: bytes, *, topic: str | None = None) -> None:
        # Only told apart from another file's bytes for the same path in this publish: SHA-1
        # does that at twice the speed of BLAKE2 here (the CPU's SHA instructions), and a
        # publish digests every byte it writes.
        digest = hashlib.sha1(data, usedforsecurity=False).digest()
        if path in self.digests:
            if self.digests[path] != digest:
                raise FeedError(f"{path!r} would be written twice with different content")
            return
        self.digests[path] = digest
        if topic is not None:
            self.topics[path] = topic
        self.staged[path] = False  # until the target says (``finish``)
        if self.batch is not None:
            self.batch.stage(path, data)
        else:
            self.held[path] = data

    def _article_pages(
        self, feeds: Sequence[FeedSpec], page_entries: Collection[str] | None
    ) -> None:
        """One page per distinct ``page_path``: the same article is in several feeds."""
        for feed in feeds:
            for entry in feed.entries:
                if not entry.page_path:
                    continue
                path = _page_path(entry.page_path)
                owner = self.page_owners.setdefault(path, entry.id)
                if owner != entry.id:
                    raise FeedError(f"entries {owner!r} and {entry.id!r} share page {path!r}")
                if page_entries is not None and entry.id not in page_entries:
                    continue  # unchanged since its page was written
                if path not in self.digests:
                    page = render_article_page(
                        entry, base_url=self.base_url, site_title=self.site_title,
                        language=feed.language,
                    )  # fmt: skip
                    self._put(path, page)

    def _report(self) -> PublishReport:
        written = tuple(path for path, was_written in self.staged.items() if was_written)
        unchanged = tuple(path for path, was_written in self.staged.items() if not was_written)
        root = self.target.root if isinstance(self.target, DirectoryTarget) else None
        return PublishReport(
            written_files=written,
            unchanged_files=unchanged,
            changed_feed_urls=tuple(self.topics[path] for path in written if path in self.topics),
            root=root,
            removed_files=tuple(self.removed),
        )
