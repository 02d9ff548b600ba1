"""`paperfeed run` (embedded broker, SQLite) serves the operators' pages beside the feeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.integration.conftest import Running, http_get, start_paperfeed, stop_paperfeed, wait_for
from tests.unit.test_ingest import ISSUE

pytestmark = pytest.mark.integration


def test_run_serves_status_healthz_and_metrics(tmp_path: Path) -> None:
    running = start_paperfeed(tmp_path / "home")
    try:
        status, page = http_get(running.base_url + "/status?lang=en")
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
        # The worker's scan keeps the queues' lengths, for `status` to see one growing.
        samples = running.home / "broker" / "queue-samples.json"
        wait_for(samples.is_file, 60, running, "the scan's queue samples")
        assert (
            b'paperfeed_queue_growing{queue="ingest"} 0.0'
            in http_get(running.base_url + "/metrics")[1]
        )
    finally:
        stop_paperfeed(running)


def _metrics(running: Running) -> dict[str, float]:
    """Every sample of /metrics as Prometheus' parser reads it, keyed `name{a="1",b="2"}`."""
    samples = {}
    body = http_get(running.base_url + "/metrics")[1].decode()
    for family in text_string_to_metric_families(body):
        for sample in family.samples:
            labels = ",".join(f'{k}="{v}"' for k, v in sorted(sample.labels.items()))
            samples[f"{sample.name}{{{labels}}}" if labels else sample.name] = sample.value
    return samples


def test_run_logs_json_fields_and_times_the_tasks_of_every_worker_process(tmp_path: Path) -> None:
    """Two worker processes run the tasks; the histogram the web process serves holds the
    runs of both (counted in the database), and the JSON log carries the file name whole."""
    running = start_paperfeed(tmp_path / "home", PAPERFEED_LOG_FORMAT="json")
    name = "青河日报 第 1 版 (晚间).txt"
    count = 'paperfeed_task_duration_seconds_count{task="%s"}'
    infinite = 'paperfeed_task_duration_seconds_bucket{le="+Inf",task="%s"}'
    try:
        (running.home / "drop" / name).write_bytes(ISSUE)
        ingest = "paperfeed.ingest_input"
        wait_for(lambda: count % ingest in _metrics(running), 60, running, "the ingest's time")
        found = _metrics(running)
        for task in (ingest, "paperfeed.scan"):
            assert found[count % task] >= 1 and found[infinite % task] == found[count % task]
        assert found["process_resident_memory_bytes"] > 1_000_000
        lines = [json.loads(line) for line in running.output().splitlines() if line[:1] == "{"]
        ingests = [line for line in lines if line.get("event") == "ingest"]
        assert [(line["file"], line["status"]) for line in ingests] == [(name, "ingested")]
        assert {line.get("event") for line in lines} >= {"task_start", "task_end", "scan"}
    finally:
        stop_paperfeed(running)
