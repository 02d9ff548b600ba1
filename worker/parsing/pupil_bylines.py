"""A pupil's or student's author line under the head of a school page: the class, the name and
the teacher who guided the piece (`●城东小学五(2)班 柯小舟 指导老师 岑明`), or the prize the
piece won before the class (`一等奖获得者:2019级史学3班柯晓禾`)."""

from __future__ import annotations

import re

from worker.parsing.byline_text import Lead, match_decoration
from worker.parsing.credit_values import Credits
from worker.parsing.credits import MENTOR_WORDS, parse_credits
from worker.parsing.names import looks_like_name

__all__ = ["pupil_byline"]

# The class closes the first word (`五(2)班`, `三年级一班`); then the pupil, then the teacher.
_PUPIL_LINE = re.compile(
    r"(?P<school>\S{2,24}?班)\s+(?P<name>[\u4e00-\u9fff]{2,4})\s+"
    rf"(?P<mentor>(?:{MENTOR_WORDS})\s*[:：]?\s*[\u4e00-\u9fff]{{2,4}})"
)
# A contest's winner line on a campus paper: the prize, a colon, the class (closing in `班`)
# and the student, often glued to it (`特别奖获得者:2019级史学3班柯晓禾`). The prize label says
# the line names who wrote the piece, so no teacher is needed after it.
_PRIZE_LINE = re.compile(
    r"[\u4e00-\u9fff]{1,8}(?:获得者|获奖者|得主)\s*[:：]\s*"
    r"(?P<school>\S{2,24}?班)\s*(?P<name>[\u4e00-\u9fff]{2,4})"
)


def pupil_byline(text: str) -> Lead | None:
    """`●城东小学五(2)班 柯小舟 指导老师 岑明`: the pupil wrote the piece (no role word: the
    role is unstated), the teacher is credited as guiding it; the school and class say who
    the pupil is and credit no one.

    >>> lead = pupil_byline("●城东小学五(2)班 柯小舟 指导老师 岑明")
    >>> lead.credits.unstated, lead.credits.others
    (('柯小舟',), ('指导老师 岑明',))
    >>> pupil_byline("一等奖获得者:2019级史学3班柯晓禾").credits.unstated
    ('柯晓禾',)
    """
    mark = match_decoration(text)
    start = mark.end() if mark else 0
    prize = _PRIZE_LINE.fullmatch(text, start)
    if prize is not None and looks_like_name(name := prize.group("name")):
        return Lead(None, Credits(unstated=(name,)), text, "")
    m = _PUPIL_LINE.fullmatch(text, start)
    if m is None or not looks_like_name(name := m.group("name")):
        return None
    mentor = parse_credits(m.group("mentor"), need_role=True)
    if mentor is None:
        return None
    return Lead(None, mentor.merged(Credits(unstated=(name,))), text, "")
