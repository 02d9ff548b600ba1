"""Real deliveries through `paperfeed run` (a real Celery worker), on SQLite and on
PostgreSQL: a paper's page files in shuffled order (one of them twice), a correction of one
page, a whole issue of the next day, a second paper with the same section names and a
reporter of the same name, and undated page files with a correction. Every feed, read by
feedparser through its archive pages, holds exactly the stories it should; entry ids survive
the corrections; a withdrawn story's page answers 410; a rebuild writes the same bytes."""

from __future__ import annotations

import datetime as dt
import os
import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from tests import deliveries as d
from tests.integration.conftest import (
    Running,
    http_get,
    start_paperfeed,
    stop_paperfeed,
    wait_for,
)
from worker import publishing
from worker.db import session_scope
from worker.models import (
    Article,
    DirtyFeed,
    Edition,
    EditionPart,
    Input,
    Issue,
    Person,
    Publication,
    Section,
)
from worker.publishing.check import check_feeds
from worker.publishing.documents import publish_target
from worker.settings import Settings, load_settings

pytestmark = pytest.mark.integration


@pytest.fixture(params=["embedded", "redis-postgres"])
def running(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Running]:
    home = tmp_path / "home"
    for folder in ("qinghe", "hongshan"):
        (home / folder).mkdir(parents=True)
    (home / "paperfeed.toml").write_text(d.SOURCES_TOML.format(home=home), encoding="utf-8")
    env = {"PAPERFEED_FEED_SIZE": "2"}
    if request.param == "redis-postgres":
        env["DATABASE_URL"] = request.getfixturevalue("postgres_url")
        env["CELERY_BROKER_URL"] = request.getfixturevalue("redis_url")
    instance = start_paperfeed(home, **env)
    try:
        yield instance
    finally:
        stop_paperfeed(instance)


def _drop(folder: Path, name: str, data: bytes, modified: dt.datetime | None = None) -> None:
    partial = folder / f".{name}.part"
    partial.write_bytes(data)
    if modified is not None:
        os.utime(partial, (modified.timestamp(), modified.timestamp()))
    partial.rename(folder / name)


def _settle(instance: Running, settings: Settings, inputs: int) -> None:
    def done() -> bool:
        with session_scope(settings.database_url, write=False) as session:
            total = session.scalar(select(func.count()).select_from(Input))
            open_ = session.scalar(
                select(func.count()).select_from(Input).where(
                    (Input.status == "pending") | Input.filed.is_(False)
                )
            )  # fmt: skip
            dirty = session.scalar(select(func.count()).select_from(DirtyFeed))
        waiting = any(p.name[0] != "." for f in ("qinghe", "hongshan")
                      for p in (instance.home / f).iterdir())  # fmt: skip
        return total == inputs and open_ == 0 and dirty == 0 and not waiting

    wait_for(done, 120, instance, f"{inputs} inputs ingested and published")


def _slugs(settings: Settings) -> dict[tuple[str, str, str], str]:
    found: dict[tuple[str, str, str], str] = {}
    with session_scope(settings.database_url, write=False) as session:
        for paper, slug in session.execute(select(Publication.name, Publication.slug)):
            found[("paper", "", paper)] = slug
        for kind, model in (("section", Section), ("person", Person)):
            for name, slug, paper in session.execute(
                select(model.name, model.slug, Publication.name).join(
                    Publication, Publication.id == model.publication_id
                )
            ):
                found[(kind, name, paper)] = slug
    return found


def _all_entries(instance: Running, settings: Settings) -> dict[str, dict]:
    entries = d.read_chain(settings.public_dir, settings.base_url, "all")
    return {entry.title: entry for entry in entries}


