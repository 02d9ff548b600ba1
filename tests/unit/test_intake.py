"""Intake under real conditions, called as the tasks call it: names and entries that cannot
stop a scan, attempts that count against the file only when the file is at fault, a failed
input that can always be tried again, and a file cut off mid-character."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from tests.unit.test_drop import GBK_NAME
from tests.unit.test_ingest import ISSUE
from tests.unit.test_jobs import _ready, _scan
from worker import attempts, intake, ledger
from worker.db import session_scope
from worker.intake import drop, scanning
from worker.models import Input, Issue, Source
from worker.settings import Settings
from worker.sources import SourceConfig
from worker.status import collect


def _issue(day: int) -> bytes:
    return ISSUE.replace(b"2026-11-20", f"2026-11-{day:02d}".encode())


def _attempt(settings: Settings, input_id: int, *, resumed: bool = False) -> None:
    """Begin an attempt, as the task does before it parses."""
    with session_scope(settings.database_url) as session:
        ledger.begin_attempt(session, input_id, now=dt.datetime.now(dt.UTC), lease_seconds=60,
                             max_attempts=settings.max_attempts, resumed=resumed)  # fmt: skip


def _row(settings: Settings, input_id: int) -> Input:
    with session_scope(settings.database_url) as session:
        row = session.get(Input, input_id)
        assert row is not None
        return row


def _age(path: Path, seconds: float) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past), follow_symlinks=False)


def test_odd_names_and_entries_never_stop_a_scan(
    make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, sources = _ready(make_settings)
    folder = settings.drop_dir
    names = ["a01.txt", "x" * 246 + ".txt", GBK_NAME, "a04.txt", "locked.txt"]
    for day, name in enumerate(names, start=1):
        (folder / name).write_bytes(_issue(day))
    os.mkfifo(folder / "pipe")
    (folder / "link.txt").symlink_to(folder / "a01.txt")
    for entry in ("pipe", "link.txt"):
        _age(folder / entry, drop.LEFTOVER_SECONDS + 10)
    real_claim = drop.claim

    def claim(path: Path, work: Path, **kw: object) -> drop.Claim | None:
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_claim(path, work)

    monkeypatch.setattr(drop, "claim", claim)
    ids = _scan(settings, sources)
    assert len(ids) == 4  # every file but the one that cannot be moved
    results = [attempts.ingest_input(settings, i, sources) for i in ids]
    assert [r.status for r in results if r] == ["ingested"] * 4
    with session_scope(settings.database_url) as session:
        names_seen = set(session.scalars(select(Input.original_name)))
        source = session.execute(select(Source)).scalar_one()
        leftovers = {item["name"]: item["kind"] for item in source.leftovers or []}
    assert names_seen == {"a01.txt", "x" * 246 + ".txt", "新闻稿件.txt", "a04.txt"}
    assert leftovers == {
        "link.txt": "symlink", "pipe": "not a regular file",
        "locked.txt": "cannot be claimed: Permission denied",
    }  # fmt: skip
    problems = " ".join(collect(settings, sources).problems)
    assert "3 entries in its drop folder that paperfeed will not take" in problems
    (chinese,) = [p.text("zh-CN") for p in collect(settings, sources).problems]
    assert chinese.startswith("来源 qinghe 的投放目录中有 3 个 paperfeed 不会接收的条目：")
    assert "link.txt（符号链接）" in chinese and "pipe（不是普通文件）" in chinese
    assert "locked.txt（无法认领：Permission denied）" in chinese
    assert len(list(settings.archive_dir.rglob("*.txt"))) == 4


def test_one_sources_failure_leaves_the_others_and_the_enqueue(
    make_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    settings, sources = _ready(make_settings)
    broken = SourceConfig(
        name="broken", kind="drop", publication="p", section="s", path=tmp_path / "unlistable"
    )
    (tmp_path / "unlistable").write_bytes(b"a file where a folder should be")
    (settings.drop_dir / "a01.txt").write_bytes(ISSUE)
    ids: list[int] = []
    result = intake.scan(settings, [broken, *sources], ids.append, force=True)
    assert result.failed == ("broken",) and len(ids) == len(result.new) == 1
    with session_scope(settings.database_url) as session:
        error = session.scalar(select(Source.scan_error).where(Source.name == "broken"))
    assert error is not None and "NotADirectoryError" in error


def test_an_attempt_that_ends_outside_the_file_is_not_charged(
    make_settings: Callable[..., Settings],
) -> None:
    settings, sources = _ready(make_settings)
    (settings.drop_dir / "a01.txt").write_bytes(ISSUE)
    [input_id] = _scan(settings, sources)
    for _ in range(settings.max_attempts + 2):  # more than the file's own budget
        _attempt(settings, input_id)
        attempts.note_interrupted(settings, input_id, "waited for the database past the limit")
    row = _row(settings, input_id)
    assert (row.status, row.attempts, row.interruptions) == ("pending", 0, 5)
    assert row.lease_expires_at is not None
    assert row.lease_expires_at > dt.datetime.now(dt.UTC) + dt.timedelta(seconds=60)  # backed off
    result = attempts.ingest_input(settings, input_id, sources)
    assert result is not None and result.status == "ingested"


def test_an_attempt_resumed_after_a_database_error_is_moved_to_the_interruptions(
    make_settings: Callable[..., Settings],
) -> None:
    settings, sources = _ready(make_settings)
    (settings.drop_dir / "a01.txt").write_bytes(ISSUE)
    [input_id] = _scan(settings, sources)
    for _ in range(settings.max_attempts):  # each attempt met the database going away
        _attempt(settings, input_id, resumed=True)
    result = attempts.ingest_input(settings, input_id, sources, resumed=True)
    assert result is not None and result.status == "ingested"
    row = _row(settings, input_id)
    assert (row.attempts, row.interruptions) == (1, 3)


def test_interruptions_have_a_budget_of_their_own(make_settings: Callable[..., Settings]) -> None:
    settings, sources = _ready(make_settings)
    (settings.drop_dir / "a01.txt").write_bytes(ISSUE)
    [input_id] = _scan(settings, sources)
    with session_scope(settings.database_url) as session:
        row = session.get(Input, input_id)
        assert row is not None
        row.interruptions = settings.max_attempts * ledger.INTERRUPTION_BUDGET
    assert attempts.ingest_input(settings, input_id, sources) is None
    note = (settings.failed_dir / "a01.txt.error.txt").read_text(encoding="utf-8")
    assert "30 interrupted attempts" in note
    from worker.status import failure_reason

    assert failure_reason(_row(settings, input_id).error) == "interrupted"


def test_a_parser_exception_counts_against_the_file_with_its_message(
    make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, sources = _ready(make_settings)
    (settings.drop_dir / "a01.txt").write_bytes(ISSUE)
    [input_id] = _scan(settings, sources)

    def broken(*_: object, **__: object) -> None:
        raise IndexError("list index out of range")

    monkeypatch.setattr(attempts, "parse_checked", broken)
    with pytest.raises(IndexError):
        attempts.ingest_input(settings, input_id, sources)
    row = _row(settings, input_id)
    assert row.attempts == 1
    assert row.error == "the parser failed: IndexError: list index out of range"


def test_a_timed_out_file_dropped_again_is_tried_again_and_ingested(
    make_settings: Callable[..., Settings],
) -> None:
    settings, sources = _ready(make_settings)
    (settings.drop_dir / "a01.txt").write_bytes(ISSUE)
    [input_id] = _scan(settings, sources)
    for _ in range(settings.max_attempts):
        _attempt(settings, input_id)
        attempts.note_timeout(settings, input_id, 300)
    assert attempts.ingest_input(settings, input_id, sources) is None  # gave up: failed/
    failed = settings.failed_dir / "a01.txt"
    assert "timeout" in (settings.failed_dir / "a01.txt.error.txt").read_text(encoding="utf-8")
    shutil.copy(failed, settings.drop_dir / "a01.txt")  # the operator drops it again
    assert _scan(settings, sources) == [input_id]  # the same input, a new round
    result = attempts.ingest_input(settings, input_id, sources)
    assert result is not None and result.status == "ingested"
    row = _row(settings, input_id)
    assert (row.status, row.attempts, row.error) == ("ingested", 1, None)


def test_the_same_bad_bytes_again_are_filed_with_their_twins_reason(
    make_settings: Callable[..., Settings],
) -> None:
    settings, sources = _ready(make_settings)
    (settings.drop_dir / "empty.txt").write_bytes(b" \n")
    [input_id] = _scan(settings, sources)
    assert attempts.ingest_input(settings, input_id, sources) is not None
    (settings.drop_dir / "again.txt").write_bytes(b" \n")
    assert _scan(settings, sources) == []  # judged once: not parsed again
    note = (settings.failed_dir / "again.txt.error.txt").read_text(encoding="utf-8")
    assert "same bytes as an earlier input: empty file" in note
    assert "paperfeed reingest" in note


def test_a_late_timeout_never_overwrites_the_reason_of_a_finished_input(
    make_settings: Callable[..., Settings],
) -> None:
    settings, sources = _ready(make_settings)
    (settings.drop_dir / "empty.txt").write_bytes(b" \n")
    [input_id] = _scan(settings, sources)
    attempts.ingest_input(settings, input_id, sources)
    attempts.note_timeout(settings, input_id, 300)  # a second delivery that ran out of time
    attempts.note_interrupted(settings, input_id, "late")
    row = _row(settings, input_id)
    assert (row.status, row.error) == ("failed", "empty file: no issue text")
    assert (row.attempts, row.interruptions) == (1, 0)


def test_a_file_cut_mid_character_is_ingested_with_a_warning_in_status(
    make_settings: Callable[..., Settings],
) -> None:
    settings, sources = _ready(make_settings)
    text = ISSUE.decode().rstrip("\n").removesuffix("。") + "平稳"
    cut = text.encode("gb18030")[:-1]  # the upload broke off inside 稳
    (settings.drop_dir / "cut.txt").write_bytes(cut)
    [input_id] = _scan(settings, sources)
    result = attempts.ingest_input(settings, input_id, sources)
    assert result is not None and result.status == "ingested"
    with session_scope(settings.database_url) as session:
        warnings = session.execute(select(Issue.warnings)).scalar_one()
    expected = f"the file ends in the middle of a character at byte {len(cut) - 1} of {len(cut)}"
    assert any(w["message"].startswith(expected) for w in warnings)
    status = collect(settings, sources)
    assert any("cut.txt" in n and expected in n for n in status.warnings)
    assert status.ok  # ingested: worth a look, not an alarm


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("标题\n\n正文。".encode()[:-1], (len("标题\n\n正文".encode()), "utf-8")),
        ("标题\n\n正文。".encode("gb18030")[:-1], (len("标题\n\n正文".encode("gb18030")),
                                                   "gb18030")),
        ("标题\n\n正文。".encode(), None),
        ("标题\n\n正文。".encode("gb18030"), None),
        ("正文".encode("gb18030")[:-1] + b"\x00\xff" * 40, None),  # junk, not a cut
    ],
)  # fmt: skip
def test_a_cut_is_found_at_the_end_of_the_last_line(
    data: bytes, expected: tuple[int, str] | None
) -> None:
    assert attempts.cut_character(data) == expected


def test_an_input_whose_message_cannot_be_sent_is_handed_out_at_the_next_scan(
    make_settings: Callable[..., Settings],
) -> None:
    settings, sources = _ready(make_settings)
    (settings.drop_dir / "a01.txt").write_bytes(ISSUE)

    def broker_full(_: int) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        intake.scan(settings, sources, broker_full, force=True)
    assert _scan(settings, sources) == [1]  # not after its lease: at once
    assert _scan(settings, sources) == []


def test_each_new_input_is_sent_before_the_scan_claims_the_next_file(
    make_settings: Callable[..., Settings],
) -> None:
    settings, sources = _ready(make_settings)
    for day in (21, 22, 23):
        (settings.drop_dir / f"a{day}.txt").write_bytes(_issue(day))
    waiting: list[int] = []  # files still in the drop folder as each input is sent

    def enqueue(input_id: int) -> None:
        assert _row(settings, input_id).status == "pending"  # its row committed first
        waiting.append(len(list(settings.drop_dir.iterdir())))

    result = intake.scan(settings, sources, enqueue, force=True)
    assert waiting == [2, 1, 0]
    assert len(result.new) == 3 and not result.retried


def test_an_input_neither_sent_nor_handed_out_is_sent_by_the_next_scan(
    make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk holding the broker and SQLite is full: the message cannot be written, nor
    the end of the input's lease. The next scan of the process sends it all the same."""
    settings, sources = _ready(make_settings)
    (settings.drop_dir / "a01.txt").write_bytes(ISSUE)

    def broker_full(_: int) -> None:
        raise OSError(28, "No space left on device")

    def ledger_full(*_: object, **__: object) -> None:
        raise OperationalError("UPDATE inputs", {}, Exception("database or disk is full"))

    with monkeypatch.context() as patched:
        patched.setattr(ledger, "hand_out_again", ledger_full)
        with pytest.raises(OSError):
            intake.scan(settings, sources, broker_full, force=True)
    assert _scan(settings, sources) == [1]  # not after its 600 s lease: at once
    assert _scan(settings, sources) == []


