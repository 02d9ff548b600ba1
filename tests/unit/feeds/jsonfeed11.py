"""A checker of the JSON Feed 1.1 rules (https://jsonfeed.org/version/1.1).

``check_json_feed(data)`` returns one line per violation; an empty list means it passed.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from tests.unit.feeds.xmlcheck import CONTROL, is_rfc3339

VERSIONS = {"https://jsonfeed.org/version/1.1", "https://jsonfeed.org/version/1"}
FEED_KEYS = {
    "version", "title", "home_page_url", "feed_url", "description", "user_comment",
    "next_url", "icon", "favicon", "authors", "author", "language", "expired", "hubs", "items",
}  # fmt: skip
ITEM_KEYS = {
    "id", "url", "external_url", "title", "content_html", "content_text", "summary", "image",
    "banner_image", "date_published", "date_modified", "authors", "author", "tags",
    "language", "attachments",
}  # fmt: skip
FEED_URLS = ("home_page_url", "feed_url", "next_url", "icon", "favicon")
ITEM_URLS = ("url", "external_url", "image", "banner_image")


def _is_url(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return bool(parts.scheme) and bool(parts.netloc)


def _keys(obj: dict[str, Any], known: set[str], where: str) -> list[str]:
    # Extensions must start with an underscore; anything else is a typo or an invention.
    return [f"{where} has unknown key {k!r}" for k in obj if k not in known and k[:1] != "_"]


def _authors(obj: dict[str, Any], where: str) -> list[str]:
    authors = obj.get("authors")
    if authors is None:
        return []
    if not isinstance(authors, list):
        return [f"{where} authors is not an array"]
    problems: list[str] = []
    for author in authors:
        if not isinstance(author, dict) or not any(
            isinstance(author.get(k), str) and author.get(k) for k in ("name", "url", "avatar")
        ):
            problems.append(f"{where} author {author!r} has no name, url or avatar")
    return problems


def _item(item: Any, number: int, seen: set[str]) -> list[str]:
    where = f"item {number}"
    if not isinstance(item, dict):
        return [f"{where} is not an object"]
    problems = _keys(item, ITEM_KEYS, where)
    item_id = item.get("id")
    if not isinstance(item_id, str) or not item_id:
        problems.append(f"{where} id must be a non-empty string")
    elif item_id in seen:
        problems.append(f"{where} repeats id {item_id!r}")
    else:
        seen.add(item_id)
    if not any(isinstance(item.get(k), str) for k in ("content_html", "content_text")):
        problems.append(f"{where} has neither content_html nor content_text")
    for key in ("date_published", "date_modified"):
        if key in item and not (isinstance(item[key], str) and is_rfc3339(item[key])):
            problems.append(f"{where} {key} {item[key]!r} is not RFC 3339 with offset")
    for key in ITEM_URLS:
        if key in item and not _is_url(item[key]):
            problems.append(f"{where} {key} {item[key]!r} is not a URL")
    tags = item.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        problems.append(f"{where} tags must be an array of strings")
    problems += _authors(item, where)
    return problems


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def check_json_feed(data: bytes) -> list[str]:
    """Violations of JSON Feed 1.1 in a document.

    >>> check_json_feed(b'{"version": "https://jsonfeed.org/version/1.1", "items": []}')
    ['feed title must be a string']
    """
    try:
        feed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        return [f"not UTF-8 JSON: {exc}"]
    if not isinstance(feed, dict):
        return ["the document is not a JSON object"]
    problems = _keys(feed, FEED_KEYS, "feed")
    if feed.get("version") not in VERSIONS:
        problems.append(f"feed version {feed.get('version')!r} is not a JSON Feed version")
    if not isinstance(feed.get("title"), str):
        problems.append("feed title must be a string")
    for key in FEED_URLS:
        if key in feed and not _is_url(feed[key]):
            problems.append(f"feed {key} {feed[key]!r} is not a URL")
    problems += _authors(feed, "feed")
    for hub in feed.get("hubs", []):
        if not (
            isinstance(hub, dict) and isinstance(hub.get("type"), str) and _is_url(hub.get("url"))
        ):
            problems.append(f"feed hub {hub!r} needs a type and a url")
    items = feed.get("items")
    if not isinstance(items, list):
        return [*problems, "feed items must be an array"]
    seen: set[str] = set()
    for number, item in enumerate(items, 1):
        problems += _item(item, number, seen)
    if any(CONTROL.search(s) for s in _strings(feed)):
        problems.append("a string holds a control character")
    return problems
