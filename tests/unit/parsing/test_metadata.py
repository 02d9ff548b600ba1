"""Issue metadata: front matter, and the date in the file name."""

from __future__ import annotations

import datetime as dt

import pytest

from worker.parsing import parse_issue
from worker.parsing.frontmatter import date_from_filename

FRONT = "---\npublication: 平顶山日报\ndate: 2020-05-29\nsection: 卫东新闻\npage: 5\n---\n"
BODY = "标题\n\n本报讯（记者王孟鹤）正文。"


def test_front_matter_sets_publication_date_section_and_first_page() -> None:
    issue = parse_issue(FRONT + BODY)
    assert issue.publication == "平顶山日报" and issue.date == dt.date(2020, 5, 29)
    assert (issue.articles[0].page, issue.articles[0].section) == (5, "卫东新闻")
    assert dict(issue.metadata)["section"] == "卫东新闻"


def test_front_matter_with_missing_keys_still_parses() -> None:
    issue = parse_issue("---\npublication: 青河日报\n---\n" + BODY, filename="20201120.txt")
    assert issue.publication == "青河日报" and issue.date == dt.date(2020, 11, 20)


def test_front_matter_date_beats_file_name() -> None:
    assert parse_issue(FRONT + BODY, filename="2021-01-01.txt").date == dt.date(2020, 5, 29)


def test_bad_front_matter_date_is_a_warning_not_an_error() -> None:
    issue = parse_issue("---\ndate: soon\n---\n" + BODY)
    assert issue.date is None and any("soon" in w.message for w in issue.warnings)


def test_front_matter_line_that_is_no_pair_is_unassigned() -> None:
    issue = parse_issue("---\n随便写的一行\n---\n" + BODY)
    assert [f.text for f in issue.unassigned] == ["随便写的一行"]


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("2020-05-29.txt", dt.date(2020, 5, 29)),
        ("/in/pdsrb_20200529_A05.txt", dt.date(2020, 5, 29)),
        ("weidong-2020-05-29-page.txt", dt.date(2020, 5, 29)),
        ("issue-2020-13-40.txt", None),
        ("page5.txt", None),
    ],
)
def test_date_from_file_name(name: str, date: dt.date | None) -> None:
    assert date_from_filename(name) == date


def test_no_metadata_at_all_still_ingests() -> None:
    issue = parse_issue(BODY)
    assert issue.publication is None and issue.date is None and len(issue.articles) == 1
