"""Datelines, bylines and photo credits: who wrote or shot an item, and the text they cover.

Every parser here returns what it consumed *as printed* (role words, brackets, names) so the
caller can account for it, and the remaining text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from worker.parsing.credits import (
    MENTOR_WORDS,
    POST_WORDS,
    ROLE_WORDS,
    SOURCE,
    STACKED,
    Credits,
    parse_credits,
)
from worker.parsing.headlines import may_end_with
from worker.parsing.names import is_personal, is_surname, looks_like_name, split_names

__all__ = [
    "Credits",
    "Lead",
    "Tail",
    "parse_credits",
    "parse_glued_name",
    "parse_lead",
    "parse_name_line",
    "parse_tail",
    "split_names",
]

_NUM = "[0-9０-９〇零一二三四五六七八九十]{1,3}"
# `本报讯`, `本报北京1月1日电`, `本报江州11月19日讯`, `新华社北京5月28日电`, `中新社巴黎…电`,
# `据新华社雅加达11月17日电`, `人民网北京11月18日电`, `本报合肥18日电` (the day alone),
# `3月17日消息：` (a web record's);
# a paper or site's own `X讯` (`九龙报讯`, `南都讯`, `中国宁波网讯`) before a space or a
# bracket (`通讯…` and `简讯` are words, not datelines).
_DATELINE = re.compile(
    r"(?:本报综合消息|本报综合讯|据新华社电|本报消息|本报专讯|本报讯|又讯|新华社电|中新社电)"
    rf"|(?P<pre>[\u4e00-\u9fff]{{0,14}}?)(?:{_NUM}月)?{_NUM}日(?:电|讯|消息[:：]?)"
    r"|[\u4e00-\u9fff]{2,8}(?<![通资喜简快])讯(?=[\s（(【\[]|$)"
)
_FRAMED_DATELINE = re.compile(r"【([^【】]{3,24})】")
_DECORATION = re.compile(r"[□■◎●○◆◇▲△★☆]\s*")
_BRACKET_AT_START = re.compile(r"\s*[（(【\[]([^（()）【】\[\]]{1,80})[）)】\]]")
_BRACKET_AT_END = re.compile(r"[（(【\[]([^（()）【】\[\]]{1,60})[）)】\]]$")
_BRACKET_CLOSERS = "）)】]"
_SENTENCE_END = "。！？!?…”’』」"
_SPACE = re.compile(r"\s*")
_ROLE_AT_START = re.compile(
    rf"(?:文\s*[/／·•・]\s*图|图\s*[/／·•・]\s*文|{STACKED}|{ROLE_WORDS}|[图文摄]\s*[/／:：])"
)


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


def parse_lead(text: str) -> Lead | None:
    """The dateline and byline opening a line, if it has one.

    >>> lead = parse_lead("本报讯（记者王孟鹤 通讯员赵炎）5月28日上午，…")
    >>> lead.dateline, lead.credits.reporters, lead.rest
    ('本报讯', ('王孟鹤',), '5月28日上午，…')
    """
    decoration = _DECORATION.match(text)
    pos = decoration.end() if decoration else 0
    framed = _FRAMED_DATELINE.match(text, pos)
    if framed is not None and _match_dateline(framed.group(1), 0) == framed.group(1):
        # `【新华社重庆十四日电】拉萨讯:…`: an old wire dateline in a frame.
        dateline: str | None = framed.group(1)
        pos = framed.end()
    else:
        dateline = _match_dateline(text, pos)
        if dateline is not None:
            pos += len(dateline)
    credits: Credits | None = None
    bracket = _BRACKET_AT_START.match(text, pos)
    if bracket:
        # `（记者 张三）本市…`: without a dateline a bracket counts only with a role word in it;
        # right after one, a bracket of bare names is its byline (`本报讯(商 闻)`), rare
        # surname or not.
        content = bracket.group(1)
        credits = parse_credits(content, need_role=dateline is None)
        if credits is None and dateline is not None:
            credits = _bare_names(content, least=1)
        if credits is not None:
            pos = bracket.end()
    if credits is None:
        credits, pos = _unbracketed(text, pos)
    if credits is None and dateline is None:
        if len(text) > _BYLINE_LINE:
            return None  # a paragraph: none of the whole-line bylines below is this long
        return (
            _signature(text)
            or _colon_credit(text)
            or _team_byline(text)
            or _author_line(text)
            or _collective(text)
            or _media_byline(text)
        )
    lead = Lead(dateline, credits or Credits(), text[:pos].strip(), text[pos:].strip())
    if dateline is None and not lead.rest and _SHOT_END.search(text):
        # `记者 刘家冕 通讯员 任辉 摄影报道`, `（全媒体记者 厉倩 通讯员 申国发 摄）` alone on
        # a line: the closing 摄 credits every name before it, whatever their titles.
        shot = _photo_tail(text)
        if shot is not None and not shot.rest and shot.printed == lead.printed:
            return Lead(None, shot.credits, lead.printed, "")
    return lead


# A line closed by 摄 alone (not `文/图`, which credits the writing too).
_SHOT_END = re.compile(r"(?:摄影报道|摄影|摄像|摄)\s*[）)]?$")

# `文 张人健(新顺居民区)`: the one-character role set off by a space, alone on its line.
_AUTHOR_LINE = re.compile(r"(?P<role>[文图])\s+(?P<names>[\u4e00-\u9fff·\s]{2,12}?)")


def _author_line(text: str) -> Lead | None:
    if len(text) > 24 or text[:1] not in "文图":
        return None
    note = _NOTE_AFTER.search(text)
    m = _AUTHOR_LINE.fullmatch(text[: note.start()] if note else text)
    if m is None:
        return None
    names = split_names(m.group("names"), strict=True)
    if names is None or not 1 <= len(names) <= 3 or not all(map(is_personal, names)):
        return None
    credits = parse_credits(f"{m.group('role')}/ {' '.join(names)}", need_role=True)
    return Lead(None, credits, text, "") if credits else None


_COLON_CREDIT = re.compile(rf"(?:{ROLE_WORDS})\s*[:：]\s*(?P<name>[\u4e00-\u9fff]{{2,3}})")


def _colon_credit(text: str) -> Lead | None:
    """`设计:丹丹`, `编校:正红`: a role word and a colon vouch for a given name alone on its
    line, whatever its first character (staff lists often print no surname)."""
    m = _COLON_CREDIT.fullmatch(text)
    if m is None or _NOT_IN_BARE_NAME.search(m.group("name")):
        return None  # `策划:影像部` names a desk, not a person
    credits = parse_credits(text, need_role=True)
    return Lead(None, credits, text, "") if credits else None


# `农民日报 陈彦宇`: a writer from another paper, its name in place of a role word.
_MEDIA = re.compile(r"[\u4e00-\u9fff]{2,8}(?:日报|晚报|报|社|网|电视台)\s+")


def _media_byline(text: str) -> Lead | None:
    if len(text) > 24:
        return None
    m = _MEDIA.match(text)
    if m is None:
        return None
    names = split_names(text[m.end() :], strict=True)
    if names is None or not 1 <= len(names) <= 3 or not all(map(is_personal, names)):
        return None
    if any(_NOT_IN_BARE_NAME.search(name) for name in names):
        return None
    return Lead(None, Credits(unstated=tuple(names), others=(m.group().strip(),)), text, "")


# Authors that are bodies, not people: `中共将乐县委通讯组 福建日报记者`, `本报调查组`.
_BODY = r"[\u4e00-\u9fff]{2,12}?(?:通讯组|报道组|写作组|调查组|采访组|课题组|(?:报|社)记者)"
_COLLECTIVE_LINE = re.compile(rf"{_BODY}(?:\s+{_BODY})*")


def _collective(text: str) -> Lead | None:
    if len(text) > 32 or not _COLLECTIVE_LINE.fullmatch(text):
        return None
    if not any(word.endswith("组") for word in text.split()):
        return None  # `福建日报记者` alone may head a line of text; a 组 is a body of authors
    return Lead(None, Credits(others=tuple(text.split())), text, "")


_BYLINE_LINE = 40  # the longest line read as a byline with nothing else on it
_DASHES = re.compile(r"[—－\-─]{1,2}\s*")


def _signature(text: str) -> Lead | None:
    """`——本报浙江分社记者窦瀚洋`: a whole line signing the text above it after a dash.

    Only a line that is nothing but a byline counts: `——记青石县实验小学` is a subtitle.
    """
    dashes = _DASHES.match(text)
    if dashes is None:
        return None
    lead = parse_lead(text[dashes.end() :])
    if lead is None or lead.rest or lead.dateline or not lead.credits.writers:
        return None
    return Lead(None, lead.credits, text, "")


# A byline whose role is qualified by a team or body rather than a paper: `“三个代表”在基层
# 采访团记者 何伟 李钧德`, `省委宣传部采访组记者 X`. The whole line must be that byline.
# A school and class before a pupil's role count the same: `慈溪市实验小学404班小记者 戎仪`.
_TEAM_ROLE = re.compile(r"[“”\"\u4e00-\u9fff0-9]{2,18}?(?P<role>记者|通讯员)\s*")
# A note in brackets after the names: `(证号03878)`, `(新顺居民区)`.
_NOTE_AFTER = re.compile(r"\s*[（(][^（()）]{1,12}[）)]$")


def _team_byline(text: str) -> Lead | None:
    if len(text) > 40:
        return None
    m = _TEAM_ROLE.match(text)
    if m is None:
        return None
    note = _NOTE_AFTER.search(text, m.end())
    names = split_names(text[m.end() : note.start() if note else len(text)], strict=True)
    if names is None or not 1 <= len(names) <= 4 or not all(map(is_personal, names)):
        return None
    credits = parse_credits(f"{m.group('role')} {' '.join(names)}", need_role=True)
    return Lead(None, credits, text, "") if credits else None


# A line that signs an item without a person: `本报评论员` over a commentary, `——编  者` under
# an editor's note.
# `本报评论员`, and the desk that signs a notice to readers (`本报编辑部`).
_COLLECTIVE = re.compile(r"(?:本报|本刊)?(?:特约)?评论员|(?:本报|本刊)编辑部")
_SIGN_OFF = re.compile(r"[—－\-─]{1,2}\s*编\s*者")


def parse_name_line(text: str) -> Lead | None:
    """A line that is only a byline with no role word: one to four names (`盛亭 明红`,
    `□ 闫政平`, `祁勇郑少忠`), a collective author (`本报评论员`) or a sign-off (`——编  者`).

    Whether such a line is a byline depends on where it stands (under a headline, or closing
    an item): the caller decides; this only reads it.

    >>> parse_name_line("祁勇郑少忠").credits.unstated, parse_name_line("——编  者").credits.others
    (('祁勇', '郑少忠'), ('编者',))
    """
    decoration = _DECORATION.match(text)
    words = text[decoration.end() :] if decoration else text
    if _COLLECTIVE.fullmatch(words) or _SIGN_OFF.fullmatch(words):
        author = "编者" if _SIGN_OFF.fullmatch(words) else words
        return Lead(None, Credits(others=(author,)), text, "")
    if len(words) > 16 or not _HAN_ONLY.fullmatch(words):
        return None
    if any(len(run) > _MAX_GLUED for run in words.split()):
        return None  # `尹锡悦宣誓就任韩国总统` is a headline, whatever its characters
    names = split_names(words, strict=True)
    if names is None or not 1 <= len(names) <= 4 or not all(map(is_personal, names)):
        return None
    if any(_NOT_IN_BARE_NAME.search(name) for name in names):
        return None  # `卫东区开展` is a headline, not 卫东 + 区开展
    return Lead(None, Credits(unstated=tuple(names)), text, "")


_HAN_ONLY = re.compile(r"[\u4e00-\u9fff·\s]+")
_MAX_GLUED = 6  # two names printed with no space between: `祁勇郑少忠`, `甘晓明李少波`


def _match_dateline(text: str, pos: int) -> str | None:
    m = _DATELINE.match(text, pos)
    if m is None:
        return None
    after = text[m.end() : m.end() + 1]
    # `5月28日电视台…`, `今天18日电话…` are sentences; a byline may follow with no space
    # (`本报曼谷2月5日电记者成元生报道:`).
    han_after = bool(after) and "\u4e00" <= after <= "\u9fff"
    if han_after and m.group("pre") is not None and not _ROLE_AT_START.match(text, m.end()):
        return None
    return m.group()


_GLUED = re.compile(
    rf"\s*((?:{STACKED}|{ROLE_WORDS})[\u4e00-\u9fff·]{{2,4}}?"
    rf"(?:(?:{STACKED}|{ROLE_WORDS}|[、，,])[\u4e00-\u9fff·]{{2,4}}?)*)\s*(?:报道|报导)\s*[:：]?"
)
_COLON = re.compile(r"\s*[:：]")
_SEPARATOR_TOKENS = frozenset("、，,")
_NAMES_WORD = re.compile(r"[\u4e00-\u9fff·]+(?:、[\u4e00-\u9fff·]+)*(?:[/／][文图])?")
_CLOSING_WORD = re.compile(rf"(?:{POST_WORDS}|文\s*[/／·•・]\s*图|图\s*[/／·•・]\s*文)")


def _unbracketed(text: str, pos: int) -> tuple[Credits | None, int]:
    """`本报记者  王  洲  张三 …`, `记者X 通讯员Y 报道 …`: role words and names up to the text.

    These run straight into the article (`记者获悉，今年…`), so a word after a role word is
    taken as a name only when it looks like one (see `looks_like_name`).
    """
    start = _SPACE.match(text, pos)
    if start is None or _ROLE_AT_START.match(text, start.end()) is None:
        return None, pos  # the first word must be a role word; most lines fail here
    glued = _GLUED.match(text, pos)
    if glued is not None:
        # `本报讯通讯员吴雷报道:脱贫…`, `…5日电记者成元生报道:泰国…`: no space anywhere.
        credits = parse_credits(glued.group(1), need_role=True)
        if credits is not None:
            return credits, glued.end()
    end = pos
    role_seen = False
    single = False  # the last word was one character: `王  洲` pads a name
    for token in re.finditer(r"\S+", text[pos:]):
        word = token.group()
        # `摄影报道` closes the names before it; read as the role `摄影` it would end them.
        closing = role_seen and _CLOSING_WORD.fullmatch(word) is not None
        role = None if closing else _ROLE_AT_START.match(word)
        if role is not None:
            rest = word[role.end() :].lstrip(":：/／")
            if rest and not _plausible_names(rest, single=False) and not _stacked(word):
                break
            role_seen, single = True, False
        elif not role_seen:
            break
        elif _CLOSING_WORD.fullmatch(word):
            end = pos + token.end()
            if word in ("报道", "报导", "摄影报道"):
                # `报道 :` — the colon that hands over to the text is the byline's too.
                colon = _COLON.match(text, end)
                if colon is not None:
                    credits = parse_credits(text[pos:end], need_role=True)
                    return (credits, colon.end()) if credits else (None, pos)
                break
            continue
        elif word in _SEPARATOR_TOKENS:
            continue  # `陈孜孜 、 王辰`: a list mark set off by typesetting spaces
        elif len(word) == 1 and (single or is_surname(word)):
            single = not single
        elif not _plausible_names(word, single=single):
            break
        else:
            single = False
        end = pos + token.end()
    if not role_seen or end == pos:
        return None, pos
    credits = parse_credits(text[pos:end], need_role=True)
    return (credits, end) if credits else (None, pos)


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
    bare = re.sub(r"[/／][文图]$", "", word)
    return all(looks_like_name(name) for name in bare.split("、"))


def parse_tail(text: str) -> Tail | None:
    """A photo credit or byline closing a line, if it has one (photo credits first).

    >>> parse_tail("…共办理结婚登记145对。魏国伟 摄").credits.photographers
    ('魏国伟',)
    """
    return _photo_tail(text) or _byline_tail(text)


# How a photo credit ends: `X 摄`, `X摄影`, `记者 X 摄影报道`, `X 文/图`.
_PHOTO_END = re.compile(r"(?:摄影报道|摄影|摄像|摄|文\s*[/／·•・]\s*图|图\s*[/／·•・]\s*文)$")
_PHOTO_END_LAST = "道影像摄图文"  # the characters a `_PHOTO_END` match ends with
# How one starts when the role word leads: `图/周敏`, `文/图 X`, `图/文 X`, `文·图 X`, `摄影：X`.
_PHOTO_LEAD = re.compile(
    r"(?:文\s*[/／·•・]\s*图|图\s*[/／·•・]\s*文|图\s*[/／:：]|摄影?\s*[/／:：]|摄影\s)"
)


_SENT = re.compile(rf"(?:^|(?<=[。！？!?…”’\s]))\s*({SOURCE})$")
# A picture agency named after the credit: `司 伟 董自军摄影报道（人民视觉）`.
_AGENCY = re.compile(r"[（(]([^（()）]{2,10}(?:视觉|图片|供图|图库|社|网))[）)]$")


def _photo_tail(text: str) -> Tail | None:
    agency = _AGENCY.search(text) if may_end_with(text, _BRACKET_CLOSERS) else None
    if agency is not None and agency.start() > 0:
        inner = _photo_tail(text[: agency.start()])
        if inner is not None and not inner.printed.startswith(("（", "(")):
            sent = inner.credits.merged(Credits(others=(agency.group(1),)))
            return Tail(sent, inner.printed + agency.group(), inner.rest, photo=True)
    agent = _SENT.search(text) if text.endswith("发") else None
    if agent is not None:
        # `…赏雪。新华社发`: the agency that sent the picture, with nobody named.
        rest = text[: agent.start()].strip()
        return Tail(Credits(others=(agent.group(1),)), agent.group(1), rest, photo=True)
    closed = may_end_with(text, _BRACKET_CLOSERS)
    bracket = _BRACKET_AT_END.search(text) if closed else None
    if bracket and _PHOTO_END.search(bracket.group(1).strip()):
        credits = parse_credits(bracket.group(1), photo=True) or _shot_by(bracket.group(1))
        if credits is not None:
            return Tail(credits, bracket.group(), text[: bracket.start()].strip(), photo=True)
    shot = _PHOTO_END.search(text) if may_end_with(text, _PHOTO_END_LAST) else None
    if shot and shot.start() > 0:
        head = text[: shot.start()]
        if head.endswith("拍"):
            return None  # `…进行拍摄` is the verb 拍摄, not a credit
        for start in _credit_starts(head):
            credits = parse_credits(text[start:], photo=True)
            if credits is not None:
                return Tail(credits, text[start:].strip(), text[:start].strip(), photo=True)
        return _shot_by_several(text)
    start = _after_last_sentence(text)
    tail = text[start:].strip()
    if tail and _PHOTO_LEAD.match(tail):
        credits = parse_credits(tail, photo=True, need_role=True)
        if credits is not None:
            return Tail(credits, tail, text[:start].strip(), photo=True)
    return None


_SHOT_BY = re.compile(r"\s*([\u4e00-\u9fff]{2,3})\s*摄\s*")


def _shot_by(content: str) -> Credits | None:
    """`（觉果摄）`: a bracket holding one name and 摄 is a photo credit whatever the name's
    first character (pen names and rare surnames are common under pictures)."""
    m = _SHOT_BY.fullmatch(content)
    if m is None or _NOT_IN_BARE_NAME.search(m.group(1)):
        return None
    return Credits(photographers=(m.group(1),))


_SEVERAL = re.compile(r"([\u4e00-\u9fff]{2,3}(?:\s+[\u4e00-\u9fff]{2,3}){1,3})\s*摄(?:影报道|影)?")


def _shot_by_several(text: str) -> Tail | None:
    """`…诵读。蒋凯 敏丽摄`: after a finished sentence, a few short names set off by spaces
    before 摄. The first must start with a surname; the others may not (`敏丽`), as names
    under pictures often do not, and only a caption's credit is shaped like this."""
    start = _after_last_sentence(text)
    m = _SEVERAL.fullmatch(text, start) if start else None
    if m is None:
        return None
    names = m.group(1).split()
    if not looks_like_name(names[0]) or any(_NOT_IN_BARE_NAME.search(n) for n in names):
        return None
    return Tail(Credits(photographers=tuple(names)), m.group(), text[:start].strip(), photo=True)


