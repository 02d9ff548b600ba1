"""compose.yaml, run for real without a container engine: each service's own command and
environment (paths moved to a temp folder, the database and Redis to the test services),
two ingest workers and a publish worker on separate queues, one beat, the web server and
Flower. An issue dropped in comes out as a feed; /status, `paperfeed status`, /metrics,
the re-ingest form and Flower's API all see the same cluster."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import redis
import yaml

from tests.conftest import ROOT
from tests.integration.conftest import free_port
from tests.unit.test_ingest import ISSUE
from tests.unit.test_status import BINARY

TOKEN = "compose-token-0123456789"
CADDYFILE = ROOT / "deploy" / "Caddyfile"
FLOWER_AUTH = "ops:flower-password"
VARIABLE = re.compile(r"\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}")
pytestmark = pytest.mark.integration


def service_env(service: dict[str, Any], home: Path, values: dict[str, str]) -> dict[str, str]:
    """The environment compose gives a service: `${VAR:-default}` filled from `values` (the
    .env file) or the default; /var/lib/paperfeed moved to `home`."""

    def fill(match: re.Match[str]) -> str:
        name, kind, rest = match.group(1), match.group(2), match.group(3) or ""
        if name in values:
            return values[name]
        if kind == "?":
            raise AssertionError(f"compose would refuse to start: {rest}")
        return rest

    env = {}
    for name, value in service.get("environment", {}).items():
        env[name] = VARIABLE.sub(fill, str(value)).replace("/var/lib/paperfeed", str(home))
    return env


def command(service: dict[str, Any], home: Path, **replace: str) -> list[str]:
    """The service's command, run from this venv, with paths and ports moved."""
    programs = {"paperfeed": [sys.executable, "-m", "worker.cli"],
                "celery": [sys.executable, "-m", "celery"],
                "caddy": [str(Path(sys.executable).parent / "caddy")]}  # fmt: skip
    mounts = {"/var/lib/paperfeed": str(home), "/etc/caddy/Caddyfile": str(CADDYFILE)}
    argv = list(programs[service["command"][0]])
    for arg in service["command"][1:]:
        for inside, outside in mounts.items():
            arg = arg.replace(inside, outside)
        argv.append(replace.get(arg, arg))
    return argv


@dataclass
class Cluster:
    home: Path
    values: dict[str, str]
    database_url: str
    redis_url: str
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def env(self, name: str) -> dict[str, str]:
        ours = ("PAPERFEED_", "DATABASE_URL", "CELERY_", "FLOWER_")
        base = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
        # compose: every .env value (env_file), then the service's `environment` over it.
        env = {**base, **self.values, **service_env(SERVICES[name], self.home, self.values)}
        # What compose's service names resolve to, here: the test's PostgreSQL and Redis.
        env["DATABASE_URL"], env["CELERY_BROKER_URL"] = self.database_url, self.redis_url
        return env

    def start(self, label: str, service: str, *extra: str, **replace: str) -> None:
        log = self.home.parent / f"{label}.log"
        with log.open("wb") as out:
            self.processes[label] = subprocess.Popen(
                [*command(SERVICES[service], self.home, **replace), *extra],
                env=self.env(service), stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True, cwd=self.home.parent,
            )  # fmt: skip

    def log(self, label: str) -> str:
        return (self.home.parent / f"{label}.log").read_text("utf-8", errors="replace")

    def logs(self) -> str:
        return "\n".join(f"--- {k}\n{self.log(k)[-3000:]}" for k in self.processes)

    def wait(self, check: Callable[[], object], seconds: float, what: str) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if check():
                return
            for label, process in self.processes.items():
                if process.poll() is not None and label != "migrate":
                    pytest.fail(f"{label} exited while waiting for {what}:\n{self.logs()}")
            time.sleep(0.5)
        pytest.fail(f"timed out after {seconds}s waiting for {what}:\n{self.logs()}")

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


SERVICES: dict[str, Any] = yaml.safe_load((ROOT / "compose.yaml").read_text("utf-8"))["services"]


def http(url: str, data: bytes | None = None, headers: dict[str, str] | None = None
         ) -> tuple[int, str]:  # fmt: skip
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=20) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")
    except OSError:
        return 0, ""


@pytest.fixture
def cluster(tmp_path: Path, postgres_url: str, redis_url: str) -> Iterator[Cluster]:
    home = tmp_path / "paperfeed"
    (home / "drop").mkdir(parents=True)
    # What a newsroom's .env holds; scans and stability shortened for the test.
    values = {"PAPERFEED_ADMIN_TOKEN": TOKEN, "FLOWER_BASIC_AUTH": FLOWER_AUTH,
              "PAPERFEED_BASE_URL": "http://127.0.0.1:8080", "PAPERFEED_SCAN_INTERVAL": "1",
              "PAPERFEED_STABLE_SECONDS": "0.5", "PAPERFEED_TASK_TIME_LIMIT": "20",
              "PAPERFEED_LEASE_SECONDS": "30"}  # fmt: skip
    # A Redis database of its own: the fault tests flush theirs and restart the servers.
    own = redis_url.rsplit("/", 1)[0] + "/13"
    redis.Redis.from_url(own).flushdb()
    running = Cluster(home, values, postgres_url, own)
    yield running
    running.stop()


