"""compose.yaml: no container engine runs here, so check what the file configures."""

from __future__ import annotations

from typing import Any

import yaml

from tests.conftest import ROOT


def _compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    return data


def test_services_are_the_ones_a_newsroom_runs() -> None:
    services = _compose()["services"]
    assert set(services) == {"postgres", "redis", "migrate", "worker", "beat", "web"}


def test_datastores_have_volumes_and_health_checks() -> None:
    services = _compose()["services"]
    for name in ("postgres", "redis"):
        assert services[name]["volumes"], name
        assert services[name]["healthcheck"]["test"], name


def test_workers_run_the_celery_app_on_both_queues_and_wait_for_the_migration() -> None:
    services = _compose()["services"]
    worker = services["worker"]
    assert worker["command"][:4] == ["celery", "-A", "worker.celery_app", "worker"]
    assert "ingest,publish" in worker["command"]
    for name in ("worker", "beat", "web"):
        assert services[name]["depends_on"]["migrate"]["condition"] == (
            "service_completed_successfully"
        )
        assert services[name]["restart"] == "unless-stopped"
    assert services["migrate"]["command"] == ["paperfeed", "db", "upgrade"]


def test_services_share_database_and_broker_settings() -> None:
    services = _compose()["services"]
    for name in ("migrate", "worker", "beat", "web"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgresql+psycopg://")
        assert env["CELERY_BROKER_URL"] == "redis://redis:6379/0"
