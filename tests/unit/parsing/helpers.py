"""Test helpers for the parser: the nothing-lost check and the golden-file scoring."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any

from worker.parsing.accounting import unaccounted
from worker.parsing.model import ParsedIssue

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "issues"
# The shared sample lives beside the repository (../shared), or at /work/shared.
SHARED = next(
    (p for p in (ROOT.parent / "shared", Path("/work/shared")) if p.is_dir()),
    ROOT.parent / "shared",
)

# The same checks as ../shared/tools/golden_score.py, so the suite stands alone in a clone.
_FIELDS = ("kicker", "headline", "subtitle", "dateline", "kind", "page")
_PEOPLE = ("reporters", "correspondents", "photographers")
# Checked only where a golden file gives them (the shared format has the three above).
_MORE_CREDITS = ("interns", "editors", "other_credits")
_DATELINE = re.compile(r"^(本报讯|又讯)\s*[（(][^）)]*[）)]")


def assert_nothing_lost(text: str, issue: ParsedIssue) -> None:
    """Every non-space character of `text` is in exactly one output part of `issue`."""
    lost, invented = unaccounted(text, issue)
    assert not lost and not invented, f"lost {dict(lost)!r}, invented {dict(invented)!r}"


def _squash(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def _body(article: dict[str, Any]) -> str:
    paras = list(article.get("paragraphs") or [])
    if paras:
        paras[0] = _DATELINE.sub("", paras[0].strip(), count=1)
    return _squash("".join(paras))


def golden_misses(golden: list[dict[str, Any]], parsed: list[dict[str, Any]]) -> list[str]:
    """The checks of golden_score.py that fail; empty when the parse matches the golden."""
    misses: list[str] = []
    if len(parsed) != len(golden):
        misses.append(f"article count: want {len(golden)}, got {len(parsed)}")
    matcher = difflib.SequenceMatcher(
        a=[_squash(a.get("headline")) for a in golden],
        b=[_squash(a.get("headline")) for a in parsed],
        autojunk=False,
    )
    pairs = {b.a + k: b.b + k for b in matcher.get_matching_blocks() for k in range(b.size)}
    for index, want in enumerate(golden):
        name = want["headline"]
        if index not in pairs:
            misses.append(f"[{name}] not found")
            continue
        got = parsed[pairs[index]]
        for key in _FIELDS:
            if key in want:
                same = (
                    want[key] == got.get(key)
                    if key == "page"
                    else (_squash(want[key]) == _squash(got.get(key)))
                )
                if not same:
                    misses.append(f"[{name}] {key}: want {want[key]!r}, got {got.get(key)!r}")
        for key in _PEOPLE + tuple(k for k in _MORE_CREDITS if k in want):
            if sorted(want.get(key) or []) != sorted(got.get(key) or []):
                misses.append(f"[{name}] {key}: want {want.get(key)}, got {got.get(key)}")
        if _body(want) != _body(got):
            misses.append(f"[{name}] body differs:\n  want {_body(want)}\n  got  {_body(got)}")
        if len(want["paragraphs"]) != len(got.get("paragraphs") or []):
            misses.append(
                f"[{name}] paragraphs: want {len(want['paragraphs'])}, got "
                f"{len(got.get('paragraphs') or [])}"
            )
    return misses


def load_golden(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    articles: list[dict[str, Any]] = data["articles"] if isinstance(data, dict) else data
    return articles
