"""`paperfeed run` (embedded broker, SQLite) serves the operators' pages beside the feeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.conftest import http_get, start_paperfeed, stop_paperfeed, wait_for
from tests.unit.test_ingest import ISSUE

pytestmark = pytest.mark.integration


def test_run_serves_status_healthz_and_metrics(tmp_path: Path) -> None:
    running = start_paperfeed(tmp_path / "home")
    try:
        status, page = http_get(running.base_url + "/status")
        assert status == 200 and b'<th scope="row">drop' in page
        assert b"unknown (embedded broker)" in page
        assert http_get(running.base_url + "/healthz") == (200, b"ok\n")
        (running.home / "drop" / "a.txt").write_bytes(ISSUE)

        def counted() -> bool:
            body = http_get(running.base_url + "/metrics")[1]
            # The issue, and the run the worker's signal handler counted after the task.
            return (
                b'paperfeed_issues_ingested_total{source="drop"} 1' in body
                and b'paperfeed_task_runs_total{task="paperfeed.ingest_input"} 1' in body
            )

        wait_for(counted, 60, running, "the ingest and its task run in /metrics")
    finally:
        stop_paperfeed(running)
