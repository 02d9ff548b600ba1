"""A delivered file in its issue: its pages from its headers or its name, else a part named
by the file; the issue's date from the text, the name, else the file's modification time,
marked as a guess; entries published at the source's publish time in print order."""

from __future__ import annotations

import datetime as dt
import doctest

import worker.delivery
from worker.delivery import Delivery, deliver, published_times
from worker.parsing import parse_issue
from worker.sources import SourceConfig

SOURCE = SourceConfig(name="s", kind="drop", publication="青河日报", section="要闻")
WHEN = dt.datetime(2024, 6, 1, 2, 0, tzinfo=dt.UTC)
BODY = (
    "标题一\n\n本报讯（记者林晓）正文一，写满了字。\n\n"
    "标题二\n\n本报讯（记者林晓）正文二，写满了字。\n"
)


def _deliver(text: str, name: str | None, modified: dt.datetime | None = WHEN) -> Delivery:
    return deliver(parse_issue(text, filename=name), name, SOURCE, modified_at=modified,
                   received_at=WHEN + dt.timedelta(days=30))  # fmt: skip


def test_page_headers_beat_the_file_name_and_each_page_is_a_part() -> None:
    text = (
        "第03版：要闻\n\n"
        + BODY
        + "\n第04版：城市\n\n标题三\n\n本报讯（记者周川）正文三，写满了字。\n"
    )
    found = _deliver(text, "2024-06-01-p09.txt")
    assert found.parts == ("3", "3", "4")


def test_a_page_file_without_header_takes_its_page_from_its_name() -> None:
    found = _deliver(BODY, "2024-06-01-p09.txt")
    assert found.parts == ("9", "9")
    assert [a.page for a in found.articles] == [9, 9]
    assert (found.date, found.date_from) == (dt.date(2024, 6, 1), "name")


def test_a_file_saying_no_page_is_a_part_named_by_the_file() -> None:
    found = _deliver(BODY, "in/weidong-page.txt")
    assert found.parts == ("file:weidong-page.txt",) * 2


def test_an_undated_file_is_dated_by_its_modification_time_in_the_sources_zone() -> None:
    found = _deliver(BODY, "b01.txt")
    assert (found.date, found.date_from, found.guessed) == (
        dt.date(2024, 6, 1),
        "mtime",
        True,
    )
    late = dt.datetime(2024, 6, 1, 17, 0, tzinfo=dt.UTC)  # 01:00 on the 2nd in Shanghai
    assert _deliver(BODY, "b01.txt", late).date == dt.date(2024, 6, 2)


def test_without_a_modification_time_the_arrival_day_is_the_guess() -> None:
    found = _deliver(BODY, "b01.txt", None)
    assert (found.date, found.date_from) == (dt.date(2024, 7, 1), "received")


def test_a_date_in_the_text_is_not_a_guess() -> None:
    found = _deliver("---\ndate: 2020-05-29\n---\n" + BODY, "b01.txt")
    assert (found.date, found.date_from, found.guessed) == (
        dt.date(2020, 5, 29),
        "text",
        False,
    )


def test_publish_time_and_print_order() -> None:
    source = SourceConfig(name="s", kind="drop", publication="p", section="要闻",
                          publish_time=dt.time(7, 30))  # fmt: skip
    issue = parse_issue("第02版：要闻\n\n" + BODY)
    times = [t.astimezone(source.tz) for t in published_times(dt.date(2024, 6, 1), issue.articles,
                                                                source)]  # fmt: skip
    assert [t.strftime("%H:%M:%S") for t in times] == ["07:29:00", "07:28:59"]
    assert times == sorted(times, reverse=True)  # newest first = print order


def test_the_examples_in_the_docstrings_hold() -> None:
    assert doctest.testmod(worker.delivery).failed == 0
