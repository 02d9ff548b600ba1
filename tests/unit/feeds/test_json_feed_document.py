"""The JSON Feed 1.1 document, parsed back: feed fields, items, authors, dates, hubs."""

from __future__ import annotations

import json
from typing import Any

from feeds.jsonfeed import render_json
from tests.unit.feeds.feedsamples import BASE_URL, at, entry, spec, two_day_feed


def document(feed: Any = None, **kwargs: Any) -> Any:
    data = render_json(feed if feed is not None else two_day_feed(), base_url=BASE_URL, **kwargs)
    return json.loads(data.decode("utf-8"))


def test_feed_fields() -> None:
    doc = document(spec(entry(), path="people/wang-menghe", title="王孟鹤"))
    assert doc["version"] == "https://jsonfeed.org/version/1.1"
    assert doc["title"] == "王孟鹤"
    assert doc["feed_url"] == f"{BASE_URL}/feeds/people/wang-menghe.json"
    assert doc["home_page_url"] == f"{BASE_URL}/"
    assert doc["description"] == "卫东日报全部文章"
    assert doc["language"] == "zh-CN"
    assert doc["authors"] == [{"name": "王孟鹤"}]
    assert "hubs" not in doc


def test_items_newest_first_with_dates_in_paper_zone() -> None:
    items = document()["items"]
    assert [i["id"] for i in items] == [
        "tag:weidong-daily,2024-05-02:01-1",
        "tag:weidong-daily,2024-05-01:05-1",
    ]
    assert items[1]["date_published"] == "2024-05-01T06:00:00+08:00"
    assert items[1]["date_modified"] == "2024-05-01T07:30:00+08:00"


def test_item_fields_match_the_atom_entry() -> None:
    item = document(spec(entry()))["items"][0]
    assert item["title"] == "卫东区新建三所学校"
    assert item["authors"] == [{"name": "王孟鹤（记者）、赵炎（通讯员）"}]
    assert item["tags"] == ["卫东新闻", "第05版：卫东新闻"]
    assert item["summary"].startswith("今年秋季")
    assert item["content_html"].splitlines()[0] == '<p class="kicker">教育民生</p>'
    assert item["language"] == "zh-CN"
    assert "url" not in item  # no link known


def test_uncredited_item_has_no_authors_and_feed_has_one() -> None:
    doc = document(spec(entry(credits=(), categories=())))
    assert "authors" not in doc["items"][0]
    assert "tags" not in doc["items"][0]
    assert doc["authors"] == [{"name": "卫东日报"}]


def test_hub_when_given() -> None:
    doc = document(hub_url="https://hub.example/")
    assert doc["hubs"] == [{"type": "WebSub", "url": "https://hub.example/"}]


def test_same_feed_same_bytes_and_readable_chinese() -> None:
    first = render_json(two_day_feed(), base_url=BASE_URL)
    assert first == render_json(two_day_feed(), base_url=BASE_URL)
    assert "卫东区新建三所学校".encode() in first
    assert first.endswith(b"\n")


def test_control_characters_are_cleaned_and_repeated_ids_dropped() -> None:
    doc = document(spec(entry(title="卫东\x0c新闻", updated=at(3)), entry()))
    assert [i["title"] for i in doc["items"]] == ["卫东新闻"]


def test_output_is_a_json_feed_object_with_an_item_list() -> None:
    document = json.loads(render_json(two_day_feed(), base_url=BASE_URL))
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(document["items"], list) and document["items"]


def test_output_is_compact_json_with_chinese_as_is() -> None:
    data = render_json(two_day_feed(), base_url=BASE_URL)
    text = json.dumps(json.loads(data), ensure_ascii=False, separators=(",", ":")) + "\n"
    assert data == text.encode("utf-8")
    assert data.count(b"\n") == 1 and "卫东".encode() in data
