"""Byline lines of features, columns, desks and teams: `专题撰文 本报记者 X`, `报道组 X Y 报道`,
a team's or school's `…采访团记者 X Y`, a column's name before its writer (`□东港茶座 X`) or a
byline (`□X 记者 Y/文 Z/图`), and a metro paper's reader-tip note after a closing byline
(`记者 X(报料人:韦先生;线索费:50元)`).

Each reader takes one whole line and returns a `Lead` with nothing after it, or None.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from worker.parsing.byline_text import _NOT_IN_BARE_NAME, _ROLE_AT_START, Lead, match_decoration
from worker.parsing.credit_values import Credits
from worker.parsing.credits import BOTH_WORDS, parse_credits
from worker.parsing.names import is_personal, looks_like_name, split_names

_LINE = 40  # a feature's credit line is short; a longer line is text

# `专题撰文 本报特派记者 X`, `专题摄影 本报记者 Y`: a feature names what it credits (a 专题, a
# 特稿) before the plain role word, and the person's title after it. The word before the role
# is the feature's, no person's: the role and the names after it must read as a credit.
_QUALIFIED_ROLE = re.compile(
    r"[\u4e00-\u9fff]{1,4}?(?P<role>撰文|撰稿|摄影|摄像|文字|图片)\s*[:：]?"
)

# `报道组 X Y 报道`, `本报报道组 X Y`: a desk that signs with its members' names. The desk is
# their title, as 本报记者 is, and credits no one else.
_DESK = re.compile(r"\s*[\u4e00-\u9fff]{0,10}?报道组\s*[:：]?\s*")
_DESK_NAME = re.compile(r"([\u4e00-\u9fff·]{2,4})(?:\s*、\s*|\s+|$|(?=报道|报导))")
_DESK_CLOSING = re.compile(r"(?:报道|报导)\s*[:：]?\s*")
_DESK_SIZE = 6  # members a desk's byline names at most


def desk_byline(text: str, pos: int = 0) -> tuple[Credits, int] | None:
    """A desk's byline from `pos` (`报道组 柯望川 闵小禾 报道 昨日，…`): its members as
    reporters, and where the byline ends (after a closing 报道, if printed).

    >>> credits, end = desk_byline("报道组 柯望川、闵小禾 报道 昨日，")
    >>> credits.reporters, end
    (('柯望川', '闵小禾'), 15)
    """
    m = _DESK.match(text, pos)
    if m is None:
        return None
    end, names = m.end(), list[str]()
    while len(names) < _DESK_SIZE and (name := _DESK_NAME.match(text, end)) is not None:
        if not looks_like_name(name.group(1)) or not is_personal(name.group(1)):
            break
        names.append(name.group(1))
        end = name.end()
    if not names:
        # `（本报报道组）`: the desk alone signs as a body, as `本报调查组` does.
        body = text[pos:end].strip(" ：:")
        return (Credits(others=(body,)), end) if end == len(text) and body else None
    closing = _DESK_CLOSING.match(text, end)
    return Credits(reporters=tuple(names)), closing.end() if closing else end


def feature_credit(text: str, read_lead: Callable[[str], Lead | None]) -> Lead | None:
    """A feature's or a desk's credit line, or a byline closed by a reader-tip note (read by
    `read_lead`), alone on its line.

    >>> from worker.parsing.bylines import parse_lead
    >>> feature_credit("专题摄影 本报记者 闵小禾", parse_lead).credits.photographers
    ('闵小禾',)
    >>> feature_credit("本报报道组 柯望川 闵小禾", parse_lead).credits.reporters
    ('柯望川', '闵小禾')
    >>> feature_credit("记者 柯望川(报料人:韦先生;线索费:50元)", parse_lead).credits.reporters
    ('柯望川',)
    >>> [feature_credit(line, parse_lead) for line in ("专题报道 今年的收成", "报道组织工作")]
    [None, None]
    """
    if len(text) > _LINE:
        return None
    if "报道组" in text:
        desk = desk_of(text)
        return Lead(None, desk, text, "") if desk is not None else None
    if text[-1:] in "）)":
        return _tipped(text, read_lead)
    if "撰" not in text and "摄" not in text and "文字" not in text and "图片" not in text:
        return None  # most lines: a look at a few characters instead of the pattern
    m = _QUALIFIED_ROLE.match(text)
    if m is None or m.start("role") == 0 or not text[m.end() :].strip():
        return None  # the bare role word is read by `parse_lead` itself
    credits = parse_credits(f"{m.group('role')} {text[m.end() :]}", need_role=True)
    if credits is None or credits.unknown_roles or credits.others:
        return None
    people = credits.reporters + credits.photographers + credits.correspondents
    if not people or not all(looks_like_name(name) for name in people):
        return None
    return Lead(None, credits, text, "")


def desk_of(bracket: str) -> Credits | None:
    """A desk's byline filling a bracket: `（报道组 柯望川 闵小禾）`, `（本报报道组）`."""
    desk = desk_byline(bracket.strip()) if "报道组" in bracket else None
    return desk[0] if desk is not None and desk[1] == len(bracket.strip()) else None


