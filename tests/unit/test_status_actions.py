"""Signing in on /status once, the session cookie and its CSRF token, the actions it allows
(retry, dismiss, re-ingest), the confirm step of bulk actions, and the page of one file."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from sqlalchemy import select

import worker.status_web
from feeds.server import Request
from tests.unit.test_ingest import ISSUE
from tests.unit.test_status import BINARY, TOKEN, newsroom
from tests.unit.test_status_web import Site, queued, serving, sign_in
from worker.db import session_scope
from worker.models import Input, Issue
from worker.settings import load_settings
from worker.status_web import session as sessions

# A file the parser finds no article in (retry can help: a newer parser, a fixed file), and
# one with a line outside every article (the issue page shows it).
PROSE = "这是一段没有标题的文字，只是一句话。\n".encode()
STRAY = """---
publication: 青河日报
date: 2026-11-21
---

（上接第一版）桥面照明今晚起试运行。

河畔公园开放

本报讯（记者林晓）河畔公园11月20日起对市民开放，园内设有步道。
""".encode()
FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    files = {"2026-11-20.txt": ISSUE, "<b>photo.png": BINARY, "prose.txt": PROSE,
             "2026-11-21.txt": STRAY}  # fmt: skip
    settings, sources = newsroom(tmp_path / "home", files=files, PAPERFEED_ADMIN_TOKEN=TOKEN)
    with serving(settings, sources) as running:
        yield running


def post(site: Site, path: str, fields: dict[str, str], **headers: str) -> tuple[int, str, str]:
    """(status, Location, body) of a form posted as a browser of this site would."""
    headers = {"Origin": f"http://127.0.0.1:{site.port}", **headers}
    status, found, body = site.request(
        path, "POST", urlencode(fields).encode(), Content_Type=FORM, **headers
    )
    return status, found.get("Location", ""), body.decode()


def input_id(site: Site, name: str) -> int:
    with session_scope(site.settings.database_url, write=False) as session:
        return session.scalars(select(Input.id).where(Input.original_name == name)).one()


def issue_id(site: Site, name: str) -> int:
    with session_scope(site.settings.database_url, write=False) as session:
        return session.scalars(select(Issue.id).where(Issue.filename == name)).one()


def test_signing_in_sets_a_session_cookie_scripts_and_other_sites_cannot_use(site: Site) -> None:
    status, headers, _ = site.request(
        "/status/signin", "POST", urlencode({"token": TOKEN}).encode(), Content_Type=FORM
    )
    cookie = headers["Set-Cookie"]
    assert status == 303 and cookie.startswith("paperfeed_session=")
    assert "; HttpOnly" in cookie and "; SameSite=Strict" in cookie and "Path=/status" in cookie
    assert "Secure" not in cookie and TOKEN not in cookie  # plain http here
    _, headers, _ = site.request(
        "/status/signin", "POST", urlencode({"token": TOKEN}).encode(), Content_Type=FORM,
        X_Forwarded_Proto="https",
    )  # fmt: skip
    assert "; Secure" in headers["Set-Cookie"]


def test_signed_in_page_offers_buttons_with_the_session_csrf_token(site: Site) -> None:
    cookie, csrf = sign_in(site)
    page = site.request("/status", Cookie=cookie)[2].decode()
    assert 'action="/status/signin"' not in page and 'action="/status/signout"' in page
    forms = re.findall(r"<form .*?</form>", page)
    assert forms and all(f'name="csrf" value="{csrf}"' in f for f in forms)
    assert not re.search(r'type="password"', page)  # no token box anywhere
    # Two sources, three stored files; the binary one is offered no re-ingest.
    assert page.count('action="/status/reingest"') == 2 + 3
    binary = issue_id(site, "<b>photo.png")
    assert f'name="issue" value="{binary}"' not in page


def test_actions_need_the_csrf_token_of_the_session(site: Site) -> None:
    cookie, csrf = sign_in(site)
    good = issue_id(site, "2026-11-20.txt")
    for sent in ("", "0" * 32):
        status, location, _ = post(site, "/status/reingest", {"issue": str(good), "csrf": sent},
                                   Cookie=cookie)  # fmt: skip
        assert (status, location) == (303, "/status?error=session")
    status, _, _ = post(site, "/status/reingest", {"issue": str(good), "csrf": csrf},
                        Cookie=cookie, Origin="https://evil.example")  # fmt: skip
    assert status == 403
    assert queued(site.settings) == []
    status, location, _ = post(site, "/status/reingest", {"issue": str(good), "csrf": csrf},
                               Cookie=cookie)  # fmt: skip
    assert (status, location) == (303, f"/status?queued={good}")
    assert queued(site.settings) == [("paperfeed.reingest", f"[{good}]")]


def test_a_forged_or_expired_cookie_is_no_session(site: Site) -> None:
    cookie, _ = sign_in(site)
    expires, nonce, signature = cookie.split("=", 1)[1].split(".")
    forged = f"paperfeed_session={int(expires) + 3600}.{nonce}.{signature}"
    assert 'action="/status/signin"' in site.request("/status", Cookie=forged)[2].decode()
    other = load_settings({"PAPERFEED_HOME": str(site.settings.home),
                           "PAPERFEED_ADMIN_TOKEN": "another-token-0123456"})  # fmt: skip
    _, value = sessions.start(other)
    page = site.request("/status", Cookie=f"paperfeed_session={value}")[2].decode()
    assert 'action="/status/signin"' in page  # signed with another token: not ours
    request = Request("GET", "/status", {"cookie": cookie})
    later = int(expires) + 1
    assert sessions.current(site.settings, request, {}, now=later) is None
    assert sessions.current(site.settings, request, {}, now=later - 2) is not None


def test_signing_out_ends_the_session(site: Site) -> None:
    cookie, csrf = sign_in(site)
    status, found, _ = site.request(
        "/status/signout", "POST", urlencode({"csrf": csrf}).encode(), Content_Type=FORM,
        Cookie=cookie,
    )  # fmt: skip
    assert (status, found["Location"]) == (303, "/status?signed_out=1")
    assert found["Set-Cookie"].startswith("paperfeed_session=; Path=/status; Max-Age=0")
    good = issue_id(site, "2026-11-20.txt")
    status, location, _ = post(site, "/status/reingest", {"issue": str(good), "csrf": csrf},
                               Cookie=cookie)  # fmt: skip
    assert (status, location) == (303, "/status?error=session")
    assert queued(site.settings) == []


def test_wrong_tokens_at_sign_in_are_limited(site: Site) -> None:
    answers = [post(site, "/status/signin", {"token": "wrong-token-0123456"})[:2]
               for _ in range(5)]  # fmt: skip
    assert answers == [(303, "/status?error=token")] * 5
    status, _, _ = post(site, "/status/signin", {"token": TOKEN})
    assert status == 429


def test_retry_takes_the_file_back_and_queues_it_and_dismiss_sets_one_aside(site: Site) -> None:
    cookie, csrf = sign_in(site)
    prose, photo = input_id(site, "prose.txt"), input_id(site, "<b>photo.png")
    page = site.request("/status", Cookie=cookie)[2].decode()
    assert f'name="id" value="{prose}"' in page
    assert page.count(f'name="id" value="{photo}"') == 1  # dismiss only: retry cannot help
    fields = {"action": "retry", "id": str(prose), "csrf": csrf}
    assert post(site, "/status/failures", fields, Cookie=cookie)[:2] == (
        303, f"/status?retried={prose}",
    )  # fmt: skip
    assert queued(site.settings) == [("paperfeed.ingest_input", f"[{prose}]")]
    fields = {"action": "dismiss", "id": str(photo), "csrf": csrf}
    assert post(site, "/status/failures", fields, Cookie=cookie)[:2] == (
        303, f"/status?dismissed={photo}",
    )  # fmt: skip
    with session_scope(site.settings.database_url, write=False) as session:
        assert session.get(Input, prose).status == "pending"  # type: ignore[union-attr]
        assert session.get(Input, photo).dismissed_at is not None  # type: ignore[union-attr]
    fields = {"action": "retry", "id": str(photo), "csrf": csrf}
    assert post(site, "/status/failures", fields, Cookie=cookie)[1] == "/status?error=cannot-help"


def test_dismiss_all_says_how_many_then_acts_only_when_confirmed(site: Site) -> None:
    cookie, csrf = sign_in(site)
    fields = {"action": "dismiss-all", "csrf": csrf}
    status, _, page = post(site, "/status/failures", fields, Cookie=cookie, Accept_Language="en")
    assert status == 200 and "This dismisses 2 failures." in page
    assert 'name="confirmed" value="yes"' in page and f'value="{csrf}"' in page
    with session_scope(site.settings.database_url, write=False) as session:
        assert session.scalars(select(Input.dismissed_at).where(Input.status == "failed")).all()
        assert all(
            d is None
            for d in session.scalars(select(Input.dismissed_at).where(Input.status == "failed"))
        )
    status, location, _ = post(site, "/status/failures", {**fields, "confirmed": "yes"},
                               Cookie=cookie)  # fmt: skip
    assert (status, location) == (303, "/status?dismissed_all=2")


def test_retry_all_counts_only_files_a_retry_can_help(site: Site) -> None:
    cookie, csrf = sign_in(site)
    fields = {"action": "retry-all", "csrf": csrf}
    _, _, page = post(site, "/status/failures", fields, Cookie=cookie, Accept_Language="en")
    assert "This retries 1 failed files." in page
    assert queued(site.settings) == []
    _, location, _ = post(site, "/status/failures", {**fields, "confirmed": "yes"}, Cookie=cookie)
    assert location == "/status?retried_all=1"
    assert queued(site.settings) == [("paperfeed.ingest_input", f"[{input_id(site, 'prose.txt')}]")]


def test_issue_ids_link_to_a_page_with_warnings_unassigned_text_and_files(site: Site) -> None:
    stray = issue_id(site, "2026-11-21.txt")
    page = site.request("/status?lang=en")[2].decode()
    assert f'<a href="/status/issues/{stray}">{stray}</a>' in page
    photo = issue_id(site, "<b>photo.png")  # a failure links to the file it stored
    assert f'(&lt;b&gt;photo.png) <a href="/status/issues/{photo}">file {photo}</a>' in page
    status, headers, body = site.request(f"/status/issues/{stray}?lang=en")
    page = body.decode()
    assert status == 200 and headers["X-Frame-Options"] == "DENY"
    assert "text outside any article kept as unassigned" in page  # the stored warning
    assert "<pre>（上接第一版）桥面照明今晚起试运行。</pre>" in page  # read from the stored bytes
    assert f'<a href="/status/issues/{stray}">{stray}</a>' in page  # the page it holds
    assert "2026-11-21.txt" in page and "ingested" in page
    cookie, csrf = sign_in(site)
    page = site.request(f"/status/issues/{stray}", Cookie=cookie)[2].decode()
    assert f'name="back" value="/status/issues/{stray}"' in page
    fields = {"issue": str(stray), "back": f"/status/issues/{stray}", "csrf": csrf}
    assert post(site, "/status/reingest", fields, Cookie=cookie)[1] == (
        f"/status/issues/{stray}?queued={stray}"
    )


def test_a_binary_file_page_says_why_there_is_no_reingest(site: Site) -> None:
    cookie, csrf = sign_in(site)
    binary = issue_id(site, "<b>photo.png")
    page = site.request(f"/status/issues/{binary}?lang=en", Cookie=cookie)[2].decode()
    assert "re-ingest cannot help" in page and 'action="/status/reingest"' not in page
    fields = {"issue": str(binary), "csrf": csrf}
    assert post(site, "/status/reingest", fields, Cookie=cookie)[1] == "/status?error=cannot-help"
    assert site.request("/status/issues/99999")[0] == 404
    assert queued(site.settings) == []


def test_the_page_script_runs_only_by_the_nonce_of_its_answer(site: Site) -> None:
    _, headers, body = site.request("/status")
    policy = headers["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([\w-]+)'", policy)
    assert nonce is not None and f'<script nonce="{nonce.group(1)}">' in body.decode()
    assert "connect-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert site.request("/status")[1]["Content-Security-Policy"] != policy


def test_sign_in_goes_back_to_the_page_it_was_on_and_never_elsewhere(site: Site) -> None:
    stray = issue_id(site, "2026-11-21.txt")
    page = site.request(f"/status/issues/{stray}")[2].decode()
    assert f'name="back" value="/status/issues/{stray}"' in page
    fields = {"token": TOKEN, "back": f"/status/issues/{stray}"}
    assert post(site, "/status/signin", fields)[1] == f"/status/issues/{stray}?signed_in=1"
    for away in ("https://evil.example/", "//evil.example/status", "/status/../feeds"):
        assert post(site, "/status/signin", {"token": TOKEN, "back": away})[1] == (
            "/status?signed_in=1"
        )


def test_scripts_post_the_token_instead_and_confirm_bulk_actions_by_a_field(site: Site) -> None:
    prose, photo = input_id(site, "prose.txt"), input_id(site, "<b>photo.png")
    fields = {"token": TOKEN, "action": "dismiss", "id": str(photo)}
    assert post(site, "/status/failures", fields)[:2] == (303, f"/status?dismissed={photo}")
    status, _, page = post(site, "/status/failures", {"token": TOKEN, "action": "retry-all"})
    assert status == 200 and TOKEN not in page  # the confirm page asks for it again
    assert 'type="password" name="token"' in page and queued(site.settings) == []
    fields = {"token": TOKEN, "action": "retry-all", "confirmed": "yes"}
    assert post(site, "/status/failures", fields)[1] == "/status?retried_all=1"
    assert queued(site.settings) == [("paperfeed.ingest_input", f"[{prose}]")]
    assert post(site, "/status/failures", {"action": "dismiss-all", "confirmed": "yes"})[0] == 403


@pytest.mark.parametrize(
    "name", [m.name for m in pkgutil.iter_modules(worker.status_web.__path__, "worker.status_web.")]
)
def test_docstring_examples(name: str) -> None:
    assert doctest.testmod(importlib.import_module(name)).failed == 0
