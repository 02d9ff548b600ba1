"""feedgen extensions for what feedgen 1.0 gets wrong or leaves out, applied to the lxml
tree before serialisation so the output stays deterministic bytes.

- Atom entry links lose their ``rel`` and ``type`` (feedgen's loop rebinds ``link`` to the
  new element before reading them), so an entry's ``related`` link would become a second
  ``alternate``; ``EntryLinks`` puts them back.
"""

from __future__ import annotations

from typing import Any

ATOM_NS = "http://www.w3.org/2005/Atom"


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
