"""A page's staff and hotline line that an export ran into the text under it, with no line
break (`■编辑：小禾 || 新闻热线：12345678市文旅局近日…`): cut into its furniture, the
editors' credit and the text."""

from __future__ import annotations

import re

from worker.parsing.furniture import BOX_MARKS

__all__ = ["split_staff"]

_STAFF_WORDS = "责任编辑|本版编辑|责编|编辑|美编|编校|校对"
_STAFF_FIRSTS = frozenset(word[0] for word in _STAFF_WORDS.split("|"))
# `编辑：小禾`: a role, its colon and one name, which a bar or a space ends.
_STAFF = re.compile(rf"(?:{_STAFF_WORDS})\s*[:：]\s*[\u4e00-\u9fff·]{{2,4}}")
_GAP = re.compile(r"\s*[|｜]{1,2}\s*|\s+")
# `新闻热线：12345678`, `报料电话:0571-85123456`: the number runs into the text, so the text
# starts where the figures stop.
_HOTLINE = re.compile(
    r"[\u4e00-\u9fff]{0,6}(?:热线|电话)\s*[:：]\s*[0-9０-９][0-9０-９\-－]{4,15}(?![0-9０-９])"
)
_SENTENCE_ENDS = ("。", "！", "？")


def split_staff(text: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The furniture and the units of a staff and hotline line run into the text; None for
    any other line. The staff fields come first, the hotline's number last, the text right
    after its figures: the editors are credited, the marks, bars and hotline are furniture.

    >>> split_staff("■编辑：小禾 || 新闻热线：12345678市文旅局近日启动评选。")
    (('■', '|| 新闻热线：12345678'), ('编辑：小禾', '市文旅局近日启动评选。'))
    >>> split_staff("■编辑：小禾 || 新闻热线：12345678") is None  # furniture alone
    True
    """
    at = len(text) - len(text.lstrip(BOX_MARKS + " \u3000"))
    if text[at : at + 1] not in _STAFF_FIRSTS:
        return None  # nearly every line
    credits: list[str] = []
    furniture = [text[:at].strip()]  # the mark
    end = pos = at
    while (staff := _STAFF.match(text, pos)) is not None:
        gap = _GAP.match(text, staff.end())
        if gap is None:
            return None  # `编辑：小禾市…`: where the name ends is not shown
        if credits:
            furniture.append(text[end : staff.start()].strip())  # bars between two fields
        credits.append(staff.group())
        end, pos = staff.end(), gap.end()
    hotline = _HOTLINE.match(text, pos) if credits else None
    rest = text[hotline.end() :] if hotline is not None else ""
    if hotline is None or not any(mark in rest for mark in _SENTENCE_ENDS):
        return None
    furniture.append(text[end : hotline.end()].strip())
    return tuple(part for part in furniture if part), (*credits, rest)
