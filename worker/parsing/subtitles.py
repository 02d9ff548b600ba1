"""Lines under a title that are not its main headline: a subtitle printed without its dash
(the second line of a two-line head that explains the first rather than being the main
headline under a kicker), a repost's note of the printed title, and an editor's note's
label."""

from __future__ import annotations

import re

# Calibrated on the heads the parser knows (fixtures, the sample, the corpus): no main
# headline under a kicker runs past 18 characters, and no headline past 20 characters has a
# clause mark in it, while a subtitle explains its headline in a longer phrase (spec 4).
_EXPLAINING = 20
_CLAUSE = re.compile("[，,；;]")
_KICKER_ENDS = "：:—－-─"  # `县乡村振兴局：`, `冬季供暖准备就绪——` end a kicker


def explains(first: str, second: str) -> bool:
    """Is `second`, printed without a dash, the subtitle of the headline `first`: a line of
    clauses at least twice as long (`老旧小区换新颜` / `全市今年完成四十个老旧小区改造，惠及
    居民一万两千户`)? A main headline under a kicker is short: `乡村振兴进行时` / `白沙村：一条
    新路，富了一村人` stays kicker and headline, as the spec reads two lines by default.

    >>> explains("老旧小区换新颜", "全市今年完成四十个老旧小区改造，惠及居民一万两千户")
    True
    >>> explains("乡村振兴进行时", "白沙村：一条新路，富了一村人")
    False
    """
    if len(second) <= _EXPLAINING or len(second) < 2 * len(first):
        return False
    return first[-1:] not in _KICKER_ENDS and _CLAUSE.search(second) is not None


# A repost's note of the printed title under its own: `（原标题：…）`, `原标题:…`.
_TITLE_NOTE = re.compile(r"[（(]?\s*原标题\s*[:：]")


def is_title_note(text: str) -> bool:
    """`（原标题：新桥今日通车）`: a note on the title, never a line of the head group."""
    return text[:1] in "（(原" and _TITLE_NOTE.match(text) is not None


# An editor's note's label alone on its line (`编者按`, `【编者按】`, `编者按：`) opens the
# note's text. Under a package's title it names the item (`聚焦秋收` / `编者按`); it
# never opens a head group of its own.
_NOTE_LABEL = re.compile(r"[【\[]?\s*编\s*者\s*按\s*[】\]]?\s*[:：]?")


# The label with the note's text after it on the same line: `编者按：老旧小区…`, `【编者按】…`.
_NOTE_TEXT = re.compile(r"[【\[]?\s*编\s*者\s*按\s*(?:[】\]]\s*[:：]?|[:：])\s*[^\s:：]")


def opens_note(text: str) -> bool:
    """`编者按：老旧小区…`: an editor's note with its text on the label's line.

    >>> opens_note("编者按：本报今起开设专栏"), opens_note("编者按："), opens_note("编者按")
    (True, False, False)
    """
    return text[:1] in "编【[" and _NOTE_TEXT.match(text) is not None


def is_note_label(text: str) -> bool:
    """`【编者按】` alone: the label of the editor's note below it.

    >>> is_note_label("【编者按】"), is_note_label("编者按：本报今起开设专栏。")
    (True, False)
    """
    return text[:1] in "编【[" and _NOTE_LABEL.fullmatch(text) is not None
