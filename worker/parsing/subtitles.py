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


# A byline ends in a name; a head line that says who took part ends in the verb (`柯立新出席`,
# `柯立新参加并讲话`), though its characters may split into two short names.
PRESENCE_VERB = re.compile(r"(?:参加|出席|讲话|致辞|主持|陪同|看望|慰问|调研|视察)$")
_ATTENDANCE_LINE = 10  # a name or two and the verb


def says_who_attended(first: str, second: str) -> bool:
    """Is `second` a short line under a long headline that names who took part (`柯立新出席`
    under `青河县召开…推进会`)? It tells more of the headline's event: the subtitle.

    >>> says_who_attended("青河县召开防汛抗旱工作推进会", "柯立新出席")
    True
    """
    if len(second) > _ATTENDANCE_LINE or len(first) < 2 * len(second):
        return False
    return PRESENCE_VERB.search(second) is not None


# A repost's note of the printed title under its own: `（原标题：…）`, `原标题:…`.
_TITLE_NOTE = re.compile(r"[（(]?\s*原标题\s*[:：]")


def is_title_note(text: str) -> bool:
    """`（原标题：新桥今日通车）`: a note on the title, never a line of the head group. With
    its role labelled after it (`原标题：青河新桥（引题）`) the line is a head line: see
    `ROLE_LABEL`."""
    if text[:1] not in "（(原" or _TITLE_NOTE.match(text) is None:
        return False
    return text[-1:] not in "）)" or ROLE_LABEL.search(text) is None


# A repost labels each head line with its role after it: `青河新桥（引题）`, `通车了(主题)`.
ROLE_LABEL = re.compile(r"\s*[（(]\s*(?P<role>[引肩眉主正副])\s*题\s*[）)]$")


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


# Who stands where in a picture: `李青(左)与村民在梨园里劳作`, `…（右二）…`, `（前排左三）`.
_POSITION = re.compile(r"[（(](?:前排|后排|中排)?[左右][一二三四五六七八九1-9]?[）)]")


def places_people(text: str) -> bool:
    """Does `text` say who stands where in a picture, as only a caption does?

    >>> places_people("李青(左)与村民在梨园里劳作"), places_people("左右为难（上）")
    (True, False)
    """
    return ("左" in text or "右" in text) and _POSITION.search(text) is not None


# A caption that says it is one: `新桥与旧桥(资料图)`, `…（资料图片）`, `…(青河图库供图)`.
_MARKED_CAPTION = re.compile(r"[（(]\s*(?:资料图片?|资料照片|[^（()）]{0,12}供图)\s*[）)]$")


def is_marked_caption(text: str) -> bool:
    """`新桥与旧桥(资料图)`: a line closed by the mark of a picture's caption.

    >>> is_marked_caption("新桥与旧桥(资料图)"), is_marked_caption("新桥通车(图)")
    (True, False)
    """
    return text[-1:] in "）)" and _MARKED_CAPTION.search(text) is not None
