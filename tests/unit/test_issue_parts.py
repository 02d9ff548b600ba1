"""Files as parts of their issue: page files of one day never replace each other, an undated
file takes its file's date (a guess) rather than the day it arrived, and the same undated
file corrected and dropped again keeps every article's id."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select

from worker.db import session_scope, upgrade
from worker.ingest import IngestResult, ingest_bytes
from worker.models import Article, Credit, Edition, FeedMember, Issue, Person
from worker.sources import SourceConfig

SOURCE = SourceConfig(name="weidong", kind="drop", publication="平顶山日报", section="卫东新闻")
ARRIVED = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)


def _page(*headlines: str) -> bytes:
    return "".join(
        f"{h}\n\n本报讯（记者王孟鹤）{h}的报道正文，写满了字，第{n}条。\n\n"
        for n, h in enumerate(headlines, 1)
    ).encode()


def _ingest(url: str, data: bytes, name: str, modified: dt.datetime | None) -> IngestResult:
    upgrade(url)
    with session_scope(url) as session:
        return ingest_bytes(
            session, data, source=SOURCE, filename=name, received_at=ARRIVED,
            max_bytes=10**6, modified_at=modified,
        )  # fmt: skip


def test_two_page_files_of_one_day_are_two_pages_of_one_issue(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    _ingest(url, _page("四版甲", "四版乙"), "2025-01-02-p04.txt", None)
    result = _ingest(url, _page("十一版甲"), "2025-01-02-p11.txt", None)
    assert (result.parts, result.corrected, result.withdrawn) == (("11",), (), 0)
    with session_scope(url) as session:
        assert session.scalar(select(func.count()).select_from(Edition)) == 1
        assert set(session.scalars(select(Issue.status))) == {"ingested"}
        pages = sorted(session.scalars(select(Article.page).where(Article.withdrawn_at.is_(None))))
    assert pages == [4, 4, 11]


def test_two_files_saying_no_page_are_two_parts(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    _ingest(url, _page("甲新闻"), "2025-01-02-north.txt", None)
    _ingest(url, _page("乙新闻"), "2025-01-02-south.txt", None)
    with session_scope(url) as session:
        parts = set(session.scalars(select(Article.part)))
        live = session.scalar(select(func.count()).select_from(Article).where(
            Article.withdrawn_at.is_(None)))  # fmt: skip
    assert parts == {"file:2025-01-02-north.txt", "file:2025-01-02-south.txt"} and live == 2


def test_an_undated_file_is_published_on_its_files_day_not_on_arrival(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    modified = dt.datetime(2020, 5, 28, 2, 0, tzinfo=dt.UTC)
    result = _ingest(url, _page("旧闻"), "weidong.txt", modified)
    assert result.date_guessed
    with session_scope(url) as session:
        published = session.scalar(select(Article.published_at))
        issue = session.scalars(select(Issue)).one()
    assert published is not None and published.date() == dt.date(2020, 5, 27)  # 06:00 +08
    assert (issue.issue_date, issue.date_from) == (dt.date(2020, 5, 28), "mtime")


def test_the_sample_corrected_and_dropped_again_keeps_every_id(
    tmp_path: Path, sample_bytes: bytes
) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    first = dt.datetime(2020, 5, 29, 1, 0, tzinfo=dt.UTC)
    _ingest(url, sample_bytes, "weidong-page.txt", first)
    with session_scope(url) as session:
        before = dict(session.execute(select(Article.headline, Article.key)).all())
    changed = sample_bytes.replace("护眼灯".encode(), "台灯".encode(), 1)
    assert changed != sample_bytes
    # Edited a week later: its modification time is not the issue's day.
    result = _ingest(url, changed, "weidong-page.txt", first + dt.timedelta(days=7))
    assert (result.changed, result.withdrawn, result.corrected) == (
        1, 0, ("file:weidong-page.txt",)
    )  # fmt: skip
    with session_scope(url) as session:
        after = dict(session.execute(select(Article.headline, Article.key)).all())
        wang = session.scalars(select(Person.id).where(Person.name == "王孟鹤")).one()
        credited = session.scalars(
            select(Credit.article_id)
            .join(Article)
            .where(Credit.person_id == wang, Article.withdrawn_at.is_(None))
        ).all()
        slug = session.scalars(select(Person.slug).where(Person.id == wang)).one()
        members = session.scalars(
            select(FeedMember.article_id).where(
                FeedMember.feed_key == f"person:{slug}", FeedMember.live.is_(True)
            )
        ).all()
    assert after == before and len(after) == 10
    assert sorted(members) == sorted(set(credited))  # each of his articles once
