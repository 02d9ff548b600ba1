"""paginate and archives_to_write: stable pages numbered from the oldest, and exactly the
pages whose rendered documents change."""

from __future__ import annotations

import datetime as dt

import pytest

from feeds.archives import archive_spec, archives_to_write, paginate
from feeds.atom import render_atom
from feeds.model import FeedEntry
from tests.unit.feeds.feedsamples import BASE_URL, SHANGHAI, entry, spec


def articles(count: int) -> list[FeedEntry]:
    """``count`` entries, oldest first, one per hour."""
    start = dt.datetime(2024, 1, 1, tzinfo=SHANGHAI)
    return [
        entry(
            id=f"urn:a:{n}",
            title=f"第{n}篇",
            published=start + dt.timedelta(hours=n),
            updated=start + dt.timedelta(hours=n),
        )
        for n in range(count)
    ]


def documents(items: list[FeedEntry], size: int) -> dict[int | None, bytes]:
    """Every Atom document of a feed holding ``items`` (oldest first), by archive number."""
    pagination = paginate(len(items), size)
    rendered: dict[int | None, bytes] = {}
    for number in [None, *(p.number for p in pagination.pages)]:
        start, stop = pagination.entry_range(number)
        feed = archive_spec(spec(*items[start:stop][::-1]), pagination, number)
        rendered[number] = render_atom(feed, base_url=BASE_URL)
    return rendered


def test_pages_cover_every_entry_once_oldest_first() -> None:
    for total in range(0, 45):
        pagination = paginate(total, 10)
        indexes = [i for p in pagination.pages for i in range(p.start, p.stop)]
        indexes += range(pagination.current_start, total)
        assert indexes == list(range(total)), total
        assert [p.number for p in pagination.pages] == list(range(1, len(pagination.pages) + 1))
        assert all(p.stop - p.start == 10 for p in pagination.pages[:-1])


def test_current_holds_the_newest_size_entries() -> None:
    pagination = paginate(23, 10)
    assert pagination.current_start == 13
    assert pagination.entry_range(None) == (13, 23)
    assert pagination.page_of(12) == 2 and pagination.page_of(13) is None
    assert pagination.page_of(0) == 1 and pagination.page_of(9) == 1


def test_links_chain_from_current_to_oldest() -> None:
    pagination = paginate(35, 10)
    assert pagination.links(None) == (3, None)
    assert pagination.links(3) == (2, None)
    assert pagination.links(2) == (1, 3)
    assert pagination.links(1) == (None, 2)
    with pytest.raises(ValueError, match="does not exist"):
        pagination.links(4)


def test_small_feed_has_no_archives() -> None:
    assert paginate(0, 10).pages == () and paginate(10, 10).newest_archive is None
    with pytest.raises(ValueError):
        paginate(5, 0)


@pytest.mark.parametrize(
    ("before", "after"), [(23, 28), (28, 38), (30, 31), (20, 21), (5, 12), (9, 45), (30, 30)]
)
def test_archives_to_write_names_exactly_the_changed_documents(before: int, after: int) -> None:
    items = articles(after)
    old = documents(items[:before], 4)
    new = documents(items, 4)
    changed = {n for n in new if n is not None and old.get(n) != new[n]}
    assert set(archives_to_write(paginate(before, 4), paginate(after, 4))) == changed


def test_adding_entries_never_rewrites_older_full_pages() -> None:
    items = articles(60)
    old = documents(items[:41], 4)
    new = documents(items[:47], 4)
    # 41 entries: current 37-40, archive pages 1-9 full, page 10 holds one entry (36).
    untouched = [n for n in old if n is not None and old[n] == new[n]]
    assert untouched == list(range(1, 10))
    assert [n for n in old if old[n] != new[n]] == [None, 10]  # and page 11 is new
    assert 11 in new and 11 not in old


def test_correction_rewrites_the_page_holding_it() -> None:
    before = paginate(30, 10)
    assert archives_to_write(before, before, first_changed=12) == (2,)
    assert archives_to_write(before, before, first_changed=25) == ()  # in the current document


def _every_page_compared(before: int, after: int, size: int, first_changed: int) -> set[int]:
    """The pages to write found by comparing every page of both paginations."""
    old, new = paginate(before, size), paginate(after, size)
    pages = {page.number: page for page in old.pages}
    return {
        page.number
        for page in new.pages
        if pages.get(page.number) != page
        or old.links(page.number) != new.links(page.number)
        or page.stop > first_changed
    }


def test_archives_to_write_looks_only_near_the_ends_yet_misses_nothing() -> None:
    for size in (1, 3, 4):
        for before in range(0, 26):
            for after in range(0, 26):
                for first_changed in sorted({0, 3, before // 2, before, after}):
                    expected = _every_page_compared(before, after, size, first_changed)
                    found = archives_to_write(
                        paginate(before, size), paginate(after, size), first_changed
                    )
                    assert set(found) == expected, (size, before, after, first_changed)