_RESIDUE = re.compile(r"[\u2460-\u2473\u3251-\u325f][0-9]{0,3}")


def _credit_starts(head: str) -> list[int]:
    """Where a credit before `摄` may begin: after the last punctuation, or at a space."""
    starts = [_after_last_sentence(head, marks=_SENTENCE_END + "，,；;：:）)")]
    for m in re.finditer(r"\s", head[max(0, len(head) - 30) :]):
        starts.append(max(0, len(head) - 30) + m.end())
    # Layout residue glued to the credit (`…祝福。⑧3陈更生 宋洁 摄`): a photo's number.
    for m in _RESIDUE.finditer(head, max(0, len(head) - 30)):
        starts.append(m.end())
    return [s for s in sorted(set(starts)) if len(head) - s <= 30]


def _after_last_sentence(text: str, marks: str = _SENTENCE_END) -> int:
    for index in range(len(text) - 1, -1, -1):
        if text[index] in marks:
            return index + 1
    return 0


def _byline_tail(text: str) -> Tail | None:
    bracket = _BRACKET_AT_END.search(text) if may_end_with(text, _BRACKET_CLOSERS) else None
    if bracket is None:
        return _unbracketed_tail(text)
    before = text[: bracket.start()].rstrip()
    # `…推广。（记者 方耀星）`: only after a finished sentence, or as the whole line, is a
    # bracket of names a byline; `中心组（扩大）` mid-sentence is not.
    if before and before[-1] not in _SENTENCE_END:
        return None
    content = bracket.group(1)
    credits = parse_credits(content) or _bare_names(content) or _mentor(content)
    if credits is None:
        return None
    return Tail(credits, bracket.group(), before)


