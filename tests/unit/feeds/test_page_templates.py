"""The page templates: one autoescaping environment whose every value is escaped as
``html.escape`` escapes it (the bytes the pages had before templates), control characters
dropped, nothing marked safe, and a missing value an error rather than an empty string."""

from __future__ import annotations

import html

import pytest
from jinja2 import UndefinedError, nodes
from lxml import etree

from feeds.article_page import render_article_page
from feeds.layout import ENVIRONMENT, render
from feeds.opml import render_opml
from feeds.search_page import render_search_page
from tests.unit.feeds.feedsamples import BASE_URL, entry, spec

HOSTILE = "<script>alert('x')</script> \"quoted\" & \x00\x1b\x7f done"


def test_every_template_autoescapes() -> None:
    names = ENVIRONMENT.list_templates()
    assert {"frame.html", "article.html", "index.html", "feeds.opml"} <= set(names)
    assert all(ENVIRONMENT.autoescape(name) for name in names if name != "gone.html")


def test_no_template_marks_a_value_safe() -> None:
    for name in ENVIRONMENT.list_templates():
        source = ENVIRONMENT.loader.get_source(ENVIRONMENT, name)[0]  # type: ignore[union-attr]
        filters = {f.name for f in ENVIRONMENT.parse(source).find_all(nodes.Filter)}
        assert not filters & {"safe", "forceescape"}, name
        assert "autoescape false" not in source, name


def test_search_query_is_escaped_like_html_escape() -> None:
    page = render_search_page(HOSTILE, [], base_url=BASE_URL, site_title="卫东日报").decode()
    shown = html.escape("<script>alert('x')</script> \"quoted\" &  done")
    assert f"<h1>搜索：{shown}</h1>" in page
    assert "&#x27;x&#x27;" in page and "&quot;quoted&quot;" in page
    assert "<script>" not in page and "\x00" not in page and "\x1b" not in page
    assert "&#39;" not in page and "&#34;" not in page  # MarkupSafe's entities: not used


def test_article_text_is_escaped_in_every_place() -> None:
    item = entry(title=HOSTILE, kicker=HOSTILE, dateline=HOSTILE, paragraphs=(HOSTILE,),
                 link="https://x.org/?a=1&b=\"2\"", page_path="articles/a.html")  # fmt: skip
    page = render_article_page(item, base_url=BASE_URL, site_title=HOSTILE).decode()
    assert "<script>" not in page and "\x00" not in page
    assert page.count("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;") >= 5
    assert 'href="https://x.org/?a=1&amp;b=&quot;2&quot;" rel="nofollow"' in page


def test_a_missing_value_is_an_error() -> None:
    with pytest.raises(UndefinedError):
        render("frame.html", title="t")


def test_opml_escapes_attributes_as_xml_and_reads_back() -> None:
    name = 'a "b"\n<c> & \x00d'
    data = render_opml([spec(title=name)], base_url=BASE_URL, title="卫东日报")
    assert b'text="a &quot;b&quot;&#10;&lt;c&gt; &amp; d"' in data
    outline = etree.fromstring(data).find(".//outline[@type='rss']")
    assert outline.get("title") == 'a "b"\n<c> & d'
