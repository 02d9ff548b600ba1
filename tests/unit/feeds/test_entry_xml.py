"""Entries written directly are, byte for byte, the entries feedgen writes.

``feeds.render._feedgen_entry_elements`` (a one-entry feedgen document, cut) is the
reference; kept renderings made before the direct writer must stay valid (ENTRY_FORMAT).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feeds.entry_xml import entry_xml
from feeds.errors import FeedError
from feeds.model import Credit, FeedEntry
from feeds.render import _feedgen_entry_elements, atom_entry, entry_elements, rss_item
from tests.unit.feeds.feedsamples import BASE_URL, at, entry, two_day_feed
from worker.parsing import parse_bytes

HOSTILE = "A & B <b>粗</b> \"引\" '单' ]]> </entry> </item> &amp; &#13;"
NON_BMP = "𠀀𠮷😀👨‍👩‍👧 \U0001fffe"
CONTROLS = "\x00\x08\x0b\x0c\x1b\x7f\x85\ud800\ufffe\uffff"
BREAKS = "一\r\n二\r三\n四\t五\u2028六"


def _offset(**delta: float) -> dt.timezone:
    return dt.timezone(dt.timedelta(**delta))


ENTRIES: dict[str, FeedEntry] = {
    "sample": entry(),
    "sample-newer": two_day_feed().entries[0],
    "page-and-link": entry(
        page_path="articles/2024/05/01/k.html", link="https://paper.example.org/a/1.html"
    ),
    "page-only": entry(page_path="articles/2024/05/01/k.html"),
    "link-only": entry(link="https://paper.example.org/a/1.html"),
    "link-is-own-page": entry(page_path="articles/x.html", link=f"{BASE_URL}/articles/x.html"),
    "permalink-id": entry(
        id="https://paper.example.org/a/1.html", link="https://paper.example.org/a/1.html"
    ),
    "permalink-id-own-page": entry(id=f"{BASE_URL}/articles/x.html", page_path="articles/x.html"),
    "link-with-markup": entry(
        link="https://paper.example.org/a?b=1&c=\"2\"&d=<3>&e='4'\t\n\r5 ",
        page_path='articles/带 空格 & "引号".html',
    ),
    "hostile-everywhere": entry(
        id=f"urn:x:{HOSTILE}",
        title=HOSTILE,
        paragraphs=(HOSTILE, f"  {HOSTILE}  ", "\\ back"),
        kicker=HOSTILE,
        subtitle=HOSTILE,
        dateline=HOSTILE,
        credits=(Credit(HOSTILE, "reporter", 'slug "&<>'), Credit(HOSTILE, HOSTILE)),
        categories=(HOSTILE, f"第05版：{HOSTILE}"),
        link=f"https://paper.example.org/?q={HOSTILE}",
        page_path="articles/k.html",
    ),
    "line-breaks-and-tabs": entry(
        id=f"urn:{BREAKS}",
        title=BREAKS,
        paragraphs=(BREAKS, f"\r\n{BREAKS}\t"),
        kicker=BREAKS,
        subtitle=f"\t{BREAKS}",
        dateline=BREAKS,
        credits=(Credit(BREAKS, "reporter", "a\tb"), Credit(BREAKS, BREAKS)),
        categories=(BREAKS, f" {BREAKS} "),
        link=f"https://paper.example.org/{BREAKS}",
    ),
    "non-bmp": entry(
        title=NON_BMP,
        paragraphs=(NON_BMP,),
        credits=(Credit(NON_BMP, "reporter", NON_BMP),),
        categories=(NON_BMP,),
        page_path=f"articles/{NON_BMP}.html",
        link=f"https://paper.example.org/{NON_BMP}",
    ),
    "control-characters": entry(
        id=f"urn:{CONTROLS}x",
        title=f"头条{CONTROLS}",
        paragraphs=(f"第一段{CONTROLS}。", CONTROLS),
        kicker=f" {CONTROLS} 引题",
        subtitle=CONTROLS,
        dateline=f"本报讯{CONTROLS}",
        credits=(Credit(f"王{CONTROLS}", "reporter", "wang"), Credit(CONTROLS, "intern")),
        categories=(f"卫东{CONTROLS}新闻", CONTROLS),
        link=f"https://paper.example.org/{CONTROLS}",
    ),
    "long-text": entry(
        title="长" * 3000,
        paragraphs=tuple("段落 & <文字> " * 500 for _ in range(20)),
        categories=tuple(f"第{n:02d}版：要闻" for n in range(40)),
    ),
    "summary-cut-at-space": entry(paragraphs=("甲" * 119 + " " + "乙" * 50,)),
    "nothing-optional": entry(
        paragraphs=(), kicker=None, subtitle=None, dateline=None, credits=(), categories=()
    ),
    "only-blank-optional": entry(
        title=" \x0c ",
        paragraphs=(" ", "\x0c", "\t"),
        kicker=" ",
        subtitle="\x00",
        dateline=" ",
        credits=(Credit(" ", "reporter"), Credit("", "")),
        categories=(" ", "\x0b"),
        link=" ",
    ),
    "dateline-only-body": entry(paragraphs=(), kicker=None, subtitle=None, credits=()),
    "credits-without-role-label": entry(credits=(Credit("王孟鹤", ""), Credit("赵炎", " "))),
    "credits-slugs-mixed": entry(
        credits=(
            Credit("王孟鹤", "reporter", "wang-menghe"),
            Credit("赵炎", "correspondent"),
            Credit("古国凡", "photographer", "gu guo fan/1"),
            Credit("李", "editor", ""),
        )
    ),
    "duplicate-categories": entry(
        categories=("要闻", " 要闻 ", "要闻\x0c", "第01版：要闻", "要闻")
    ),
    "utc": entry(
        published=dt.datetime(2024, 5, 1, 0, 0, tzinfo=dt.UTC),
        updated=dt.datetime(2024, 12, 31, 23, 59, 59, tzinfo=dt.UTC),
    ),
    "negative-offset": entry(
        published=dt.datetime(2024, 2, 29, 18, 5, tzinfo=_offset(hours=-5, minutes=-30)),
        updated=dt.datetime(2024, 3, 10, 1, 0, tzinfo=ZoneInfo("America/St_Johns")),
    ),
    "microseconds": entry(
        published=dt.datetime(2024, 5, 1, 6, 0, 0, 123456, tzinfo=ZoneInfo("Asia/Shanghai")),
        updated=dt.datetime(2024, 5, 1, 6, 0, 0, 1, tzinfo=_offset(hours=-8)),
    ),
    "offset-with-seconds": entry(
        # Local mean time: Asia/Shanghai was +08:05:43 before 1901.
        published=dt.datetime(1900, 1, 1, 12, tzinfo=ZoneInfo("Asia/Shanghai")),
        updated=dt.datetime(2024, 5, 1, tzinfo=_offset(hours=1, seconds=1, microseconds=5)),
    ),
    "year-before-1000": entry(
        published=dt.datetime(999, 1, 1, tzinfo=dt.UTC),
        updated=dt.datetime(1, 1, 1, tzinfo=_offset(hours=14)),
    ),
    "far-future": entry(
        published=dt.datetime(
            9999, 12, 31, 23, 59, 59, 999999, tzinfo=_offset(hours=-23, minutes=-59)
        ),
        updated=dt.datetime(9999, 12, 31, tzinfo=_offset(hours=23, minutes=59)),
    ),
}


@pytest.mark.parametrize("name", list(ENTRIES))
def test_direct_entry_is_what_feedgen_writes(name: str) -> None:
    item = ENTRIES[name]
    assert entry_xml(item, BASE_URL) == _feedgen_entry_elements(item, BASE_URL)


@pytest.mark.parametrize(
    "base_url", ["https://x.org/", 'https://x.org/a&b/"c"/<d>', "http://[::1]:8000"]
)
def test_base_url_is_escaped_as_feedgen_escapes_it(base_url: str) -> None:
    item = ENTRIES["credits-slugs-mixed"]
    item = dataclasses.replace(item, page_path="articles/k.html")
    assert entry_xml(item, base_url) == _feedgen_entry_elements(item, base_url)


def test_public_functions_write_the_direct_entry() -> None:
    item = ENTRIES["hostile-everywhere"]
    atom, rss = _feedgen_entry_elements(item, BASE_URL)
    assert entry_elements(item, BASE_URL) == (atom, rss)
    assert atom_entry(item, BASE_URL) == atom
    assert rss_item(item, BASE_URL) == rss
    assert atom.startswith("  <entry>\n") and rss.startswith("    <item>\n")
    assert "&amp;amp;" in atom  # the HTML body's own escapes escaped again, as text


def test_base_url_xml_cannot_carry_is_refused_as_before() -> None:
    """The direct writer declines; feedgen's lxml refuses the string, as it always did."""
    bad = "https://x.org/\x0c"
    assert entry_xml(entry(), bad) is None
    with pytest.raises(ValueError, match="XML compatible"):
        _feedgen_entry_elements(entry(), bad)
    with pytest.raises(ValueError, match="XML compatible"):
        entry_elements(entry(), bad)


