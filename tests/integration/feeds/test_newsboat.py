"""newsboat, a real feed reader, subscribes to paperfeed's Atom and RSS over HTTP from the
feed server and sees every article with its title, author and link; a new article arrives
on the next reload."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from feeds.model import Credit
from feeds.publish import publish_feeds
from feeds.server import make_server
from tests.unit.feeds.feedsamples import at, entry, spec

pytestmark = pytest.mark.integration

REQUIRED = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
WANG = Credit("王孟鹤", "reporter", slug="wang-menghe")
ZHAO = Credit("赵炎", "correspondent", slug="zhao-yan")


@dataclass(frozen=True)
class Site:
    public: Path
    base_url: str


@pytest.fixture
def newsboat() -> str:
    found = shutil.which("newsboat")
    if found is None:
        message = "newsboat is not installed; apt-get install -y newsboat (CI installs it)"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    public = tmp_path / "public"
    public.mkdir()
    server = make_server(public, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield Site(public, f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def article(key: str, title: str, day: int, credits: tuple[Credit, ...] = ()) -> object:
    return entry(
        id=f"urn:paperfeed:{key}",
        title=title,
        published=at(day, 6),
        updated=at(day, 7),
        page_path=f"articles/2024/05/{day:02d}/{key}.html",
        credits=credits,
    )


def publish(site: Site, everything: list[object], wang: list[object]) -> None:
    feeds = [
        spec(*everything, page_path="index.html"),
        spec(*wang, path="people/wang-menghe", kind="person", title="王孟鹤"),
    ]
    publish_feeds(site.public, feeds, base_url=site.base_url, site_title="卫东日报")  # type: ignore[arg-type]


def run(newsboat: str, home: Path, command: str) -> str:
    result = subprocess.run(
        [newsboat, "-u", "urls", "-c", "cache.db", "-C", "config", "-x", command],
        cwd=home,
        env={"HOME": str(home), "PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def items(home: Path) -> list[tuple[str, str, str, str, int]]:
    with sqlite3.connect(home / "cache.db") as db:
        rows = db.execute(
            "SELECT feedurl, title, author, url, unread FROM rss_item ORDER BY feedurl, title"
        ).fetchall()
    return [tuple(row) for row in rows]


def test_newsboat_reads_atom_and_rss(newsboat: str, site: Site, tmp_path: Path) -> None:
    # Printed correspondent first: newsboat shows the whole byline, the reporter first.
    first = article("a1", "卫东区新建三所学校", 1, (ZHAO, WANG))
    second = article("a2", "五一假期客流创新高", 2)
    only_wang = article("w1", "记者手记：新校探访", 3, (WANG,))
    publish(site, [second, first], [only_wang])
    home = tmp_path / "reader"
    home.mkdir()
    atom = f"{site.base_url}/feeds/all.atom"
    rss = f"{site.base_url}/feeds/people/wang-menghe.rss"
    (home / "urls").write_text(f"{atom}\n{rss}\n", encoding="utf-8")
    (home / "config").write_text("reload-threads 1\ndownload-timeout 30\n", encoding="utf-8")

    run(newsboat, home, "reload")
    assert run(newsboat, home, "print-unread").strip() == "3 unread articles"
    assert items(home) == [
        (atom, "五一假期客流创新高", "", f"{site.base_url}/articles/2024/05/02/a2.html", 1),
        (
            atom,
            "卫东区新建三所学校",
            "王孟鹤（记者）、赵炎（通讯员）",
            f"{site.base_url}/articles/2024/05/01/a1.html",
            1,
        ),
        (
            rss,
            "记者手记：新校探访",
            "王孟鹤（记者）",
            f"{site.base_url}/articles/2024/05/03/w1.html",
            1,
        ),
    ]

    later = article("a3", "夏粮收购启动", 4)
    publish(site, [later, second, first], [only_wang])
    run(newsboat, home, "reload")
    assert run(newsboat, home, "print-unread").strip() == "4 unread articles"
    assert "夏粮收购启动" in {title for _, title, *_ in items(home)}