_MENTOR = re.compile(rf"(?:{MENTOR_WORDS})")


def _mentor(content: str) -> Credits | None:
    """`（临江市实验小学 指导老师 柯芳）` under a pupil's piece: the school, then the teacher."""
    mentor = _MENTOR.search(content)
    if mentor is None or mentor.start() == 0:
        return None
    credits = parse_credits(content[mentor.start() :], need_role=True)
    school = content[: mentor.start()].strip()
    if credits is None or not school:
        return None
    return credits.merged(Credits(others=(school,)))


_TAIL_SPAN = 40  # characters after the last sentence end that a closing byline may take
_HAN_END = re.compile(r"[\u4e00-\u9fff]$")


def _unbracketed_tail(text: str) -> Tail | None:
    """A byline after the last sentence with no brackets: `…热闹。”本报记者 董怡虹 陈炅玮`,
    `…生态环境。  陈雨彤  孙煜` (bare names set off by space: the role is unstated)."""
    if not _HAN_END.search(text):
        return None
    start = _after_last_sentence(text[-_TAIL_SPAN:]) + max(0, len(text) - _TAIL_SPAN)
    if start == 0 or start >= len(text):
        return None  # the whole line, or nothing after the sentence: not a closing byline
    tail = text[start:]
    words = tail.strip()
    if _ROLE_AT_START.match(_DECORATION.sub("", words, count=1)):
        credits, end = _unbracketed(words, 0)
        if credits is None or words[end:].strip():
            return None
    elif tail[:1].isspace() or _spaced_names(words):
        names = split_names(words, strict=True)
        if names is None or not 1 <= len(names) <= 4 or not all(map(is_personal, names)):
            return None
        credits = Credits(unstated=tuple(names))
    else:
        return None
    return Tail(credits, words, text[:start].strip())


