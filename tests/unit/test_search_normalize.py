"""`normalize` folds a text character by character when that gives what NFKC of the whole
text gives, and falls back to NFKC of the whole text otherwise: the index and the queries
must see exactly the terms they always saw."""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from worker.search_terms import (
    GAP,
    PLAIN_BLOCKS,
    RUNS_KEPT,
    document_words,
    normalize,
    runs,
)


def _whole(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def _plain(code: int) -> bool:
    return any(low <= code < high for low, high in PLAIN_BLOCKS)


def test_no_starter_of_the_plain_blocks_is_composed_onto_the_character_before() -> None:
    # What the character-by-character fold rests on, checked against this Python's Unicode
    # database: a canonical pair's second character there is always a combining mark.
    seconds = set()
    for code in range(0x110000):
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            seconds.add(int(parts[1], 16))
    assert seconds
    assert not [c for c in seconds if _plain(c) and unicodedata.combining(chr(c)) == 0]


def test_every_character_alone_is_folded_as_nfkc_folds_it() -> None:
    for code in range(0x10000):
        if 0xD800 <= code < 0xE000:
            continue  # surrogates: not text
        char = chr(code)
        assert normalize(char) == _whole(char), hex(code)


def test_chinese_text_with_full_width_forms() -> None:
    text = "本报讯（记者林晓）ＣＢＡ联赛２０２６年，ｶﾀｶﾅ與豈\u3000“读书月”…"
    assert normalize(text) == _whole(text)
    assert normalize("ＣＯＶＩＤ") == "covid"


# Characters that compose, reorder or decompose with their neighbours, beside plain ones.
TRICKY = (
    "eaoAEkかはカハｶﾊ\u3099\u309a\u309b\u309c\uff9e\uff9f\u0300\u0301\u0308\u0327\u0323"
    "\u1100\u1161\u11a8\u3131\u314f\uac00\uac01\uffa1\u0bc6\u0bbe\u0dd9\u0dcf\u1025\u102e"
    "\u212b\u2126\u00c5\u00e9\u0387\u00b7\u2026\u2025\uff0c\uff08\u3000\uf900\ufa0e\uffff"
    "冬奥会，。、 \n5Gabc"
)
_TRICKY = st.sampled_from(TRICKY)


def test_every_pair_of_tricky_characters_is_folded_as_nfkc_folds_it() -> None:
    for first in TRICKY:
        for second in TRICKY:
            pair = first + second
            assert normalize(pair) == _whole(pair), ascii(pair)


_ANY = st.characters(codec="utf-8", exclude_categories=("Cs",))


@settings(max_examples=500, deadline=None)
@given(st.text(st.one_of(_TRICKY, _ANY), max_size=30))
def test_any_text_is_folded_as_nfkc_folds_it_whole(text: str) -> None:
    assert normalize(text) == _whole(text)


_KEPT = re.compile(f"[{RUNS_KEPT}]")


def test_each_character_an_index_takes_unfolded_keeps_the_runs() -> None:
    # `document_words` skips the fold for texts of these characters alone: each must be
    # its own NFKC form, or fold, from outside a run, to characters outside runs, with no
    # combining mark that NFKC of a whole text could reorder or compose.
    kept = [chr(c) for c in range(0x10000) if _KEPT.match(chr(c))]
    assert len(kept) > 20_000
    for char in kept:
        folded = unicodedata.normalize("NFKC", char)
        assert unicodedata.combining(char) == 0, hex(ord(char))
        if folded != char:
            assert not runs(char) and not runs(folded), hex(ord(char))
            assert not any(unicodedata.combining(c) for c in folded), hex(ord(char))


_KEPT_OR_TRICKY = st.sampled_from(
    "冬奥会“读书月”《青河》，。、：；！？（）…—·％＃ｃ１①℃\u3000\u302a\u203e\u2017abcABC 5G\n"
)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(_KEPT_OR_TRICKY, max_size=20), max_size=4))
def test_document_words_are_the_same_with_or_without_the_fold(fields: list[str]) -> None:
    whole = "\n".join(fields)
    expected: list[str] = []
    for run in runs(whole):
        if expected:
            expected.append(GAP)
        expected.extend(
            [run] if run.isascii() or len(run) < 2 else [a + b for a, b in pairwise(run)]
        )
    assert document_words(fields) == expected
