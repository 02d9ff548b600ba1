"""The README documents every setting and every command the code has."""

from __future__ import annotations

import argparse
import re

from tests.conftest import ROOT
from worker.cli import build_parser
from worker.settings import SETTINGS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_configuration_table() -> None:
    rows = dict(re.findall(r"^\| `([A-Z0-9_]+)` \| `?([^|`]*)`? \|", README, flags=re.MULTILINE))
    for setting in SETTINGS:
        assert setting.env in rows, f"{setting.env} is not documented in README.md"
        assert rows[setting.env] == setting.default, setting.env


def test_every_command_is_documented() -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name in commands.choices:
        assert f"`paperfeed {name}" in README, f"paperfeed {name} is not in README.md"


def test_every_command_has_an_example_in_its_help() -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in commands.choices.items():
        assert "example:" in sub.format_help(), name


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