@pytest.mark.parametrize("field", ["published", "updated"])
def test_naive_datetime_is_refused_by_both_writers(field: str) -> None:
    naive = entry(**{field: dt.datetime(2024, 5, 1, 6, 0)})  # noqa: DTZ001 - under test
    for write in (entry_xml, _feedgen_entry_elements):
        with pytest.raises(FeedError, match=f"{field}.*time zone"):
            write(naive, BASE_URL)


def test_id_empty_after_cleaning_is_refused_by_both_writers() -> None:
    for write in (entry_xml, _feedgen_entry_elements):
        with pytest.raises(FeedError, match="empty id"):
            write(entry(id=" \x0c "), BASE_URL)


def test_shared_sample_articles_are_what_feedgen_writes(sample_bytes: bytes) -> None:
    issue = parse_bytes(sample_bytes, filename="weidong-page.txt")
    assert issue.articles
    for number, article in enumerate(issue.articles):
        credits = (
            *(Credit(n, "reporter", f"reporter-{number}") for n in article.reporters),
            *(Credit(n, "correspondent") for n in article.correspondents),
            *(Credit(n, "photographer") for n in article.photographers),
            *(Credit(n, "intern") for n in article.interns),
        )
        item = FeedEntry(
            id=f"tag:weidong-daily,2024-05-16:{article.page:02d}-{number}",
            title=article.headline,
            published=at(16),
            updated=at(16, 7, 30),
            paragraphs=article.paragraphs,
            kicker=article.kicker,
            subtitle=article.subtitle,
            dateline=article.dateline,
            credits=credits,
            categories=(article.section or "", f"第{article.page:02d}版：{article.section}"),
            link=f"https://paper.example.org/{number}.html",
            page_path=f"articles/2024/05/16/{number}.html",
        )
        assert entry_xml(item, BASE_URL) == _feedgen_entry_elements(item, BASE_URL), item.title


