"""/status in a real browser (Debian's headless `chromium`): the page renders with every
source, and its re-ingest button, pressed with the token typed in, queues the job."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.conftest import REQUIRED
from tests.unit.test_status import TOKEN, newsroom
from tests.unit.test_status_web import Site, queued, serving


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        message = "chromium is not installed: apt-get install -y chromium (or run .ci/run)"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    return found


def browse(url: str, profile: Path, *extra: str) -> str:
    """What Chromium rendered at `url`, after scripts and navigations settled."""
    result = subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={profile}", "--virtual-time-budget=10000",
         *extra, url],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    settings, sources = newsroom(tmp_path / "home", PAPERFEED_ADMIN_TOKEN=TOKEN)
    with serving(settings, sources) as running:
        yield running


def test_status_page_renders_every_source_in_chromium(site: Site, tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{site.port}/status"
    dom = browse(url, tmp_path / "profile", "--dump-dom")
    for name in ("qinghe", "weidong"):
        assert re.search(rf'<th scope="row">{name}\b', dom), name
    assert "gone quiet" in dom and "Needs attention" in dom
    assert "&lt;b&gt;photo.png" in dom  # the failed file's name, as text
    shot = tmp_path / "status.png"
    browse(url, tmp_path / "profile", f"--screenshot={shot}", "--window-size=390,1400")
    assert shot.stat().st_size > 10_000  # a phone-sized picture of the page, not a blank


def test_the_reingest_button_queues_the_issue(site: Site, tmp_path: Path) -> None:
    page = site.request("/status")[2].decode()
    form = next(f for f in re.findall(r"<form .*?</form>", page) if 'name="issue"' in f)
    issue = re.search(r'name="issue" value="(\d+)"', form)
    assert issue is not None
    # The page as staff use it: the token typed into the field, the button pressed. Served
    # from the same origin, so the browser's Origin header passes the same-site check.
    typed = form.replace('name="token"', f'name="token" value="{TOKEN}"')
    (site.settings.public_dir / "press.html").write_text(
        f"<!DOCTYPE html><html><body onload=\"document.querySelector('button').click()\">"
        f"{typed}</body></html>",
        encoding="utf-8",
    )
    dom = browse(f"http://127.0.0.1:{site.port}/press.html", tmp_path / "profile", "--dump-dom")
    assert f"Re-ingest of issue {issue.group(1)} queued." in dom
    assert queued(site.settings) == [("paperfeed.reingest", f"[{issue.group(1)}]")]
