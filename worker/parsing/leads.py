"""Datelines and bylines opening a line, and lines that are nothing but a byline.

`本报讯（记者王孟鹤）…`, `本报记者  王  洲`, `——本报浙江分社记者窦瀚洋`; a line of bare names is
`name_lines`'s.
"""

from __future__ import annotations

import re

from worker.parsing.byline_text import (
    _BRACKET_AT_START,
    _DECORATION_MARKS,
    _NOT_IN_BARE_NAME,
    _ROLE_AT_START,
    Lead,
    _bare_names,
    _unbracketed,
    match_decoration,
)
from worker.parsing.cited_credits import PRINT_CITATION, cited_credit
from worker.parsing.credit_values import Credits
from worker.parsing.credits import parse_credits
from worker.parsing.feature_credits import (
    NOTE_AFTER,
    desk_after,
    desk_of,
    feature_credit,
    framed_lead,
    is_tip,
    marked_byline,
    team_byline,
)
from worker.parsing.headlines import is_headline_line
from worker.parsing.name_lines import marked_name_into_text
from worker.parsing.names import is_personal, looks_like_name, split_names
from worker.parsing.pupil_bylines import pupil_byline
from worker.parsing.reported_names import names_reported
from worker.parsing.signoffs import written_up
from worker.parsing.tails import _photo_tail
from worker.parsing.vouched_credits import colon_credit, titled_paper_byline

_NUM = "[0-9０-９〇零一二三四五六七八九十]{1,3}"
# `本报讯`, `本报北京1月1日电`, `本报江州11月19日讯`, `新华社北京5月28日电`, `中新社巴黎…电`,
# `据新华社雅加达11月17日电`, `人民网北京11月18日电`, `本报合肥18日电` (the day alone),
# `3月17日消息：` (a web record's), `青河网消息（记者 X）：`; the year or the hour printed too
# (`青河网2019年4月12日讯`, `青河网5月9日18时讯`), a special dispatch (`新华社X地3月30日专电`,
# `…新媒体专电`), and a site's dispatch with no date before its byline (`青河新闻网江州电（记者`);
# a paper or site's own `X讯` (`九龙报讯`, `南都讯`, `中国宁波网讯`) before a space, bracket
# or colon handing over to the text (`青河在线讯:3月6日下午,…`), a site and its paper joined
# (`青河网-青河日报讯`, `青河日报·青河网讯`), a paper's own undated; `通讯…`, `简讯` are words.
_DATELINE = re.compile(
    r"(?:本报综合消息|本报综合讯|据新华社电|本报消息|本报专讯|本报讯|又讯|新华社电|中新社电)"
    r"|本报[\u4e00-\u9fff]{0,10}?(?:专电|快讯)"  # `本报江州今晨专电`, `本报上午快讯`
    rf"|(?P<pre>[\u4e00-\u9fff]{{0,14}}?)(?:(?:19|20)[0-9]{{2}}年)?(?:{_NUM}月)?{_NUM}日"
    rf"(?:{_NUM}时)?(?:(?:新媒体)?专电|电|讯|消息[:：]?)"
    r"|[\u4e00-\u9fff]{1,8}?[网社][\u4e00-\u9fff]{2,4}电(?=\s*[（(][^（()）]{0,12}(?:记者|通讯员))"
    r"|(?:[\u4e00-\u9fff]{2,8}[-·－/／])?[\u4e00-\u9fff]{2,10}(?<![通资喜简快短审视])讯"
    r"(?:[:：](?=\S)|(?=[\s（(【\[]|$))"
)
# A site's or station's own `X消息` the same way: `青河网消息（记者 X）：…`; a place's only
# before a bracket that names a reporter (`青河消息(见习记者 X)…`; `好消息（…）` is a word).
_NEWS_DATELINE = re.compile(
    r"[\u4e00-\u9fff]{1,8}(?:网|台|社|报)消息(?=[\s（(【\[]|$)"
    r"|[\u4e00-\u9fff]{2,6}(?<![好新坏])消息(?=\s*[（(][^（()）]{0,12}(?:记者|通讯员))"
)
# `【新华社重庆十四日电】`, `(青河日报讯)`: a dateline alone in a frame or a bracket.
_FRAMED_DATELINE = re.compile(r"【([^【】]{3,24})】|[（(]([^（）()]{3,24})[）)]")
_FRAMES = frozenset("【（(")  # how a `_FRAMED_DATELINE` starts