def test_compose_services_ingest_publish_and_report_as_one_cluster(cluster: Cluster) -> None:
    cluster.start("migrate", "migrate")
    assert cluster.processes["migrate"].wait(timeout=120) == 0, cluster.log("migrate")
    port = free_port()
    # Two ingest workers (compose's replicas: 2; each container has its own host name).
    for number in (1, 2):
        cluster.start(f"ingest{number}", "worker", "--hostname", f"ingest{number}@%h")
    cluster.start("publisher", "publisher", "--hostname", "publisher@%h")
    cluster.start("beat", "beat")
    app_port = free_port()
    cluster.start("web", "web", **{"8081": str(app_port)})
    # Caddy in front, as compose runs it: its port, the public folder it mounts, the app.
    cluster.values |= {
        "PAPERFEED_PROXY_PORT": str(port),
        "PAPERFEED_PROXY_APP": f"127.0.0.1:{app_port}",
        "PAPERFEED_PROXY_ROOT": str(cluster.home / "public"),
    }
    cluster.start("proxy", "proxy")
    web = f"http://127.0.0.1:{port}"
    cluster.wait(lambda: http(web + "/healthz") == (200, "ok\n"), 60, "/healthz")

    drop = cluster.home / "drop"
    for day in (20, 21, 22):
        (drop / f".{day}.part").write_bytes(ISSUE.replace(b"2026-11-20", f"2026-11-{day}".encode()))
        (drop / f".{day}.part").rename(drop / f"2026-11-{day}.txt")
    (drop / "scan.png").write_bytes(BINARY)

    def published() -> bool:
        status, atom = http(web + "/feeds/all.atom")
        return status == 200 and atom.count("青河新桥今日通车") == 3

    cluster.wait(published, 120, "three issues in the feed")
    assert (cluster.home / "failed" / "scan.png.error.txt").exists()

    # Separate queues: ingests ran on the ingest workers only, publishing on the publisher.
    ingest_logs = cluster.log("ingest1") + cluster.log("ingest2")
    assert "event=task_start task=paperfeed.ingest_input" in ingest_logs
    assert "task=paperfeed.publish" not in ingest_logs
    cluster.wait(lambda: "event=task_end task=paperfeed.publish" in cluster.log("publisher"),
                 30, "the publisher's end line")  # fmt: skip
    assert "event=ingest" not in cluster.log("publisher")

    cli = subprocess.run(
        [sys.executable, "-m", "worker.cli", "status", "--json"], env=cluster.env("web"),
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    report = json.loads(cli.stdout)
    assert cli.returncode == 1  # the PNG failed within the last 24 hours
    names = {worker.split("@")[0] for worker in report["workers"]}
    assert {"ingest1", "ingest2", "publisher"} <= names, report["workers"]
    assert [f["reason"] for f in report["failures"]] == ["binary"]
    assert report["sources"][0]["newest_issue_date"] == "2026-11-22"

    status, page = http(web + "/status")
    assert status == 200 and "ingest1@" in page and "publisher@" in page
    assert 'action="/status/signin"' in page  # actions once signed in; scripts post the token

    # A stored text file (the ingests run side by side, so the PNG's bytes, which re-ingest
    # refuses, may have any id).
    issue = next(row["id"] for row in report["recent_issues"] if row["filename"].endswith(".txt"))
    form = urllib.parse.urlencode({"token": TOKEN, "issue": str(issue)}).encode()
    assert http(web + "/status/reingest", form)[0] == 200  # followed the 303 back to /status
    cluster.wait(lambda: f"event=reingest issue={issue} " in cluster.log("ingest1") + cluster.log(
        "ingest2"), 60, "the re-ingest from /status")  # fmt: skip

    metrics = http(web + "/metrics")[1]
    runs = re.search(r'paperfeed_task_runs_total\{task="paperfeed.ingest_input"\} (\d+)', metrics)
    assert runs and int(runs.group(1)) >= 4
    assert 'paperfeed_issues_ingested_total{source="drop"} 3' in metrics
    assert 'paperfeed_inputs_failed_total{reason="binary",source="drop"} 1' in metrics

    flower_port = free_port()
    cluster.start(
        "flower", "flower", "--address=127.0.0.1", **{"--port=5555": f"--port={flower_port}"}
    )
    api = f"http://127.0.0.1:{flower_port}/api/task/async-apply/paperfeed.reingest"
    auth = "Basic " + base64.b64encode(FLOWER_AUTH.encode()).decode()
    body = json.dumps({"args": [2]}).encode()
    json_type = {"Content-Type": "application/json"}
    cluster.wait(lambda: http(api, body, json_type)[0] == 401, 60,
                 "Flower to refuse a request without its password")  # fmt: skip
    status, answer = http(api, body, {**json_type, "Authorization": auth})
    assert status == 200 and "task-id" in answer, answer
    cluster.wait(lambda: "event=reingest issue=2" in cluster.log("ingest1") + cluster.log(
        "ingest2"), 60, "the re-ingest from Flower")  # fmt: skip
