"""Ingest: bytes become one stored issue with its articles; the same bytes again change nothing;
bad bytes become a failed issue with a reason. Runs on SQLite here and on PostgreSQL in
tests/integration/test_ingest_postgres.py (same tests, other database)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from worker.db import session_scope, upgrade
from worker.ingest import IngestResult, ingest_bytes
from worker.models import Article, Credit, Issue, Person, Section
from worker.sources import SourceConfig

ISSUE = """---
publication: 青河日报
date: 2026-11-20
---

青河新桥今日通车

本报讯（记者林晓 通讯员周川）11月19日上午，青河新桥正式通车，市民可以步行过桥。

新桥全长一千二百米，双向六车道，设有观景平台两处。

秋粮入库过半

本报讯（记者林晓）截至11月18日，全市秋粮入库已过半，收购价格总体平稳。
""".encode()

SOURCE = SourceConfig(name="qinghe", kind="drop", publication="青河日报", section="要闻")
RECEIVED = dt.datetime(2026, 11, 20, 1, 30, tzinfo=dt.UTC)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'paperfeed.db'}"


def _ingest(
    url: str, data: bytes, max_bytes: int = 1_000_000, filename: str = "a01.txt"
) -> IngestResult:
    upgrade(url)
    with session_scope(url) as session:
        return ingest_bytes(
            session,
            data,
            source=SOURCE,
            filename=filename,
            received_at=RECEIVED,
            max_bytes=max_bytes,
        )


def _count(url: str, model: type) -> int:
    with session_scope(url) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_issue_is_stored_with_articles_credits_and_raw_bytes(db_url: str) -> None:
    result = _ingest(db_url, ISSUE)
    assert result.status == "ingested"
    assert result.articles == 2
    with session_scope(db_url) as session:
        issue = session.execute(select(Issue)).scalar_one()
        assert issue.raw == ISSUE
        assert issue.encoding == "utf-8"
        assert issue.issue_date == dt.date(2026, 11, 20)
        assert issue.publication == "青河日报"
        headlines = session.scalars(select(Article.headline).order_by(Article.seq)).all()
        assert headlines == ["青河新桥今日通车", "秋粮入库过半"]
        people = sorted(session.scalars(select(Person.name)))
        assert people == ["周川", "林晓"]
        roles = sorted((c.person.name, c.role) for c in session.scalars(select(Credit)))
        assert roles == [("周川", "correspondent"), ("林晓", "reporter"), ("林晓", "reporter")]


def test_published_is_the_issue_date_at_six_in_the_papers_zone_in_print_order(
    db_url: str,
) -> None:
    _ingest(db_url, ISSUE)
    with session_scope(db_url) as session:
        published = session.scalars(select(Article.published_at).order_by(Article.seq)).all()
    six = dt.datetime(2026, 11, 19, 22, 0, tzinfo=dt.UTC)  # 06:00 +08:00
    assert published == [six, six - dt.timedelta(seconds=1)]  # page 1's first on top


def test_every_credit_carries_its_articles_publication_time(db_url: str) -> None:
    """Credits carry their article's publication time through corrections, and for the
    articles of an undated file (published on the day it arrived, a guess)."""
    _ingest(db_url, ISSUE)
    _ingest(db_url, ISSUE.replace("通车，市民".encode(), "通车，不少市民".encode()))
    undated = ISSUE.replace(b"date: 2026-11-20\n", b"")
    undated = undated.replace("青河新桥".encode(), "北桥".encode())
    _ingest(db_url, undated, filename="weidong.txt")
    with session_scope(db_url) as session:
        pairs = session.execute(
            select(Credit.published_at, Article.published_at).join(Credit.article)
        ).all()
    assert len(pairs) >= 5
    assert all(credit == article for credit, article in pairs)


def test_feeds_touched_name_everything_the_issue_reaches(db_url: str) -> None:
    result = _ingest(db_url, ISSUE)
    with session_scope(db_url) as session:
        section = session.execute(select(Section)).scalar_one()
        slugs = sorted(session.scalars(select(Person.slug)))
    assert set(result.feeds) == {"all", "paper:qing-he-ri-bao", f"section:{section.slug}"} | {
        f"person:{s}" for s in slugs
    }


def test_the_same_bytes_twice_change_nothing(db_url: str) -> None:
    first = _ingest(db_url, ISSUE)
    counts = [_count(db_url, m) for m in (Issue, Article, Credit, Person, Section)]
    second = _ingest(db_url, ISSUE)
    assert second.status == "duplicate"
    assert second.issue_id == first.issue_id
    assert second.feeds == ()
    assert [_count(db_url, m) for m in (Issue, Article, Credit, Person, Section)] == counts


def test_a_corrected_issue_keeps_article_keys(db_url: str) -> None:
    _ingest(db_url, ISSUE)
    with session_scope(db_url) as session:
        before = dict(session.execute(select(Article.headline, Article.key)).all())
    corrected = ISSUE.replace("六车道".encode(), "八车道".encode())
    assert _ingest(db_url, corrected).status == "ingested"
    assert _count(db_url, Article) == 2
    with session_scope(db_url) as session:
        after = dict(session.execute(select(Article.headline, Article.key)).all())
        changed = session.execute(
            select(Article).where(Article.headline == "青河新桥今日通车")
        ).scalar_one()
        assert "八车道" in "".join(changed.paragraphs)
    assert after == before


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\r\n ", "empty"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 8, ""),
    ],
    ids=["empty", "blank", "jpeg"],
)
def test_unusable_bytes_become_a_failed_issue_with_a_reason(
    db_url: str, data: bytes, reason: str
) -> None:
    result = _ingest(db_url, data)
    assert result.status == "failed"
    assert result.error and reason in result.error
    with session_scope(db_url) as session:
        issue = session.execute(select(Issue)).scalar_one()
        assert issue.status == "failed"
        assert issue.error == result.error
    assert _count(db_url, Article) == 0


def test_oversize_input_is_refused_with_the_limit_named(db_url: str) -> None:
    result = _ingest(db_url, ISSUE, max_bytes=100)
    assert result.status == "failed"
    assert result.error is not None and "PAPERFEED_MAX_BYTES" in result.error


def _articles(url: str) -> dict[str, Article]:
    with session_scope(url) as session:
        return {a.headline: a for a in session.scalars(select(Article))}


def test_a_correction_moves_updated_only_where_the_text_changed(db_url: str) -> None:
    _ingest(db_url, ISSUE)
    before = _articles(db_url)
    corrected = ISSUE.replace("六车道".encode(), "八车道".encode())
    result = _ingest(db_url, corrected)
    after = _articles(db_url)
    assert result.changed == 1
    assert after["青河新桥今日通车"].updated_at > before["青河新桥今日通车"].updated_at
    assert after["秋粮入库过半"].updated_at == before["秋粮入库过半"].updated_at
    assert {k: a.key for k, a in after.items()} == {k: a.key for k, a in before.items()}


def test_a_corrected_headline_keeps_the_article_key(db_url: str) -> None:
    _ingest(db_url, ISSUE)
    key = _articles(db_url)["秋粮入库过半"].key
    _ingest(db_url, ISSUE.replace("秋粮入库过半".encode(), "全市秋粮入库过半".encode()))
    after = _articles(db_url)
    assert set(after) == {"青河新桥今日通车", "全市秋粮入库过半"}
    assert after["全市秋粮入库过半"].key == key


def test_an_article_gone_from_the_correction_is_withdrawn_not_deleted(db_url: str) -> None:
    _ingest(db_url, ISSUE)
    shorter = ISSUE.split("秋粮入库过半".encode())[0]
    result = _ingest(db_url, shorter)
    assert result.withdrawn == 1
    after = _articles(db_url)
    assert after["秋粮入库过半"].withdrawn_at is not None
    assert after["青河新桥今日通车"].withdrawn_at is None
    with session_scope(db_url) as session:
        statuses = sorted(session.scalars(select(Issue.status)))
    assert statuses == ["ingested", "superseded"]  # both versions' raw bytes are kept


def test_reingest_from_raw_bytes_changes_nothing_when_the_parse_is_the_same(db_url: str) -> None:
    from worker.ingest import reingest_issue

    first = _ingest(db_url, ISSUE)
    before = _articles(db_url)
    assert first.issue_id is not None
    with session_scope(db_url) as session:
        result = reingest_issue(session, first.issue_id, SOURCE)
    assert (result.status, result.changed, result.withdrawn, result.feeds) == (
        "ingested", 0, 0, ()
    )  # fmt: skip
    after = _articles(db_url)
    assert {k: (a.key, a.updated_at) for k, a in after.items()} == {
        k: (a.key, a.updated_at) for k, a in before.items()
    }
