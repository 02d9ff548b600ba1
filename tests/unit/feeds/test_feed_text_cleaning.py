"""Text that XML cannot carry is removed; markup in article text stays text."""

from __future__ import annotations

import feedparser
import pytest
from lxml import html

from feeds.atom import render_atom
from feeds.model import Credit
from feeds.rss import render_rss
from tests.unit.feeds.feedsamples import BASE_URL, NS, entry, parse, spec

DIRTY = "\x00\x08\x0b\x0c\x1b\x7f\ud800\ufffe\uffff"


def dirty_entry() -> object:
    return entry(
        title=f"头条{DIRTY}新闻",
        paragraphs=(f"第一段{DIRTY}。",),
        kicker=f"引{DIRTY}题",
        subtitle=f"副{DIRTY}题",
        dateline=f"本报讯{DIRTY}",
        credits=(Credit(f"王孟鹤{DIRTY}", "reporter"),),
        categories=(f"卫东{DIRTY}新闻",),
    )


@pytest.mark.parametrize("render", [render_atom, render_rss])
def test_control_characters_do_not_break_the_feed(render: object) -> None:
    data = render(spec(dirty_entry()), base_url=BASE_URL)  # type: ignore[operator]
    parse(data)  # lxml refuses a document with a single illegal character
    assert feedparser.parse(data).bozo == 0
    text = data.decode("utf-8")
    assert not any(c in text for c in DIRTY)


def test_cleaned_texts_keep_their_words() -> None:
    item = parse(render_atom(spec(dirty_entry()), base_url=BASE_URL)).find("a:entry", NS)
    assert item.findtext("a:title", namespaces=NS) == "头条新闻"
    assert item.findtext("a:author/a:name", namespaces=NS) == "王孟鹤（记者）"
    assert item.find("a:category", NS).get("term") == "卫东新闻"
    assert "本报讯（记者 王孟鹤）" in item.findtext("a:content", namespaces=NS)


def test_tab_and_newline_are_kept_inside_text() -> None:
    item = parse(render_atom(spec(entry(paragraphs=("甲\t乙",))), base_url=BASE_URL))
    assert "甲\t乙" in item.findtext("a:entry/a:content", namespaces=NS)


def test_title_of_only_control_characters_falls_back_to_the_kicker() -> None:
    item = parse(render_atom(spec(entry(title="\x0c")), base_url=BASE_URL))
    assert item.findtext("a:entry/a:title", namespaces=NS) == "教育民生"


def test_script_in_paragraph_is_shown_as_text() -> None:
    hostile = entry(paragraphs=('<script>alert("x")</script>&amp;',), kicker="<b>引</b>")
    content = parse(render_atom(spec(hostile), base_url=BASE_URL)).findtext(
        "a:entry/a:content", namespaces=NS
    )
    fragment = html.fragment_fromstring(content, create_parent="div")
    assert fragment.findall(".//script") == []
    assert fragment.findall(".//b") == []
    paragraphs = [p.text_content() for p in fragment.findall("p")]
    assert paragraphs[0] == "<b>引</b>"
    assert paragraphs[-1] == '<script>alert("x")</script>&amp;'
