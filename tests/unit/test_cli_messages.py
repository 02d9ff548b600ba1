"""What the commands say and the exit codes they give: 0 done, 1 something needs a person,
2 usage or configuration; counts with the right plural."""

from __future__ import annotations

from pathlib import Path

from tests.unit.test_cli_ops import _paperfeed
from tests.unit.test_ingest import ISSUE


def test_reingest_says_what_it_did_and_what_it_could_not(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "drop").mkdir(parents=True)
    (home / "drop" / "2026-11-20.txt").write_bytes(ISSUE)
    assert _paperfeed("run", "--once", home=home).returncode == 0
    nothing = _paperfeed("reingest", "--outdated", home=home)
    assert nothing.returncode == 0
    assert nothing.stdout.startswith("nothing to re-ingest")
    unknown = _paperfeed("reingest", "42", home=home)
    assert unknown.returncode == 1 and "no stored file with id 42" in unknown.stderr
    queued = _paperfeed("reingest", "1", home=home)
    assert queued.returncode == 0
    assert queued.stdout == "queued 1 re-ingest task on the ingest queue\n"
    shown = _paperfeed("issues", "show", "42", home=home)
    assert shown.returncode == 1 and "no issue with id 42" in shown.stderr
    assert (
        "no stored file with id 42"
        in _paperfeed("issues", "show", "42", "--file", home=home).stderr
    )
    done = _paperfeed("reingest", "--source", "drop", "--sync", home=home)
    assert done.returncode == 0 and "re-ingested 1 file (1 ingested)" in done.stdout


def test_help_documents_the_exit_codes() -> None:
    import subprocess
    import sys

    shown = subprocess.run(
        [sys.executable, "-m", "worker.cli", "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert "exit codes: 0 done, 1 something needs a person, 2 usage or configuration" in " ".join(
        shown.split()
    )


def test_version_is_the_one_the_feeds_generator_names() -> None:
    from click.testing import CliRunner

    from feeds.feed_fields import VERSION
    from worker.cli import paperfeed

    shown = CliRunner().invoke(paperfeed, ["--version"], prog_name="paperfeed")
    assert (shown.exit_code, shown.output) == (0, f"paperfeed {VERSION}\n")


def test_a_usage_mistake_is_one_error_line_after_the_usage_and_exits_2() -> None:
    from click.testing import CliRunner

    from worker.cli import paperfeed

    for argv, error in (
        (["reingest", "3", "--outdated"], "Error: give one of ISSUE, --source or --outdated"),
        (["reingest", "--source", "x", "--from", "2020-13-01"], "is not a date like 2020-05-29"),
        (["failures", "dismiss", "3", "--all"], "Error: failures dismiss takes failure ids or"),
        (["sources", "enable"], "Error: Missing argument 'NAME'."),
        (["issues"], "Usage: paperfeed issues"),  # a group without its command
        ([], "Usage: paperfeed [OPTIONS] COMMAND"),
    ):
        shown = CliRunner().invoke(paperfeed, argv, prog_name="paperfeed")
        assert shown.exit_code == 2, argv
        assert error in shown.stderr, shown.stderr
        if argv and argv != ["issues"]:  # those two print the whole help instead
            usage, hint, *_, last = shown.stderr.splitlines()
            assert usage.startswith(f"Usage: paperfeed {argv[0]}")
            assert hint.startswith("Try 'paperfeed ") and hint.endswith(" --help' for help.")
            assert shown.stderr.count("Error:") == 1 and last.startswith("Error:")


def test_a_database_that_does_not_answer_is_a_problem_status_names(tmp_path: Path) -> None:
    import json
    import socket

    with socket.socket() as probe:  # a port nothing listens on once this closes
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql://postgres@127.0.0.1:{port}/paperfeed"
    home = tmp_path / "home"
    text = _paperfeed("status", home=home, DATABASE_URL=url)
    assert text.returncode == 1
    assert text.stderr.count("\n") == 1
    assert text.stderr.startswith("paperfeed: the database did not answer: OperationalError: ")
    machine = _paperfeed("status", "--json", home=home, DATABASE_URL=url)
    assert machine.returncode == 1
    data = json.loads(machine.stdout)
    assert data["ok"] is False and data["problems"][0].startswith("the database did not answer")
    assert data["problems"][0].endswith("; start it, or correct DATABASE_URL")
    assert data["problem_details"][0]["code"] == "database_down"
    other = _paperfeed("issues", "list", home=home, DATABASE_URL=url)
    assert other.returncode == 2 and other.stderr.count("\n") == 1


def test_quiet_and_verbose_set_how_much_is_logged(tmp_path: Path) -> None:
    def drop(home: Path) -> Path:
        (home / "drop").mkdir(parents=True)
        (home / "drop" / "2026-11-20.txt").write_bytes(ISSUE)
        return home

    env = {"PAPERFEED_LOG_LEVEL": "INFO"}
    usual = _paperfeed("run", "--once", home=drop(tmp_path / "usual"), **env)
    quiet = _paperfeed("--quiet", "run", "--once", home=drop(tmp_path / "quiet"), **env)
    verbose = _paperfeed("-v", "run", "--once", home=drop(tmp_path / "verbose"), **env)
    assert usual.returncode == quiet.returncode == verbose.returncode == 0
    assert " INFO " in usual.stderr and " DEBUG " not in usual.stderr
    assert " INFO " not in quiet.stderr and " DEBUG " not in quiet.stderr
    assert " DEBUG " in verbose.stderr
    both = _paperfeed("-q", "-v", "status", home=tmp_path / "usual")
    assert both.returncode == 2 and "give --quiet or --verbose, not both" in both.stderr
