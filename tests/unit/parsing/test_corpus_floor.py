"""CI scores the parser on the shared real-text corpus against a committed floor."""

from __future__ import annotations

from tests.unit.parsing.helpers import ROOT


def test_floor_is_a_score_and_ci_checks_it_before_the_tests() -> None:
    floor = float((ROOT / ".ci" / "corpus-floor").read_text(encoding="utf-8"))
    assert 0 < floor <= 100
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert run.index("make corpus") < run.index("make test")
    assert "corpus:" in (ROOT / "Makefile").read_text(encoding="utf-8")