def _opening_dateline(text: str) -> tuple[str | None, int]:
    """The dateline opening `text` (after any decoration), if any, and where it ends."""
    decoration = match_decoration(text)
    pos = decoration.end() if decoration else 0
    if text.startswith("来源", pos):
        pos = _after_source(text, pos)
    framed = _FRAMED_DATELINE.match(text, pos) if text[pos : pos + 1] in _FRAMES else None
    inner = framed.group(1) or framed.group(2) if framed is not None else None
    if framed is not None and inner is not None and _match_dateline(inner, 0) == inner:
        # `【新华社重庆十四日电】拉萨讯:…`: an old wire dateline in a frame; `(青河日报讯)
        # 入夏以来,…`: a paper's own dateline in brackets.
        return inner, framed.end()
    dateline = _match_dateline(text, pos)
    return dateline, (pos if dateline is None else pos + len(dateline))


# A web copy's source tag run into the dateline: `来源：青河日报本报讯（记者 X）…`. The
# source ends as a paper's, site's or station's name does; no person is named in it.
_SOURCE_TAG = re.compile(r"来源\s*[:：]\s*")
_SOURCE_ENDS = "报网台社端"
_SOURCE_MAX = 12


def _after_source(text: str, pos: int) -> int:
    """Where the dateline after a source tag at `pos` starts; `pos` when there is none."""
    tag = _SOURCE_TAG.match(text, pos)
    if tag is None:
        return pos
    for end in range(tag.end() + 2, min(len(text), tag.end() + _SOURCE_MAX) + 1):
        if text[end - 1] not in _SOURCE_ENDS:
            continue
        start = end + len(text[end:]) - len(text[end:].lstrip())
        if _match_dateline(text, start) is not None:
            return start  # the shortest name: `青河日报` before `本报讯`, not `青河日报本报`
    return pos


def parse_lead(text: str) -> Lead | None:
    """The dateline and byline opening a line, if it has one.

    >>> lead = parse_lead("本报讯（记者王孟鹤 通讯员赵炎）5月28日上午，…")
    >>> lead.dateline, lead.credits.reporters, lead.rest
    ('本报讯', ('王孟鹤',), '5月28日上午，…')
    """
    first = text[:1]
    if first == "【" and (framed := framed_lead(text)) is not None:
        return framed
    if first in "2本" and (stamped := _stamped_lead(text)) is not None:
        return stamped
    if first in "-－" and (marked := marked_name_into_text(text)) is not None:
        return marked  # `-长风 那年冬天，…`: a web copy's hyphen for the signature's dash
    if (
        first not in _LEAD_FIRSTS  # no decoration, frame or bracket: a dateline starts at 0
        and not first.isspace()
        and not "A" <= first <= "Z"
        and _no_dateline_at(text, 0)
        and _ROLE_AT_START.match(text) is None
        and (len(text) > _BYLINE_LINE or not _may_sign_alone(text))
    ):
        # Most lines: what each reader below looks for first, looked at once. No dateline,
        # bracket or role word opens the line, and no reader of a whole line takes it.
        return None
    dateline, dated = _opening_dateline(text)
    credits, pos = _bracketed(text, dated, dateline)
    if credits is None:
        credits, pos = _unbracketed(text, pos)
    if credits is None and dateline is not None:  # `本报讯 报道组 X Y …`, `本报讯 X、Y报道:`
        credits, pos = desk_after(text, pos) if "报道组" in text else names_reported(text, pos)
    if credits is None and dateline is None:
        if first in "□■" and (marked := marked_name_into_text(text)) is not None:
            return marked
        if len(text) > _BYLINE_LINE or not _may_sign_alone(text):
            return None  # a paragraph, or a line without what each byline below needs
        return (
            _signature(text)
            or colon_credit(text)
            or team_byline(text)
            or _author_line(text)
            or _collective(text)
            or _media_byline(text)
            or _suffix_byline(text)
            or feature_credit(text, parse_lead)
            or marked_byline(text, parse_lead)
            or titled_paper_byline(text, parse_lead)
            or cited_credit(text, parse_lead)
            or written_up(text)
            or pupil_byline(text)
        )
    lead = Lead(dateline, credits or Credits(), text[:pos].strip(), text[pos:].strip())
    if (
        dateline is None
        and lead.rest
        and (PRINT_CITATION.fullmatch(lead.rest) or is_tip(lead.rest))
    ):
        # `作者：X（单位） 《青河日报》（ 2024年03月11日 09版）`: the record's source and page,
        # or a reader-tip note (`（记者 X）(报料人:…)`), are the byline's, not the text's.
        return Lead(None, lead.credits, text.strip(), "")
    if _SHOT_END.search(printed := lead.printed.rstrip(":： ")):
        # `记者 刘家冕 通讯员 任辉 摄影报道`, `（全媒体记者 厉倩 通讯员 申国发 摄）` alone on
        # a line or before the text (`…摄影报道：昨日，…`), or after a dateline (`X网讯 记者
        # X、Y摄影报道:`): the closing 摄 credits every name before it, whatever their titles.
        shot, before = _photo_tail(printed), "" if dateline is None else text[:dated].strip()
        if shot is not None and shot.rest == before and printed.endswith(shot.printed):
            return Lead(dateline, shot.credits, lead.printed, lead.rest)
    return lead


