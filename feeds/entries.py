"""An entry rendered once for every format, to be kept and reused by later documents."""

from __future__ import annotations

from feeds.entry_fields import entry_fields
from feeds.jsonfeed import json_item
from feeds.model import FeedEntry, RenderedEntry
from feeds.render import entry_elements

# Part of what a kept rendering was made from: change it when entry rendering changes, and
# every kept entry is rendered again at the next publish.
ENTRY_FORMAT = "2"


def render_entry(entry: FeedEntry, *, base_url: str, language: str = "zh-CN") -> RenderedEntry:
    """``entry`` as the Atom ``<entry>``, RSS ``<item>`` and JSON Feed item that documents
    of a feed in ``language`` served from ``base_url`` hold; the three are written from
    the same cleaned values (``feeds.entry_fields``), made once."""
    fields = entry_fields(entry, base_url)
    atom, rss = entry_elements(entry, base_url, fields)
    return RenderedEntry(
        atom=atom,
        rss=rss,
        json=json_item(entry, language, base_url, fields),
        language=language,
    )
