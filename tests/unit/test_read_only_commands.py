"""`paperfeed status`, `sources list` and `failures list` read; they never create a database
or migrate one: on a home without a database, or with one behind the migrations, they say
what to run."""

from __future__ import annotations

from pathlib import Path

from tests.unit.test_cli_ops import _paperfeed


def test_status_and_sources_list_do_not_create_a_database(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "drop").mkdir(parents=True)
    status = _paperfeed("status", home=home)
    assert status.returncode == 2
    assert status.stderr == (
        f"paperfeed: no database at {home / 'paperfeed.db'}: is PAPERFEED_HOME (or "
        "DATABASE_URL) right? `paperfeed db upgrade` creates it\n"
    )
    listed = _paperfeed("sources", "list", home=home)
    assert listed.returncode == 2 and "drop " in listed.stdout
    assert "no database at" in listed.stderr
    failures = _paperfeed("failures", "list", home=home)
    assert failures.returncode == 2 and "no database at" in failures.stderr
    assert not (home / "paperfeed.db").exists()


def test_a_database_behind_the_migrations_asks_for_db_upgrade(tmp_path: Path) -> None:
    from worker.db import dispose_engines, upgrade

    home = tmp_path / "home"
    (home / "drop").mkdir(parents=True)
    url = f"sqlite:///{home / 'paperfeed.db'}"
    upgrade(url, "0010")
    dispose_engines()
    status = _paperfeed("status", "--json", home=home)
    assert status.returncode == 1 and status.stdout == ""
    assert "is at migration 0010, behind this paperfeed's" in status.stderr
    assert status.stderr.endswith(": run paperfeed db upgrade\n")
    assert "run paperfeed db upgrade" in _paperfeed("sources", "list", home=home).stderr
    assert _paperfeed("db", "upgrade", home=home).returncode == 0
    assert _paperfeed("status", home=home).returncode == 0


# Only these migrate the database; every other command needs one at the latest migration.
MIGRATING = {"db upgrade", "run", "ingest", "serve"}
NO_DATABASE = {"parse"}
READING = {
    "status": ["status", "--json"],
    "sources list": ["sources", "list"],
    "sources enable": ["sources", "enable", "drop"],
    "sources disable": ["sources", "disable", "drop"],
    "issues list": ["issues", "list"],
    "issues show": ["issues", "show", "1"],
    "failures list": ["failures", "list"],
    "failures retry": ["failures", "retry", "1"],
    "failures dismiss": ["failures", "dismiss", "--all"],
    "feeds rebuild": ["feeds", "rebuild", "--all"],
    "feeds check": ["feeds", "check"],
    "reingest": ["reingest", "--outdated"],
}

# Every command line of READING in one interpreter (one start-up instead of a dozen): each
# command's exit code and what it printed on stderr.
_EACH = """
import contextlib, io, json, sys
from worker.cli import main
found = {}
for name, argv in json.loads(sys.argv[1]).items():
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        found[name] = [main(argv), err.getvalue()]
print(json.dumps(found))
"""


def test_every_command_but_four_leaves_a_missing_database_uncreated(tmp_path: Path) -> None:
    import json
    import os
    import subprocess
    import sys

    from tests.unit.test_docs import LEAVES

    assert set(READING) | MIGRATING | NO_DATABASE == LEAVES  # a new command is listed here
    home = tmp_path / "home"
    (home / "drop").mkdir(parents=True)
    env = {**os.environ, "PAPERFEED_HOME": str(home)}
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", _EACH, json.dumps(READING)],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    )  # fmt: skip
    for name, (code, stderr) in json.loads(done.stdout).items():
        assert code == 2, (name, stderr)
        assert f"no database at {home / 'paperfeed.db'}" in stderr, (name, stderr)
    assert not (home / "paperfeed.db").exists()