def desk_after(text: str, pos: int) -> tuple[Credits | None, int]:
    """A desk's byline after a dateline (`本报讯 报道组 X Y 报道 昨日，…`) and where it ends,
    or `(None, pos)`."""
    desk = desk_byline(text, pos) if "报道组" in text[pos : pos + 16] else None
    return desk if desk is not None else (None, pos)


# `□东港茶座 柯望川`: a column's name, then its writer. The column's name is no credit of a
# person; the writer's role is unstated, as for any bare name under a headline.
_BRAND = re.compile(r"[\u4e00-\u9fff]{2,8}")
# `N东港茶座 柯望川`: the mark turned into a capital letter by an e-paper font, as it is before
# a role word (`N本报记者 X`); here before a column's name and a space.
_FONT_MARK = re.compile(r"[A-Z](?=[\u4e00-\u9fff]{2,8}\s)")
_PLACE_ENDS = "村镇乡庄街路"


def column_writer(text: str) -> Lead | None:
    """A column's name and one writer, alone on a line (whether the line stands where a
    byline does is the caller's call: see `placed_names.promote_name_lines`).

    >>> column_writer("□东港茶座 柯望川").credits.unstated, column_writer("N东港茶座 柯望川").rest
    (('柯望川',), '')
    >>> column_writer("王五 柯望川"), column_writer("致敬 白衣天使"), column_writer("东港 茶座")
    (None, None, None)
    """
    decoration = match_decoration(text) or _FONT_MARK.match(text)
    words = (text[decoration.end() :] if decoration else text).split()
    if len(words) != 2 or not _BRAND.fullmatch(words[0]) or len(words[1]) > 3:
        return None
    brand, name = words
    # The brand is no name and no role; the name is one a byline would vouch for alone.
    if looks_like_name(brand) or split_names(brand, strict=True) is not None:
        return None
    if not looks_like_name(name) or not is_personal(name) or _NOT_IN_BARE_NAME.search(name):
        return None
    if name[-1] in _PLACE_ENDS:
        return None  # `春耕正当时 王家村`: a headline over the village it is about
    if parse_credits(brand, need_role=True) is not None:
        return None  # `本报记者 柯望川` is read as the byline it is
    return Lead(None, Credits(unstated=(name,)), text, "")