# A web copy's time stamp run into a byline, or this page's `本版` (`本版文/图 本报记者 X`).
_WEB_STAMP = re.compile(
    r"20[0-9]{2}\s*[-/.年]\s*[0-9]{1,2}\s*[-/.月]\s*[0-9]{1,2}日?\s*[0-2]?[0-9]:[0-5][0-9]\s*"
    r"|本版\s*"
)


def _stamped_lead(text: str) -> Lead | None:
    """`2017年04月30日 21:44青河晚报记者 柯立 通讯员 韦川 昨日…`: a print view's time stamp
    glued before the byline (or `本版…`); the stamp is the byline's, not the text's."""
    stamp = _WEB_STAMP.match(text)
    lead = None if stamp is None else parse_lead(text[stamp.end() :])
    if stamp is None or lead is None or lead.dateline is not None or not lead.credits:
        return None
    return Lead(None, lead.credits, text[: stamp.end()] + lead.printed, lead.rest)


def _bracketed(text: str, pos: int, dateline: str | None) -> tuple[Credits | None, int]:
    """The byline in a bracket at `pos`, after the dateline if there is one, and where the
    text goes on; `(None, pos)` when no bracket there is a byline."""
    bracket = _BRACKET_AT_START.match(text, pos)
    if bracket is None:
        return None, pos
    # `（记者 张三）本市…`: without a dateline a bracket counts only with a role word in it;
    # right after one, a bracket of bare names is its byline (`本报讯(商 闻)`), rare
    # surname or not.
    content = bracket.group(1)
    credits = parse_credits(content, need_role=dateline is None)
    shot = _photo_tail(bracket.group().strip()) if _SHOT_END.search(content) else None
    if shot is not None and not shot.rest:
        # `(刘星 特约通讯员 陈雨 摄影报道)…`: the closing 摄 credits every name in the
        # bracket, whatever their titles, as it does on a credit line of its own.
        credits = shot.credits
    rest = text[bracket.end() :]
    if credits is not None and dateline is None and _column_tag(bracket.group(), credits, rest):
        credits = None
    if credits is None:  # `本报讯(商 闻)`; a desk's members: `本报讯（报道组 X Y）`
        credits = (_bare_names(content, least=1) if dateline else None) or desk_of(content)
    if credits is not None:
        pos = bracket.end()
        if dateline is not None and text[pos : pos + 1] in ("：", ":"):
            pos += 1  # `青河网消息（记者 X）：近日…`: the colon hands over to the text
    return credits, pos


