"""/status in a real browser (Debian's headless `chromium`): the page renders with every
source, refreshes its data by its own script under its content security policy, and an
operator who signed in once retries a failure, dismisses another and re-ingests a file by
pressing the page's buttons, without typing the token again."""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from feeds.server import Request, Response, make_server
from tests.integration.conftest import REQUIRED
from tests.unit.test_ingest import ISSUE
from tests.unit.test_status import BINARY, TOKEN, newsroom
from tests.unit.test_status_web import Site, queued, serving
from worker.db import session_scope
from worker.models import Input, Issue
from worker.web import make_routes

PROSE = "这是一段没有标题的文字，只是一句话。\n".encode()  # no article: a failure to retry


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        message = "chromium is not installed: apt-get install -y chromium (or run .ci/run)"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    return found


def browse(url: str, profile: Path, *extra: str, budget: int = 10_000) -> str:
    """What Chromium rendered at `url`, after scripts and navigations settled. One profile
    keeps its cookies from one run to the next, as a browser does between page visits."""
    result = subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={profile}", f"--virtual-time-budget={budget}",
         *extra, url],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    files = {"2026-11-20.txt": ISSUE, "<b>photo.png": BINARY, "prose.txt": PROSE}
    settings, sources = newsroom(tmp_path / "home", files=files, PAPERFEED_ADMIN_TOKEN=TOKEN)
    with serving(settings, sources) as running:
        yield running


def test_status_page_renders_every_source_in_chromium(site: Site, tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{site.port}/status?lang=en"
    dom = browse(url, tmp_path / "profile", "--dump-dom")
    for name in ("qinghe", "weidong"):
        assert re.search(rf'<th scope="row">{name}\b', dom), name
    assert "gone quiet" in dom and "Needs attention" in dom
    assert "&lt;b&gt;photo.png" in dom  # the failed file's name, as text
    assert "Times are Asia/Shanghai (UTC+08:00)" in dom
    shot = tmp_path / "status.png"
    browse(url, tmp_path / "profile", f"--screenshot={shot}", "--window-size=390,1400")
    assert shot.stat().st_size > 10_000  # a phone-sized picture of the page, not a blank


def test_the_problems_are_chinese_on_the_chinese_page(site: Site, tmp_path: Path) -> None:
    """The site's language: every problem sentence in Chinese, with what to do."""
    dom = browse(f"http://127.0.0.1:{site.port}/status?lang=zh-CN", tmp_path / "p", "--dump-dom")
    summary = dom[dom.index('id="summary"') : dom.index("</ul>", dom.index('id="summary"'))]
    assert "需要处理" in summary
    assert "来源 weidong 今天的报纸还没到（应在 00:00 前到达）：请检查" in summary
    assert "最近 24 小时有 2 个输入失败：请运行 `paperfeed failures list`" in summary
    assert "has gone quiet" not in dom and "failed in the last 24 h" not in dom


def test_the_page_refreshes_its_data_by_its_own_script(site: Site, tmp_path: Path) -> None:
    """Forty seconds of the page's time: its script fetched /status again (the policy let
    it run and connect), and no meta refresh reloaded the page."""
    fetched: list[str] = []
    routes = make_routes(site.settings, site.sources)

    def counted(request: Request) -> Response | None:
        if request.target.startswith("/status"):
            fetched.append(request.target)
        return routes(request)

    server = make_server(site.settings.public_dir, "127.0.0.1", 0, routes=counted)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/status?lang=en"
        dom = browse(url, tmp_path / "profile", "--dump-dom", budget=40_000)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
    assert fetched[0] == "/status?lang=en" and "/status" in fetched[1:], fetched
    assert '<div id="data">' in dom and "Needs attention" in dom


def press(site: Site, profile: Path, target: str, **fields: str) -> str:
    """Press the button of the /status form posting to `target` with these fields, as the
    signed-in browser sees it: the form is taken whole from the page Chromium rendered with
    its own cookie (so it carries that session's CSRF token), then pressed on a page of this
    site. (A page that fetches /status and then navigates hangs headless Chromium's virtual
    time, so the two steps are two runs of one profile.)"""
    dom = browse(f"http://127.0.0.1:{site.port}/status", profile, "--dump-dom")
    forms = [f for f in re.findall(r"<form .*?</form>", dom) if f'action="{target}"' in f]
    form = next(f for f in forms if all(f'name="{k}" value="{v}"' in f for k, v in fields.items()))
    assert 'name="csrf"' in form and TOKEN not in form
    # A new name each time: the profile's cache would serve the previous press again.
    name = f"press-{len(list(site.settings.public_dir.glob('press-*.html')))}.html"
    (site.settings.public_dir / name).write_text(
        "<!DOCTYPE html><html><body onload=\"document.querySelector('button').click()\">"
        f"{form}</body></html>",
        encoding="utf-8",
    )
    return browse(f"http://127.0.0.1:{site.port}/{name}", profile, "--dump-dom")


def test_signed_in_once_the_operator_retries_dismisses_and_reingests(
    site: Site, tmp_path: Path
) -> None:
    profile = tmp_path / "profile"
    with session_scope(site.settings.database_url, write=False) as session:
        ids = {name: id_ for name, id_ in session.execute(select(Input.original_name, Input.id))}
        good = session.scalars(select(Issue.id).where(Issue.filename == "2026-11-20.txt")).one()
    prose, photo = ids["prose.txt"], ids["<b>photo.png"]
    # The token typed once, into the sign-in form, as an operator does.
    (site.settings.public_dir / "signin.html").write_text(
        "<!DOCTYPE html><html><body onload=\"document.querySelector('button').click()\">"
        '<form method="post" action="/status/signin">'
        f'<input type="password" name="token" value="{TOKEN}"><button>sign in</button>'
        "</form></body></html>",
        encoding="utf-8",
    )
    # Headless Chromium asks for English (Accept-Language: en-US): the pages answer in it.
    dom = browse(f"http://127.0.0.1:{site.port}/signin.html", profile, "--dump-dom")
    assert 'action="/status/signout"' in dom and "Signed in." in dom
    assert 'type="password"' not in dom  # signed in: no token box left on the page

    dom = press(site, profile, "/status/failures", action="retry", id=str(prose))
    assert f"Input {prose} queued again." in dom
    dom = press(site, profile, "/status/failures", action="dismiss", id=str(photo))
    assert f"Failure {photo} dismissed." in dom and "binary (dismissed)" in dom
    dom = press(site, profile, "/status/reingest", issue=str(good))
    assert f"Re-ingest of issue {good} queued." in dom

    assert queued(site.settings) == [
        ("paperfeed.ingest_input", f"[{prose}]"), ("paperfeed.reingest", f"[{good}]"),
    ]  # fmt: skip
    with session_scope(site.settings.database_url, write=False) as session:
        assert session.get(Input, prose).status == "pending"  # type: ignore[union-attr]
        assert session.get(Input, photo).dismissed_at is not None  # type: ignore[union-attr]
