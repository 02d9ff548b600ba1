"""Search terms: CJK runs as overlapping bigrams, ASCII words whole, queries as phrases."""

from __future__ import annotations

from worker.search_terms import (
    GAP,
    MAX_QUERY,
    beyond_positions,
    fts_document,
    fts_match,
    parse_query,
    phrase_runs,
    positioned_terms,
    run_terms,
    runs,
    snippet,
    tsquery_literal,
    tsvector_document,
    tsvector_literal,
)

# Texts whose index rows must come out as the term-by-term path makes them.
SAMPLES = [
    ["青河区举办“读书月”活动", None, "本报讯（记者林晓）", "", "5G覆盖ＣＯＶＩＤ-19病例。雪"],
    [None, "", "，。"],
    ["abc", "冬", "奥", "冬奥会"],
    ["ＣＢＡ联赛２０２６年，\n第二段"],
    ["冬奥冬奥", "冬奥"],
    [],
    ["冬奥会。" * 6000],
    ["冬奥。" * 300],
    ["冬奥。" * 256, "abc " * 255],
]


def test_cjk_runs_become_overlapping_bigrams() -> None:
    assert run_terms("冬奥会") == ["冬奥", "奥会"]
    assert run_terms("疫情") == ["疫情"]
    assert run_terms("雪") == ["雪"]


def test_ascii_words_and_numbers_are_whole_lower_case_terms() -> None:
    assert runs("5G网络覆盖COVID-19病例") == ["5g", "网络覆盖", "covid", "19", "病例"]


def test_full_width_letters_and_digits_fold_to_ascii() -> None:
    assert runs("ＣＢＡ联赛２０２６") == ["cba", "联赛", "2026"]


def test_punctuation_leaves_a_position_gap_so_phrases_never_cross_it() -> None:
    terms = positioned_terms(["疫情，情况"])
    assert terms == [("疫情", 1), ("情况", 3)]
    assert fts_document(["疫情，情况"]) == f"疫情 {GAP} 情况"


def test_fields_are_kept_apart_like_punctuation() -> None:
    assert fts_document(["冬奥", "会场"]) == f"冬奥 {GAP} 会场"


def test_the_fts_document_holds_each_term_at_its_position() -> None:
    # What SQLite's index holds must match the positions PostgreSQL's is given: the term
    # at position n is the document's nth word, gaps included.
    cases = [
        ["青河区举办“读书月”活动", None, "本报讯（记者林晓）", "", "5G覆盖ＣＯＶＩＤ-19病例。雪"],
        [None, "", "，。"],
        ["abc", "冬", "奥", "冬奥会"],
        ["ＣＢＡ联赛２０２６年，\n第二段"],
        [],
    ]
    for fields in cases:
        words = fts_document(fields).split(" ") if positioned_terms(fields) else []
        expected = {position: term for term, position in positioned_terms(fields)}
        assert len(words) == max(expected, default=0)
        assert {n: w for n, w in enumerate(words, 1) if w != GAP} == expected


def test_a_query_is_one_phrase_per_run_all_required() -> None:
    query = parse_query("冬奥会 王孟鹤")
    assert query.phrases == (("冬奥", "奥会"), ("王孟", "孟鹤"))
    assert fts_match(query) == '"冬奥 奥会" AND "王孟 孟鹤"'
    assert tsquery_literal(query) == "('冬奥' <-> '奥会') & ('王孟' <-> '孟鹤')"
    assert tsquery_literal(query, ordered=False) == "('冬奥' & '奥会') & ('王孟' & '孟鹤')"
    assert phrase_runs(query) == ["冬奥会", "王孟鹤"]


def test_a_single_cjk_character_is_looked_for_in_headlines() -> None:
    query = parse_query("雪")
    assert query.phrases == ()
    assert query.singles == ("雪",)
    assert not query.empty


def test_quotes_and_operators_in_a_query_are_only_separators() -> None:
    query = parse_query('"疫情" OR NOT\' ; --')
    assert fts_match(query) == '"疫情" AND "or" AND "not"'
    assert parse_query("'\"；！").empty


def test_long_queries_are_cut() -> None:
    assert len(parse_query("疫" * 500).needles[0]) == MAX_QUERY


def test_tsvector_literal_keeps_positions_of_repeated_terms() -> None:
    assert tsvector_literal(positioned_terms(["冬奥冬奥"])) == "'冬奥':1,3 '奥冬':2"


def lexemes(literal: str) -> dict[str, list[int]]:
    """What PostgreSQL makes of a `tsvector` literal of quoted terms: each lexeme once,
    its positions sorted, without repeats, the first 256 kept, past 16383 read as 16383."""
    found: dict[str, set[int]] = {}
    for entry in literal.split(" ") if literal else []:
        term, _, places = entry.rpartition(":")
        found.setdefault(term.strip("'"), set()).update(
            min(int(p), 16383) for p in places.split(",")
        )
    return {term: sorted(places)[:256] for term, places in sorted(found.items())}


def test_the_tsvector_document_is_the_term_by_term_literal() -> None:
    for fields in SAMPLES:
        terms = positioned_terms(fields)
        literal, beyond = tsvector_document(fields)
        assert lexemes(literal) == lexemes(tsvector_literal(terms))
        assert beyond == beyond_positions(terms)


def test_a_repeated_term_is_written_at_each_of_its_positions() -> None:
    written = tsvector_document(["冬奥会", "奥会 abc"])
    assert written == ("'冬奥':1 '奥会':2 '奥会':4 'abc':6", False)


def test_only_very_long_texts_outrun_tsvector_positions() -> None:
    assert not beyond_positions(positioned_terms(["冬奥会在北京举行", "苏明远"]))
    assert beyond_positions(positioned_terms(["冬奥会。" * 6000]))
    assert beyond_positions(positioned_terms(["冬奥。" * 300]))  # 300 times one lexeme


def test_snippet_cuts_around_the_first_match() -> None:
    text = "今年冬奥会在北京举行，冬奥村开放参观。"
    assert snippet(text, ["冬奥"], 8) == ("今年", "冬奥", "会在北京…")
    assert snippet(text, ["没有"], 4) == ("", "", "今年冬奥…")
