"""Property tests: any text parses without raising, and no character is lost or invented."""

from __future__ import annotations

import json
from collections.abc import Iterator

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.parsing.helpers import assert_nothing_lost
from tests.unit.parsing.strategies import issue_text, mutated
from worker.parsing import parse_issue, render_text
from worker.parsing.lines import is_ignorable

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ALPHABET = (
    "本报讯又记者通讯员实习生摄图文（）()[]【】。，、！？…“”——=第版：:/"
    "\n\r\t 　\x00\x0b\ufeff王孟鹤赵炎标题正文"
)


@FAST
@given(issue_text())
def test_generated_issue_loses_nothing(text: str) -> None:
    assert_nothing_lost(text, parse_issue(text))


@FAST
@given(mutated())
def test_mutated_issue_loses_nothing(text: str) -> None:
    assert_nothing_lost(text, parse_issue(text))


@FAST
@given(st.text(alphabet=ALPHABET, max_size=300))
def test_soup_of_issue_characters_loses_nothing(text: str) -> None:
    assert_nothing_lost(text, parse_issue(text))


@FAST
@given(st.text(max_size=200))
def test_any_text_parses_renders_and_serialises(text: str) -> None:
    issue = parse_issue(text, filename="x-2020-05-29.txt")
    assert_nothing_lost(text, issue)
    render_text(issue)
    json.dumps(issue.to_json(), ensure_ascii=False)


@FAST
@given(mutated())
def test_no_control_character_reaches_any_output_field(text: str) -> None:
    strings = list(_strings(parse_issue(text).to_json()))
    assert not [s for s in strings if any(is_ignorable(ch) and ch != " " for ch in s)]


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_empty_text_is_an_empty_issue() -> None:
    issue = parse_issue("")
    assert issue.articles == () and issue.pages == () and issue.unassigned == ()
