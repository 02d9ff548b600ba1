"""Photo credits and bylines closing a line: `…145对。魏国伟 摄`, `…推广。（记者 方耀星）`."""

from __future__ import annotations

import re

from worker.parsing.byline_text import (
    _BRACKET_AT_END,
    _BRACKET_CLOSERS,
    _NOT_IN_BARE_NAME,
    _ROLE_AT_START,
    _SENTENCE_END,
    AGENCY_AFTER_CREDIT,
    Tail,
    _after_last_sentence,
    _bare_names,
    _unbracketed,
    match_decoration,
    unnamed_shot,
)
from worker.parsing.credit_values import Credits
from worker.parsing.credits import MENTOR_WORDS, SOURCE, parse_credits
from worker.parsing.dashed_signoffs import dashed_name_tail
from worker.parsing.feature_credits import split_tip_credit, split_tip_note
from worker.parsing.headlines import may_end_with
from worker.parsing.names import agency_tag, is_personal, looks_like_name, split_names
from worker.parsing.short_papers import short_paper_byline


def parse_tail(text: str) -> Tail | None:
    """A photo credit or byline closing a line, if it has one (photo credits first).

    >>> parse_tail("…当天共有86对新人领证。柯望川 摄").credits.photographers
    ('柯望川',)
    """
    last = text[-1:]
    if (
        "\u4e00" <= last <= "\u9fff"
        and last not in _HAN_CLOSERS
        and text[:2] != "本版"
        and "图" not in text
        and "文" not in text
        and "摄" not in text
    ):
        # A headline or a line cut mid-sentence (`古镇灯会今晚开幕`): no photo credit ends in
        # this character, and with no 图, 文 or 摄 none leads either; only a byline after the
        # last sentence can close it, or a dash and a name glued after it (`…。——木禾`).
        return _unbracketed_tail(text) or dashed_name_tail(text)
    if text[-1:] in _SENTENCE_END:
        if text[-1:] in _STRAY and text[-2:-1] in _BRACKET_CLOSERS:
            return _stray_after(text)
        return None  # most lines: every credit below ends in a name, a role word or a bracket
    if text[-1:] in _END_MARKS and text[-2:-1] in _BRACKET_CLOSERS:
        return _stray_after(text)
    if text[:2] == "本版":
        return _page_pictures(text)
    tail = _photo_tail(text) or _byline_tail(text)
    return tail if tail is not None else _tipped(text)


def _tipped(text: str) -> Tail | None:
    """`…记者 X(报料人:韦先生;线索费:50元)`, `…记者 X 线索提供 Y`: the tip credits no one."""
    tip = split_tip_note(text) or split_tip_credit(text)
    inner = parse_tail(tip[0]) if tip is not None else None
    if tip is None or inner is None or not inner.credits.writers:
        return None
    if inner.photo and tip[1][:1] in "(（":
        return None
    return Tail(inner.credits, f"{inner.printed}{tip[1]}", inner.rest, photo=inner.photo)


# `本版图片均由本报记者 宓晓川 摄`, `本版摄影：宓晓川`: one credit for every picture on the page.
_PAGE_PICTURES = re.compile(r"本版(?:图片|照片|摄影|图)(?:均由|均为|由|[:：\s])*")


def _page_pictures(text: str) -> Tail | None:
    """The credit for all of a page's pictures, alone on a line; None for `本版刊登的…`."""
    label = _PAGE_PICTURES.match(text)
    if label is None:
        return _photo_tail(text) or _byline_tail(text)
    names = text[label.end() :]
    shot = _photo_tail(names)
    if shot is not None and not shot.rest:
        return Tail(shot.credits, text, "", photo=True)
    people = split_names(names)
    if people and all(looks_like_name(name) for name in people):
        return Tail(Credits(photographers=tuple(people)), text, "", photo=True)
    return None


# A web copy's stray mark after the closing bracket, for a character the page could not show
# (`…的优点。 (林小川)?`), or a paper's mark after an item's last word (`…完成。（李明）■`).
_STRAY, _END_MARKS = "?？", "■□◆"


def _stray_after(text: str) -> Tail | None:
    tail = _byline_tail(text[:-1])
    if tail is None:
        return None
    return Tail(tail.credits, tail.printed + text[-1], tail.rest, tail.photo)


# How a photo credit ends: `X 摄`, `X摄影`, `记者 X 摄影报道`, `X 文/图`.
_PHOTO_END = re.compile(r"(?:摄影报道|摄影|摄像|摄|文\s*[/／·•・]\s*图|图\s*[/／·•・]\s*文)$")
_PHOTO_END_LAST = "道影像摄图文"  # the characters a `_PHOTO_END` match ends with
_HAN_CLOSERS = frozenset(_PHOTO_END_LAST + "发")  # and `_SENT`'s, which ends in 发
# How one starts when the role word leads: `图/周敏`, `文/图 X`, `图/文 X`, `文·图 X`, `摄影：X`.
_PHOTO_LEAD = re.compile(
    r"(?:文\s*[/／·•・]\s*图|图\s*[/／·•・]\s*文|图\s*[/／:：|｜丨]|摄影?\s*[/／:：|｜丨]|摄影\s)"
)


