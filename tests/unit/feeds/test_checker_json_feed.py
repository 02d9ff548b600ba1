"""The JSON Feed 1.1 checker accepts paperfeed's JSON and catches each broken rule."""

from __future__ import annotations

import json
from typing import Any

import pytest

from feeds.jsonfeed import render_json
from tests.unit.feeds.feedsamples import BASE_URL
from tests.unit.feeds.jsonfeed11 import check_json_feed
from tests.unit.feeds.test_checker_atom import sample_feeds


def good() -> dict[str, Any]:
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "t",
        "feed_url": "https://x.org/feeds/all.json",
        "authors": [{"name": "a"}],
        "items": [
            {
                "id": "urn:uuid:1",
                "url": "https://x.org/a.html",
                "content_html": "<p>x</p>",
                "date_published": "2024-05-01T06:00:00+08:00",
                "tags": ["c"],
                "authors": [{"name": "w"}],
            }
        ],
    }


@pytest.mark.parametrize("feed", sample_feeds())
def test_paperfeed_json_passes(feed: object) -> None:
    data = render_json(feed, base_url=BASE_URL, hub_url="https://hub.example/")  # type: ignore[arg-type]
    assert check_json_feed(data) == []


def test_the_reference_document_passes() -> None:
    assert check_json_feed(json.dumps(good()).encode()) == []


def with_item(**fields: Any) -> dict[str, Any]:
    doc = good()
    doc["items"][0].update(fields)
    return {k: v for k, v in doc.items()}


def drop(key: str, item: bool = False) -> dict[str, Any]:
    doc = good()
    (doc["items"][0] if item else doc).pop(key)
    return doc


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ({**good(), "version": "1.1"}, "not a JSON Feed version"),
        (drop("title"), "title must be a string"),
        (drop("items"), "items must be an array"),
        ({**good(), "feed_url": "feeds/all.json"}, "feed_url"),
        ({**good(), "hubs": [{"url": "https://h/"}]}, "needs a type and a url"),
        ({**good(), "authors": [{"role": "记者"}]}, "has no name, url or avatar"),
        ({**good(), "lastBuildDate": "x"}, "unknown key"),
        (drop("id", item=True), "id must be a non-empty string"),
        (with_item(id=7), "id must be a non-empty string"),
        (drop("content_html", item=True), "neither content_html nor content_text"),
        (with_item(date_published="2024-05-01 06:00"), "date_published"),
        (with_item(date_modified="2024-05-01T06:00:00"), "date_modified"),
        (with_item(url="/a.html"), "url '/a.html' is not a URL"),
        (with_item(tags="c"), "tags must be an array of strings"),
        (with_item(title="e\x85"), "control character"),
        (with_item(summary_text="x"), "unknown key"),
    ],
)
def test_each_rule_is_caught(doc: dict[str, Any], expected: str) -> None:
    problems = check_json_feed(json.dumps(doc).encode())
    assert any(expected in p for p in problems), problems


def test_repeated_ids_and_non_json_are_caught() -> None:
    doc = good()
    doc["items"].append(dict(doc["items"][0]))
    assert any("repeats id" in p for p in check_json_feed(json.dumps(doc).encode()))
    assert check_json_feed(b"\xff")[0].startswith("not UTF-8 JSON")
    assert check_json_feed(b"[]") == ["the document is not a JSON object"]
