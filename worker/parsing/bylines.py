"""Datelines, bylines and photo credits: who wrote or shot an item, and the text they cover.

Every parser here returns what it consumed *as printed* (role words, brackets, names) so the
caller can account for it, and the remaining text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

REPORTER, CORRESPONDENT, PHOTOGRAPHER, INTERN = (
    "reporter",
    "correspondent",
    "photographer",
    "intern",
)

# Role words, longest first so `本报记者` wins over `记者`. `文/图 X` wrote and shot the item.
_KNOWN_ROLES: dict[str, tuple[str, ...]] = {
    "本报特约记者": (REPORTER,),
    "本报见习记者": (REPORTER,),
    "本报记者": (REPORTER,),
    "特约记者": (REPORTER,),
    "见习记者": (REPORTER,),
    "摄影记者": (PHOTOGRAPHER,),
    "记者": (REPORTER,),
    "本报通讯员": (CORRESPONDENT,),
    "特约通讯员": (CORRESPONDENT,),
    "通讯员": (CORRESPONDENT,),
    "本报实习生": (INTERN,),
    "实习生": (INTERN,),
    "摄影": (PHOTOGRAPHER,),
}
# Slash roles need their slash or colon: a bare `文` or `图` is the start of a name or word.
_SLASH_ROLES: dict[str, tuple[str, ...]] = {
    "文图": (REPORTER, PHOTOGRAPHER),
    "文/图": (REPORTER, PHOTOGRAPHER),
    "图/文": (REPORTER, PHOTOGRAPHER),
    "图": (PHOTOGRAPHER,),
    "文": (REPORTER,),
    "摄": (PHOTOGRAPHER,),
}
# Credits that are not one of the four roles we store (`（编辑 张三）`): kept as reporters,
# with a warning so someone can decide.
_OTHER_ROLES = ("主持人", "编辑", "整理", "撰稿", "统筹", "策划", "制图", "翻译", "编译", "综合")

_ROLE_ALTS = "|".join(sorted([*_KNOWN_ROLES, *_OTHER_ROLES], key=len, reverse=True))
_ROLE = re.compile(
    r"(?:文\s*[/／]\s*图|图\s*[/／]\s*文)\s*[:：]?\s*"
    r"|(?:文图|图|文|摄)\s*[/／:：]\s*"
    rf"|(?:{_ROLE_ALTS})\s*[:：]?\s*"
)
_SEPARATORS = re.compile(r"[\s、，,；;/／]+")
_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,6}[·•・][\u4e00-\u9fff]{1,8}")
_NAME_PIECE = re.compile(r"[\u4e00-\u9fff·•・]{1,12}")
# Unbracketed bylines run into the text, so only `、` joins names there: `记者获悉，今年…`.
_NAME_LIST = re.compile(r"[\u4e00-\u9fff·•・]{1,9}(?:、[\u4e00-\u9fff·•・]{1,9})*")
_DECORATION = re.compile(r"[□■◎●○◆◇▲△★☆]\s*")
_NUM = "[0-9０-９〇零一二三四五六七八九十]{1,3}"
_DATELINE = re.compile(
    r"(?:本报综合消息|本报综合讯|据新华社电|本报消息|本报专讯|本报讯|又讯|新华社电|中新社电)"
    rf"|(?P<pre>[\u4e00-\u9fff]{{0,14}}?){_NUM}月{_NUM}日(?:电|讯)"
)
_BRACKET_AT_START = re.compile(r"\s*[（(【\[]([^（()）【】\[\]]{1,80})[）)】\]]")
_BRACKET_AT_END = re.compile(r"[（(【\[]([^（()）【】\[\]]{1,60})[）)】\]]$")
_SENTENCE_END = "。！？!?…”’』」"
_REPORTED = ("报道", "报导")


@dataclass(frozen=True)
class Credits:
    """People credited for an item, by role, in printed order, each name once per role."""

    reporters: tuple[str, ...] = ()
    correspondents: tuple[str, ...] = ()
    photographers: tuple[str, ...] = ()
    interns: tuple[str, ...] = ()
    unknown_roles: tuple[str, ...] = ()

    def merged(self, other: Credits) -> Credits:
        def union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
            return a + tuple(x for x in dict.fromkeys(b) if x not in a)

        return Credits(
            union(self.reporters, other.reporters),
            union(self.correspondents, other.correspondents),
            union(self.photographers, other.photographers),
            union(self.interns, other.interns),
            union(self.unknown_roles, other.unknown_roles),
        )

    def __bool__(self) -> bool:
        return bool(self.reporters or self.correspondents or self.photographers or self.interns)


@dataclass(frozen=True)
class Lead:
    """A dateline and/or byline opening a line: `本报讯（记者王孟鹤）5月15日下午，…`."""

    dateline: str | None
    credits: Credits
    printed: str  # the consumed opening, as printed
    rest: str  # the text after it


@dataclass(frozen=True)
class Tail:
    """A byline or photo credit closing a line: `…推广。（记者 方耀星）`, `…145对。魏国伟 摄`."""

    credits: Credits
    printed: str
    rest: str  # the text before it
    photo: bool = False


@dataclass
class _Builder:
    roles: dict[str, list[str]] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)

    def add(self, roles: tuple[str, ...], names: list[str]) -> None:
        for role in roles:
            bucket = self.roles.setdefault(role, [])
            bucket.extend(n for n in names if n not in bucket)

    def build(self) -> Credits:
        r = self.roles
        return Credits(
            tuple(r.get(REPORTER, ())),
            tuple(r.get(CORRESPONDENT, ())),
            tuple(r.get(PHOTOGRAPHER, ())),
            tuple(r.get(INTERN, ())),
            tuple(dict.fromkeys(self.unknown)),
        )


def role_of(word: str) -> tuple[tuple[str, ...], bool]:
    """Roles a printed role word stands for, and whether the word is a known one.

    >>> role_of("本报通讯员")
    (('correspondent',), True)
    """
    key = re.sub(r"[\s/／:：]", "", word)
    if key in _KNOWN_ROLES:
        return _KNOWN_ROLES[key], True
    if key in ("文图", "图文"):
        return _SLASH_ROLES["文图"], True
    if key in _SLASH_ROLES:
        return _SLASH_ROLES[key], True
    for suffix, roles in (
        ("记者", (REPORTER,)),
        ("通讯员", (CORRESPONDENT,)),
        ("实习生", (INTERN,)),
    ):
        if key.endswith(suffix):
            return roles, False
    return (REPORTER,), False


def split_names(text: str) -> list[str] | None:
    """Names in a credit, padding undone (`王  洲` is `王洲`); None if any piece is no name.

    >>> split_names("王  洲 李菱、赵炎")
    ['王洲', '李菱', '赵炎']
    """
    pieces = [p for p in _SEPARATORS.split(text) if p]
    if not pieces or not all(_NAME_PIECE.fullmatch(p) for p in pieces):
        return None
    names: list[str] = []
    pending = ""
    for piece in pieces:
        # Layout pads two-character names to three: `王  洲`. A lone character joins the next.
        if pending:
            piece, pending = pending + piece, ""
        if len(piece) == 1:
            pending = piece
            continue
        names.append(piece)
    if pending:
        if not names:
            return None
        names[-1] += pending
    if not all(_NAME.fullmatch(n) for n in names):
        return None
    return names


def parse_credits(content: str, *, photo: bool = False, need_role: bool = False) -> Credits | None:
    """Credits inside a byline: `记者王孟鹤 通讯员赵炎`, `黄瑚 丁志峰`; None if not a byline.

    With `photo`, everyone is a photographer (`记者王孟鹤摄`), and `文/图` also a reporter.

    >>> parse_credits("记者王孟鹤 通讯员赵炎").correspondents
    ('赵炎',)
    """
    matches = list(_ROLE.finditer(content))
    if need_role and not matches:
        return None
    builder = _Builder()
    role_words: list[str | None] = [None] + [m.group().strip() for m in matches]
    cuts = [0] + [p for m in matches for p in (m.start(), m.end())] + [len(content)]
    pieces = [content[cuts[i] : cuts[i + 1]] for i in range(0, len(cuts), 2)]
    for index, (word, piece) in enumerate(zip(role_words, pieces, strict=True)):
        if not piece.strip():
            if word is not None and index == len(pieces) - 1:
                return None  # a role word with nobody after it
            continue
        names = split_names(piece)
        if names is None:
            return None
        next_word = role_words[index + 1] if index + 1 < len(role_words) else None
        if next_word is not None and piece == piece.rstrip() and len(names) > (word is not None):
            # `记者王孟鹤 融媒体记者张三`: a piece glued to the next role word is its prefix.
            builder.unknown.append(names.pop() + next_word.rstrip(":：/／ "))
        roles: tuple[str, ...]
        if word is None:
            roles = (PHOTOGRAPHER,) if photo else (REPORTER,)
        else:
            roles, known = role_of(word)
            if not known:
                builder.unknown.append(word.rstrip(":：/／ "))
            if photo:
                roles = (
                    (REPORTER, PHOTOGRAPHER)
                    if REPORTER in roles and len(roles) > 1
                    else (PHOTOGRAPHER,)
                )
        builder.add(roles, names)
    credits = builder.build()
    return credits if credits else None


def parse_lead(text: str) -> Lead | None:
    """The dateline and byline opening a line, if it has one.

    >>> lead = parse_lead("本报讯（记者王孟鹤 通讯员赵炎）5月28日上午，…")
    >>> lead.dateline, lead.credits.reporters, lead.rest
    ('本报讯', ('王孟鹤',), '5月28日上午，…')
    """
    decoration = _DECORATION.match(text)
    pos = decoration.end() if decoration else 0
    dateline = _match_dateline(text, pos)
    credits: Credits | None = None
    if dateline is not None:
        pos += len(dateline)
        bracket = _BRACKET_AT_START.match(text, pos)
        if bracket:
            credits = parse_credits(bracket.group(1))
            if credits is not None:
                pos = bracket.end()
        if credits is None:
            credits, pos = _unbracketed(text, pos)
    else:
        bracket = _BRACKET_AT_START.match(text, pos)
        if bracket:
            # `（记者 张三）本市…` -- a bracket opening a line counts only with a role word in it.
            credits = parse_credits(bracket.group(1), need_role=True)
            if credits is not None:
                pos = bracket.end()
        if credits is None:
            credits, pos = _unbracketed(text, pos)
        if credits is None:
            return None
    return Lead(dateline, credits or Credits(), text[:pos].strip(), text[pos:].strip())


def _match_dateline(text: str, pos: int) -> str | None:
    m = _DATELINE.match(text, pos)
    if m is None:
        return None
    after = text[m.end() : m.end() + 1]
    if m.group("pre") == "" and after and "\u4e00" <= after <= "\u9fff":
        return None  # `5月28日电视台…` is a sentence, not `5月28日电（记者…）`
    return m.group()


def _unbracketed(text: str, pos: int) -> tuple[Credits | None, int]:
    """`本报记者  王  洲  张三 …`, `记者X 通讯员Y …`: role words and names up to the text."""
    builder = _Builder()
    end = pos
    role: tuple[str, ...] | None = None
    pending: list[str] = []  # name pieces seen since the last role word
    pending_end = pos

    def flush() -> bool:
        names = split_names(" ".join(pending)) if pending else None
        if role is None or names is None:
            return False
        builder.add(role, names)
        return True

    for token in re.finditer(r"\S+", text[pos:]):
        word = token.group()
        stop = pos + token.end()
        m = _ROLE.match(word)
        if m is not None:
            if pending and not flush():
                break
            if pending:
                end = pending_end
            roles, known = role_of(m.group())
            # `文/图 本报记者 高原`: role words in a row all apply to the names after them.
            role = roles if role is None or pending else tuple(dict.fromkeys(role + roles))
            if not known:
                builder.unknown.append(m.group().strip(":：/／ "))
            pending = []
            remainder = word[m.end() :]
            if remainder:
                if not _NAME_LIST.fullmatch(remainder):
                    role = None
                    break
                pending.append(remainder)
                pending_end = stop
            continue
        if role is not None and pending and word in _REPORTED:
            pending_end = stop  # `本报记者 王洲 报道`
            break
        if role is not None and _NAME_LIST.fullmatch(word):
            pending.append(word)
            pending_end = stop
            continue
        break
    if pending and flush():
        end = pending_end
    credits = builder.build()
    return (credits, end) if credits else (None, pos)


def parse_tail(text: str) -> Tail | None:
    """A photo credit or byline closing a line, if it has one (photo credits first).

    >>> parse_tail("…共办理结婚登记145对。魏国伟 摄").credits.photographers
    ('魏国伟',)
    """
    return _photo_tail(text) or _byline_tail(text)


def _photo_tail(text: str) -> Tail | None:
    bracket = _BRACKET_AT_END.search(text)
    if bracket and re.search(r"摄影?\s*$", bracket.group(1)):
        inner = re.sub(r"\s*摄影?\s*$", "", bracket.group(1))
        credits = parse_credits(inner, photo=True)
        if credits is not None:
            return Tail(credits, bracket.group(), text[: bracket.start()].strip(), photo=True)
    shot = re.search(r"\s*摄影?$", text)
    if shot and shot.start() > 0 and not text[: shot.start()].endswith("拍"):
        head = text[: shot.start()]  # (`…进行拍摄` is the verb 拍摄, not a credit)
        for start in _credit_starts(head):
            credits = parse_credits(head[start:], photo=True)
            if credits is not None:
                return Tail(credits, text[start:].strip(), text[:start].strip(), photo=True)
        return None
    # `…。图/张三`, `文/图 张三`, `摄影：张三`: the role word leads the credit.
    start = _after_last_sentence(text)
    tail = text[start:].strip()
    if tail and re.match(
        r"(?:文\s*[/／]\s*图|图\s*[/／]\s*文|图\s*[/／:：]|摄影?\s*[/／:：]|摄影\s)", tail
    ):
        credits = parse_credits(tail, photo=True, need_role=True)
        if credits is not None:
            return Tail(credits, tail, text[:start].strip(), photo=True)
    return None


def _credit_starts(head: str) -> list[int]:
    """Where a credit before `摄` may begin: after the last punctuation, or at a space."""
    starts = [_after_last_sentence(head, marks=_SENTENCE_END + "，,；;：:）)")]
    for m in re.finditer(r"\s", head[max(0, len(head) - 30) :]):
        starts.append(max(0, len(head) - 30) + m.end())
    return [s for s in sorted(set(starts)) if len(head) - s <= 30]


def _after_last_sentence(text: str, marks: str = _SENTENCE_END) -> int:
    for index in range(len(text) - 1, -1, -1):
        if text[index] in marks:
            return index + 1
    return 0


def _byline_tail(text: str) -> Tail | None:
    bracket = _BRACKET_AT_END.search(text)
    if bracket is None:
        return None
    before = text[: bracket.start()].rstrip()
    # `…推广。（记者 方耀星）`: only after a finished sentence, or as the whole line, is a
    # bracket of names a byline; `中心组（扩大）` mid-sentence is not.
    if before and before[-1] not in _SENTENCE_END:
        return None
    credits = parse_credits(bracket.group(1))
    if credits is None:
        return None
    return Tail(credits, bracket.group(), before)