# What may open a line before its dateline or byline: a decoration, a frame or a bracket.
_LEAD_FIRSTS = frozenset(f"{_DECORATION_MARKS}【（([")
# What one of the whole-line bylines of `parse_lead` needs: a dash (`_signature`), 文 or 图
# (`_author_line`, `_suffix_byline`) or 组 (`_collective`) at an end, or a colon or bar
# (`colon_credit`), a role (`team_byline`, `_collective`), a space or a bar (`_media_byline`,
# `written_up`); a closing bracket, 报道组, 撰, 摄, 文字 or 图片 (`feature_credit`).
_ALONE_FIRSTS, _ALONE_LASTS = frozenset("—－-─文图"), frozenset("文图组）)")
_ALONE_MARK = re.compile("[:：|｜丨 撰摄]|记者|通讯员|报道组|文字|图片")
# The first characters of `_ALONE_MARK`: one class is searched far faster than the words.
_ALONE_MARK_FIRSTS = re.compile("[:：|｜丨 撰摄记通报文图]")


def _may_sign_alone(text: str) -> bool:
    if text[:1] in _ALONE_FIRSTS or text[-1:] in _ALONE_LASTS:
        return True
    first = _ALONE_MARK_FIRSTS.search(text)
    return first is not None and _ALONE_MARK.search(text, first.start()) is not None


def _column_tag(bracket: str, credits: Credits, rest: str) -> bool:
    """`【记者手记】深度融合…`: a column's tag in a frame before a headline, not a byline. Its
    role word is glued to a word that is no person's name (`手记`, `观察`), or to one that
    may be (`连线`) with a headline after the frame instead of text. A name off the surname
    table set off from its role by a space, over text, is a byline still (`【青河时报特约记者
    仉远舟】…。`): a tag's word is glued to its role word.

    >>> parse_lead("【记者手记】让我抢到了话筒"), parse_lead("【记者连线】公交调整之后")
    (None, None)
    """
    if bracket.lstrip()[:1] != "【":
        return False
    people = credits.reporters + credits.correspondents + credits.photographers
    if people and not all(looks_like_name(name) for name in people):
        set_off = " " in bracket.strip() and not is_headline_line(rest)
        return not (set_off and all(map(is_personal, people)))
    return " " not in bracket.strip() and is_headline_line(rest)


# A line closed by 摄 alone (not `文/图`, which credits the writing too).
_SHOT_END = re.compile(r"(?:摄影报道|摄影|摄像|摄)\s*[）)]?$")

# `文 张人健(新顺居民区)`: the one-character role set off by a space, alone on its line.
_AUTHOR_LINE = re.compile(r"(?P<role>[文图])\s+(?P<names>[\u4e00-\u9fff·\s]{2,12}?)")


def _author_line(text: str) -> Lead | None:
    if len(text) > 24 or text[:1] not in "文图":
        return None
    note = NOTE_AFTER.search(text)
    m = _AUTHOR_LINE.fullmatch(text[: note.start()] if note else text)
    if m is None:
        return None
    names = split_names(m.group("names"), strict=True)
    if names is None or not 1 <= len(names) <= 3 or not all(map(is_personal, names)):
        return None
    credits = parse_credits(f"{m.group('role')}/ {' '.join(names)}", need_role=True)
    return Lead(None, credits, text, "") if credits else None


# `石维明/文`, `周敏/文 邱实/图`: each name with its role after a slash, alone on the line; or
# set off by spaces (`石维明  文`), each name then a looks-like-name check; a slash may part
# the pairs too (`周敏 文/邱实 图`).
_SUFFIX_LINE = re.compile(
    r"(?:[\u4e00-\u9fff·]{2,4}(?:\s*[/／]\s*|\s+)[文图](?:\s*[/／]\s*|\s+|$))+"
)
_SUFFIX_PAIR = re.compile(r"([\u4e00-\u9fff·]{2,4})(?:\s*[/／]\s*|\s+)([文图])")


def _suffix_byline(text: str) -> Lead | None:
    if len(text) > 24 or text[-1:] not in "文图" or not _SUFFIX_LINE.fullmatch(text):
        return None
    pairs = _SUFFIX_PAIR.findall(text)
    if not all(looks_like_name(name) for name, _ in pairs):
        return None  # `校园/文化` is no credit
    credits = parse_credits(" ".join(f"{name}/{role}" for name, role in pairs), need_role=True)
    return Lead(None, credits, text, "") if credits else None


