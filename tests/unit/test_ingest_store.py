"""Storing a new issue (one that corrects none: the common case, and all of a back-fill) in
a fixed number of statements gives the rows the article-by-article path gives: the same
keys, slugs, ids in issue order, credit times and feed counts."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select

from worker.db import get_engine, session_scope, upgrade
from worker.feed_entries import feed_keys
from worker.ingest import IngestResult, ingest_bytes
from worker.models import Article, Credit, FeedCount, Person, Publication, Section
from worker.named_rows import person_rows, publication_row
from worker.parsing import parse_bytes
from worker.sources import SourceConfig
from worker.storage import article_key

SOURCE = SourceConfig(name="qinghe", kind="drop", publication="青河日报", section="要闻")
RECEIVED = dt.datetime(2026, 11, 20, 1, 30, tzinfo=dt.UTC)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'paperfeed.db'}"
    upgrade(url)
    return url


def _issue(articles: list[tuple[str, str]], date: str | None = "2026-11-20") -> bytes:
    """An issue of (headline, reporter) articles on one page."""
    front = f"---\npublication: 青河日报\ndate: {date}\n---\n\n" if date else ""
    body = "".join(
        f"{headline}\n\n本报讯（记者{reporter}）{headline}的消息，第{n}条。\n\n"
        for n, (headline, reporter) in enumerate(articles, 1)
    )
    return (front + body).encode()


def _ingest(url: str, data: bytes, filename: str = "a.txt") -> IngestResult:
    with session_scope(url) as session:
        return ingest_bytes(
            session, data, source=SOURCE, filename=filename, received_at=RECEIVED,
            max_bytes=1_000_000,
        )  # fmt: skip


def test_a_repeated_headline_and_a_key_already_stored_get_the_next_occurrence(
    db_url: str,
) -> None:
    # Two undated files of different names received the same day are two parts of one
    # issue, never corrections of each other, so the second one's articles are new, and
    # their first-choice key is taken.
    first = _issue([("秋粮入库过半", "林晓")], date=None)
    second = _issue(
        [("秋粮入库过半", "周川"), ("秋粮入库过半", "周川"), ("青河新桥今日通车", "林晓")],
        date=None,
    )
    assert _ingest(db_url, first).status == "ingested"
    result = _ingest(db_url, second, "b.txt")
    assert (result.status, result.articles, result.changed) == ("ingested", 3, 3)
    day = RECEIVED.astimezone(SOURCE.tz).date()
    parsed = parse_bytes(second).articles
    with session_scope(db_url) as session:
        keys = session.scalars(
            select(Article.key).where(Article.issue_id == result.issue_id).order_by(Article.id)
        ).all()
    assert keys == [
        article_key(SOURCE.name, day, parsed[0], 2),
        article_key(SOURCE.name, day, parsed[1], 3),
        article_key(SOURCE.name, day, parsed[2], 1),
    ]


def test_new_people_get_the_slugs_of_one_by_one_creation_in_sorted_order(
    db_url: str, tmp_path: Path
) -> None:
    _ingest(db_url, _issue([("市民公园扩建开工", "林筱")], date="2026-11-19"))
    _ingest(db_url, _issue([("老城区管网改造", "林晓"), ("秋粮入库过半", "林小")]))
    with session_scope(db_url) as session:
        stored = [(p.name, p.slug) for p in session.scalars(select(Person).order_by(Person.id))]
    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    upgrade(reference)
    with session_scope(reference) as session:
        paper = publication_row(session, "青河日报")
        for name in ("林筱", "林小", "林晓"):  # the second issue's names, sorted
            person_rows(session, paper, [name])
    with session_scope(reference) as session:
        made = [(p.name, p.slug) for p in session.scalars(select(Person).order_by(Person.id))]
    assert stored == made == [("林筱", "lin-xiao"), ("林小", "lin-xiao-2"), ("林晓", "lin-xiao-3")]


def test_rows_come_in_issue_order_with_their_times_and_counts(db_url: str) -> None:
    headlines = [
        "市民公园扩建开工",
        "老城区管网改造",
        "秋粮入库过半",
        "青河新桥今日通车",
        "冬季供暖准备就绪",
    ]
    _ingest(db_url, _issue(list(zip(headlines[:2], ["林晓", "周川"], strict=True)), "2026-11-19"))
    result = _ingest(
        db_url, _issue(list(zip(headlines[2:], ["周川", "王芳", "林晓"], strict=True)))
    )
    with session_scope(db_url) as session:
        articles = session.scalars(select(Article).order_by(Article.id)).all()
        assert [a.headline for a in articles] == headlines
        assert [a.seq for a in articles if a.issue_id == result.issue_id] == [0, 1, 2]
        credits = session.execute(select(Credit, Article).join(Credit.article)).all()
        assert len(credits) == 5
        assert all(c.published_at == a.published_at for c, a in credits)
        expected: Counter[str] = Counter()
        for article in articles:
            section = session.get(Section, article.section_id)
            assert section is not None
            slugs = [c.person.slug for c in article.credits]
            expected.update(feed_keys("qing-he-ri-bao", section.slug, slugs))
        counts = {row.key: row.total for row in session.scalars(select(FeedCount)) if row.total}
        people = {p.name: p.slug for p in session.scalars(select(Person))}
    assert counts == dict(expected)
    assert set(result.feeds) == {"all", "paper:qing-he-ri-bao", "section:yao-wen"} | {
        f"person:{people[name]}" for name in ("周川", "王芳", "林晓")
    }


_WRITERS = [
    "林晓",
    "王芳",
    "周川",
    "陈静",
    "李明",
    "赵一",
    "孙岩",
    "吴宁",
    "郑好",
    "冯远",
    "何青",
    "许诺",
]


def test_the_statements_of_a_new_issue_do_not_grow_with_its_articles(db_url: str) -> None:
    _ingest(db_url, _issue([("市民公园扩建开工", "林晓")], date="2026-11-01"))
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    engine = get_engine(db_url, write=True)
    event.listen(engine, "before_cursor_execute", count)
    try:
        sizes = {}
        for day, n in (("2026-11-02", 2), ("2026-11-03", 12)):
            statements.clear()
            # Each article by a writer of its own: the feeds marked grow with the articles too.
            heads = [(f"第{k}号公告发布", _WRITERS[k]) for k in range(n)]
            _ingest(db_url, _issue(heads, date=day))
            sizes[n] = len(statements)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert sizes[2] == sizes[12]


def test_paragraphs_are_stored_as_utf8_text_not_escapes(db_url: str) -> None:
    _ingest(db_url, _issue([("秋粮入库过半", "林晓")]))

    with get_engine(db_url).connect() as conn:
        stored = conn.exec_driver_sql("SELECT paragraphs FROM articles").scalar_one()
    assert "秋粮入库过半的消息" in stored and "\\u" not in stored
    with session_scope(db_url) as session:
        assert session.scalars(select(Article.paragraphs)).one()[0].startswith("秋粮入库过半")


def test_a_second_papers_names_get_its_slug_added_and_names_alike_are_numbered(
    db_url: str,
) -> None:
    _ingest(db_url, _issue([("市民公园扩建开工", "林晓")], date="2026-11-19"))
    other = _issue([("老城区管网改造", "林晓"), ("秋粮入库过半", "林筱")], date="2026-11-20")
    _ingest(db_url, other.replace("青河日报".encode(), "红山晚报".encode()), "b.txt")
    with session_scope(db_url) as session:
        papers = dict(session.execute(select(Publication.name, Publication.slug)).all())
        people = session.execute(select(Person.name, Person.slug).order_by(Person.id)).all()
        sections = session.scalars(select(Section.slug).order_by(Section.id)).all()
    red = papers["红山晚报"]
    assert [tuple(p) for p in people] == [
        ("林晓", "lin-xiao"), ("林晓", f"lin-xiao-{red}"), ("林筱", f"lin-xiao-{red}-2")
    ]  # fmt: skip
    assert sections == ["yao-wen", f"yao-wen-{red}"]
