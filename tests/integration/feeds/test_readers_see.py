"""What a subscriber sees, read over HTTP from a running `paperfeed run` by three real
readers: feedparser (the parser of many apps), the `reader` library, and newsboat. Each
shows the printed byline as the author (reporters first, even where the paper printed the
correspondent first), a photo without a headline under its caption's first words (never a
placeholder), and an issue in print order when sorted by date, newest first, as readers do.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from reader import make_reader

from tests.integration.conftest import Running, http_get, start_paperfeed, stop_paperfeed, wait_for

pytestmark = pytest.mark.integration

REQUIRED = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# A day of a county paper, in the layout an e-paper export gives: a kicker over the first
# headline, the correspondent printed before the reporter, and a photo page whose only item
# is a caption with its photographer.
ISSUE = """\
---
publication: 松江晨报
date: 2026-03-02
---

第01版：要闻

春耕物资储备充足
松江镇农资供应点增至四十个

本报讯（通讯员 赵一鸣 记者 钱多多）3月1日，记者从松江镇农业服务中心了解到，今年全镇化肥、\
种子等春耕物资储备比去年同期增加一成。

中心负责人介绍，供应点延长了营业时间，农户可以就近购买。

江堤加固工程完工

本报讯（记者 孙立）历时三个月的松江南段江堤加固工程日前完工，新堤可抵御五十年一遇的洪水。

第02版：城乡

夜市重开吸引八方游客

本报讯（记者 钱多多）随着气温回升，松江老街夜市3月1日重新开市，首晚接待游客约两万人次。

第03版：图片新闻

2月28日，松江镇小学的孩子们在操场上放风筝，迎接新学期。孙晓光 摄
""".encode()

CAPTION = "2月28日，松江镇小学的孩子们在操场上放风筝，迎接新学期。"
# (title, author as readers show it) in print order.
PRINTED = [
    ("松江镇农资供应点增至四十个", "钱多多（记者）、赵一鸣（通讯员）"),
    ("江堤加固工程完工", "孙立（记者）"),
    ("夜市重开吸引八方游客", "钱多多（记者）"),
]


def _check(seen: list[tuple[str, str]], reader: str) -> None:
    """`seen`: (title, author) newest first, as the reader lists the feed."""
    assert len(seen) == 4, (reader, seen)
    assert seen[:3] == PRINTED, reader
    title, author = seen[3]
    assert title and CAPTION.startswith(title.rstrip("…")), (reader, title)
    assert author == "孙晓光（摄影）", (reader, author)
    assert not any("无标题" in t or "untitled" in t.lower() for t, _ in seen), reader


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    running = start_paperfeed(tmp_path_factory.mktemp("readers") / "home")
    try:
        (running.home / "drop" / "songjiang-2026-03-02.txt").write_bytes(ISSUE)

        def published() -> bool:
            status, body = http_get(running.base_url + "/feeds/all.atom")
            return status == 200 and body.count(b"<entry>") == 4

        wait_for(published, 90, running, "the issue's four articles in all.atom")
        yield running
    finally:
        stop_paperfeed(running)


@pytest.mark.parametrize("ext", ["atom", "rss"])
def test_feedparser_over_http(served: Running, ext: str) -> None:
    parsed = feedparser.parse(f"{served.base_url}/feeds/all.{ext}")
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.status == 200
    newest_first = sorted(parsed.entries, key=lambda e: e.published_parsed, reverse=True)
    _check([(e.title, e.author) for e in newest_first], f"feedparser {ext}")
    # The document lists the issue in print order too.
    assert [e.title for e in parsed.entries] == [e.title for e in newest_first]


def test_json_feed_over_http(served: Running) -> None:
    status, body = http_get(f"{served.base_url}/feeds/all.json")
    assert status == 200
    items = json.loads(body)["items"]
    newest_first = sorted(items, key=lambda i: i["date_published"], reverse=True)
    _check([(i["title"], i["authors"][0]["name"]) for i in newest_first], "JSON Feed")


@pytest.mark.parametrize("ext", ["atom", "rss"])
def test_the_reader_library(served: Running, ext: str, tmp_path: Path) -> None:
    url = f"{served.base_url}/feeds/all.{ext}"
    with make_reader(str(tmp_path / "reader.sqlite")) as library:
        library.add_feed(url)
        library.update_feeds()
        entries = list(library.get_entries(feed=url, sort="recent"))
    _check([(e.title or "", e.authors_str or "") for e in entries], f"reader {ext}")


def _newsboat() -> str:
    found = shutil.which("newsboat")
    if found is None:
        message = "newsboat is not installed; apt-get install -y newsboat (CI installs it)"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.mark.parametrize("ext", ["atom", "rss"])
def test_newsboat(served: Running, ext: str, tmp_path: Path) -> None:
    # One feed per cache: newsboat keeps an article once by its id, and both formats carry
    # the same ids.
    program = _newsboat()
    url = f"{served.base_url}/feeds/all.{ext}"
    (tmp_path / "urls").write_text(url + "\n", encoding="utf-8")
    (tmp_path / "config").write_text("reload-threads 1\ndownload-timeout 30\n", encoding="utf-8")
    result = subprocess.run(
        [program, "-u", "urls", "-c", "cache.db", "-C", "config", "-x", "reload"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
        env={"HOME": str(tmp_path), "PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(tmp_path / "cache.db") as db:
        # The order of newsboat's article list: newest first.
        rows = db.execute(
            "SELECT title, author FROM rss_item WHERE feedurl = ? ORDER BY pubDate DESC, id DESC",
            (url,),
        ).fetchall()
    _check([(title, author) for title, author in rows], f"newsboat {ext}")
