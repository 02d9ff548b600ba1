"""The README documents every setting and every command the code has, and every command's
`--help` shows how to call it."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import click
import pytest
from click.testing import CliRunner

from tests.conftest import ROOT
from worker.cli import paperfeed
from worker.variables import SETTINGS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_configuration_table() -> None:
    rows = dict(re.findall(r"^\| `([A-Z0-9_]+)` \| `?([^|`]*)`? \|", README, flags=re.MULTILINE))
    for setting in SETTINGS:
        assert setting.env in rows, f"{setting.env} is not documented in README.md"
        assert rows[setting.env] == setting.default, setting.env


def _commands(
    command: click.Command = paperfeed, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command and group of `paperfeed`, with the words that call it."""
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from _commands(sub, (*path, name))


COMMANDS = [path for path, _ in _commands()]
LEAVES = {" ".join(path) for path, cmd in _commands() if not isinstance(cmd, click.Group)}


def test_the_readme_command_table_lists_exactly_the_commands() -> None:
    rows = re.findall(r"^\| `paperfeed ([^`]*)`", README, flags=re.MULTILINE)
    documented = {
        " ".join(itertools.takewhile(lambda word: re.fullmatch("[a-z]+", word), row.split()))
        for row in rows
    }
    assert documented == LEAVES


@pytest.mark.parametrize("path", COMMANDS, ids=lambda path: " ".join(("paperfeed", *path)))
def test_every_command_has_an_example_in_its_help(path: tuple[str, ...]) -> None:
    shown = CliRunner().invoke(paperfeed, [*path, "--help"], prog_name="paperfeed")
    assert shown.exit_code == 0, shown.output
    assert "examples:\n" in shown.output, shown.output
    examples = shown.output.split("examples:\n", 1)[1].split("\n\n", 1)[0]
    called = re.escape(" ".join(("paperfeed", *path)))
    # An example line calls this very command: `  [VAR=value ...] paperfeed issues list ...`.
    assert re.search(rf"^\s+(\S+=\S+ )*{called}( |$)", examples, flags=re.MULTILINE), examples


def test_the_two_commands_of_the_quick_start_are_make_targets() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("demo", "test"):
        assert f"make {target}" in README
        assert re.search(rf"^{target}:", makefile, flags=re.MULTILINE)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_failure_reason_is_explained() -> None:
    from worker.status import FAILURE_RULES

    rows = set(re.findall(r"^\| `([a-z_]+)` \| `", README, flags=re.MULTILINE))
    for _, label in FAILURE_RULES:
        assert label in rows, f"reason {label} is not in README.md's table of reasons"