_SENT = re.compile(rf"(?:^|(?<=[。！？!?…”’\s]))\s*({SOURCE})$")


# The same after a space with no bracket: `…接受采访。 许 达摄 青河港务局供图`.
_SUPPLIER = re.compile(r"\s+([\u4e00-\u9fff]{2,12}供图)$")
# A person, set off by a space, who supplied the picture (`…小树。 罗晓岚 供图`, `…游客。(罗晓岚
# 供图)`): a name by the surname table is a photographer; a body (`青河港务局供图`) is not.
_PERSON_SUPPLIED = re.compile(
    r"(?:\s+(?P<name>[\u4e00-\u9fff]{2,4})\s+供图"
    r"|[（(]\s*(?P<inner>[\u4e00-\u9fff]{2,4})\s+供图\s*[）)])$"
)


def _supplied_by_person(text: str) -> Tail | None:
    person = _PERSON_SUPPLIED.search(text)
    name = (person.group("name") or person.group("inner")) if person is not None else ""
    if person is None or not looks_like_name(name) or not is_personal(name):
        return None
    rest = text[: person.start()].strip()
    if rest[-1:] not in _SENTENCE_END:
        return None
    return Tail(Credits(photographers=(name,)), person.group().strip(), rest, photo=True)


def _photo_tail(text: str) -> Tail | None:
    person = _supplied_by_person(text) if text.endswith(("供图", "供图)", "供图）")) else None
    if person is not None:
        return person
    supplier = _SUPPLIER.search(text) if text.endswith("供图") else None
    if supplier is not None:
        inner = _photo_tail(text[: supplier.start()])
        if inner is not None and inner.printed:
            sent = inner.credits.merged(Credits(others=(supplier.group(1),)))
            return Tail(sent, inner.printed + supplier.group(), inner.rest, photo=True)
        rest = text[: supplier.start()].strip()
        if inner is None and rest[-1:] in _SENTENCE_END:
            # `…接受采访。 青河日报社供图`: who supplied the picture, with nobody named.
            return Tail(Credits(others=(supplier.group(1),)), supplier.group(1), rest, photo=True)
    closed = may_end_with(text, _BRACKET_CLOSERS)
    agency = AGENCY_AFTER_CREDIT.search(text) if closed or text[-1:] in "社网" else None
    if agency is not None and agency.start() > 0:
        inner = _photo_tail(text[: agency.start()])
        if inner is not None and not inner.printed.startswith(("（", "(")):
            sent = inner.credits.merged(Credits(others=(agency.group(agency.lastindex or 1),)))
            return Tail(sent, inner.printed + agency.group(), inner.rest, photo=True)
    agent = _SENT.search(text) if text.endswith("发") else None
    if agent is not None:
        # `…赏雪。新华社发`: the agency that sent the picture, with nobody named.
        rest = text[: agent.start()].strip()
        return Tail(Credits(others=(agent.group(1),)), agent.group(1), rest, photo=True)
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
        return _shot_by_several(text) or unnamed_shot(text)
    if "图" not in text and "文" not in text and "摄" not in text:
        return None  # `_PHOTO_LEAD` opens with one of them
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
_ONE_SPACE = re.compile(r"\s")


def _credit_starts(head: str) -> list[int]:
    """Where a credit before `摄` may begin: after the last punctuation, or at a space."""
    starts = [_after_last_sentence(head, marks=_SENTENCE_END + "，,；;：:）)")]
    for m in _ONE_SPACE.finditer(head[max(0, len(head) - 30) :]):
        starts.append(max(0, len(head) - 30) + m.end())
    # Layout residue glued to the credit (`…祝福。⑧3陈更生 宋洁 摄`): a photo's number.
    for m in _RESIDUE.finditer(head, max(0, len(head) - 30)):
        starts.append(m.end())
    return [s for s in sorted(set(starts)) if len(head) - s <= 30]


def _byline_tail(text: str) -> Tail | None:
    bracket = _BRACKET_AT_END.search(text) if may_end_with(text, _BRACKET_CLOSERS) else None
    if bracket is None:
        return _unbracketed_tail(text)
    before = text[: bracket.start()].rstrip()
    # `…推广。（记者 方耀星）`: only after a finished sentence, or as the whole line, is a
    # bracket of names a byline; `中心组（扩大）` mid-sentence is not.
    if before and before[-1] not in _SENTENCE_END and not before.endswith("..."):
        return None  # (a web copy prints the ellipsis as three full stops)
    content = bracket.group(1)
    credits = agency_tag(content) or parse_credits(content) or _bare_names(content)
    credits = credits or _mentor(content) or _labelled(content) or _author_with_post(content)
    if credits is None and not before and text[:1] in "（(" and not ends_with_source(text):
        credits = _body_credit(content)  # not `【图片新闻】`: a frame holds a label
    if credits is None:
        return None
    return Tail(credits, bracket.group(), before)


