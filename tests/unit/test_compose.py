"""compose.yaml and .env.example: no container engine runs here, so check what they configure.
(tests/integration/test_ops_compose.py runs the services' commands for real.)"""

from __future__ import annotations

import re
from typing import Any

import yaml

from tests.conftest import ROOT
from worker.variables import SETTINGS

APP_SERVICES = ("migrate", "worker", "fetcher", "publisher", "beat", "flower", "web")


def _compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    return data


def _services() -> dict[str, Any]:
    services: dict[str, Any] = _compose()["services"]
    return services


def test_services_are_the_ones_a_newsroom_runs() -> None:
    assert set(_services()) == {"postgres", "redis", "proxy", *APP_SERVICES}


def test_datastores_have_volumes_and_health_checks() -> None:
    services = _services()
    for name in ("postgres", "redis"):
        assert services[name]["volumes"], name
        assert services[name]["healthcheck"]["test"], name
        assert services[name]["restart"] == "unless-stopped"
    assert set(_compose()["volumes"]) >= {"pgdata", "redisdata"}


def test_migration_runs_once_and_everything_else_waits_for_it() -> None:
    services = _services()
    assert services["migrate"]["command"] == ["paperfeed", "db", "upgrade"]
    assert services["migrate"]["restart"] == "no"
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in ("worker", "fetcher", "publisher", "beat", "flower", "web"):
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
    fetcher = services["fetcher"]["command"]
    assert fetcher[fetcher.index("--queues") + 1] == "fetch"  # slow sites hold no ingest
    assert publish[publish.index("--queues") + 1] == "publish"
    assert services["worker"]["deploy"]["replicas"] >= 2
    for name in ("worker", "fetcher", "publisher"):
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


def test_readers_reach_caddy_and_caddy_reaches_the_app() -> None:
    services = _services()
    web, proxy = services["web"], services["proxy"]
    # The app listens on all interfaces inside its container, for the proxy only...
    assert web["command"] == ["paperfeed", "serve", "--host", "0.0.0.0", "--port", "8081"]
    assert "ports" not in web and web["expose"] == ["8081"]
    assert "8081/livez" in " ".join(web["healthcheck"]["test"])
    # ...and Caddy, published on the host's loopback by default (/status and /metrics are
    # not for the world), serves the public folder read-only with the repository's config.
    assert proxy["image"].startswith("caddy:2")
    assert proxy["command"][:2] == ["caddy", "run"]
    config = proxy["command"][proxy["command"].index("--config") + 1]
    assert f"./deploy/Caddyfile:{config}:ro" in proxy["volumes"]
    assert "./data/public:/srv:ro" in proxy["volumes"]
    assert proxy["ports"] == ["${PAPERFEED_BIND:-127.0.0.1}:8080:8080"]
    assert "8080/livez" in " ".join(proxy["healthcheck"]["test"])
    assert all(
        port.startswith(("127.0.0.1:", "${PAPERFEED_BIND:-127.0.0.1}:"))
        for service in services.values()
        for port in service.get("ports", [])
    )


def test_the_caddyfile_defaults_are_the_compose_layout() -> None:
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text(encoding="utf-8")
    assert "{$PAPERFEED_PROXY_PORT:8080}" in caddyfile  # the port compose publishes
    assert "{$PAPERFEED_PROXY_ROOT:/srv}" in caddyfile  # where compose mounts public/
    assert "{$PAPERFEED_PROXY_APP:web:8081}" in caddyfile  # the web service's port
    # Every path the app answers itself goes to it (tests/integration/test_proxy.py runs it).
    paths = re.search(r"@app path (.+)", caddyfile)
    assert paths is not None
    assert set(paths.group(1).split()) == {
        "/status", "/status/*", "/healthz", "/livez", "/metrics", "/search", "/search.atom"
    }  # fmt: skip


def _mount(volumes: list[str], path: str) -> str:
    """The volume entry a container path lives on: the longest mount point above it."""
    points = {entry.split(":")[1]: entry for entry in volumes}
    above = [point for point in points if path == point or path.startswith(point + "/")]
    assert above, f"{path} is on no volume"
    return points[max(above, key=len)]


def test_drop_work_archive_and_failed_share_one_mount() -> None:
    # A claim renames drop/x into work/; across two mounts that fails with EXDEV.
    for name in APP_SERVICES:
        service = _services()[name]
        env, volumes = service["environment"], service["volumes"]
        home = env["PAPERFEED_HOME"]
        folders = [
            env["PAPERFEED_DROP_DIR"],
            *(f"{home}/{f}" for f in ("work", "archive", "failed")),
        ]
        assert len({_mount(volumes, folder) for folder in folders}) == 1, name


def test_the_image_runs_as_an_unprivileged_user() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    users = re.findall(r"^USER\s+(\S+)", dockerfile, flags=re.MULTILINE)
    assert users and users[-1].split(":")[0] not in {"0", "root"}
    for name in APP_SERVICES:
        user = re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", _services()[name]["user"])
        assert user == "10001:10001", name  # the image's user, unless .env says otherwise


def test_services_share_database_broker_drop_folder_and_public_folder() -> None:
    services = _services()
    for name in APP_SERVICES:
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgresql+psycopg://"), name
        assert env["CELERY_BROKER_URL"] == "redis://redis:6379/0", name
        assert services[name]["volumes"] == ["./data:/var/lib/paperfeed"], name
        assert env["PAPERFEED_DROP_DIR"] == "/var/lib/paperfeed/drop"
        assert env["PAPERFEED_PUBLIC_DIR"] == "/var/lib/paperfeed/public"


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
