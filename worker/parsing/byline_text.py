"""Pieces every byline reader shares: the `Lead` and `Tail` values, the marks and role words
that open or close a byline, and the reading of role words and names run into text.

Every parser of bylines returns what it consumed *as printed* (role words, brackets, names) so
the caller can account for it, and the remaining text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from worker.parsing.credit_values import Credits
from worker.parsing.credits import (
    BOTH_WORDS,
    PLACE_REPORT,
    POST_WORDS,
    ROLE_WORDS,
    STACKED,
    parse_credits,
)
from worker.parsing.headlines import is_headline_line, opens_like_sentence
from worker.parsing.names import is_surname, looks_like_name, split_names

# Marks before a byline; some e-paper fonts turn the mark into a capital letter, seen only
# right before a role word (`N本报记者 X`), or a paper's short name and its role (`N青都记者 X`).
_DECORATION_MARKS = "□■◎●○◆◇▲△★☆"
BYLINE_MARKS = "□■◎"  # the box marks of a byline alone (a caption's `▲` points at a picture)
_DECORATION = re.compile(
    rf"[{_DECORATION_MARKS}]\s*"
    r"|[A-Z](?=本报|记者|通讯员|特约|首席|见习|实习|[\u4e00-\u9fff]{1,6}?(?:记者|通讯员))"
)
_BRACKET_AT_START = re.compile(r"\s*[（(【\[]([^（()）【】\[\]]{1,80})[）)】\]]")
_BRACKET_AT_END = re.compile(r"[（(【\[]([^（()）【】\[\]]{1,60})[）)】\]]$")
_BRACKET_CLOSERS = "）)】]"
_SENTENCE_END = "。！？!?…”’』」"
_SPACE = re.compile(r"\s*")
_ROLE_AT_START = re.compile(rf"(?:{BOTH_WORDS}|{STACKED}|{ROLE_WORDS}|[图文摄]\s*[/／:：|｜丨])")


def match_decoration(text: str) -> re.Match[str] | None:
    """`_DECORATION.match(text)`, the first character looked at before the pattern is run."""
    first = text[:1]
    if first and (first in _DECORATION_MARKS or "A" <= first <= "Z"):
        return _DECORATION.match(text)
    return None


@dataclass(frozen=True, slots=True)
class Lead:
    """A dateline and/or byline opening a line: `本报讯（记者王孟鹤）5月15日下午，…`."""

    dateline: str | None
    credits: Credits
    printed: str  # the consumed opening, as printed
    rest: str  # the text after it


@dataclass(frozen=True, slots=True)
class Tail:
    """A byline or photo credit closing a line: `…推广。（记者 方耀星）`, `…145对。魏国伟 摄`."""

    credits: Credits
    printed: str
    rest: str  # the text before it
    photo: bool = False


# How the report was made may stand between the names and 报道 (`记者X核实报道：`), and a
# photo report runs into its text the same way (`本报记者X摄影报道昨日上午，…`).
_GLUED = re.compile(
    rf"\s*((?:{STACKED}|{ROLE_WORDS})[\u4e00-\u9fff·]{{2,4}}?"
    rf"(?:(?:[、，,]?(?:{STACKED}|{ROLE_WORDS})|[、，,])[\u4e00-\u9fff·]{{2,4}}?)*)"
    r"\s*(?:核实|综合|采写)?(?:摄影报道|报道|报导)\s*[:：]?"
)
_COLON = re.compile(r"\s*[:：]")
_HANDOVER = re.compile(r"(?:核实|综合|采写|摄影)?(报道|报导)\s*[:：](?=\S|$)")
_SEPARATOR_TOKENS = frozenset("、，,")


def _names_end(over: re.Match[str]) -> int:
    """Where the credited names end before a `_HANDOVER`: after 报道, which `parse_credits`
    reads as closing them, or before a word for how it was reported (`核实报道：`), which
    would read as a name; `parse_lead` credits the pictures of a `摄影报道` it consumed."""
    return over.end(1) if over.start(1) == over.start() else over.start()


_NAMES_WORD = re.compile(r"[\u4e00-\u9fff·]+(?:、[\u4e00-\u9fff·]+)*(?:[/／][文图])?")
_CLOSING_WORD = re.compile(rf"(?:{POST_WORDS}|{BOTH_WORDS})")


def _unbracketed(text: str, pos: int) -> tuple[Credits | None, int]:
    """`本报记者  王  洲  张三 …`, `记者X 通讯员Y 报道 …`: role words and names up to the text.

    These run straight into the article (`记者获悉，今年…`), so a word after a role word is
    taken as a name only when it looks like one (see `looks_like_name`).
    """
    start = _SPACE.match(text, pos)
    if start is None or _ROLE_AT_START.match(text, start.end()) is None:
        return None, pos  # the first word must be a role word; most lines fail here
    # `_GLUED` ends in 报道 or 报导 (摄影报道 too): most bylines hold neither.
    glued = _GLUED.match(text, pos) if "报道" in text or "报导" in text else None
    if glued is not None:
        # `本报讯通讯员吴雷报道:脱贫…`, `…5日电记者成元生报道:泰国…`: no space anywhere.
        credits = parse_credits(glued.group(1), need_role=True)
        if credits is not None:
            return credits, glued.end()
    end, role_seen, handover = _name_run(text, pos)
    if handover is not None:
        # `报道 :` — the colon that hands over to the text is the byline's too.
        credits = parse_credits(text[pos:end], need_role=True)
        return (credits, handover) if credits else (None, pos)
    if not role_seen or end == pos:
        return None, pos
    run = _DECORATION.sub(" ", _NOTE.sub(" ", text[pos:end]))
    credits = parse_credits(run, need_role=True)
    if credits is not None and (last := _glued_last_name(text, pos, end)) is not None:
        return last
    if credits is not None and (last := _name_into_sentence(text, pos, end)) is not None:
        return last
    return (credits, end) if credits else (None, pos)


_NOT_A_WORD_START = frozenset("的了着过地得之、，,。：:；;！？!?")


def _glued_last_name(text: str, pos: int, end: int) -> tuple[Credits, int] | None:
    """`本报通讯员 赵六 钱七城区“亮点”频现`: the last name glued to the crosshead or text after
    the names. Cut only where the split is clear: the names before it are set apart by
    spaces, and the glued name is as long as the one before it (2 or 3 characters)."""
    start = _SPACE.match(text, end)
    words = text[pos:end].split()
    if start is None or start.end() == end or len(words) < 2:
        return None  # no space before the glued word, or no name before it to measure by
    size = len(words[-1])
    name, rest = text[start.end() : start.end() + size], text[start.end() + size :]
    if size not in (2, 3) or len(rest) < 4 or rest[0] in _NOT_A_WORD_START:
        return None
    if not is_headline_line(rest):
        return None  # a crosshead; a sentence (`…今天上午，…`) gives no clear cut
    if not (looks_like_name(name) and looks_like_name(words[-1])) or " " in name:
        return None
    if _NOT_IN_BARE_NAME.search(name) or any(c in _NOT_A_WORD_START for c in name):
        return None  # `韦立的调查…`, `柯望川 青河报道`: no name
    credits = parse_credits(f"{text[pos:end]} {name}", need_role=True)
    return None if credits is None else (credits, start.end() + size)


def _name_into_sentence(text: str, pos: int, end: int) -> tuple[Credits, int] | None:
    """`本报记者 陆甲 通讯员 沈乙昨天一早,…`: the last role word's name run into a first
    sentence that opens like one (a time word, a date). Cut where a name of 2 or 3
    characters, opening with a surname, leaves such an opening."""
    start = _SPACE.match(text, end)
    words = text[pos:end].split()
    if start is None or start.end() == end or not words or not _ROLE_ONLY.fullmatch(words[-1]):
        return None  # only a role word left without its name
    at = start.end()
    for size in (2, 3):
        name, rest = text[at : at + size], text[at + size :]
        if is_surname(name[0]) and looks_like_name(name) and opens_like_sentence(rest):
            credits = parse_credits(f"{text[pos:end]} {name}", need_role=True)
            if credits is not None:
                return credits, at + size
    return None


# Who the writer is, in brackets after the name: `作者：柯望川（青河大学经济学院教授）`.
# Not where someone stands in a picture: `王五（左二）`.
_NOTE = re.compile(
    r"[（(](?![左右中前后上下一二三四五六七八九十]{1,3}[）)])[^（()）:：。，,！？]{2,24}[）)]"
)
_NOTED_NAME = re.compile(r"([\u4e00-\u9fff·、]{2,14})\s*" + _NOTE.pattern)


def _noted(word: str, *, named: bool) -> bool:
    """A name with its note in brackets, or (after a name) the note alone."""
    if named and _NOTE.fullmatch(word):
        return True
    m = _NOTED_NAME.fullmatch(word)
    return m is not None and _plausible_names(m.group(1), single=False)


def _name_run(text: str, pos: int) -> tuple[int, bool, int | None]:
    """Where `_unbracketed`'s role words and names end: `(end, a role word seen, the end of
    a colon after 报道 that hands over to the text, or None)`."""
    end = pos
    role_seen = False
    single = False  # the last word was one character: `王  洲` pads a name
    for token in _WORD.finditer(text[pos:]):
        word = token.group()
        # `摄影报道` closes the names before it; read as the role `摄影` it would end them.
        closing = role_seen and (_CLOSING_WORD.fullmatch(word) or _HANDOVER.match(word)) is not None
        role = None if closing else _ROLE_AT_START.match(word) or _named_role(word, role_seen)
        if role is not None:
            rest = word[role.end() :].lstrip(":：/／|｜丨")
            over = _HANDOVER.search(rest) if role_seen else None
            if over is not None and _plausible_names(rest[: over.start()], single=False):
                # `记者X 通讯员Y报道：昨日…`: the last role's name runs into 报道 and the text.
                start = pos + token.start() + len(word) - len(rest)
                return start + _names_end(over), True, start + over.end()
            vouched = role_seen and _colon_vouched(
                word, role.end(), at_end=token.end() == len(text) - pos
            )
            if rest and not (
                vouched
                or _plausible_names(rest, single=False)
                or _noted(rest, named=False)
                or _stacked(word)
                or _ROLE_ONLY.fullmatch(rest)  # `作者:青河日报全媒体记者 柯立`: a field's role
                or (len(rest) == 1 and is_surname(rest))  # `记者柯 立报道：`: a padded name
            ):
                break
            role_seen, single = True, len(rest) == 1
        elif not role_seen:
            break
        elif (place := _PLACE.fullmatch(word)) and _plausible_names(place[1], single=single):
            end = pos + token.end()  # `记者林小禾 陈立／台北报导`: the last name and its place
            break
        elif word.endswith(("报道", "报导")) and _plausible_names(word[:-2], single=single):
            # `记者 常琳报道 11月9日…`: the name run into 报道, then the text after a space.
            end = pos + token.end()
            break
        elif end > pos and (_PLACE_WORD.fullmatch(word) or _FROM_PLACE.fullmatch(word)):
            # `本报记者 柯立 青河报道`, `青河报记者 柯立 发自临溪`: the place reported from
            # closes the names before it.
            return end, role_seen, pos + token.end()
        elif (over := _HANDOVER.match(word, int(single))) is not None:
            # `记者 X 通讯员 Y 报道：眼下…`: the colon runs straight into the text.
            return (at := pos + token.start()) + _names_end(over), role_seen, at + over.end()
        elif _closes_names(word, named=end > pos):
            end = pos + token.end()
            if word in ("报道", "报导", "摄影报道"):
                colon = _COLON.match(text, end)
                return end, role_seen, None if colon is None else colon.end()
            continue
        elif word in _SEPARATOR_TOKENS:
            continue  # `陈孜孜 、 王辰`: a list mark set off by typesetting spaces
        elif _DECORATION.fullmatch(word) and _role_after(text, pos + token.end()):
            continue  # `□本报记者 X　□本报通讯员 Y`: each credit of the line marked
        elif len(word) == 1 and (single or is_surname(word)):
            single = not single
        elif _noted(word, named=end > pos):
            pass  # `作者：柯望川（青河大学教授）`: the note is the byline's, not the text's
        elif _lone_name(text, pos, token, single=single):
            pass  # `本报记者 有之炘` alone on its line: the one name needs no known surname
        elif not _plausible_names(word, single=single):
            break
        else:
            single = False
        end = pos + token.end()
    return end, role_seen, None


def _closes_names(word: str, *, named: bool) -> bool:
    """`摄`, `摄影报道`, `文/图` after names; `图` too once a name came before it, set off as
    the word is (`记者 X 文/Y 图`: it closes the shooter's name as 摄 does)."""
    return _CLOSING_WORD.fullmatch(word) is not None or (named and word == "图")


_ROLE_ONLY = re.compile(rf"(?:{STACKED})")
_WORD = re.compile(r"\S+")
_ROLE_SUFFIX = re.compile(r"[/／][文图]$")
_PLACE_WORD = re.compile(r"[\u4e00-\u9fff]{2,4}(?:报道|报导)")
_FROM_PLACE = re.compile(r"发自(?!内心|肺腑)[\u4e00-\u9fff·]{2,12}")
_PLACE = re.compile(rf"([\u4e00-\u9fff·、]{{2,14}}?)\s*{PLACE_REPORT}")
# A name run into the next credit's role with no space: `本报记者　张三本报通讯员　李四`.
_NAME_THEN_ROLE = re.compile(
    r"([\u4e00-\u9fff]{2,3})((?:本报|本刊)?(?:见习|特约)?(?:记者|通讯员)|(?:本报)?实习生)"
)


def _role_after(text: str, pos: int) -> bool:
    after = _SPACE.match(text, pos)
    return after is not None and _ROLE_AT_START.match(text, after.end()) is not None


def _named_role(word: str, role_seen: bool) -> re.Match[str] | None:
    """`张三本报通讯员` after a role word: the last name of a credit and the next role, read
    as a role word whose name is checked like any other (`looks_like_name`)."""
    if not role_seen or len(word) < 4:
        return None
    m = _NAME_THEN_ROLE.fullmatch(word)
    return m if m is not None and looks_like_name(m.group(1)) else None


_LONE_NAME = re.compile(r"[\u4e00-\u9fff]{2,3}")


def _lone_name(text: str, pos: int, token: re.Match[str], *, single: bool) -> bool:
    """The second and last word of a line opened by a stacked role (`本报记者 有之炘`), or the
    last but 报道 set off after it (`□记者 有之炘 报道`: the word closes the credit)."""
    return (
        not single
        and text[pos + token.end() :].strip() in ("", "报道", "报导")
        and _LONE_NAME.fullmatch(token.group()) is not None
        and _NOT_IN_BARE_NAME.search(token.group()) is None
        and _ROLE_ONLY.fullmatch(text[pos : pos + token.start()].strip()) is not None
    )


_VOUCHED = re.compile(r"\s*[:：]\s*[\u4e00-\u9fff]{2,3}")


def _colon_vouched(word: str, role_end: int, *, at_end: bool) -> bool:
    """`…记者:张丹羊 通讯员:消宣` ending the line: after a byline's first credit, a role word and
    a colon vouch for the short name closing it, whatever its first character (as `设计:丹丹`)."""
    return at_end and _VOUCHED.fullmatch(word, role_end) is not None


def _stacked(word: str) -> bool:
    """`新华社记者李大伟本报记者刘建林`: roles and names with no space, every name plausible."""
    credits = parse_credits(word, need_role=True)
    if credits is None or credits.unknown_roles:
        return False
    named = credits.reporters + credits.correspondents + credits.photographers + credits.interns
    return bool(named) and all(looks_like_name(name) for name in named)


def _plausible_names(word: str, *, single: bool) -> bool:
    if single and len(word) == 1:
        return True
    if not _NAMES_WORD.fullmatch(word):
        return False
    bare = _ROLE_SUFFIX.sub("", word)
    return all(looks_like_name(name) for name in bare.split("、"))


def _after_last_sentence(text: str, marks: str = _SENTENCE_END) -> int:
    """Where the text after the last of `marks` starts (0 when no mark is in `text`).

    >>> _after_last_sentence("推广。魏国伟 摄"), _after_last_sentence("魏国伟 摄")
    (3, 0)
    """
    # One greedy match backs off from the end in C: a loop over the characters in Python
    # cost more than the rest of the line's tail reading.
    last = _last_mark(marks).match(text)
    return last.end() if last is not None else 0


@functools.cache
def _last_mark(marks: str) -> re.Pattern[str]:
    return re.compile("(?s:.*)[" + "".join(map(re.escape, marks)) + "]")


# Characters of sources, pictures and serial notes, never in a bare end byline: `（据新华社）`,
# `（来源：东湖发布）`, `（完）`, `（待续）`, `（图片由景区提供）`, `（上图 下图）`, `（本报综合）`.
_NOT_IN_BARE_NAME = re.compile(
    r"[图报社网台站局委办供稿讯电据完续综编译整理来源部厅院会市省县区发提上下左右]"
)


def _bare_names(content: str, *, least: int = 2) -> Credits | None:
    """`…推广。（仉 鹏 亓婷婷）`: two to four bare names at the end are a byline even when a
    surname is rare (the surname list only vouches for one name alone, `（黄瑚）`). Right
    after a dateline one name is enough: `本报讯(商 闻)`."""
    names = split_names(content)
    if names is None or not least <= len(names) <= 4:
        return None
    if any(_NOT_IN_BARE_NAME.search(name) or len(name) > 3 for name in names):
        return None
    return Credits(unstated=tuple(dict.fromkeys(names)))


# `…采摘春茶。 本报记者摄`: pictures credited to the paper's staff with nobody named. It is an
# other credit, kept with its 摄 as `新华社发` keeps its 发; only after a finished sentence.
_UNNAMED_SHOT = re.compile(r"\s*[（(]?\s*((?:本报)?(?:摄影)?记者)\s*摄(?:影报道|影)?\s*[）)]?")


def unnamed_shot(text: str) -> Tail | None:
    """A staff photo credit naming nobody, closing a caption: `…采摘春茶。 本报记者摄`.

    >>> unnamed_shot("…采摘春茶。 本报记者 摄").credits.others
    ('本报记者摄',)
    >>> unnamed_shot("据本报记者摄"), unnamed_shot("本报记者摄")
    (None, None)
    """
    start = _after_last_sentence(text)
    m = _UNNAMED_SHOT.fullmatch(text, start) if start else None
    if m is None:
        return None
    printed = m.group().strip()
    return Tail(Credits(others=(f"{m.group(1)}摄",)), printed, text[:start].strip(), photo=True)


# A picture agency named after the credit: `祁 远 钟小川摄影报道（人民视觉）`, `X摄/青河社`, or
# any short tag bracketed right after 摄 (`X 摄(C视觉)`, `摄（IC photo）`): the picture's source.
AGENCY_AFTER_CREDIT = re.compile(
    r"[（(]([^（()）]{2,10}(?:视觉|图片|供图|图库|社|网))[）)]$|(?<=摄)\s*[/／]\s*([\u4e00-\u9fff]{2,8}[社网])$"
    r"|(?<=[摄影道])\s*[（(]([^（()）。，,、；;：:！？!?]{1,12})[）)]$"
)
