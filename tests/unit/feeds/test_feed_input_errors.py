"""Inputs the renderer refuses, with a message that says which entry and what to do."""

from __future__ import annotations

import datetime as dt

import pytest

from feeds.atom import render_atom
from feeds.errors import FeedError
from feeds.rss import render_rss
from tests.unit.feeds.feedsamples import BASE_URL, entry, spec


@pytest.mark.parametrize("render", [render_atom, render_rss])
@pytest.mark.parametrize("field", ["published", "updated"])
def test_naive_datetime_is_refused(render: object, field: str) -> None:
    naive = dt.datetime(2024, 5, 1, 6, 0)  # noqa: DTZ001 - the mistake under test
    bad = entry(**{field: naive})
    with pytest.raises(FeedError, match=f"{bad.id}.*{field}.*time zone"):
        render(spec(bad), base_url=BASE_URL)  # type: ignore[operator]