def marked_byline(text: str, read_lead: Callable[[str], Lead | None]) -> Lead | None:
    """`□柯望川 记者 闵小禾/文 许达/图`: a marked word before a byline read by `read_lead`,
    the whole line. A name there is a writer whose role is unstated, as `□ X` alone under a
    headline; a column's name (`□东港茶座 记者 …`) credits no one.

    >>> from worker.parsing.bylines import parse_lead
    >>> lead = marked_byline("□柯望川 记者 闵小禾/文 许达/图", parse_lead)
    >>> lead.credits.unstated, lead.credits.reporters, lead.credits.photographers
    (('柯望川',), ('闵小禾',), ('许达',))
    >>> marked_byline("□东港茶座 记者 闵小禾/文", parse_lead).credits.unstated
    ()
    >>> marked_byline("柯望川 记者 闵小禾/文 许达/图", parse_lead).credits.unstated
    ('柯望川',)
    >>> marked_byline("东港茶座 记者 闵小禾/文", parse_lead) is None
    True
    """
    decoration = match_decoration(text) if len(text) <= _LINE else None
    if decoration is None and len(text) <= _LINE:
        # `柯望川 记者 闵小禾/文 许达/图` with no mark: only a name may stand first then, and
        # a role word right after it.
        first, rest = _first_word(text)
        if not _unmarked_name(first):
            return None
        if _ROLE_AT_START.match(rest) is None:
            # `王海燕 陈曙光 记者 陆荣春`: more names before the role, each unstated.
            inner = marked_byline(rest, read_lead) if " " in rest else None
            if inner is None or not inner.credits.unstated:
                return None
            return Lead(None, Credits(unstated=(first,)).merged(inner.credits), text, "")
    else:
        first, rest = _first_word(text[decoration.end() :]) if decoration else ("", "")
    if not rest.strip() or not _BRAND.fullmatch(first):
        return None
    lead = read_lead(rest.strip())
    if lead is None or lead.rest or lead.dateline or not lead.credits.writers:
        return None
    if parse_credits(first, need_role=True) is not None:
        return None  # `□本报记者 X …` is read as the byline it is
    if _unmarked_name(first):
        return Lead(None, Credits(unstated=(first,)).merged(lead.credits), text, "")
    if looks_like_name(first) or split_names(first, strict=True) is not None:
        return None  # names that no byline vouches for: not a column's name either
    return Lead(None, lead.credits, text, "")


_PADDED_NAME = re.compile(r"([\u4e00-\u9fff])[ \u3000]{1,2}([\u4e00-\u9fff])(?:[ \u3000]|$)")


def _first_word(text: str) -> tuple[str, str]:
    """The first word of a byline line and the rest; a two-character name padded to the width
    of three is one word (`齐 岚 贾文轩 …` gives `齐岚`).

    >>> _first_word("齐 岚 贾文轩 记者 乔远")
    ('齐岚', '贾文轩 记者 乔远')
    """
    padded = _PADDED_NAME.match(text)
    if padded is not None:
        return padded.group(1) + padded.group(2), text[padded.end() :].lstrip()
    first, _, rest = text.partition(" ")
    return first, rest


def _unmarked_name(word: str) -> bool:
    """Is `word` a person's full name a byline line may open with (`柯望川`, not `东港茶座`)?"""
    return (
        2 <= len(word) <= 3
        and looks_like_name(word)
        and is_personal(word)
        and not _NOT_IN_BARE_NAME.search(word)
    )


# `记者 柯望川(报料人:韦先生;线索费:50元)`: a metro paper notes who tipped it off and what the
# tip earned, as fields in a bracket after the closing byline. The fields credit no writer:
# the tipster is a reader, not a person of the byline.
_NOTE_SPAN = 80  # characters from the end of the line where such a note may open
_FIELDS = re.compile(
    r"[（(]\s*(?:[\u4e00-\u9fff]{2,5}\s*[:：]\s*[^:：;；()（）]{1,16}?\s*[;；，,]?\s*){1,4}[）)]$"
)


def _tipped(text: str, read_lead: Callable[[str], Lead | None]) -> Lead | None:
    tip = split_tip_note(text)
    lead = read_lead(tip[0]) if tip is not None else None
    if lead is None or lead.rest or lead.dateline or not lead.credits.writers:
        return None
    return Lead(None, lead.credits, text, "")


def is_tip(text: str) -> bool:
    """Is `text` only a reader-tip note in brackets: `(报料人:韦先生;线索费:50元)`?"""
    return text[:1] in "(（" and _FIELDS.fullmatch(text) is not None


def split_tip_note(text: str) -> tuple[str, str] | None:
    """The text before a bracket of note fields closing a line, and that bracket.

    >>> split_tip_note("记者 柯望川(报料人:韦先生;线索费:50元)")
    ('记者 柯望川', '(报料人:韦先生;线索费:50元)')
    >>> split_tip_note("记者 柯望川（青河大学教授）")
    """
    if text[-1:] not in "）)":
        return None
    at = max(text.rfind("(", -_NOTE_SPAN), text.rfind("（", -_NOTE_SPAN))
    if at <= 0 or (":" not in text[at:] and "：" not in text[at:]):
        return None  # most lines: no bracket of fields at the end
    m = _FIELDS.match(text, at)
    if m is None:
        return None
    return text[:at].rstrip(), m.group()


