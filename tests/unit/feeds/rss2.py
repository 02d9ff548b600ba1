"""A checker of the RSS 2.0 rules paperfeed's readers depend on (not a full validator).

``check_rss(data)`` returns one line per violation; an empty list means the document passed.
"""

from __future__ import annotations

import email.utils
import re
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from tests.unit.feeds.xmlcheck import control_characters, parse

DC = "http://purl.org/dc/elements/1.1/"
ATOM = "http://www.w3.org/2005/Atom"
# RFC 822 date-time as RSS 2.0 uses it (four-digit years allowed, seconds optional).
RFC822 = re.compile(
    r"^((Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d{1,2} "
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{2,4} "
    r"\d{2}:\d{2}(:\d{2})? ([+-]\d{4}|UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|[A-IK-Z])$"
)


def _is_url(text: str | None) -> bool:
    parts = urlsplit((text or "").strip())
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def _is_rfc822(text: str | None) -> bool:
    value = (text or "").strip()
    return RFC822.match(value) is not None and email.utils.parsedate_tz(value) is not None


def _exactly_one(element: Any, name: str, where: str) -> list[str]:
    found = len(element.findall(name))
    return [] if found == 1 else [f"{where} must have exactly one <{name}>, has {found}"]


def _dates(element: Any, names: tuple[str, ...], where: str) -> list[str]:
    return [
        f"{where} <{name}> {node.text!r} is not an RFC 822 date"
        for name in names
        for node in element.findall(name)
        if not _is_rfc822(node.text)
    ]


def _guid(item: Any, where: str) -> list[str]:
    problems: list[str] = []
    for guid in item.findall("guid"):
        permalink = guid.get("isPermaLink", "true")  # RSS 2.0: true unless said otherwise
        if permalink not in {"true", "false"}:
            problems.append(f"{where} <guid> isPermaLink is {permalink!r}, not true/false")
        elif permalink == "true" and not _is_url(guid.text):
            problems.append(f"{where} <guid> {guid.text!r} is a permalink but not a URL")
        if not (guid.text or "").strip():
            problems.append(f"{where} <guid> is empty")
    return problems


def _foreign(element: Any, where: str) -> list[str]:
    """dc:creator in the Dublin Core namespace; atom:link with href and rel."""
    problems: list[str] = []
    for child in element:
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child)
        if name.localname == "creator" and name.namespace != DC:
            problems.append(f"{where} <creator> is in namespace {name.namespace!r}, not DC")
        is_atom_link = name.namespace == ATOM and name.localname == "link"
        if is_atom_link and not (child.get("href") and child.get("rel")):
            problems.append(f"{where} atom:link needs href and rel")
    return problems


def _item(item: Any, number: int) -> list[str]:
    where = f"item {number}"
    problems: list[str] = []
    if item.find("title") is None and item.find("description") is None:
        problems.append(f"{where} has neither <title> nor <description>")
    for name in ("title", "link", "description", "guid", "pubDate", "author", "comments"):
        if len(item.findall(name)) > 1:
            problems.append(f"{where} has more than one <{name}>")
    problems += _dates(item, ("pubDate",), where)
    problems += _guid(item, where)
    for link in item.findall("link"):
        if not _is_url(link.text):
            problems.append(f"{where} <link> {link.text!r} is not a URL")
    for enclosure in item.findall("enclosure"):
        if not all(enclosure.get(a) for a in ("url", "length", "type")):
            problems.append(f"{where} <enclosure> needs url, length and type")
    problems += _foreign(item, where)
    return problems


def check_rss(data: bytes) -> list[str]:
    """Violations of RSS 2.0 rules in an RSS document.

    >>> check_rss(b"<rss version='2.0'><channel><title>t</title></channel></rss>")
    ['channel must have exactly one <link>, has 0', 'channel must have exactly one <description>, has 0']
    """  # noqa: E501
    root, problems = parse(data)
    if root is None:
        return problems
    if root.tag != "rss" or root.get("version") != "2.0":
        return [f"root element is <{root.tag}> version {root.get('version')!r}, not RSS 2.0"]
    channels = root.findall("channel")
    if len(channels) != 1:
        return [f"<rss> must hold exactly one <channel>, has {len(channels)}"]
    channel = channels[0]
    for name in ("title", "link", "description"):
        problems += _exactly_one(channel, name, "channel")
    if channel.find("link") is not None and not _is_url(channel.findtext("link")):
        problems.append(f"channel <link> {channel.findtext('link')!r} is not a URL")
    problems += _dates(channel, ("pubDate", "lastBuildDate"), "channel")
    problems += _foreign(channel, "channel")
    for number, item in enumerate(channel.findall("item"), 1):
        problems += _item(item, number)
    problems += control_characters(root)
    return problems
