"""The shortcuts of the text clean-up give what the plain versions give."""

from __future__ import annotations

import html
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from feeds.content import escape_html
from feeds.text import _ILLEGAL, clean_text


def test_every_character_clean_text_removes_is_unprintable() -> None:
    """clean_text returns a printable text as it is: nothing in it could be removed."""
    removed = [chr(c) for c in range(sys.maxunicode + 1) if _ILLEGAL.match(chr(c))]
    assert len(removed) > 2000  # controls, surrogates, U+FFFE and U+FFFF
    assert not any(c.isprintable() for c in removed)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("&<>\"'\t\n 王𠀀\x00\x0c\x7f\x85\ud800\uffff\u2028"))))
def test_clean_text_removes_what_the_pattern_matches(text: str) -> None:
    assert clean_text(text) == _ILLEGAL.sub("", text)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("&<>\"'#;x\t\n 王𠀀"))))
def test_escape_html_is_html_escape_with_quotes(text: str) -> None:
    assert escape_html(text) == html.escape(text, quote=True)
