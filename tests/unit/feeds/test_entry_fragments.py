"""Documents assembled from entries rendered once are the documents feedgen writes whole.

A publish keeps each entry's rendering (``feeds.entries.render_entry``) and later documents
reuse it; readers must not see a byte of difference.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feeds.entries import render_entry
from feeds.jsonfeed import _indented, render_json
from feeds.model import Credit, FeedEntry, FeedSpec
from feeds.render import ATOM_TYPE, RSS_TYPE, _add_entry, _build, render_atom, render_rss
from tests.unit.feeds.feedsamples import BASE_URL, at, entry, spec, two_day_feed

HUB = "https://hub.example.org/"


def _whole(feed: FeedSpec, kind: str, hub_url: str | None) -> bytes:
    """The document as feedgen writes it with every entry added to one generator."""
    entries = list(feed.entries)
    generator = _build(
        feed, BASE_URL, ATOM_TYPE if kind == "atom" else RSS_TYPE, kind, hub_url, entries
    )
    for item in entries:
        _add_entry(generator, item, BASE_URL)
    if kind == "atom":
        data: bytes = generator.atom_str(pretty=True, encoding="UTF-8", xml_declaration=True)
    else:
        data = generator.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)
    return data


def _feeds() -> list[FeedSpec]:
    odd = entry(
        id="urn:uuid:1",
        title="标题里有 <b>标记</b> & “引号” </entry> </item>",
        paragraphs=("第一段 </entry>", '第二段 "quoted" \\ back'),
        kicker=None,
        subtitle=None,
        credits=(Credit("林晓", "reporter", "lin-xiao"), Credit("周川", "photographer")),
        link="https://paper.example.org/a/1.html",
        page_path="articles/2024/05/03/k.html",
        published=at(3),
        updated=at(3, 8),
    )
    bare = entry(id="urn:uuid:2", credits=(), categories=(), paragraphs=(), kicker=None)
    base = two_day_feed()
    return [
        base,
        spec(),
        spec(odd, bare, *base.entries, path="people/lin-xiao", kind="person"),
        dataclasses.replace(base, archive=2, prev_archive=1, next_archive=3),
        dataclasses.replace(base, archive=1, next_archive=2),
    ]


def _kept(feed: FeedSpec) -> FeedSpec:
    """The feed with every entry carrying its rendering and nothing else a document needs."""
    entries = tuple(
        FeedEntry(
            id=e.id,
            title="(not used)",
            published=e.published,
            updated=e.updated,
            rendered=render_entry(e, base_url=BASE_URL, language=feed.language),
        )
        for e in feed.entries
    )
    return dataclasses.replace(feed, entries=entries)


@pytest.mark.parametrize("feed", _feeds(), ids=lambda f: f"{f.path}-{f.archive}-{len(f.entries)}")
@pytest.mark.parametrize("hub_url", [None, HUB])
def test_assembled_xml_is_what_feedgen_writes_whole(feed: FeedSpec, hub_url: str | None) -> None:
    atom = render_atom(feed, base_url=BASE_URL, hub_url=hub_url)
    rss = render_rss(feed, base_url=BASE_URL, hub_url=hub_url)
    assert atom == _whole(feed, "atom", hub_url if feed.is_current else None)
    assert rss == _whole(feed, "rss", hub_url if feed.is_current else None)
    assert render_atom(_kept(feed), base_url=BASE_URL, hub_url=hub_url) == atom
    assert render_rss(_kept(feed), base_url=BASE_URL, hub_url=hub_url) == rss


@pytest.mark.parametrize("feed", _feeds(), ids=lambda f: f"{f.path}-{f.archive}-{len(f.entries)}")
def test_assembled_json_is_the_document_json_dumps_writes(feed: FeedSpec) -> None:
    data = render_json(feed, base_url=BASE_URL, hub_url=HUB)
    document = json.loads(data)
    assert data == (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()
    assert len(document["items"]) == len({e.id for e in feed.entries})
    assert render_json(_kept(feed), base_url=BASE_URL, hub_url=HUB) == data


def test_a_rendering_for_another_language_is_rendered_again() -> None:
    feed = two_day_feed()
    other = tuple(
        dataclasses.replace(e, rendered=render_entry(e, base_url=BASE_URL, language="en"))
        for e in feed.entries
    )
    again = render_json(dataclasses.replace(feed, entries=other), base_url=BASE_URL)
    assert again == render_json(feed, base_url=BASE_URL)
    assert '"language": "en"' not in again.decode()


_JSON_VALUES = st.recursive(
    st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@given(_JSON_VALUES, st.sampled_from(["", "  ", "    "]))
def test_the_item_writer_writes_what_json_dumps_writes(value: object, indent: str) -> None:
    expected = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)
    assert _indented(value, indent) == expected
