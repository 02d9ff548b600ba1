"""`paperfeed status` and its facts, on a real SQLite database after real ingests: a good
issue, a failed file, and a source gone quiet."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import update

from tests.unit.test_ingest import ISSUE
from worker import attempts, intake, operations, publishing
from worker.db import session_scope, upgrade
from worker.models import Input, Source
from worker.settings import Settings, load_settings
from worker.sources import SourceConfig, load_sources
from worker.status import collect, failure_reason, queue_lengths, render_text

TOKEN = "staff-token-0123456789"
BINARY = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
SOURCES = """
[[source]]
name = "qinghe"
kind = "drop"
path = "{home}/qinghe"
publication = "青河日报"

[[source]]
name = "weidong"
kind = "drop"
path = "{home}/weidong"
expect_by = "00:00"   # always past: its issue of today is always late
"""


def newsroom(
    home: Path, *, files: dict[str, bytes] | None = None, **env: str
) -> tuple[Settings, tuple[SourceConfig, ...]]:
    """Two sources, and the files given (default: a good issue and a PNG) dropped into
    qinghe's folder, scanned, ingested and published as the worker would."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "paperfeed.toml").write_text(SOURCES.format(home=home), encoding="utf-8")
    values = {"PAPERFEED_HOME": str(home), "PAPERFEED_STABLE_SECONDS": "0", **env}
    settings = load_settings(values)
    settings.ensure_dirs()
    upgrade(settings.database_url)
    sources = load_sources(settings)
    for source in sources:
        assert source.path is not None
        source.path.mkdir(parents=True, exist_ok=True)
    drop(settings, sources, files or {"2026-11-20.txt": ISSUE, "<b>photo.png": BINARY})
    return settings, sources


def drop(settings: Settings, sources: tuple[SourceConfig, ...], files: dict[str, bytes]) -> None:
    folder = sources[0].path
    assert folder is not None
    for name, data in files.items():
        (folder / name).write_bytes(data)
    ids: list[int] = []
    intake.scan(settings, sources, ids.append, force=True)
    for input_id in ids:
        attempts.ingest_input(settings, input_id, sources)
    publishing.publish_dirty(settings)


@pytest.fixture
def site(tmp_path: Path) -> tuple[Settings, tuple[SourceConfig, ...]]:
    return newsroom(tmp_path / "home", PAPERFEED_ADMIN_TOKEN=TOKEN)


def test_status_shows_what_arrived_what_failed_and_a_quiet_source(
    site: tuple[Settings, tuple[SourceConfig, ...]],
) -> None:
    settings, sources = site
    status = collect(settings, sources)
    qinghe, weidong = status.sources
    assert (qinghe.name, qinghe.enabled, qinghe.quiet) == ("qinghe", True, False)
    assert qinghe.newest_issue_date == dt.date(2026, 11, 20)
    assert qinghe.articles_24h == 2
    assert qinghe.last_success_at is not None and qinghe.last_scan_at is not None
    assert qinghe.last_error is not None and "<b>photo.png: looks like binary data" in (
        qinghe.last_error
    )
    assert weidong.quiet and weidong.expect_by == "00:00" and weidong.newest_issue_date is None
    assert [(f.source, f.reason) for f in status.failures] == [("qinghe", "binary")]
    assert status.queues == {"ingest": 0, "publish": 0, "fetch": 0}
    assert status.workers is None  # the embedded broker cannot be asked
    assert not status.ok
    assert any("weidong has gone quiet" in p for p in status.problems)
    assert any("1 input failed" in p for p in status.problems)
    text = render_text(status, tz=settings.tz)
    assert "weidong QUIET" in text and "NEEDS ATTENTION" in text and "[binary]" in text


def test_status_command_exits_1_and_prints_json_for_machines(
    site: tuple[Settings, tuple[SourceConfig, ...]], capsys: pytest.CaptureFixture[str]
) -> None:
    settings, _ = site
    assert operations.status(settings, as_json=True) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False
    assert [s["name"] for s in data["sources"]] == ["qinghe", "weidong"]
    assert data["sources"][0]["newest_issue_date"] == "2026-11-20"
    assert data["failures"][0]["reason"] == "binary"


