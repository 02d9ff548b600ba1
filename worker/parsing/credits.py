"""Credits inside a byline: role words, names, and who did what (`记者王孟鹤 通讯员赵炎`).

`parse_credits` reads the people of one byline or photo credit; `bylines.py` finds where a
byline or credit starts and ends on a line.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from worker.parsing.credit_values import Credits
from worker.parsing.glued_papers import before_own_paper
from worker.parsing.names import (
    is_surname,
    looks_like_name,
    names_a_source,
    normalise_dots,
    place_reported,
    set_off_whole,
    split_names,
    split_outlets,
)

REPORTER, CORRESPONDENT, PHOTOGRAPHER = "reporter", "correspondent", "photographer"
INTERN, EDITOR, MENTOR, UNSTATED = "intern", "editor", "mentor", "unstated"
_WRITING = (REPORTER, CORRESPONDENT, INTERN, UNSTATED)
_BOTH = (REPORTER, PHOTOGRAPHER)
_WRITING_SET = frozenset(_WRITING)
_SHOOTING = frozenset((PHOTOGRAPHER, EDITOR, MENTOR))  # roles a photo credit keeps as given

# Role words. Newsrooms stack qualifiers before 记者/通讯员: `本报首席记者`, `全媒体记者`,
# `融媒体记者`, `驻站记者`, `记者站记者`, `本报驻京记者`, `新华社记者`, `本报摄影记者`. Any
# stack is a known role: the last word says which (摄影记者 → photographer). A paper, agency or
# site names its own staff the same way (`东南商报记者`, `荆楚网楚天都市报记者`, `周口报业全媒体
# 记者`, `环球时报记者`), and so does a county's media centre (`青河县融媒体中心记者`) or a
# place (`青河网临溪县通讯员`): a short name ending in 报, 社, 网, 台, 中心, 县, 市 or 区 before
# the role is a qualifier (but not a name before 本报: `本报记者柯望本报通讯员杜远`).
_QUALIFIERS = (
    r"(?:本报|本刊|本台|新华社|中新社|人民日报|央视|总台|首席|全媒体|融媒体|全媒|融媒|驻站|记者站|"
    # A rank the paper gives its reporters: `高级记者`, `主任记者`, a paper's own `星级记者`.
    r"特约|特派|见习|实习|资深|摄影|小|学生|校园|驻[\u4e00-\u9fff]{1,3}?|[\u4e00-\u9fff]级|主任|助理|"
    # Two such names may be joined by a middle dot: `中青报·中青网记者`. A news site or app
    # names itself the same way (`浙江在线记者`, `上游新闻·重庆晨报记者`, its app's
    # `临溪客户端记者`), and a brand after a paper's dot needs no such ending
    # (`广州日报·新花城记者`). A hyphen may stand for the dot (`青河都市报-临溪新闻记者`,
    # `青河晚报-临溪财经首席记者`).
    # A qualifier holds no 记 and never ends in an agency's name: `本报驻埃及记者X新华社记者Y`
    # is two credits. A brand may stand before a paper's dot (`新青河·青河日报记者`).
    r"[\u4e00-\u8baf\u8bb1-\u9fff]{1,8}?(?<!本)(?:报业|报社|报|(?<!新华|中新)社|网|台|在线|新闻|客户端|中心|县|市|区)[·\-－]?"
    r"|(?<=[·\-－])[\u4e00-\u9fff]{2,5}?|[\u4e00-\u9fff]{2,4}·(?=[\u4e00-\u9fff]{2,8}?[报网台社]))*"
)
# A stack's qualifiers are Han characters and middle dots, so the role word that ends it is
# looked for first: a lookahead that fails in one quick scan, where the qualifiers' lazy
# repeats would try every split of every word before failing (it changes no match).
_STACK_END = r"(?=[\u4e00-\u9fff·\-－]*?(?:记者|通讯员|实习生))"
STACKED = rf"{_STACK_END}(?:{_QUALIFIERS}(?:记者|通讯员)|(?:本报)?实习生)"
# Where a name stops inside a byline: before a role word. A paper's own name before the role
# is matched as a role word where it starts (`东南商报记者`), so this need not look for one,
# which keeps the check cheap on every character of a name.
_NAME_STOP = (
    r"(?:本报|本刊|新华社|首席|全媒体|融媒体|全媒|特约|特派|见习|实习|摄影)*(?:记者|通讯员)"
    r"|(?:本报)?实习生"
)
# Words that credit a writer or shooter without 记者: `特约撰稿 X`, `视频 X`, `（X 整理）`.
_PLAIN_ROLES: dict[str, tuple[str, ...]] = {
    "特约撰稿": (REPORTER,),
    "文字": (REPORTER,),  # `文字:陈泉霖` / `图片:杨韬` closing a picture story
    "特约摄影": (PHOTOGRAPHER,),
    "撰稿": (REPORTER,),
    "作者": (REPORTER,),  # a CMS record's field: `作者:岑一鸣`, `作者:青河日报全媒体记者 柯立`
    "撰文": (REPORTER,),
    "整理": (REPORTER,),
    "编译": (REPORTER,),
    "摄影": (PHOTOGRAPHER,),
    "拍摄者": (PHOTOGRAPHER,),  # a picture's box: `时间:…` / `地点:…` / `拍摄者:X`
    "摄像": (PHOTOGRAPHER,),
    "视频": (PHOTOGRAPHER,),
    "图片": (PHOTOGRAPHER,),
}
# Page furniture inside a credit (`（记者 张三 编辑 李四）`): the article's editors.
# Production staff listed under an item (`设计:丹丹`, `编校:正红`, `终审:李广儒`) count the same.
_EDITORS = (
    "责任编辑", "网络编辑", "责编", "编辑", "美编", "编校", "校对", "审核", "初审", "复审", "终审",
    "设计",
)  # fmt: skip
_EDITOR_FIELD = "(?:{})[:：]".format("|".join(_EDITORS))
# Neither writers nor shooters: other credits with their role word (`指导老师 X`, a pupil's).
_MENTORS = ("指导老师", "指导教师", "辅导老师", "辅导员")
MENTOR_WORDS = "|".join(_MENTORS)
# The page's graphics (`制图 X`), neither writing nor a photo: other credits, like a mentor.
_GRAPHICS = ("制图",)
# Credits that are none of the four roles we store: kept as reporters, with a warning.
_OTHER_ROLES = ("主持人", "统筹", "策划", "翻译", "综合")
# `新华社发`, `（新华社发 张帆 摄）`: the agency that sent the photo, not a person.
SOURCE = r"(?:新华社|中新社|人民日报|[\u4e00-\u9fff]{2,4}社)发"
ROLE_WORDS = "|".join(
    sorted([*_PLAIN_ROLES, *_EDITORS, *_MENTORS, *_GRAPHICS, *_OTHER_ROLES], key=len, reverse=True)
)
SEP = r"[\s、，,；;]"
# Words for writing up (or writing and shooting) that may close the names they credit, run
# on: `（本报记者 汪洋、柯小溪整理）`, `（记者X文/摄）`; else `柯小溪整理` reads as two names.
_WROTE_SHOT = r"文\s*[/／]\s*[图摄]|文并摄"
_WRITTEN_UP = rf"整理|编译|撰文|{_WROTE_SHOT}"
POST_WORDS = r"摄影报道|摄影|摄像|摄|报道|报导"
PLACE_REPORT = r"[/／]\s*[\u4e00-\u9fff]{2,6}?(?:报道|报导)"
# Writing the text and shooting the pictures: `文/图`, `文/摄`, `文并摄`, `文·图`, `图/文`.
BOTH_WORDS = rf"{_WROTE_SHOT}|文\s*[·•・]\s*图|图\s*[/／·•・]\s*文"
# Writing the text and filming it (`文/视频`, `文/摄像`): no still photo, so the names are
# writers only (a video credit beside the text is the reporter's work, not a picture's).
_FILMED = r"(?:文\s*[/／·•・]\s*(?:视频|摄像)|(?:视频|摄像)\s*[/／·•・]\s*文)"
_TOKEN = re.compile(
    # `周敏/文 邱实/图`, `浦映/摄`, `韦方舟/摄影报道`: the role word after the name it credits.
    rf"(?P<sfx>[/／]\s*(?:摄影报道|摄影|[文图摄]))(?={SEP}|$)"
    rf"|(?P<place>{PLACE_REPORT})(?={SEP}|$)"  # `记者X／台北报导`: where the names reported from
    # `文/图 X`, `X 文/图`, `图/文`, `文·图`, `文并摄/X`: wrote and shot it.
    rf"|(?P<filmed>{_FILMED})\s*[:：/／|｜]?"  # `文/视频 X`: wrote and filmed it
    rf"|(?P<both>(?:{BOTH_WORDS})\s*[:：/／|｜]?|(?:文图|图文)\s*[:：/／])"
    # `文/X 图/Y`, `摄：X`, `文｜X`: a one-character role needs its slash, colon or bar.
    r"|(?P<lead>[图文摄]\s*[/／:：|｜])"
    rf"|(?P<src>{SOURCE})"
    # `本报记者 王五 文 赵六 摄`, `记者 陆荣春 文`: 文 set off by spaces closes the names before
    # it (at the end only after a whole name: `记者 周 文` is a padded name).
    rf"|(?P<wrote>(?<=\s)文(?=\s)|(?<=[\u4e00-\u9fff]{{2}}\s)文$)"
    # `X 摄`, `记者 X 摄影报道`, `本报记者 X 报道`: a closing word for the names before it;
    # 图 too where a space sets it off after a name (`张三 文/李四 图`).
    rf"|(?P<post>(?:{POST_WORDS})|(?<=\s)图)(?={SEP}|$)"
    # `审核/张三` in a school paper's bracket, `记者|庞一川`: a slash or bar for the colon.
    rf"|(?P<role>(?:{STACKED}|{ROLE_WORDS}))\s*[:：/／|｜]?"
    rf"|(?P<sep>{SEP}+)"
    # A name stops where `文/图` follows it with no space: `记者柯望川文/图`, and where a staff
    # field does (`记者柯文网络编辑:李平`, a portal's web editor run on after the paper's byline).
    rf"|(?P<name>(?:(?!{_NAME_STOP}|{_EDITOR_FIELD}|(?:{POST_WORDS}|{_WRITTEN_UP})(?:{SEP}|$)|[/／]|{BOTH_WORDS})"
    r"[\u4e00-\u9fff·])+)"
    r"|(?P<other>.)"
)


@dataclass(slots=True)
class _Builder:
    roles: dict[str, list[str]] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)

    def add(self, roles: tuple[str, ...], names: list[str], word: str = "") -> None:
        if MENTOR in roles:
            self.others.extend(f"{word} {name}" for name in names)
            return
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
            tuple(dict.fromkeys(self.unknown)) if self.unknown else (),
            tuple(r.get(EDITOR, ())),
            tuple(dict.fromkeys(self.others)) if self.others else (),
            tuple(r.get(UNSTATED, ())),
        )


_KEY_MARKS, _TITLE_MARKS = re.compile(r"[\s/／:：·•・|｜]"), re.compile(r"[\s/／:：·•・]")


def _known_roles() -> dict[str, tuple[str, ...]]:
    """Role words `role_of` reads as they are, by one look-up: where a word is in two of the
    lists, the first reading stands, as when they were tried one after another."""
    known: dict[str, tuple[str, ...]] = {}
    for words, roles in (
        (("文图", "图文", "文摄", "文并摄"), _BOTH),
        (("文", "撰", "文视频", "文摄像", "视频文", "摄像文"), (REPORTER,)),
        (("图", "摄", "摄影报道"), (PHOTOGRAPHER,)),
        *(((word,), roles) for word, roles in _PLAIN_ROLES.items()),
        (_EDITORS, (EDITOR,)),
        ((*_MENTORS, *_GRAPHICS), (MENTOR,)),
    ):
        for word in words:
            known.setdefault(word, roles)
    return known


_KNOWN_ROLES = _known_roles()


def role_of(word: str) -> tuple[tuple[str, ...], bool]:
    """Roles a printed role word stands for, and whether the word is a known one.

    >>> role_of("本报通讯员"), role_of("融媒体记者"), role_of("本报摄影记者")
    ((('correspondent',), True), (('reporter',), True), (('photographer',), True))
    """
    key = word if word.isalpha() else _KEY_MARKS.sub("", word)  # no mark in most words
    known = _KNOWN_ROLES.get(key)
    if known is not None:
        return known, True
    if key.endswith("实习生"):
        return (INTERN,), True
    if key.endswith("通讯员"):
        return (CORRESPONDENT,), True
    if key.endswith("记者"):
        return ((PHOTOGRAPHER,) if "摄影" in key else (REPORTER,)), True
    return (REPORTER,), False


def key_is_title(word: str) -> bool:
    """A staff title (`记者`, `本报通讯员`): the role of whoever holds it, not of the work.
    >>> key_is_title("本报记者"), key_is_title("摄影")
    (True, False)
    """
    return _TITLE_MARKS.sub("", word).endswith(("记者", "通讯员"))


@dataclass(slots=True)
class _Reader:
    """State of `parse_credits`: the role in force and the names not yet credited."""

    photo: bool
    builder: _Builder = field(default_factory=_Builder)
    role: tuple[str, ...] | None = None
    word: str = ""  # the role word in force, as printed
    pieces: list[str] = field(default_factory=list)
    marked: bool = False  # a role word leads the names; bare names must start with a surname
    fresh: bool = False  # the last token was a role word with no name after it yet
    any_role: bool = False  # some role word, before or after names
    shot_too: bool = False  # `文/图` led titled names: each of them shot the pictures too
    whole: set[str] = field(default_factory=set)  # four characters, one name (`set_off_whole`)

    def close(self, roles: tuple[str, ...] | None = None) -> bool:
        """Credit the pending names with `roles` (or the role in force); False if no names."""
        if not self.pieces:
            return True
        names = split_names(" ".join(self.pieces), strict=not self.marked, keep=self.whole)
        self.pieces = []
        if names is None:
            return False
        given = roles if roles is not None else self.role
        if given is None:
            # `（黄瑚 丁志峰）`: no role word at all.
            given = (PHOTOGRAPHER,) if self.photo else (UNSTATED,)
        elif self.photo and given and _SHOOTING.isdisjoint(given):
            given = (PHOTOGRAPHER,)  # `记者 刘洋 摄`: in a photo credit 记者 shot it
        elif self.shot_too and not _WRITING_SET.isdisjoint(given):
            given = (*given, PHOTOGRAPHER)
        # `通讯员 公宣`: a unit's publicity desk by its short name (消防宣传), a body, no person.
        desks = [n for n in names if len(n) == 2 and n[1] == "宣" and not is_surname(n[0])]
        if desks:
            self.builder.others.extend(desks)
            names = [n for n in names if n not in desks]
        self.builder.add(given, names, self.word)
        return True

    def role_word(self, word: str, *, at_end: bool) -> bool:
        roles, known = role_of(word)
        self.any_role = True
        if not known:
            self.builder.unknown.append(word)
        if self.pieces and at_end and roles == _BOTH and self.role is not None:
            # `本报记者 满园 实习生 盛可欣 文/图`: everyone in the byline wrote in their role,
            # and everyone shot the pictures (in a photo credit too: `（记者 X 文/图）`).
            photo, self.photo = self.photo, False
            closed, self.photo = self.close(), photo
            if not closed:
                return False
            roles_ = self.builder.roles
            everyone = [n for role in _WRITING for n in roles_.get(role, ())]
            self.builder.add((PHOTOGRAPHER,), everyone)
            return True
        if self.pieces and (self.role is None or at_end):
            # `许安 文/图`, `钱多多 摄影`, `本报记者 段然 文/图`: it credits the names before it.
            return self.close(roles)
        self.marked = True
        if not self.close():
            return False
        # `文/图 本报记者 高原`: role words in a row all apply to the names after them. After
        # a word for the picture alone, 记者 is the shooter's title: `■摄影 记者 王蓉`.
        if self.fresh and self.role == (PHOTOGRAPHER,) and key_is_title(word):
            roles = self.role
        elif self.fresh and role_of(self.word)[0] == _BOTH and set(roles) & set(_WRITING):
            # `文并摄/实习生X记者Y`: each title says how its names wrote; all of them shot.
            self.role, self.shot_too = None, True
        self.role = tuple(dict.fromkeys(self.role + roles)) if self.fresh and self.role else roles
        self.word = word.strip(" :：")
        self.fresh = True
        return True

    def closing_word(self, word: str) -> bool:
        """`X 摄`, `记者 X 摄影报道`, `本报记者 X 报道`: a word closing the names before it."""
        self.any_role = True
        if word in ("报道", "报导"):
            return self.close()
        return bool(self.pieces) and self.close((PHOTOGRAPHER,))


_NAME_NEXT = re.compile(rf"{SEP}+(?!{STACKED}|{ROLE_WORDS}|{POST_WORDS})[\u4e00-\u9fff]")
# A paper, or a team it sent (`两会特别报道组`), named before the role of its people.
_PAPER = re.compile(r"[\u4e00-\u9fff]{1,12}(?:日报|晚报|报社|报|通讯社|网|报道组|采访组)")
_PAPER_ENDS = frozenset("报社网组")
_ROLE_NEXT = re.compile(rf"{SEP}+(?:{STACKED})")


def _paper_before_role(word: str, text: str, end: int) -> bool:
    """Is `word` a paper's or site's name set off by a space before a role word?"""
    if word[-1:] not in _PAPER_ENDS:
        return False  # most names: `_PAPER` ends in 报, 社, 网 or 组
    return _PAPER.fullmatch(word) is not None and _ROLE_NEXT.match(text, end) is not None


def _employer(word: str, text: str, end: int) -> bool:
    """Is `word` the paper, team or desk the people after it write for, named apart?"""
    return _paper_before_role(word, text, end) or _desk_before_name(word, text, end)


def _desk_before_name(word: str, text: str, end: int) -> bool:
    """Is `word` a desk's name set off before one bare name, all the credit (`县新闻中心 张三`)?"""
    if len(word) < _DESK_MIN or not names_a_source(word):
        return False
    rest = text[end:]
    return rest[:1].isspace() and looks_like_name(rest.strip())


