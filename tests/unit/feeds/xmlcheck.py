"""Helpers shared by the feed checkers: safe parsing, dates, IRIs, forbidden characters."""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

# No DTDs, no entities, no network, no recovery: a broken document is reported, not mended.
PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, recover=False, huge_tree=False
)

# RFC 3339 date-time with a mandatory offset (RFC 4287 section 3.3 forbids local times).
RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", re.IGNORECASE
)
# An absolute IRI starts with a scheme (RFC 3987): tag:, urn:, https: ...
ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")
# XML-illegal characters plus DEL and C1 controls, which paperfeed promises never to emit.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def parse(data: bytes) -> tuple[Any, list[str]]:
    """``(root, [])`` or ``(None, [the parse error])``."""
    try:
        return etree.fromstring(data, PARSER), []
    except etree.XMLSyntaxError as exc:
        return None, [f"not well-formed XML: {exc}"]


def is_rfc3339(text: str | None) -> bool:
    return bool(text) and RFC3339.match((text or "").strip()) is not None


def is_absolute_iri(text: str | None) -> bool:
    return bool(text) and ABSOLUTE_IRI.match((text or "").strip()) is not None


def control_characters(root: Any) -> list[str]:
    """Text or attribute values holding control characters, as violations."""
    found: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        values = [element.text, element.tail, *element.attrib.values()]
        if any(v and CONTROL.search(v) for v in values):
            found.append(f"<{etree.QName(element).localname}> holds a control character")
    return found