def test_page_files_corrections_and_two_papers_lose_nothing_and_mix_nothing(
    running: Running,
) -> None:
    instance = running
    settings = load_settings(instance.env)
    qinghe, hongshan = instance.home / "qinghe", instance.home / "hongshan"
    order = [1, 2, 3, 4, 3]
    random.Random(16).shuffle(order)
    for n, page in enumerate(order):
        name = d.page_name(page) if order.index(page) == n else f"copy-{d.page_name(page)}"
        _drop(qinghe, name, d.page_file(page))
    _drop(hongshan, "2025-01-02.txt", d.whole_issue(d.HONGSHAN, d.DAY, d.HONGSHAN_ISSUE))
    _settle(instance, settings, 5)  # the copy of p03 is known bytes
    before = _all_entries(instance, settings)
    assert len(before) == 10

    _drop(qinghe, d.page_name(2), d.page_file(2, corrected=True))
    _settle(instance, settings, 6)
    _drop(qinghe, "2025-01-03.txt", d.whole_issue(d.QINGHE, d.NEXT_DAY, d.NEXT_DAY_ISSUE))
    _settle(instance, settings, 7)
    mtime = dt.datetime.combine(d.UNDATED_DAY, dt.time(10), ZoneInfo("Asia/Shanghai"))
    for name in d.UNDATED:
        _drop(qinghe, name, d.undated_file(name), mtime)
    _settle(instance, settings, 10)
    undated_before = _all_entries(instance, settings)
    _drop(qinghe, "b02.txt", d.undated_file("b02.txt", corrected=True), mtime + dt.timedelta(4))
    _settle(instance, settings, 11)

    # Every feed, through its archive pages, in all three formats: exactly its stories.
    slugs = _slugs(settings)
    expected = d.expected_feeds()
    for feed, headlines in expected.items():
        path = d.feed_path(feed, slugs)
        for extension in ("atom", "rss"):
            titles = [e.title for e in d.read_chain(settings.public_dir, settings.base_url,
                                                     path, extension)]  # fmt: skip
            assert sorted(titles) == sorted(headlines), (path, extension)
    with session_scope(settings.database_url, write=False) as session:
        results = check_feeds(session, publish_target(settings), settings.base_url)
    assert [r for r in results if not r.ok] == []
    assert {r.key for r in results} >= {"all", "paper:" + slugs[("paper", "", d.QINGHE)]}
    # Two papers' 王伟 are two people, their 要闻 two sections, each titled with its paper.
    assert slugs[("person", "王伟", d.QINGHE)] != slugs[("person", "王伟", d.HONGSHAN)]
    assert slugs[("section", "要闻", d.QINGHE)] != slugs[("section", "要闻", d.HONGSHAN)]
    section = (settings.public_dir / "feeds" / "sections"
               / f"{slugs[('section', '要闻', d.HONGSHAN)]}.atom").read_text("utf-8")  # fmt: skip
    assert "<title>红山晚报 · 要闻</title>" in section

    # Ids kept through both corrections; only the corrected stories' `updated` moved.
    after = _all_entries(instance, settings)
    for title, entry in before.items():
        if title == d.WITHDRAWN:
            continue
        assert after[title].id == entry.id, title
        moved = after[title].updated != entry.updated
        assert moved == (title == d.CHANGED), title
    for title in d.UNDATED["b02.txt"]:
        assert after[title[0]].id == undated_before[title[0]].id
    assert after[d.UNDATED_CHANGED].updated != undated_before[d.UNDATED_CHANGED].updated

    # The withdrawn story's page answers 410; its reporter's feed and page are empty.
    link = before[d.WITHDRAWN].link
    assert http_get(link.replace(settings.base_url, instance.base_url))[0] == 410
    zhao = d.feed_path(d.Feed("person", "赵敏", d.QINGHE), slugs)
    for extension in ("atom", "rss", "json"):
        text = (settings.public_dir / "feeds" / f"{zhao}.{extension}").read_text("utf-8")
        assert d.WITHDRAWN not in text
    assert d.WITHDRAWN not in (settings.public_dir / f"{zhao}.html").read_text("utf-8")

    # What is stored: issues of pages, the undated one dated by its files' time, a guess.
    with session_scope(settings.database_url, write=False) as session:
        editions = {(e.issue_date, e.date_guessed) for e in session.scalars(select(Edition))}
        assert editions == {(d.DAY, False), (d.NEXT_DAY, False), (d.UNDATED_DAY, True)}
        parts = session.scalar(select(func.count()).select_from(EditionPart))
        assert parts == 4 + 2 + 2 + 3  # qinghe's pages, next day's, hongshan's, undated
        live = session.scalar(select(func.count(Article.id)).where(Article.withdrawn_at.is_(None)))
        assert live == len(expected[d.Feed("all")])
        statuses = Counter(session.scalars(select(Issue.status)))
        assert statuses == {"ingested": 9, "superseded": 2}  # p02 and b02 replaced
    _report(settings, slugs, expected)

    # The page files, in any order, corrected, make one issue page in print order.
    paper = slugs[("paper", "", d.QINGHE)]
    issue = (settings.public_dir / "issues" / paper / f"{d.DAY}.html").read_text("utf-8")
    printed = [h for n in sorted(d.PAGES) for h, _ in d.PAGES[n] if h != d.WITHDRAWN]
    places = [issue.index(f">{headline}</a>") for headline in printed]
    assert places == sorted(places) and d.WITHDRAWN not in issue
    assert all(f"第{n:02d}版：{name}" in issue for n, name in d.QINGHE_PAGES.items())

    # A rebuild of every feed writes what the incremental publishes wrote, byte for byte.
    rebuilt = load_settings({**instance.env, "PAPERFEED_PUBLIC_DIR": str(instance.home / "re")})
    publishing.publish_feeds(rebuilt, ["*"])
    assert _files(rebuilt.public_dir) == _files(settings.public_dir)


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _report(settings: Settings, slugs: dict[tuple[str, str, str], str], expected: dict) -> None:
    """The figures of the run, printed (pytest -s shows them)."""
    with session_scope(settings.database_url, write=False) as session:
        files = session.scalar(select(func.count()).select_from(Input))
        stored = session.scalar(select(func.count()).select_from(Issue))
        pages = session.scalar(select(func.count()).select_from(EditionPart))
        articles = session.scalar(select(func.count()).select_from(Article))
    print(f"\nfiles in: {files}, files stored: {stored} (duplicates not stored), "
          f"pages/parts: {pages}, articles: {articles}")  # fmt: skip
    for feed, headlines in sorted(expected.items(), key=lambda kv: d.feed_path(kv[0], slugs)):
        print(f"  {d.feed_path(feed, slugs):<40} {len(headlines):>3} entries")