def test_a_claim_the_ledger_never_heard_of_is_adopted_once_a_scan_lease_has_passed(
    make_settings: Callable[..., Settings],
) -> None:
    settings, sources = _ready(make_settings)
    (settings.drop_dir / "a01.txt").write_bytes(ISSUE)
    [registered] = _scan(settings, sources)  # claimed and in the ledger: never adopted
    (settings.drop_dir / "a02.txt").write_bytes(_issue(21))
    work = settings.work_dir / "qinghe"
    just_now = dt.datetime.now(dt.UTC)
    orphan = drop.claim(settings.drop_dir / "a02.txt", work, now=just_now)  # then the disk
    assert orphan is not None  # filled up: the scan could not write the ledger's row
    assert _scan(settings, sources) == []  # too young: maybe its scanner is still at work
    later = just_now - dt.timedelta(seconds=scanning.DROP_SCAN_LEASE + 1)
    orphan.path.rename(work / orphan.path.name.replace(
        just_now.strftime("%Y%m%dT%H%M%S%fZ"), later.strftime("%Y%m%dT%H%M%S%fZ")
    ))  # fmt: skip
    [adopted] = _scan(settings, sources)
    assert adopted != registered
    assert _row(settings, adopted).original_name == "a02.txt"


def test_a_finished_input_that_cannot_be_filed_never_stops_a_scan(
    make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, sources = _ready(make_settings)
    (settings.drop_dir / "empty.txt").write_bytes(b" \n")
    [empty] = _scan(settings, sources)
    real_fail = drop.fail

    def full(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(drop, "fail", full)
    with pytest.raises(OSError):  # the ingest committed; its filing did not
        attempts.ingest_input(settings, empty, sources)
    (settings.drop_dir / "a01.txt").write_bytes(ISSUE)
    assert len(_scan(settings, sources)) == 1  # the rescan's filing fails again, quietly
    assert not _row(settings, empty).filed
    monkeypatch.setattr(drop, "fail", real_fail)  # space again
    _scan(settings, sources)
    assert _row(settings, empty).filed
    assert (settings.failed_dir / "empty.txt.error.txt").exists()
