"""The demo issue in examples/ (青河日报, three pages) parses exactly as intended."""

from __future__ import annotations

import datetime as dt
import json

from tests.unit.parsing.helpers import ROOT, assert_nothing_lost, golden_misses, load_golden
from worker.parsing import parse_bytes

EXAMPLE = ROOT / "examples" / "2026-11-20-qinghe-daily.txt"
GOLDEN = EXAMPLE.with_suffix(".golden.json")


def test_example_matches_its_golden() -> None:
    issue = parse_bytes(EXAMPLE.read_bytes(), filename=EXAMPLE.name)
    assert golden_misses(load_golden(GOLDEN), issue.to_json()["articles"]) == []


def test_example_metadata_and_pages() -> None:
    issue = parse_bytes(EXAMPLE.read_bytes(), filename=EXAMPLE.name)
    want = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert issue.publication == "青河日报"
    assert issue.date == dt.date(2026, 11, 20)
    assert [{"number": p.number, "section": p.section} for p in issue.pages] == want["pages"]
    assert [f.text for f in issue.furniture] == ["责任编辑：韦丽", "版式设计：吴桐"]
    assert issue.unassigned == ()


def test_example_covers_what_a_demo_should_show() -> None:
    articles = parse_bytes(EXAMPLE.read_bytes()).articles
    assert len({name for a in articles for name in a.reporters}) >= 3
    assert any(a.correspondents for a in articles)
    assert any(a.kind == "photo" and a.photographers for a in articles)
    assert any(a.kicker for a in articles) and any(a.subtitle for a in articles)


def test_example_loses_nothing() -> None:
    data = EXAMPLE.read_bytes()
    assert_nothing_lost(data.decode("utf-8"), parse_bytes(data))