# The writer and, after a comma, the post they hold: `（作者：柯望川，系青河大学经济学院教授）`.
_AUTHOR_POST = re.compile(
    r"作者\s*[:：]\s*([\u4e00-\u9fff]{2,4})\s*[，,]\s*(?:系|为|是)[^（()）]{2,40}"
)


def _author_with_post(content: str) -> Credits | None:
    m = _AUTHOR_POST.fullmatch(content) if content.startswith("作者") else None
    if m is None or not looks_like_name(m.group(1)):
        return None
    return Credits(reporters=(m.group(1),))


_BODY_NAME = re.compile(r"[\u4e00-\u9fff]{3,12}")


def _body_credit(content: str) -> Credits | None:
    """`（青河县总工会）` on its own line under an item: the body that sent it, in brackets where
    a correspondent's name stands (no person's name is this long). A jump line names a page
    (`（下转第二版）`): that is no credit."""
    if not _BODY_NAME.fullmatch(content) or "版" in content or looks_like_name(content):
        return None
    return Credits(others=(content,))


_LABELLED = re.compile(r"([\u4e00-\u9fff]{2,4})\s*[:：]\s*([^\s:：]+)")
_SPACES = re.compile(r"\s+")


def _labelled(content: str) -> Credits | None:
    """`（作者:林小禾 学校:青河市实验小学）`: labelled fields, one of them a role crediting a
    person; the others (a school, a unit, a class) stand beside the byline as other credits."""
    fields = list(_LABELLED.finditer(content))
    if len(fields) < 2:
        return None
    if _SPACES.sub("", content) != "".join(_SPACES.sub("", m.group()) for m in fields):
        return None  # text between the fields: not a record of labels
    credits, others = Credits(), []
    for m in fields:
        credited = parse_credits(m.group(), need_role=True)
        if credited is not None and (credited.writers or credited.photographers):
            credits = credits.merged(credited)
        else:
            others.append(_SPACES.sub("", m.group()))
    if not credits or not others:
        return None
    return credits.merged(Credits(others=tuple(others)))


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
    """A byline after the last sentence with no brackets: `…热闹。”本报记者 柯小川 岑一鸣`,
    `…好风景。  闵小禾  程远` (bare names set off by space: the role is unstated)."""
    # The last character is looked at, not searched for (`$` also allows a final newline).
    if not ("\u4e00" <= text[-1:] <= "\u9fff" or (text.endswith("\n") and _HAN_END.search(text))):
        return None
    start = _after_last_sentence(text[-_TAIL_SPAN:]) + max(0, len(text) - _TAIL_SPAN)
    if start == 0 or start >= len(text):
        return None  # the whole line, or nothing after the sentence: not a closing byline
    tail = text[start:]
    words = tail.strip()
    mark = match_decoration(words)  # `…完成。   ■ 摄影 记者 X`: a mark sets the credit off
    bare = words[mark.end() :] if mark is not None else words
    if _ROLE_AT_START.match(bare):
        credits, end = _unbracketed(bare, 0)
        if credits is None or bare[end:].strip():
            return None
    elif (short := short_paper_byline(bare)) is not None:
        credits = short  # `…一线。青河记者 柯望川 报道`
    elif tail[:1].isspace() or _spaced_names(words):
        # A reader signs a letter: `…主力军。 读者 薛芳玲`.
        names = split_names(_SIGNER.sub("", words, count=1), strict=True)
        if names is None or not 1 <= len(names) <= 4 or not all(map(is_personal, names)):
            return None
        credits = Credits(unstated=tuple(names))
    else:
        return None
    return Tail(credits, words, text[:start].strip())


_SIGNER = re.compile(r"^读者\s+")


def _spaced_names(words: str) -> bool:
    """`…逃避处罚的行为。肖艳霞 叶少杰`: run on after the last sentence with no space before
    it, a byline still shows itself by whole names set apart by spaces. Prose puts no space
    between words, so two or more space-separated pieces, each a whole name, are credits;
    one glued name alone is left to `parse_glued_name`, which knows the line ends an item."""
    pieces = words.split()
    return 2 <= len(pieces) <= 4 and all(2 <= len(p) <= 3 for p in pieces)


# What closes an item like a byline but credits nobody: `（据新华社）`, `（来源：人民日报）`,
# `（完）`, `（待续）`, `（本报综合）`, `（综合新华社电）`, the writer's post under a signed
# piece (`（作者为青河大学教授）`); after the last sentence or alone on the last line.
_SOURCE_NOTE = re.compile(
    r"(?:^|[。！？!?…”’』」])[（(](?:据[^（()）]{2,24}|来源[:：][^（()）]{1,24}|完|待续|未完待续|"
    r"本报综合|综合[^（()）]{0,16}|[^（()）]{2,12}供稿|供稿(?:单位)?[:：][^（()）]{2,16}|"
    r"作者(?:为|系|是|单位)[^（()）]{2,40})[）)]$"
)


def ends_with_source(text: str) -> bool:
    """True when a finished sentence ends with a source or an end note in brackets.

    >>> ends_with_source("…好于上年。（据新华社）"), ends_with_source("中心组（扩大）")
    (True, False)
    """
    return _SOURCE_NOTE.search(text) is not None