# Text with every character the two writers treat differently, and ordinary Chinese.
_CHARS = st.sampled_from(
    list("&<>\"'\t\n\r ]\\;#x\x00\x0b\x7f\x85\ud800\ufffe\u2028王报讯（）𠀀😀")
)
_TEXT = st.text(_CHARS, max_size=12)
_ZONES = st.one_of(
    st.sampled_from([dt.UTC, ZoneInfo("Asia/Shanghai"), ZoneInfo("America/St_Johns")]),
    st.timedeltas(min_value=dt.timedelta(hours=-23), max_value=dt.timedelta(hours=23)).map(
        dt.timezone
    ),
)
_TIMES = st.datetimes(
    min_value=dt.datetime(1800, 1, 1),  # noqa: DTZ001 - bounds; the zone is drawn below
    max_value=dt.datetime(2200, 1, 1),  # noqa: DTZ001
    timezones=_ZONES,
)
_CREDITS = st.builds(
    Credit,
    _TEXT,
    st.one_of(st.sampled_from(["reporter", "intern"]), _TEXT),
    st.one_of(st.none(), _TEXT),
)


@st.composite
def _entries(draw: Any) -> FeedEntry:
    optional = st.one_of(st.none(), _TEXT)
    return FeedEntry(
        id="urn:" + draw(_TEXT),
        title=draw(_TEXT),
        published=draw(_TIMES),
        updated=draw(_TIMES),
        paragraphs=tuple(draw(st.lists(st.text(_CHARS, max_size=80), max_size=4))),
        kicker=draw(optional),
        subtitle=draw(optional),
        dateline=draw(optional),
        credits=tuple(draw(st.lists(_CREDITS, max_size=3))),
        categories=tuple(draw(st.lists(_TEXT, max_size=4))),
        link=draw(optional),
        page_path=draw(st.one_of(st.none(), _TEXT.map(lambda t: f"articles/{t}.html"))),
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_entries())
def test_generated_entries_are_what_feedgen_writes(item: FeedEntry) -> None:
    try:
        expected = _feedgen_entry_elements(item, BASE_URL)
    except (FeedError, UnicodeEncodeError) as exc:
        with pytest.raises(type(exc)):
            entry_xml(item, BASE_URL)
        return
    assert entry_xml(item, BASE_URL) == expected
