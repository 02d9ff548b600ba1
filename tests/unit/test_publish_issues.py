"""The e-paper pages a publish writes: an issue page per paper and day, its pages in print
order, article pages linking their neighbours, and what changes when pages of an issue
arrive late, when a correction inserts or withdraws an article. Incremental publishes must
still write what a rebuild writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from lxml import html

from feeds.publish import PublishReport
from worker import publishing
from worker.db import session_scope, upgrade
from worker.ingest import ingest_bytes
from worker.settings import Settings
from worker.sources import default_source

DAY = dt.date(2026, 11, 3)
ISSUE_PAGE = "issues/qing-he-ri-bao/2026-11-03.html"


def _page(number: int, section: str, headlines: list[str]) -> list[str]:
    lines = [f"第{number:02d}版：{section}", ""]
    for headline in headlines:
        lines += [headline, "", f"本报讯（记者林晓）{headline}，正文写在这里。", ""]
    return lines


def _file(*pages: list[str], dated: bool = True) -> bytes:
    head = ["---", "publication: 青河日报", f"date: {DAY.isoformat()}", "---", ""]
    return "\n".join([*(head if dated else []), *(line for p in pages for line in p)]).encode()


def _ingest(settings: Settings, data: bytes, name: str) -> None:
    with session_scope(settings.database_url) as session:
        ingest_bytes(
            session, data, source=default_source(settings), filename=name,
            received_at=dt.datetime(2026, 11, 27, tzinfo=dt.UTC), max_bytes=10**6,
        )  # fmt: skip


def _publish(settings: Settings, data: bytes, name: str) -> PublishReport:
    _ingest(settings, data, name)
    report = publishing.publish_dirty(settings)
    assert report is not None
    return report


def _root(public: Path, path: str) -> html.HtmlElement:
    return html.document_fromstring((public / path).read_bytes())


def _article(public: Path, headline: str) -> tuple[str, html.HtmlElement]:
    """The path and parsed page of the article titled `headline`, found on the issue page."""
    for link in _root(public, ISSUE_PAGE).iterfind(".//ul[@class='toc']//a"):
        if link.text_content() == headline:
            path = "articles/" + link.get("href").split("/articles/", 1)[1]
            return path, _root(public, path)
    raise AssertionError(f"{headline} is not on the issue page")


def _steps(page: html.HtmlElement) -> tuple[str | None, str | None]:
    found = {a.get("rel"): a for a in page.iterfind(".//nav[@class='steps']/a")}
    titles = {rel: a.text_content().removeprefix("上一篇").removeprefix("下一篇") for rel, a
              in found.items()}  # fmt: skip
    return titles.get("prev"), titles.get("next")


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _rebuild_matches(settings: Settings, make_settings: Callable[..., Settings]) -> None:
    rebuilt = make_settings(
        DATABASE_URL=settings.database_url,
        PAPERFEED_PUBLIC_DIR=str(settings.public_dir.parent / "rebuilt"),
    )
    publishing.publish_feeds(rebuilt, ["*"])
    assert _files(rebuilt.public_dir) == _files(settings.public_dir)


def test_a_late_page_links_in_and_rewrites_its_neighbour(
    make_settings: Callable[..., Settings],
) -> None:
    settings = make_settings()
    settings.ensure_dirs()
    upgrade(settings.database_url)
    public = settings.public_dir
    _publish(settings, _file(_page(2, "城市", ["公园开放", "地铁试运行"])), "p2.txt")
    park, page = _article(public, "公园开放")
    assert _steps(page) == (None, "地铁试运行")

    report = _publish(settings, _file(_page(1, "要闻", ["新桥通车", "秋粮入库"])), "p1.txt")
    assert park in report.written_files  # it gained a previous article on page 1
    assert _steps(_article(public, "公园开放")[1]) == ("秋粮入库", "地铁试运行")
    assert _steps(_article(public, "新桥通车")[1]) == (None, "秋粮入库")
    issue = _root(public, ISSUE_PAGE)
    assert [h.text_content() for h in issue.iterfind(".//h2[@class='page']")] == [
        "第01版：要闻", "第02版：城市",
    ]  # fmt: skip
    headlines = [a.text_content() for a in issue.iterfind(".//ul[@class='toc']//a")]
    assert headlines == ["新桥通车", "秋粮入库", "公园开放", "地铁试运行"]
    # The index shows the newest issue; the archive page reaches it.
    index = (public / "index.html").read_text("utf-8")
    assert "第01版：要闻" in index and "秋粮入库" in index
    archive = (public / "issues/qing-he-ri-bao/index.html").read_text("utf-8")
    assert "2026年11月" in archive and ISSUE_PAGE in archive
    _rebuild_matches(settings, make_settings)


def test_a_correction_inserting_and_withdrawing_rewrites_the_neighbours(
    make_settings: Callable[..., Settings],
) -> None:
    settings = make_settings()
    settings.ensure_dirs()
    upgrade(settings.database_url)
    public = settings.public_dir
    _publish(settings, _file(_page(1, "要闻", ["新桥通车", "秋粮入库", "冬储菜上市"])), "a.txt")
    bridge, _ = _article(public, "新桥通车")
    grain, _ = _article(public, "秋粮入库")
    # A corrected page inserts an article after the first; a second one withdraws another.
    inserted = _file(_page(1, "要闻", ["新桥通车", "暖气试水", "秋粮入库", "冬储菜上市"]))
    report = _publish(settings, inserted, "a-fix.txt")
    assert bridge in report.written_files and grain in report.written_files
    assert _steps(_article(public, "新桥通车")[1]) == (None, "暖气试水")
    assert _steps(_article(public, "秋粮入库")[1]) == ("暖气试水", "冬储菜上市")
    withdrawn = _file(_page(1, "要闻", ["新桥通车", "暖气试水", "冬储菜上市"]))
    report = _publish(settings, withdrawn, "a-fix-2.txt")
    assert grain in report.removed_files
    assert _steps(_article(public, "暖气试水")[1]) == ("新桥通车", "冬储菜上市")
    assert _steps(_article(public, "冬储菜上市")[1]) == ("暖气试水", None)
    assert not (public / grain).exists()
    _rebuild_matches(settings, make_settings)


def test_a_part_with_no_printed_page_number_gets_no_invented_label(
    make_settings: Callable[..., Settings],
) -> None:
    settings = make_settings()
    settings.ensure_dirs()
    upgrade(settings.database_url)
    text = "\n".join(
        ["---", "publication: 青河日报", f"date: {DAY.isoformat()}", "---", "",
         "新桥通车", "", "本报讯（记者林晓）新桥通车，正文写在这里。", ""]
    ).encode()  # fmt: skip
    _publish(settings, text, "loose.txt")
    issue = _root(settings.public_dir, ISSUE_PAGE)
    labels = [h.text_content() for h in issue.iterfind(".//h2[@class='page']")]
    assert labels == ["要闻"], labels  # the default section: no 第01版 was printed
    assert "（无标题）" not in (settings.public_dir / ISSUE_PAGE).read_text("utf-8")


def test_an_issue_back_filled_links_its_neighbour_issues(
    make_settings: Callable[..., Settings],
) -> None:
    settings = make_settings()
    settings.ensure_dirs()
    upgrade(settings.database_url)
    public = settings.public_dir
    later = DAY + dt.timedelta(days=2)
    later_page = f"issues/qing-he-ri-bao/{later.isoformat()}.html"
    text = _file(_page(1, "要闻", ["新桥通车"])).replace(DAY.isoformat().encode(), b"%s")
    _publish(settings, text % later.isoformat().encode(), "later.txt")
    assert _root(public, later_page).find(".//nav[@class='steps']/a[@rel='prev']") is None
    report = _publish(settings, text % DAY.isoformat().encode(), "earlier.txt")
    assert later_page in report.written_files  # it gained the issue before it
    step = _root(public, later_page).find(".//nav[@class='steps']/a[@rel='prev']")
    assert step.get("href").endswith(ISSUE_PAGE) and "2026年11月3日" in step.text_content()
    after = _root(public, ISSUE_PAGE).find(".//nav[@class='steps']/a[@rel='next']")
    assert after.get("href").endswith(later_page)
    _rebuild_matches(settings, make_settings)


def test_a_new_issue_rewrites_its_years_archive_page_not_the_others(
    make_settings: Callable[..., Settings],
) -> None:
    settings = make_settings()
    settings.ensure_dirs()
    upgrade(settings.database_url)
    public = settings.public_dir
    text = _file(_page(1, "要闻", ["新桥通车"])).replace(DAY.isoformat().encode(), b"%s")
    for day in ("2024-12-30", "2025-01-02"):
        _publish(settings, text % day.encode(), f"{day}.txt")
    archive = "issues/qing-he-ri-bao/index.html"
    years = _root(public, archive).iterfind(".//nav[@aria-label='年份']//a")
    assert [a.text_content() for a in years] == ["2025年（1 期）", "2024年（1 期）"]
    report = _publish(settings, text % b"2025-01-05", "2025-01-05.txt")
    assert {archive, "issues/qing-he-ri-bao/2025.html"} <= set(report.written_files)
    assert "issues/qing-he-ri-bao/2024.html" not in report.written_files
    days = _root(public, "issues/qing-he-ri-bao/2025.html").iterfind(".//ul[@class='days']//a")
    assert [a.get("href").rsplit("/", 1)[1] for a in days] == ["2025-01-02.html", "2025-01-05.html"]
    newest = _root(public, archive).iterfind(".//ul[@class='days']//a")
    assert len(list(newest)) == 2  # the paper's page shows its newest year
    _rebuild_matches(settings, make_settings)
