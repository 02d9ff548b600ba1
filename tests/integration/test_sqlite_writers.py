"""SQLite under several writer processes: read-then-write transactions from 4 processes, 200
each, all commit; none fails with "database is locked" (BEGIN IMMEDIATE makes them queue)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from worker.db import session_scope, upgrade
from worker.models import DirtyFeed, Input

pytestmark = pytest.mark.integration

WRITER = """
import datetime as dt, sys
from worker.db import session_scope
from worker import ledger
from worker.named_rows import ensure_source
from worker.sources import SourceConfig
from worker.feed_entries import mark_dirty

url, number = sys.argv[1], int(sys.argv[2])
source = SourceConfig(name="writers", kind="drop", publication="p", section="s")
for i in range(200):
    now = dt.datetime.now(dt.UTC)
    with session_scope(url) as session:  # read, then write, in one transaction
        row = ensure_source(session, source)
        ledger.register(session, source=row, digest=f"{number:02d}{i:062d}", claim=f"c{number}-{i}",
                        original_name="x.txt", size=1, received_at=now, lease_seconds=60)
        mark_dirty(session, {f"person:p{i % 7}": now, "all": now}, now)
print("done")
"""


def test_four_processes_of_write_transactions_never_hit_a_locked_database(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'paperfeed.db'}"
    upgrade(url)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, url, str(number)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for number in range(4)
    ]
    for writer in writers:
        out, err = writer.communicate(timeout=240)
        assert writer.returncode == 0, err[-3000:]
        assert "database is locked" not in err
        assert out.strip() == "done"
    with session_scope(url, write=False) as session:
        assert session.scalar(select(func.count()).select_from(Input)) == 800
        assert session.scalar(select(func.count()).select_from(DirtyFeed)) == 8
