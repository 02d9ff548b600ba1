"""Every fixture issue in tests/fixtures/issues parses as its hand-written golden file says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.parsing.helpers import FIXTURES, assert_nothing_lost, golden_misses, load_golden
from worker.parsing import decode_issue, parse_bytes

ISSUES = sorted(FIXTURES.glob("*.txt"))


def test_there_are_at_least_twelve_fixtures() -> None:
    assert len(ISSUES) >= 12
    assert all(path.with_suffix(".golden.json").exists() for path in ISSUES)


@pytest.mark.parametrize("path", ISSUES, ids=[p.stem for p in ISSUES])
def test_fixture_matches_golden(path: Path) -> None:
    issue = parse_bytes(path.read_bytes(), filename=path.name)
    golden = path.with_suffix(".golden.json")
    assert golden_misses(load_golden(golden), issue.to_json()["articles"]) == []


@pytest.mark.parametrize("path", ISSUES, ids=[p.stem for p in ISSUES])
def test_fixture_issue_metadata_matches_golden(path: Path) -> None:
    want = json.loads(path.with_suffix(".golden.json").read_text(encoding="utf-8"))
    got = parse_bytes(path.read_bytes(), filename=path.name).to_json()
    for key in ("publication", "date", "encoding"):
        if key in want:
            assert got[key] == want[key], key


@pytest.mark.parametrize("path", ISSUES, ids=[p.stem for p in ISSUES])
def test_fixture_loses_nothing(path: Path) -> None:
    text, _ = decode_issue(path.read_bytes())
    assert_nothing_lost(text, parse_bytes(path.read_bytes()))
