"""An entry's Atom ``<entry>`` and RSS ``<item>`` written straight as text: the bytes feedgen
and lxml write for it in a pretty-printed document, without building a one-entry document.

feedgen's path (``feeds.render._feedgen_entry_elements``) stays as the reference: the tests
compare the two on samples, hostile text and generated entries.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from feeds.entry_fields import EntryFields, entry_fields
from feeds.model import FeedEntry
from feeds.text import replace_present

# Not an XML 1.0 Char: lxml refuses a document holding one with a ValueError, where a
# string writer would write it, so the caller is told to ask feedgen.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# formatRFC2822 switches to the C locale for %a and %b; naming them here does the same
# without touching the process-wide locale.
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def entry_xml(
    entry: FeedEntry, base_url: str, fields: EntryFields | None = None
) -> tuple[str, str] | None:
    """``(atom_entry, rss_item)`` indented as in a document, ending in a line break; None
    when the base URL holds a character XML cannot carry (feedgen refuses it, with lxml's
    message).

    ``<title>A &amp; B</title>`` for the title ``A & B``, at 4 spaces in Atom, 6 in RSS.
    FeedError as ``feeds.entry_fields.entry_fields`` raises it; ``fields`` are its result
    when the caller has them already.
    """
    # Every text of an entry has been through clean_text, the paths in its URLs through
    # quote(); what is left is the base URL, which feedgen's path puts in the feed's link.
    if _NOT_XML.search(base_url):
        return None
    f = entry_fields(entry, base_url) if fields is None else fields
    escaped = _Escaped(
        _text(f.id),
        _text(f.title),
        _text(f.summary_html),
        _text(f.html),
        _text(f.author),
        [_text(name) for name, _ in f.people],
        [_text(c) for c in f.categories],
        f.updated.isoformat(),
        f.published.isoformat(),
    )
    return _atom(f, escaped), _rss(f, escaped)


class _Escaped(NamedTuple):
    """The texts both formats hold, escaped (or formatted) once."""

    id: str
    title: str
    summary: str  # the summary's HTML
    html: str
    author: str
    names: list[str]  # of the people credited
    categories: list[str]
    updated: str  # isoformat(), as feedgen writes Atom dates
    published: str


def _atom(f: EntryFields, e: _Escaped) -> str:
    """feedgen's FeedEntry.atom_entry order: id, title, updated, author, content, link,
    summary, category, contributor, published; EntryLinks gives each link its rel and type back."""
    out = [
        f"  <entry>\n    <id>{e.id}</id>\n    <title>{e.title}</title>\n"
        f"    <updated>{e.updated}</updated>\n"
    ]
    if f.author:
        uri_line = f"      <uri>{_text(f.author_uri)}</uri>\n" if f.author_uri else ""
        out.append(f"    <author>\n      <name>{e.author}</name>\n{uri_line}    </author>\n")
    # feedgen leaves an empty body without text, which lxml writes as an empty element.
    if f.html:
        out.append(f'    <content type="html">{e.html}</content>\n')
    else:
        out.append('    <content type="html"/>\n')
    if f.related:
        out.append(f'    <link href="{_attr(f.related)}" rel="related" type="text/html"/>\n')
    if f.link:
        out.append(f'    <link href="{_attr(f.link)}" rel="alternate" type="text/html"/>\n')
    if f.summary:
        out.append(f'    <summary type="html">{e.summary}</summary>\n')
    # A term is an attribute: quotes, tabs and line breaks are escaped too.
    out += [f'    <category term="{_attr(c)}"/>\n' for c in f.categories]
    for name, (_, uri) in zip(e.names, f.people, strict=True):
        uri_line = f"      <uri>{_text(uri)}</uri>\n" if uri else ""
        out.append(f"    <contributor>\n      <name>{name}</name>\n{uri_line}    </contributor>\n")
    out.append(f"    <published>{e.published}</published>\n  </entry>\n")
    return "".join(out)


def _rss(f: EntryFields, e: _Escaped) -> str:
    """feedgen's FeedEntry.rss_entry order: title, link, description (the summary, the body
    as content:encoded; the body itself without a summary), guid, category, pubDate, then
    the dc extension's dc:contributor per person and dc:creator."""
    out = [f"    <item>\n      <title>{e.title}</title>\n"]
    if f.link:  # the alternate link; the related one has no place in RSS
        out.append(f"      <link>{_text(f.link)}</link>\n")
    # feedgen sets these texts even when empty, so lxml writes <x></x>, not <x/>.
    if f.summary:
        out.append(
            f"      <description>{e.summary}</description>\n"
            f"      <content:encoded>{e.html}</content:encoded>\n"
        )
    else:
        out.append(f"      <description>{e.html}</description>\n")
    permalink = "true" if f.is_permalink else "false"
    out.append(f'      <guid isPermaLink="{permalink}">{e.id}</guid>\n')
    out += [f"      <category>{c}</category>\n" for c in e.categories]
    out.append(f"      <pubDate>{_rfc822(f.published, e.published)}</pubDate>\n")
    # The dc extension writes its elements in its own order: contributor before creator.
    out += [f"      <dc:contributor>{name}</dc:contributor>\n" for name in e.names]
    if f.author:
        out.append(f"      <dc:creator>{e.author}</dc:creator>\n")
    out.append("    </item>\n")
    return "".join(out)


# Text content as libxml2 escapes it: ``&``, ``<``, ``>`` and CR (a raw CR would be read
# back as LF); quotes, tabs and LF stay as they are. An attribute value between double
# quotes also escapes ``"``, and tab and LF as references (attribute normalisation would
# turn them into spaces).
_TEXT_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))
_ATTR_ESCAPES = (*_TEXT_ESCAPES, ('"', "&quot;"), ("\t", "&#9;"), ("\n", "&#10;"))


def _text(value: str) -> str:
    return replace_present(value, _TEXT_ESCAPES)


def _attr(value: str) -> str:
    return replace_present(value, _ATTR_ESCAPES)


def _rfc822(value: dt.datetime, iso: str) -> str:
    """feedgen's formatRFC2822, ``%a, %d %b %Y %H:%M:%S %z`` in the C locale, given the
    value's isoformat(): ``2024-05-01T06:00:00+08:00`` → ``Wed, 01 May 2024 06:00:00 +0800``.
    """
    day, month = _DAYS[value.weekday()], _MONTHS[value.month - 1]
    offset = value.utcoffset()
    # The ISO date holds the same numbers (and a fraction of a second that %S drops, before
    # the offset), except where strftime writes its own: years before 1000, which %Y does
    # not pad on every platform, and offsets with seconds such as LMT's +08:05:43.
    if offset is None or value.year < 1000 or offset.seconds % 60 or offset.microseconds:
        return value.strftime(f"{day}, %d {month} %Y %H:%M:%S %z")
    return f"{day}, {iso[8:10]} {month} {iso[:4]} {iso[11:19]} {iso[-6:-3]}{iso[-2:]}"
