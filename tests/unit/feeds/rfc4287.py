"""A checker of RFC 4287's must and must-not rules for Atom documents (not a full validator).

``check_atom(data)`` returns one human-readable line per violation; an empty list means the
document passed. Used by the unit tests and by the end-to-end test on every served feed.
"""

from __future__ import annotations

from typing import Any

from tests.unit.feeds.xmlcheck import (
    control_characters,
    is_absolute_iri,
    is_rfc3339,
    parse,
)

ATOM = "http://www.w3.org/2005/Atom"
XHTML = "http://www.w3.org/1999/xhtml"
# Registered link relations paperfeed may use or meet: RFC 4287's five, IANA's others.
REGISTERED_RELS = frozenset(
    {
        "alternate", "related", "self", "enclosure", "via",
        "hub", "current", "prev-archive", "next-archive", "first", "last", "next",
        "previous", "prev", "replies", "license", "edit", "edit-media", "payment",
        "search", "service", "up", "canonical", "describedby", "icon", "author",
    }
)  # fmt: skip
TEXT_TYPES = frozenset({"text", "html", "xhtml"})


def _q(name: str) -> str:
    return f"{{{ATOM}}}{name}"


def _count(element: Any, name: str, where: str, exactly: bool) -> list[str]:
    found = len(element.findall(_q(name)))
    if exactly and found != 1:
        return [f"{where} must have exactly one atom:{name}, has {found}"]
    if not exactly and found > 1:
        return [f"{where} must not have more than one atom:{name}, has {found}"]
    return []


def _text_constructs(element: Any, names: tuple[str, ...], where: str) -> list[str]:
    problems: list[str] = []
    for name in names:
        for text in element.findall(_q(name)):
            kind = text.get("type", "text")
            if kind not in TEXT_TYPES:
                problems.append(f"{where} atom:{name} has type {kind!r}, not text/html/xhtml")
            if kind == "xhtml" and [c.tag for c in text] != [f"{{{XHTML}}}div"]:
                problems.append(f"{where} atom:{name} of type xhtml must hold one xhtml:div")
    return problems


def _people(element: Any, where: str) -> list[str]:
    problems: list[str] = []
    for name in ("author", "contributor"):
        for person in element.findall(_q(name)):
            problems += _count(person, "name", f"{where} atom:{name}", exactly=True)
            problems += _count(person, "uri", f"{where} atom:{name}", exactly=False)
            problems += _count(person, "email", f"{where} atom:{name}", exactly=False)
            uri = person.findtext(_q("uri"))
            if uri is not None and not is_absolute_iri(uri) and not uri.startswith("/"):
                problems.append(f"{where} atom:{name} uri {uri!r} is not an IRI")
    return problems


def _links(element: Any, where: str) -> list[str]:
    problems: list[str] = []
    alternates: set[tuple[str | None, str | None]] = set()
    for link in element.findall(_q("link")):
        href = link.get("href")
        rel = link.get("rel", "alternate")
        if not href:
            problems.append(f"{where} atom:link without href")
        if ":" in rel:
            if not is_absolute_iri(rel):
                problems.append(f"{where} atom:link rel {rel!r} is neither a name nor an IRI")
        elif rel not in REGISTERED_RELS:
            problems.append(f"{where} atom:link rel {rel!r} is not a registered relation")
        if rel == "alternate":
            key = (link.get("type"), link.get("hreflang"))
            if key in alternates:
                problems.append(
                    f"{where} has more than one alternate atom:link with type/hreflang {key}"
                )
            alternates.add(key)
    return problems


def _dates(element: Any, names: tuple[str, ...], where: str) -> list[str]:
    return [
        f"{where} atom:{name} {date.text!r} is not an RFC 3339 date-time with offset"
        for name in names
        for date in element.findall(_q(name))
        if not is_rfc3339(date.text)
    ]


def _ids(element: Any, where: str) -> list[str]:
    return [
        f"{where} atom:id {node.text!r} is not an absolute IRI"
        for node in element.findall(_q("id"))
        if not is_absolute_iri(node.text)
    ]


def _categories(element: Any, where: str) -> list[str]:
    return [
        f"{where} atom:category without term"
        for category in element.findall(_q("category"))
        if not category.get("term")
    ]


def _content(entry: Any, where: str) -> list[str]:
    problems: list[str] = []
    contents = entry.findall(_q("content"))
    has_alternate = any(
        link.get("rel", "alternate") == "alternate" for link in entry.findall(_q("link"))
    )
    if not contents and not has_alternate:
        problems.append(f"{where} has neither atom:content nor an alternate atom:link")
    for content in contents:
        kind = content.get("type", "text")
        if content.get("src") is not None:
            if (content.text and content.text.strip()) or len(content):
                problems.append(f"{where} atom:content with src must be empty")
            if entry.find(_q("summary")) is None:
                problems.append(f"{where} has out-of-line atom:content but no atom:summary")
        elif (
            kind not in TEXT_TYPES
            and not _is_xml_or_text(kind)
            and entry.find(_q("summary")) is None
        ):
            problems.append(f"{where} has base64 atom:content ({kind}) but no atom:summary")
        if kind == "xhtml" and [c.tag for c in content] != [f"{{{XHTML}}}div"]:
            problems.append(f"{where} atom:content of type xhtml must hold one xhtml:div")
    return problems


def _is_xml_or_text(media_type: str) -> bool:
    base = media_type.split(";")[0].strip().lower()
    return base.startswith("text/") or base.endswith("/xml") or base.endswith("+xml")


def _entry(entry: Any, number: int) -> list[str]:
    where = f"entry {number}"
    problems: list[str] = []
    for name in ("id", "title", "updated"):
        problems += _count(entry, name, where, exactly=True)
    for name in ("content", "published", "rights", "summary", "source"):
        problems += _count(entry, name, where, exactly=False)
    problems += _ids(entry, where)
    problems += _dates(entry, ("updated", "published"), where)
    problems += _text_constructs(entry, ("title", "summary", "rights"), where)
    problems += _people(entry, where)
    problems += _links(entry, where)
    problems += _categories(entry, where)
    problems += _content(entry, where)
    return problems


def check_atom(data: bytes) -> list[str]:
    """Violations of RFC 4287's must/must-not rules in an Atom feed document.

    >>> check_atom(b"<feed xmlns='http://www.w3.org/2005/Atom'/>")[:1]
    ['atom:feed must have exactly one atom:id, has 0']
    """
    root, problems = parse(data)
    if root is None:
        return problems
    if root.tag != _q("feed"):
        return [f"root element is {root.tag!r}, not atom:feed"]
    where = "atom:feed"
    for name in ("id", "title", "updated"):
        problems += _count(root, name, where, exactly=True)
    for name in ("generator", "icon", "logo", "rights", "subtitle"):
        problems += _count(root, name, where, exactly=False)
    problems += _ids(root, where)
    problems += _dates(root, ("updated",), where)
    problems += _text_constructs(root, ("title", "subtitle", "rights"), where)
    problems += _people(root, where)
    problems += _links(root, where)
    problems += _categories(root, where)
    entries = root.findall(_q("entry"))
    if root.find(_q("author")) is None:
        for number, entry in enumerate(entries, 1):
            if (
                entry.find(_q("author")) is None
                and entry.find(f"{_q('source')}/{_q('author')}") is None
            ):
                problems.append(f"entry {number} has no atom:author and neither has the feed")
    for number, entry in enumerate(entries, 1):
        problems += _entry(entry, number)
    problems += control_characters(root)
    return problems