# `【环球时报报道 特约记者 X】…`, `【青河网讯 记者 X】…`: a dateline and its byline in one
# frame, set apart by a space; the byline names its role (a column's tag does not).
_FRAMED_LEAD = re.compile(
    r"【\s*(?P<dateline>[\u4e00-\u9fff]{2,12}?(?:报道|讯|电))\s+(?P<byline>[^【】]{3,24}?)\s*】"
)


def framed_lead(text: str) -> Lead | None:
    """`【环球时报报道 特约记者 张三】…`: the dateline and byline in a frame opening a line."""
    m = _FRAMED_LEAD.match(text)
    credits = parse_credits(m.group("byline"), need_role=True) if m is not None else None
    if m is None or credits is None:
        return None
    return Lead(m.group("dateline"), credits, m.group(), text[m.end() :].strip())


# `…恢复通行。 记者 柯望川 文/图 线索提供 韦大年`: the reader who tipped the paper off, named
# after the closing byline with no bracket. Like the bracketed note, it credits no writer.
_TIP_CREDIT = re.compile(r"\s+(?:新闻)?(?:线索提供人?|[报爆]料人)\s*[:：]?\s*[\u4e00-\u9fff·]{2,6}")
_TIP_SPAN = 24  # characters from the end of the line where such a credit may open


def split_tip_credit(text: str) -> tuple[str, str] | None:
    """The text before an unbracketed tipster's credit closing a line, and that credit.

    >>> split_tip_credit("…处理。 记者 柯望川 文/图 线索提供 韦大年")
    ('…处理。 记者 柯望川 文/图', ' 线索提供 韦大年')
    >>> split_tip_credit("…他是这条线索的提供者")
    """
    end = text[-_TIP_SPAN:]
    if "线索" not in end and "料人" not in end:
        return None  # most lines
    for m in _TIP_CREDIT.finditer(text, max(0, len(text) - _TIP_SPAN)):
        if m.end() == len(text) and m.start() > 0:
            return text[: m.start()], m.group()
    return None


# A byline whose role is qualified by a team or body rather than a paper: `“三个代表”在基层
# 采访团记者 何伟 李钧德`, `省委宣传部采访组记者 X`. The whole line must be that byline.
# A school and class before a pupil's role count the same: `慈溪市实验小学404班小记者 戎仪`.
# A class may be numbered in brackets and the names set off by a slash, the whole line between
# dots: `·通川区第七小学新锦学校四(1)班小记者/李可人·`.
_TEAM_ROLE = re.compile(r"[“”\"\u4e00-\u9fff0-9（）()]{2,18}?(?P<role>记者|通讯员)\s*[/／:：]?\s*")
_DOTS = "·•・ "
# A note in brackets after the names: `(证号03878)`, `(新顺居民区)`; or `文/图` closing them.
NOTE_AFTER = re.compile(r"\s*[（(][^（()）]{1,12}[）)]$")
_BOTH_AFTER = re.compile(rf"\s*(?:{BOTH_WORDS})$")
_REPORTED_AFTER = re.compile(r"\s*(?:报道|报导)$")  # `青河记者 X 报道`: they wrote it


def team_byline(text: str) -> Lead | None:
    """A team's or school's byline filling a line: `省委宣传部采访组记者 柯望川`.

    >>> team_byline("N青河都记者 柯望川 文/图").credits.photographers
    ('柯望川',)
    """
    if len(text) > 40 or ("记者" not in text and "通讯员" not in text):
        return None  # every `_TEAM_ROLE` holds one of the two
    decoration = match_decoration(text)  # `N青都记者 X`: the mark a font made a capital
    inner = text[decoration.end() if decoration else 0 :].strip(_DOTS)
    m = _TEAM_ROLE.match(inner)
    if m is None:
        return None
    note = NOTE_AFTER.search(inner, m.end())
    end = note.start() if note else len(inner)
    both = _BOTH_AFTER.search(inner, m.end(), end)  # `青都记者 X Y 文/图`: they wrote and shot
    both = both or _REPORTED_AFTER.search(inner, m.end(), end)
    names = split_names(inner[m.end() : both.start() if both else end], strict=True)
    if names is None or not 1 <= len(names) <= 4 or not all(map(is_personal, names)):
        return None
    closing = both.group() if both else ""
    credits = parse_credits(f"{m.group('role')} {' '.join(names)}{closing}", need_role=True)
    return Lead(None, credits, text, "") if credits else None
