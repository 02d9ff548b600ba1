"""compose.yaml and .env.example: no container engine runs here, so check what they configure.
(tests/integration/test_ops_compose.py runs the services' commands for real.)"""

from __future__ import annotations

import re
from typing import Any

import yaml

from tests.conftest import ROOT
from worker.settings import SETTINGS

APP_SERVICES = ("migrate", "worker", "publisher", "beat", "flower", "web")


def _compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    return data


def _services() -> dict[str, Any]:
    services: dict[str, Any] = _compose()["services"]
    return services


def test_services_are_the_ones_a_newsroom_runs() -> None:
    assert set(_services()) == {"postgres", "redis", *APP_SERVICES}


def test_datastores_have_volumes_and_health_checks() -> None:
    services = _services()
    for name in ("postgres", "redis"):
        assert services[name]["volumes"], name
        assert services[name]["healthcheck"]["test"], name
        assert services[name]["restart"] == "unless-stopped"
    assert set(_compose()["volumes"]) >= {"pgdata", "redisdata", "public", "state"}


def test_migration_runs_once_and_everything_else_waits_for_it() -> None:
    services = _services()
    assert services["migrate"]["command"] == ["paperfeed", "db", "upgrade"]
    assert services["migrate"]["restart"] == "no"
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in ("worker", "publisher", "beat", "flower", "web"):
        depends = services[name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully", name
        assert depends["redis"]["condition"] == "service_healthy", name
        # Redis dying can make a worker's main process exit: something must restart it.
        assert services[name]["restart"] == "unless-stopped", name


def test_ingest_and_publish_workers_take_separate_queues() -> None:
    services = _services()
    ingest, publish = services["worker"]["command"], services["publisher"]["command"]
    assert ingest[:4] == publish[:4] == ["celery", "-A", "worker.celery_app", "worker"]
    assert ingest[ingest.index("--queues") + 1] == "ingest"
    assert publish[publish.index("--queues") + 1] == "publish"
    assert services["worker"]["deploy"]["replicas"] >= 2
    for name in ("worker", "publisher"):
        # Health means a round-trip through the broker to the worker, not a live PID.
        assert "inspect ping" in services[name]["healthcheck"]["test"][1], name


def test_exactly_one_scheduler() -> None:
    services = _services()
    beats = [n for n, s in services.items() if "beat" in s.get("command", [])]
    assert beats == ["beat"]
    assert services["beat"]["deploy"]["replicas"] == 1
    assert not any("--beat" in s.get("command", []) for s in services.values())


def test_flower_needs_basic_auth_from_the_environment() -> None:
    flower = _services()["flower"]
    assert flower["command"][:4] == ["celery", "-A", "worker.celery_app", "flower"]
    # ${VAR:?message}: compose refuses to start without it, so Flower never runs open.
    assert flower["environment"]["FLOWER_BASIC_AUTH"].startswith("${FLOWER_BASIC_AUTH:?")
    assert all(port.startswith("127.0.0.1:") for port in flower["ports"])


def test_web_serves_on_all_interfaces_with_a_real_health_check() -> None:
    web = _services()["web"]
    assert web["command"] == ["paperfeed", "serve", "--host", "0.0.0.0", "--port", "8080"]
    assert "/healthz" in " ".join(web["healthcheck"]["test"])


def test_services_share_database_broker_drop_folder_and_public_folder() -> None:
    services = _services()
    for name in APP_SERVICES:
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgresql+psycopg://"), name
        assert env["CELERY_BROKER_URL"] == "redis://redis:6379/0", name
        volumes = services[name]["volumes"]
        assert "./drop:/var/lib/paperfeed/drop" in volumes, name
        assert "public:/var/lib/paperfeed/public" in volumes, name
        assert env["PAPERFEED_DROP_DIR"] == "/var/lib/paperfeed/drop"


def test_env_example_lists_every_setting() -> None:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^(?:# )?([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))
    missing = {s.env for s in SETTINGS} - listed
    assert not missing, f"not in .env.example: {sorted(missing)}"
    assert {"POSTGRES_PASSWORD", "FLOWER_BASIC_AUTH"} <= listed


def test_every_variable_compose_interpolates_is_in_env_example() -> None:
    compose = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    used = set(re.findall(r"\$\{([A-Z][A-Z0-9_]+)", compose))
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert used <= set(re.findall(r"^(?:# )?([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))
