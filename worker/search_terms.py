"""Index terms for search in Chinese text, where no spaces mark words: overlapping character
bigrams of each CJK run, lower-cased ASCII words and numbers as whole terms, and a query
made into the phrases that must match. Pure: no database, no HTTP.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from operator import add

MAX_QUERY = 100  # characters of a query kept; longer ones are cut (they are typed by hand)
POSITION_LIMIT = 16383  # the largest position a PostgreSQL tsvector keeps

# CJK ideographs (basic, extension A, compatibility), kana and hangul: scripts written
# without spaces. ASCII letters and digits are words; everything else separates runs.
_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]+|[a-z0-9]+")
# What fills a gap between runs in an FTS5 document: a letter FTS5 keeps as a token but no
# query can produce (queries keep CJK and ASCII only), so "疫情，情况" never matches 疫情况.
GAP = "\u01c2"


@dataclass(frozen=True)
class Query:
    """What a query asks for: `phrases`, each a tuple of terms that must stand next to each
    other, all of them in the article; `singles`, lone CJK characters a bigram index cannot
    find, matched in headlines instead; `needles`, the runs as typed, for snippets."""

    phrases: tuple[tuple[str, ...], ...]
    singles: tuple[str, ...]
    needles: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not self.phrases and not self.singles


def normalize(text: str) -> str:
    """Full-width forms folded (NFKC) and lower-cased: ``normalize("ＣＯＶＩＤ")`` →
    ``"covid"``.

    Character by character (`_Folds`) when every character's form is its own; CPython's
    NFKC of a whole Chinese text costs twice that, and every ingest indexes its articles.
    """
    folded = text.translate(_FOLDS)
    if _ALONE_NOT in folded:  # a character whose form may depend on its neighbours
        folded = unicodedata.normalize("NFKC", text)
    return folded.lower()


# Blocks none of whose starters is the second of a pair that canonical composition joins
# (tests/unit/test_search_normalize.py checks it against the Unicode database): Latin-1,
# general punctuation, CJK symbols and kana, CJK ideographs, compatibility ideographs.
PLAIN_BLOCKS = (
    (0x0000, 0x0100), (0x2000, 0x2070), (0x3000, 0x3100), (0x3400, 0x4DC0), (0x4E00, 0xA000),
    (0xF900, 0xFB00),
)  # fmt: skip
_ALONE_NOT = "\uffff"  # a noncharacter; itself outside the plain blocks, so never taken alone


class _Folds(dict[int, str]):
    """Code point → its NFKC form, for characters whose compatibility decomposition (NFKD)
    is made of starters of `PLAIN_BLOCKS` only; any other → `_ALONE_NOT`. In a text of
    such characters NFKC reorders nothing (no combining marks) and composes nothing (no
    second of a pair), so the text's form is its characters' forms in a row. Filled as
    characters are met: a few thousand for Chinese text."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        alone = all(
            unicodedata.combining(part) == 0
            and any(low <= ord(part) < high for low, high in PLAIN_BLOCKS)
            for part in unicodedata.normalize("NFKD", char)
        )
        form = unicodedata.normalize("NFKC", char) if alone else _ALONE_NOT
        self[code] = form
        return form


_FOLDS = _Folds()


def runs(text: str) -> list[str]:
    """The runs of one script in `text`: ``runs("5G网络，冬奥会")`` →
    ``["5g", "网络", "冬奥会"]``."""
    return _RUN.findall(normalize(text))


def run_terms(run: str) -> list[str]:
    """A run's terms: bigrams of a CJK run, the word itself for ASCII. ``run_terms("冬奥会")``
    → ``["冬奥", "奥会"]``; a one-character CJK run is its own term."""
    if run.isascii() or len(run) < 2:
        return [run]
    return list(map(add, run, run[1:]))  # each character with the next


def positioned_terms(fields: Iterable[str | None]) -> list[tuple[str, int]]:
    """Every term of the fields with its position (from 1), a position left out between runs
    so that no phrase matches across punctuation or from one field into the next.
    ``positioned_terms(["冬奥会", "abc"])`` → ``[("冬奥", 1), ("奥会", 2), ("abc", 4)]``."""
    terms: list[tuple[str, int]] = []
    position = 0
    for field in fields:
        for run in runs(field or ""):
            for term in run_terms(run):
                position += 1
                terms.append((term, position))
            position += 1
    return terms


def fts_document(fields: Iterable[str | None]) -> str:
    """The terms as one space-separated text for an FTS5 column, gaps filled with `GAP`:
    ``fts_document(["冬奥会", "abc"])`` → ``"冬奥 奥会 ǂ abc"``."""
    return " ".join(document_words(fields))


def document_words(fields: Iterable[str | None]) -> list[str]:
    """The words of the fields' index document: the terms `positioned_terms` gives, in
    order, and `GAP` at each position it leaves out between runs, so the nth word stands
    at position n. Built without listing positions: a run's terms, and one gap before each
    run but the first (a field with no run leaves no gap of its own). Every ingest indexes
    each article it stores, so this is on the ingest's path."""
    # A line break between fields: NFKC composes nothing across it, and no run holds it.
    text = "\n".join(field or "" for field in fields)
    text = text.lower() if _RUNS_KEPT.fullmatch(text) else normalize(text)
    words: list[str] = []
    for run in _RUN.findall(text):
        if words:
            words.append(GAP)
        words.extend(run_terms(run))
    return words


