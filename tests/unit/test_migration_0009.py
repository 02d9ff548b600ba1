"""Upgrading a database from before issues were made of pages: every article keeps its key,
each stored file joins the issue of its source and date, a section or person two papers
printed is split between them, every feed's entries are numbered, and a publish after the
upgrade writes chains `feeds check` finds complete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, select, text

from worker import publishing
from worker.db import session_scope, upgrade
from worker.models import Article, Edition, FeedCount, FeedMember, Issue, Person, Section
from worker.publishing.check import check_feeds
from worker.publishing.documents import publish_target
from worker.publishing.entries import article_page_path
from worker.publishing.selection import feed_query
from worker.settings import Settings

T0 = "2026-11-01 08:00:00"


def fill_0007(url: str) -> dict[str, str]:
    """A database at revision 0007 as paperfeed left it: two papers (one source each), a
    section and a person both printed, an undated file, a superseded version, a withdrawn
    article. Returns headline → key."""
    upgrade(url, "0007")
    engine = create_engine(url)
    rows = [
        "INSERT INTO sources (id, name, kind, publication, default_section, timezone, created_at)"
        f" VALUES (1, 'qinghe', 'drop', '青河日报', '要闻', 'Asia/Shanghai', '{T0}'),"
        f" (2, 'hongshan', 'drop', '红山晚报', '要闻', 'Asia/Shanghai', '{T0}')",
        "INSERT INTO sections (id, name, slug) VALUES (1, '要闻', 'yao-wen'),"
        " (2, '城市', 'cheng-shi')",
        "INSERT INTO people (id, name, slug) VALUES (1, '王伟', 'wang-wei'),"
        " (2, '林晓', 'lin-xiao')",
    ]
    files = [  # id, source, date, status, superseded by, filename, publication
        (1, 1, "2025-01-02", "superseded", 2, "a.txt", "青河日报"),
        (2, 1, "2025-01-02", "ingested", None, "a2.txt", "青河日报"),
        (3, 2, "2025-01-02", "ingested", None, "b.txt", "红山晚报"),
        (4, 1, None, "ingested", None, "undated.txt", "青河日报"),
    ]
    for fid, source, date, status, by, name, paper in files:
        day = f"'{date}'" if date else "NULL"
        rows.append(
            "INSERT INTO issues (id, source_id, content_hash, raw, size, filename, parser_version,"
            " status, publication, issue_date, page_count, warnings, received_at, ingested_at,"
            f" superseded_by_id) VALUES ({fid}, {source}, '{fid:064d}', '', 0, '{name}', '3',"
            f" '{status}', '{paper}', {day}, 1, '[]', '{T0}', '{T0}', {by or 'NULL'})"
        )
    articles = [  # id, key, issue, section, page, headline, withdrawn, person
        (1, "k1", 2, 1, 1, "青河新桥通车", False, 1),
        (2, "k2", 2, 2, 2, "老城改造开工", False, 2),
        (3, "k3", 2, 2, 2, "社区食堂开业", True, 2),
        (4, "k4", 3, 1, 1, "红山隧道贯通", False, 1),
        (5, "k5", 4, 1, 1, "无日期的新闻", False, 2),
    ]
    for aid, key, issue, section, page, headline, gone, person in articles:
        withdrawn = f"'{T0}'" if gone else "NULL"
        published = "2025-01-01 16:00:00" if issue != 4 else T0
        rows.append(
            "INSERT INTO articles (id, key, issue_id, section_id, seq, page, kind, headline,"
            " paragraphs, content_hash, published_at, updated_at, withdrawn_at) VALUES"
            f" ({aid}, '{key}', {issue}, {section}, {aid}, {page}, 'news', '{headline}',"
            f" '[\"正文\"]', 'h{aid}', '{published}', '{T0}', {withdrawn})"
        )
        rows.append(
            "INSERT INTO credits (article_id, person_id, role, position, published_at) VALUES"
            f" ({aid}, {person}, 'reporter', 0, '{published}')"
        )
    with engine.begin() as conn:
        for row in rows:
            conn.execute(text(row))
        if engine.dialect.name == "postgresql":
            for table in ("sources", "sections", "people", "issues", "articles"):
                conn.execute(text(f"SELECT setval('{table}_id_seq', 100)"))
    engine.dispose()
    return {headline: key for _, key, _, _, _, headline, _, _ in articles}


def check_upgraded(url: str, keys: dict[str, str], settings: Settings) -> None:
    upgrade(url)
    with session_scope(url, write=False) as session:
        assert dict(session.execute(select(Article.headline, Article.key)).all()) == keys
        editions = session.execute(
            select(Edition.source_id, Edition.issue_date, Edition.date_guessed)
        ).all()
        assert sorted(editions) == [
            (1, dt.date(2025, 1, 2), False), (1, dt.date(2026, 11, 1), True),
            (2, dt.date(2025, 1, 2), False),
        ]  # fmt: skip
        assert session.get(Issue, 1).status == "superseded"  # type: ignore[union-attr]
        # 要闻 and 王伟 were printed by both papers: each paper has its own now; the paper
        # with more articles kept the row and its slug.
        yaowen = {s.slug for s in session.scalars(select(Section).where(Section.name == "要闻"))}
        assert yaowen == {"yao-wen", "yao-wen-hong-shan-wan-bao"}
        wangwei = {p.slug for p in session.scalars(select(Person).where(Person.name == "王伟"))}
        assert wangwei == {"wang-wei", "wang-wei-hong-shan-wan-bao"}
        published = session.scalar(select(Article.published_at).where(Article.key == "k1"))
        assert published == dt.datetime(2025, 1, 1, 22, 0, tzinfo=dt.UTC)  # 06:00 +08:00
        # Every feed's numbered entries are what the feed holds.
        for key in session.scalars(select(FeedCount.key)):
            members = set(
                session.scalars(
                    select(FeedMember.article_id).where(
                        FeedMember.feed_key == key, FeedMember.live.is_(True)
                    )
                )
            )
            assert members == set(session.scalars(feed_query(key))), key
        # The page of an article withdrawn before the upgrade, as it was left.
        withdrawn = session.scalars(select(Article).where(Article.key == "k3")).one()
        stale = settings.public_dir / article_page_path(
            withdrawn.published_at.astimezone(settings.tz), "k3"
        )
    stale.parent.mkdir(parents=True)
    stale.write_text("社区食堂开业", encoding="utf-8")
    publishing.publish_dirty(settings)
    assert not stale.exists()  # gone: the server answers 410 for it
    with session_scope(url, write=False) as session:
        results = check_feeds(session, publish_target(settings), settings.base_url)
    assert [r for r in results if not r.ok] == []
    assert {r.key for r in results} >= {"paper:qing-he-ri-bao", "section:yao-wen-hong-shan-wan-bao"}


def test_a_database_of_revision_0007_is_carried_over(
    tmp_path: Path, make_settings: Callable[..., Settings]
) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    keys = fill_0007(url)
    settings = make_settings(DATABASE_URL=url)
    settings.ensure_dirs()
    check_upgraded(url, keys, settings)
