"""The shared real sample (卫东区, three pages) parses exactly as its golden file says."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.unit.parsing.helpers import SHARED, assert_nothing_lost, golden_misses, load_golden
from worker.parsing import parse_bytes

SAMPLE = SHARED / "samples" / "weidong-page.txt"
GOLDEN = SHARED / "samples" / "weidong-page.golden.json"
SCORER = SHARED / "tools" / "golden_score.py"

pytestmark = pytest.mark.skipif(
    not SAMPLE.exists(), reason=f"shared sample not found at {SAMPLE} (checkout ../shared)"
)


def test_sample_matches_golden_in_every_check() -> None:
    issue = parse_bytes(SAMPLE.read_bytes(), filename=SAMPLE.name)
    assert golden_misses(load_golden(GOLDEN), issue.to_json()["articles"]) == []


def test_shared_scorer_exits_zero_on_sample() -> None:
    issue = parse_bytes(SAMPLE.read_bytes(), filename=SAMPLE.name)
    printed = json.dumps(issue.to_json(), ensure_ascii=False, indent=2)
    run = subprocess.run(
        [sys.executable, str(SCORER), str(GOLDEN), "-"],
        input=printed,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert run.returncode == 0, run.stdout


def test_sample_loses_no_character() -> None:
    data = SAMPLE.read_bytes()
    assert_nothing_lost(data.decode("utf-8"), parse_bytes(data))


def test_sample_pages_come_from_blank_runs() -> None:
    issue = parse_bytes(SAMPLE.read_bytes())
    assert [p.number for p in issue.pages] == [1, 2, 3]
    assert issue.encoding == "utf-8"
