"""The counts every ingest keeps beside the articles (`worker.live_counts`): each issue's
live articles and each person's live articles per role stay what counting the archive
gives, through new issues, corrections that withdraw, move and bring back articles, a
re-ingest, and a recount from scratch."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from worker import live_counts
from worker.db import session_scope, upgrade
from worker.ingest import ingest_bytes, reingest_issue
from worker.models import Article, Credit, Edition, Person, PersonRole
from worker.publishing.selection import person_roles
from worker.sources import SourceConfig

SOURCE = SourceConfig(name="qinghe", kind="drop", publication="青河日报", section="要闻")
ARRIVED = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)


def _story(headline: str, byline: str) -> str:
    return f"{headline}\n\n本报讯（{byline}）{headline}的消息，正文写满了一整句话。\n\n"


FIRST = _story("河堤加固完工", "记者王孟鹤 通讯员李青") + _story("夜市重新开张", "记者王孟鹤")
# The correction: the first story's credits change, the second is gone, a third is new.
CORRECTED = _story("河堤加固完工", "记者李青 通讯员赵一凡") + _story("图书馆延长开放", "记者王孟鹤")


def _ingest(url: str, text: str, name: str) -> None:
    upgrade(url)
    with session_scope(url) as session:
        ingest_bytes(
            session, text.encode(), source=SOURCE, filename=name, received_at=ARRIVED,
            max_bytes=10**6,
        )  # fmt: skip


def _counted(session: Session) -> tuple[dict[int, int], dict[tuple[int, str], int]]:
    """What counting the archive itself gives."""
    live = Article.withdrawn_at.is_(None)
    editions = {
        e: n
        for e, n in session.execute(
            select(Article.edition_id, func.count()).where(live).group_by(Article.edition_id)
        )
    }
    roles = {
        (p, r): n
        for p, r, n in session.execute(
            select(Credit.person_id, Credit.role, func.count())
            .join(Article, Article.id == Credit.article_id)
            .where(live)
            .group_by(Credit.person_id, Credit.role)
        )
    }
    return editions, roles


def _kept(session: Session) -> tuple[dict[int, int], dict[tuple[int, str], int]]:
    kept = select(Edition.id, Edition.live_articles).where(Edition.live_articles > 0)
    editions = {e: n for e, n in session.execute(kept)}
    roles = {
        (p, r): n
        for p, r, n in session.execute(
            select(PersonRole.person_id, PersonRole.role, PersonRole.articles).where(
                PersonRole.articles != 0
            )
        )
    }
    return editions, roles


def _check(url: str) -> tuple[dict[int, int], dict[tuple[int, str], int]]:
    with session_scope(url) as session:
        kept = _kept(session)
        assert kept == _counted(session)
        return kept


def test_counts_follow_new_issues_corrections_and_reingests(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    _ingest(url, FIRST, "2025-03-02-p01.txt")
    _ingest(url, FIRST.replace("一整句", "另一句"), "2025-03-03-p01.txt")
    editions, roles = _check(url)
    assert sorted(editions.values()) == [2, 2] and sorted(roles.values()) == [2, 4]
    _ingest(url, CORRECTED, "2025-03-03-p01-corrected.txt")
    _check(url)
    with session_scope(url) as session:
        slug = session.scalars(select(Person.slug).where(Person.name == "李青")).one()
        assert person_roles(session, f"person:{slug}") == (
            ("correspondent", 1),
            ("reporter", 1),
        )
    # The first version again: the withdrawn story comes back, the new one goes.
    _ingest(url, FIRST.replace("一整句", "另一句") + "\n", "2025-03-03-p01-again.txt")
    _check(url)
    with session_scope(url) as session:
        newest = session.scalars(select(Article.issue_id).order_by(Article.issue_id.desc())).first()
        assert newest is not None
        reingest_issue(session, newest, SOURCE)
    editions, roles = _check(url)
    assert sorted(editions.values()) == [2, 2] and sorted(roles.values()) == [2, 4]


def test_a_recount_gives_what_the_ingests_kept(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    _ingest(url, FIRST, "2025-03-02-p01.txt")
    _ingest(url, CORRECTED, "2025-03-02-p01-fixed.txt")
    kept = _check(url)
    with session_scope(url) as session:
        connection = session.connection()
        connection.execute(PersonRole.__table__.delete())
        connection.execute(Edition.__table__.update().values(live_articles=0))
        live_counts.recount(connection)
        assert _kept(session) == kept
