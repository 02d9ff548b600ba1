"""Dirty marks: a feed marked again keeps when it began waiting and the oldest change, and
moves when it was last marked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import select, update

from worker.db import session_scope, upgrade
from worker.feed_entries import mark_dirty
from worker.models import DirtyFeed
from worker.publishing import runs
from worker.settings import Settings

START = dt.datetime(2026, 5, 3, 8, tzinfo=dt.UTC)


def at(minutes: int) -> dt.datetime:
    return START + dt.timedelta(minutes=minutes)


def marks(url: str) -> dict[str, tuple[dt.datetime, dt.datetime, dt.datetime | None]]:
    with session_scope(url, write=False) as session:
        return {
            row.key: (row.marked_at, row.first_marked_at, row.oldest_change)
            for row in session.scalars(select(DirtyFeed))
        }


def test_a_mark_again_keeps_the_oldest_change_and_the_first_mark(
    make_settings: Callable[..., Settings],
) -> None:
    url = make_settings().database_url
    upgrade(url)
    with session_scope(url) as session:
        mark_dirty(session, {"all": at(-60), "section:yao-wen": at(-60)}, at(0))
    with session_scope(url) as session:  # a newer change, then an older one
        mark_dirty(session, {"all": at(-30), "person:lin-xiao": at(-30)}, at(1))
    with session_scope(url) as session:
        mark_dirty(session, {"section:yao-wen": at(-90)}, at(2))
    assert marks(url) == {
        "all": (at(1), at(0), at(-60)),
        "person:lin-xiao": (at(1), at(1), at(-30)),
        "section:yao-wen": (at(2), at(0), at(-90)),
    }


def test_a_mark_taken_over_by_a_publish_gets_the_new_change(
    make_settings: Callable[..., Settings],
) -> None:
    url = make_settings().database_url
    upgrade(url)
    with session_scope(url) as session:
        mark_dirty(session, {"all": at(-60)}, at(0))
        # What a publish leaves when it takes the mark over: no change since.
        session.execute(update(DirtyFeed).values(oldest_change=None, publishing_since=at(-60)))
    with session_scope(url) as session:
        mark_dirty(session, {"all": at(-5)}, at(3))
    assert marks(url) == {"all": (at(3), at(0), at(-5))}


def test_a_mark_made_again_after_a_publish_took_it_outlives_that_publish(
    make_settings: Callable[..., Settings],
) -> None:
    check_a_late_mark_outlives_the_publish(make_settings().database_url)


def check_a_late_mark_outlives_the_publish(url: str) -> None:
    """Two ingests mark a feed; the one whose clock read earlier commits last, after a publish
    took the mark and read the articles without its own. Its mark must outlive that publish:
    its `marked_at` is older than the one the publish covered, so the time cannot say so."""
    upgrade(url)
    with session_scope(url) as session:  # the ingest that read the clock later commits first
        mark_dirty(session, {"all": at(-5)}, at(2))
    with session_scope(url) as session:
        taken = runs._take_marks(session, "publisher")
    assert taken == {"all": (at(2), at(-5))}
    with session_scope(url) as session:  # the other one, its clock read at(1), commits now
        mark_dirty(session, {"all": at(-3)}, at(1))
    with session_scope(url) as session:  # the publish, done, lets go of what it covered
        runs._clear_marks(session, {key: marked for key, (marked, _) in taken.items()}, "publisher")
    assert "all" in marks(url)
    assert marks(url) == {"all": (at(1), at(2), at(-3))}  # its change, the range let go
    with session_scope(url) as session:  # the next publish rebuilds the feed from its change
        again = runs._take_marks(session, "next publisher")
    assert again == {"all": (at(1), at(-3))}
    with session_scope(url) as session:
        runs._clear_marks(session, {k: m for k, (m, _) in again.items()}, "next publisher")
    assert marks(url) == {}
