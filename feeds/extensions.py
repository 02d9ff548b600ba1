"""feedgen extensions for what feedgen 1.0 gets wrong or leaves out, applied to the lxml
tree before serialisation so the output stays deterministic bytes.

- Atom entry links lose their ``rel`` and ``type`` (feedgen's loop rebinds ``link`` to the
  new element before reading them), so an entry's ``related`` link would become a second
  ``alternate``; ``EntryLinks`` puts them back.
- RSS gets only the ``self`` link as ``atom:link``; ``FeedLinks`` adds the WebSub ``hub``
  and the RFC 5005 ``current``/``prev-archive``/``next-archive`` links, and marks archive
  documents of both formats with ``<fh:archive/>``.
"""

from __future__ import annotations

from typing import Any

# lxml ships no type information (lxml-stubs is not a dependency).
from lxml import etree  # type: ignore[import-untyped]

ATOM_NS = "http://www.w3.org/2005/Atom"
FH_NS = "http://purl.org/syndication/history/1.0"


class FeedLinks:
    """Feed-level extension: extra ``atom:link`` elements for RSS, ``fh:archive`` for both."""

    def __init__(self) -> None:
        self.rss_links: list[dict[str, str]] = []
        self.archive = False

    def extend_ns(self) -> dict[str, str]:
        return {"fh": FH_NS} if self.archive else {}

    def extend_atom(self, feed: Any) -> Any:
        if self.archive:
            feed.append(_element(f"{{{FH_NS}}}archive"))
        return feed

    def extend_rss(self, feed: Any) -> Any:
        channel = feed.find("channel")
        for link in self.rss_links:
            channel.append(_element(f"{{{ATOM_NS}}}link", link))
        if self.archive:
            channel.append(_element(f"{{{FH_NS}}}archive"))
        return feed


def _element(tag: str, attrib: dict[str, str] | None = None) -> Any:
    return etree.Element(tag, attrib or {})


class EntryLinks:
    """Per-entry extension: the links the entry was given, restored on its Atom element."""

    def __init__(self) -> None:
        self.links: list[dict[str, str]] = []

    def extend_ns(self) -> dict[str, str]:
        return {}

    def extend_atom(self, entry: Any) -> Any:
        # feedgen builds Atom elements without a namespace (it writes ``xmlns`` as a plain
        # attribute on <feed>), so the children are found by their bare name.
        elements = entry.findall("link")
        for element, link in zip(elements, self.links, strict=True):
            for name in ("rel", "type"):
                if link.get(name):
                    element.set(name, link[name])
        return entry

    def extend_rss(self, item: Any) -> Any:
        return item
