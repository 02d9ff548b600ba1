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