def _spaced_names(words: str) -> bool:
    """`…逃避处罚的行为。肖艳霞 叶少杰`: run on after the last sentence with no space before
    it, a byline still shows itself by whole names set apart by spaces. Prose puts no space
    between words, so two or more space-separated pieces, each a whole name, are credits;
    one glued name alone is left to `parse_glued_name`, which knows the line ends an item."""
    pieces = words.split()
    return 2 <= len(pieces) <= 4 and all(2 <= len(p) <= 3 for p in pieces)


_GLUED_NAME = re.compile(r"(?<=[。！？!?])([\u4e00-\u9fff]{2,3})$")


def parse_glued_name(text: str) -> Tail | None:
    """`…浓厚舆论氛围。李蕾`: one name run on after the last sentence of an item, no space.

    Only the caller knows the line closes the item; anywhere else a column break can leave a
    name-like start of the next sentence there (`…开幕。李明` + `说：…`).

    >>> parse_glued_name("…营造浓厚舆论氛围。李蕾").credits.unstated
    ('李蕾',)
    """
    m = _GLUED_NAME.search(text)
    if m is None:
        return None
    name = m.group(1)
    if not looks_like_name(name) or not is_personal(name) or _NOT_IN_BARE_NAME.search(name):
        return None
    return Tail(Credits(unstated=(name,)), name, text[: m.start()])


# What closes an item like a byline but credits nobody: `（据新华社）`, `（来源：人民日报）`,
# `（完）`, `（待续）`, `（本报综合）`, `（综合新华社电）`.
_SOURCE_NOTE = re.compile(
    r"[。！？!?…”’』」][（(](?:据[^（()）]{2,24}|来源[:：][^（()）]{1,24}|完|待续|未完待续|"
    r"本报综合|综合[^（()）]{0,16}|[^（()）]{2,12}供稿)[）)]$"
)


def ends_with_source(text: str) -> bool:
    """True when a finished sentence ends with a source or an end note in brackets.

    >>> ends_with_source("…好于上年。（据新华社）"), ends_with_source("中心组（扩大）")
    (True, False)
    """
    return _SOURCE_NOTE.search(text) is not None


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