# Characters that `normalize` leaves as they are, or folds to other characters outside
# runs (full-width punctuation to ASCII's, `…` to dots), without combining marks: a text
# of these alone has the same runs folded or not, so the index takes it as it is, lower-
# cased, where folding costs a dictionary lookup a character. Most Chinese articles are
# such texts. (tests/unit/test_search_normalize.py checks each against NFKC.)
RUNS_KEPT = (
    "\x00-\x7f\xb7\u2010-\u2016\u2018-\u2027\u2030-\u203d\u203f-\u205e"
    "\u3000-\u3029\u3030-\u3037\u303b-\u303f\u3400-\u4dbf\u4e00-\u9fff"
    "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff5e"
)
_RUNS_KEPT = re.compile(f"[{RUNS_KEPT}]*")


def tsvector_document(fields: Iterable[str | None]) -> tuple[str, bool]:
    """A PostgreSQL `tsvector` literal of the fields' terms at their positions, and
    `beyond_positions` of the same terms, from `document_words`: each term at its
    position, a repeated term once per position (PostgreSQL's input joins them into one
    lexeme, as `tsvector_literal` writes it, and keeps its first 256 positions).

    >>> tsvector_document(["冬奥会", "奥会 abc"])
    ("'冬奥':1 '奥会':2 '奥会':4 'abc':6", False)
    """
    words = document_words(fields)
    if not words:
        return "", False
    # Terms are runs of CJK or ASCII letters and digits: no quote or backslash to escape.
    literal = " ".join([f"'{word}':{n}" for n, word in enumerate(words, 1) if word != GAP])
    counts = Counter(words)
    counts.pop(GAP, None)
    beyond = len(words) > POSITION_LIMIT or max(counts.values()) > 256
    return literal, beyond


def tsvector_literal(terms: list[tuple[str, int]]) -> str:
    """`positioned_terms` as PostgreSQL `tsvector` input (lexemes with positions), read by a
    cast and never by the locale-dependent text parser:
    ``tsvector_literal(positioned_terms(["冬奥会"]))`` → ``"'冬奥':1 '奥会':2"``."""
    places: dict[str, list[int]] = {}
    for term, position in terms:
        places.setdefault(term, []).append(position)
    return " ".join(
        f"{_quote(term)}:{','.join(str(p) for p in positions[:256])}"
        for term, positions in places.items()
    )


def beyond_positions(terms: list[tuple[str, int]]) -> bool:
    """Whether PostgreSQL cannot keep every position of `terms`: it stores positions past
    16383 as 16383 and at most 256 per lexeme, so a phrase there must be checked in the
    text (an article of some 16,000 characters: a long report or a full speech)."""
    counts: dict[str, int] = {}
    for term, _ in terms:
        counts[term] = counts.get(term, 0) + 1
    return bool(terms) and (terms[-1][1] > POSITION_LIMIT or max(counts.values()) > 256)


def parse_query(text: str) -> Query:
    """A query typed by a reader: ``parse_query("冬奥 王孟鹤")`` asks for the phrase
    (冬奥) and the phrase (王孟, 孟鹤); ``parse_query("雪")`` for the headline character 雪.
    Words in any order, all required; punctuation and other scripts are ignored."""
    found = runs(text[:MAX_QUERY])
    phrases = tuple(dict.fromkeys(tuple(run_terms(r)) for r in found if len(r) > 1 or r.isascii()))
    singles = tuple(dict.fromkeys(r for r in found if len(r) == 1 and not r.isascii()))
    return Query(phrases, singles, tuple(dict.fromkeys(found)))


def fts_match(query: Query) -> str:
    """The FTS5 MATCH expression of the query's phrases, each term quoted:
    ``fts_match(parse_query("冬奥会 5G"))`` → ``'"冬奥 奥会" AND "5g"'``."""
    return " AND ".join('"' + " ".join(phrase) + '"' for phrase in query.phrases)


def tsquery_literal(query: Query, *, ordered: bool = True) -> str:
    """The PostgreSQL `tsquery` input of the query's phrases (`<->`: next to each other;
    `&` when not `ordered`): ``tsquery_literal(parse_query("冬奥会"))`` →
    ``"('冬奥' <-> '奥会')"``."""
    join = " <-> " if ordered else " & "
    return " & ".join(
        "(" + join.join(_quote(term) for term in phrase) + ")" for phrase in query.phrases
    )


def phrase_runs(query: Query) -> list[str]:
    """The text each phrase stands for: ``phrase_runs(parse_query("冬奥会 5G"))`` →
    ``["冬奥会", "5g"]``."""
    return [phrase[0] + "".join(term[1:] for term in phrase[1:]) for phrase in query.phrases]


def search_text(fields: Iterable[str | None]) -> str:
    """The fields normalized and joined by newlines: what a phrase's run must appear in."""
    return "\n".join(normalize(field or "") for field in fields)


def snippet(text: str, needles: Iterable[str], width: int = 60) -> tuple[str, str, str]:
    """`(before, match, after)` around the first needle found in `text` (compared after
    `normalize`), about `width` characters in all; the start of the text when none is found.
    ``snippet("今年冬奥会在北京举行", ["冬奥"], 8)`` → ``("今年", "冬奥", "会在北京…")``."""
    folded = normalize(text)
    best: tuple[int, str] | None = None
    for needle in needles:
        at = folded.find(needle) if needle else -1
        if at >= 0 and len(folded) == len(text) and (best is None or at < best[0]):
            best = (at, needle)
    if best is None:
        return ("", "", text[:width] + ("…" if len(text) > width else ""))
    at, needle = best
    start = max(0, at - (width - len(needle)) // 3)
    end = min(len(text), start + width)
    before = ("…" if start > 0 else "") + text[start:at]
    after = text[at + len(needle) : end] + ("…" if end < len(text) else "")
    return (before, text[at : at + len(needle)], after)


def _quote(term: str) -> str:
    """A lexeme quoted for tsvector/tsquery input (terms hold no quotes or backslashes, but
    the quoting does not rely on it)."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"