# `农民日报 陈彦宇`: a writer from another paper, its name in place of a role word; a pupil
# under a school's piece the same way with the school or class (`初二（3）班 林小禾`).
_MEDIA = re.compile(
    r"[\u4e00-\u9fff]{2,8}(?:日报|晚报|报|社|网|电视台)\s+"
    r"|[\u4e00-\u9fff0-9（）()]{2,16}?(?:班|小学|中学|大学|学院|学校)\s+"
)


# `青河日报 | 记者 柯望川 美编 钱小禾`: an app's record names its paper, then the byline.
_MEDIA_BAR = re.compile(r"([\u4e00-\u9fff]{2,8}(?:日报|晚报|报|社|网|电视台))\s*[|｜丨]\s*")


def _media_byline(text: str) -> Lead | None:
    if " " not in text and "|" not in text and "｜" not in text:
        return None  # each form sets the paper or school apart: a headline line has no space
    bar = _MEDIA_BAR.match(text)
    if bar is not None:
        credits, end = _unbracketed(text, bar.end())
        if credits is None or end < len(text.rstrip()):
            return None
        return Lead(None, credits.merged(Credits(others=(bar.group(1),))), text, "")
    m = _MEDIA.match(text) if len(text) <= 24 else None
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
_BODY_ENDS = ("组", "记者")  # how every `_BODY` ends


def _collective(text: str) -> Lead | None:
    if len(text) > 32 or not text.endswith(_BODY_ENDS) or not _COLLECTIVE_LINE.fullmatch(text):
        return None
    if not any(word.endswith("组") for word in text.split()):
        return None  # `福建日报记者` alone may head a line of text; a 组 is a body of authors
    return Lead(None, Credits(others=tuple(text.split())), text, "")


_BYLINE_LINE = 40  # the longest line read as a byline with nothing else on it
_DASHES = re.compile(r"[—－\-─]{1,2}\s*")
_DASH_FIRSTS = frozenset("—－-─")


def _signature(text: str) -> Lead | None:
    """`——本报浙江分社记者窦瀚洋`: a whole line signing the text above it after a dash.

    Only a line that is nothing but a byline counts: `——记青石县实验小学` is a subtitle.
    """
    dashes = _DASHES.match(text) if text[:1] in _DASH_FIRSTS else None
    if dashes is None:
        return None
    lead = parse_lead(text[dashes.end() :])
    if lead is None or lead.rest or lead.dateline or not lead.credits.writers:
        return None
    return Lead(None, lead.credits, text, "")


# Every `_DATELINE` ends in one of these within its first 26 characters.
_DATELINE_ENDS = re.compile("[日讯电息]")
_DATELINE_SPAN = 26
# And every one, as every `_NEWS_DATELINE`, holds 讯, 电 or 息 within its first 36 (a name
# of 14, a year of 5, a month, day and hour of 4 each, then 新媒体专电): a line that opens
# with a date (`5月20日，…`) has none of them there.
_DISPATCH_MARKS = re.compile("[讯电息]")
_DISPATCH_SPAN = 36


def _no_dateline_at(text: str, pos: int) -> bool:
    """True where no dateline can start at `pos`: a look at a few characters."""
    return (
        _DATELINE_ENDS.search(text, pos, pos + _DATELINE_SPAN) is None
        or _DISPATCH_MARKS.search(text, pos, pos + _DISPATCH_SPAN) is None
    )


def _match_dateline(text: str, pos: int) -> str | None:
    if _no_dateline_at(text, pos):
        return None  # most lines: a look at a few characters instead of the pattern
    m = _DATELINE.match(text, pos)
    if m is None:
        if text.find("消息", pos, pos + 12) < 0:
            return None
        news = _NEWS_DATELINE.match(text, pos)
        return None if news is None else news.group()
    after = text[m.end() : m.end() + 1]
    # `5月28日电视台…`, `今天18日电话…` are sentences; a byline may follow with no space
    # (`本报曼谷2月5日电记者成元生报道:`).
    han_after = bool(after) and "\u4e00" <= after <= "\u9fff"
    if han_after and m.group("pre") is not None and not _ROLE_AT_START.match(text, m.end()):
        return None
    return m.group()