_DESK_MIN = 4  # a desk's name is longer than a name: `县新闻中心`, `融媒体中心`


# The same bylines come back on every page of a paper (its staff, its stringers): each read
# once. What a byline reads as depends on its text alone; `Credits` is not changed once made.
_CACHED = 4096


@functools.lru_cache(maxsize=_CACHED)
def parse_credits(content: str, *, photo: bool = False, need_role: bool = False) -> Credits | None:
    """Credits inside a byline: `记者王孟鹤 通讯员赵炎`, `黄瑚 丁志峰`; None if not a byline.

    With `photo`, everyone is a photographer (`记者王孟鹤摄`), and `文/图` also a reporter.

    >>> parse_credits("记者王孟鹤 通讯员赵炎").correspondents
    ('赵炎',)
    >>> c = parse_credits("本报记者 周敏/文 邱实/图")
    >>> c.reporters, c.photographers
    (('周敏',), ('邱实',))
    """
    reader = _Reader(photo)
    # `文丨X`: web copy prints the bar as the CJK stroke 丨, which reads as a name's character.
    text = normalise_dots(content.strip()).replace("丨", "｜")
    outlets, text = split_outlets(text)
    reader.builder.others.extend(outlets)
    for m in _TOKEN.finditer(text):
        if (kind := m.lastgroup) == "sep":
            continue
        token = m.group()
        if kind == "name" and not reader.pieces and _employer(token, text, m.end()):
            # `（大理日报 特约记者李灿斌）`, `（县新闻中心 张三）`
            reader.builder.others.append(token)
            continue
        if kind == "name" and reader.pieces and place_reported(text, m.start(), m.end()):
            continue  # `（记者 张三 青州报道）`: where the names reported from
        if kind == "name":
            reader.pieces.append(before_own_paper(token, text, m.end()))
            reader.whole |= set_off_whole(token, text, m.start(), m.end())
            reader.fresh = False
            continue
        word = token.strip(" :：")
        if kind == "other":
            return None  # a digit or a mark: not a byline (`（上接第1版）`)
        if kind == "src":  # `新华社发`: closes the names before it, credits no person
            reader.builder.others.append(word)
            reader.any_role = True
            ok = reader.close()
        elif kind == "wrote":
            photo, reader.photo = reader.photo, False  # the writer's names, not a shooter's
            reader.any_role = True
            ok = bool(reader.pieces) and reader.close((REPORTER,))
            reader.photo = photo
        elif kind == "place":
            ok = bool(reader.pieces) and reader.close()
        elif kind == "sfx":  # `周敏/文`: the names since the last marker
            reader.any_role = True
            ok = bool(reader.pieces) and reader.close(role_of(word)[0])
        elif kind == "post" and (reader.pieces or word not in _PLAIN_ROLES):
            # `（见习记者 X 摄影 Y）`: after a titled writer, 摄影 leads the shooter's name.
            leads = reader.role is not None and not reader.photo and word in _PLAIN_ROLES
            leads = leads and _NAME_NEXT.match(text, m.end()) is not None
            ok = reader.role_word(word, at_end=False) if leads else reader.closing_word(word)
        else:
            # A role word; `摄影 钱多多` too, where a closing word leads names none came before.
            ok = reader.role_word(word, at_end=not text[m.end() :].strip())
        if not ok:
            return None
    if need_role and not reader.any_role:
        return None
    if reader.fresh and not reader.pieces:
        return None  # a role word with nobody after it
    if not reader.close():
        return None
    credits = reader.builder.build()
    return credits if credits else None