def test_status_is_ok_when_nothing_needs_a_person(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings, _ = newsroom(tmp_path / "home", files={"a.txt": ISSUE})
    (settings.home / "paperfeed.toml").write_text(
        SOURCES.format(home=settings.home).replace('expect_by = "00:00"', ""), encoding="utf-8"
    )
    # A scan with the edited file, as restarted workers would make: they now agree.
    intake.scan(settings, load_sources(settings), lambda _: None, force=True)
    assert operations.status(settings, as_json=False) == 0
    assert "OK: nothing needs attention" in capsys.readouterr().out


def test_a_source_never_scanned_yet_has_nothing_to_show_but_can_be_late(
    make_settings: Callable[..., Settings],
) -> None:
    settings = make_settings(PAPERFEED_EXPECT_BY="00:00")
    upgrade(settings.database_url)
    (state,) = collect(settings, load_sources(settings)).sources
    assert (state.name, state.last_scan_at, state.articles_24h, state.quiet) == (
        "drop", None, 0, True,
    )  # fmt: skip


def test_a_disabled_source_is_off_and_never_quiet(
    site: tuple[Settings, tuple[SourceConfig, ...]],
) -> None:
    settings, sources = site
    assert operations.sources_switch("weidong", False, settings) == 0
    weidong = collect(settings, sources).sources[1]
    assert (weidong.enabled, weidong.switched_off_by, weidong.quiet) == (False, "database", False)
    assert intake.scan(settings, sources, lambda _: None, force=True).skipped == ("weidong",)
    assert operations.sources_switch("weidong", True, settings) == 0
    assert collect(settings, sources).sources[1].enabled


def test_input_pending_past_its_lease_needs_a_person(
    site: tuple[Settings, tuple[SourceConfig, ...]],
) -> None:
    settings, sources = site
    folder = sources[0].path
    assert folder is not None
    (folder / "late.txt").write_bytes(ISSUE.replace(b"2026-11-20", b"2026-11-21"))
    (new,) = intake.scan(settings, sources, lambda _: None, force=True).new
    with session_scope(settings.database_url) as session:
        past = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
        session.execute(update(Input).where(Input.id == new).values(lease_expires_at=past))
    status = collect(settings, sources)
    assert status.stuck_inputs == (new,)
    assert any("pending past their lease" in p for p in status.problems)


def test_queue_lengths_count_the_embedded_brokers_message_files(
    make_settings: Callable[..., Settings],
) -> None:
    from worker.celery_app import create_app

    settings = make_settings()
    settings.ensure_dirs()
    app = create_app(settings)
    app.send_task("paperfeed.reingest", args=[1])
    app.send_task("paperfeed.reingest", args=[2])
    app.send_task("paperfeed.publish")
    app.close()
    assert queue_lengths(settings) == {"ingest": 2, "publish": 1, "fetch": 0}


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        ("file is 30,000,000 bytes, over the limit of 20,000,000 (PAPERFEED_MAX_BYTES)",
         "too_large"),
        ("empty file: no issue text", "empty"),
        ("contains 400 NUL bytes in 1000: binary data, or UTF-16 without a byte-order mark",
         "binary"),
        ("not UTF-8, GB18030 or Big5 text (12 bytes, first bytes ff fe)", "undecodable"),
        ("gave up after 3 attempts: the worker died or was killed each time", "crashed"),
        ("the claimed file vanished from the work folder before it was read", "vanished"),
        ("something new", "other"),
    ],
)  # fmt: skip
def test_failure_reasons_name_the_ingest_error_sentences(error: str, reason: str) -> None:
    assert failure_reason(error) == reason


def test_workers_alive_but_no_scan_names_the_scheduler(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a Redis nobody runs: the queues cannot be counted
        probe.bind(("127.0.0.1", 0))
        broker = f"redis://127.0.0.1:{probe.getsockname()[1]}/0"
    settings, sources = newsroom(tmp_path / "home")
    settings = dataclasses.replace(settings, broker_url=broker)
    alive = lambda _settings: ["paperfeed-worker@host"]  # noqa: E731
    fresh = collect(settings, sources, ping=alive)
    assert not any("is beat" in p for p in fresh.problems)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=10)
    quiet = collect(settings, sources, ping=alive, now=later)
    (problem,) = [p for p in quiet.problems if "is beat" in p]
    assert problem.startswith("no scan since ") and "(Asia/Shanghai) although workers" in problem
    nobody = collect(settings, sources, ping=lambda _settings: [], now=later)
    assert not any("is beat" in p for p in nobody.problems)  # no worker: that is said instead
    with session_scope(settings.database_url) as session:
        session.execute(update(Source).values(last_scan_at=later - dt.timedelta(seconds=30)))
    again = collect(settings, sources, ping=alive, now=later)
    assert not any("is beat" in p for p in again.problems)
