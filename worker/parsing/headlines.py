"""Headline groups: which short lines are headlines, and kicker / headline / subtitle."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from worker.parsing.furniture import ends_in_jump
from worker.parsing.posts import is_post
from worker.parsing.subtitles import (
    explains,
    is_marked_caption,
    is_note_label,
    is_title_note,
    opens_note,
    places_people,
    says_who_attended,
)
from worker.parsing.wrapped_heads import OPEN_VERBS, wants_object

MAX_HEADLINE = 48
SENTENCE_FINAL = "。！？!?…"
_CLOSERS = "”’」』）)》】"
# `——副题`, and the single dash some layouts print: `— 见缝插绿方便市民休闲`.
_SUBTITLE_MARK = re.compile(r"^(?:[—－─]{1,2}|-{2,})\s*")
_KICKER_MARK = re.compile(r"\s*[—－\-─]{2,}$")
# A line ending in one of these needs the next line: `青河区开展` / `“六一”少儿游园会`.
_CONNECTIVES = "的和与及在对为把被向从让将跟同并或、之于给"
# …and so does one ending in a verb that needs its object (`OPEN_VERBS`).
# A line that cannot start a phrase continues the one above: `“家门口”` / `的好学校越来越多`.
_CONTINUATION_START = "的之了着得地与和及"
_PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "(": ")", "「": "」", "『": "』", "【": "】"}
# Subheads inside an article: `一、强化组织领导`, `（二）…`, `■ 筑牢防线`.
_SUBHEAD = re.compile(
    r"(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[■□●◆▲★◎【])"
)


@dataclass(frozen=True)
class HeadlineGroup:
    """Kicker (引题), headline (主题) and subtitle (副题), and the `——` markers taken off."""

    headline: str
    kicker: str | None = None
    subtitle: str | None = None
    markers: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # a quoted outlet named over the head (`repost_heads`)

    @property
    def text_column(self) -> bool:
        """Does a column tag run into the head name a column of text (`【短评】`, `【记者手记】`)
        rather than of pictures (`【图片新闻】`), or quote an outlet? That is news, no byline."""
        return bool(self.sources) or any(
            len(mark) > 2 and mark[0] == "【" and "图" not in mark and "摄" not in mark
            for mark in self.markers
        )


_RESIDUE_END = re.compile(r"(?<=[。！？!?…”’])[\u2460-\u2473][0-9]{0,3}$")
_TRAILING_BRACKET = re.compile(r"[（(][^（()）]{1,30}[）)]$")


# Where a web dump left a picture out it leaves its alt text: `图片1`, `图片`, `image`.
_PLACEHOLDER = re.compile(r"(?:图片|照片|image|img)\s*[0-9]{0,2}", re.IGNORECASE)
_PLACEHOLDER_START = "图照iI"
# Marks pointing at a picture from its caption: `▲如诗如画般的龙洲丹霞地貌`. Such a line is
# a caption, however short and unpunctuated, never a headline line.
CAPTION_MARKS = "▲△▼▽◀◁▶▷"


def is_placeholder(text: str) -> bool:
    """`图片1`: where a web dump left out a picture. It is a paragraph of its own."""
    return text[:1] in _PLACEHOLDER_START and _PLACEHOLDER.fullmatch(text) is not None


def may_end_with(text: str, chars: str) -> bool:
    """False when no `…[chars]$` pattern can match `text`: a check before such a search,
    which would otherwise try every position of a long line. (`$` also matches before a
    final newline, so a line ending in one is always searched.)"""
    return text[-1:] in chars or text.endswith("\n")


def ends_sentence(text: str) -> bool:
    """True when text ends a sentence: `。！？…`, or a closing quote or bracket after one.

    A source in brackets after the full stop still ends it: `…有所减少。（据新华社）`.
    """
    if text[-1:] in SENTENCE_FINAL and text:
        return True  # most paragraphs: nothing below can change the answer
    if text[-1:].isdigit() or "\u2460" <= text[-1:] <= "\u2473":
        # Layout residue after the full stop: `…13.5万余人次。②6`.
        residue = _RESIDUE_END.search(text)
        text = text[: residue.start()] if residue else text
    bracket = _TRAILING_BRACKET.search(text) if may_end_with(text, "）)") else None
    if bracket and bracket.start() > 0:
        text = text[: bracket.start()].rstrip()  # `…起航。 (记者 王川)`: web copy's space
    stripped = text.rstrip(_CLOSERS + " ")  # `…不乱 。 ”`: a copy that spaces its marks
    if not stripped:
        return False
    # `；` and `：` also end a paragraph in practice: list items and list introductions.
    return stripped[-1] in SENTENCE_FINAL + "；;：:"


_SECTION_NUMBER = re.compile(r"[（(]?[一二三四五六七八九十]{1,3}[）)、.．]?")
_SECTION_NUMBER_MAX = 5  # the longest text `_SECTION_NUMBER` can match: `（二十一）`


def is_section_number(text: str) -> bool:
    """`（一）`, `二、` alone on a line: the number of a part of a long piece, not a headline."""
    # Asked of nearly every line: a length check spares the pattern on all but short ones.
    return len(text) <= _SECTION_NUMBER_MAX and _SECTION_NUMBER.fullmatch(text) is not None


# Sentence and clause marks no headline line holds (one search instead of one per mark).
_CLAUSE_MARK = re.compile("[。，,；;]")


def is_subtitle_line(text: str) -> bool:
    """`——记青石村的变化`: a line marked as a subtitle, which follows a headline and never
    opens a headline group."""
    return text[:1] in _DASH_LEADS and _SUBTITLE_MARK.match(text) is not None


_DASH_LEADS = "—－─-"


# A block that opens like a sentence is no subhead: `5月20日上午在…`, `近日…`, `在广泛宣传…`.
_SENTENCE_OPENING = re.compile(
    r"[0-9０-９]|(?:今年|去年|近日|日前|目前|昨日|昨天|今天|当天|此前|截至|随着|据悉|记者)"
    r"|(?:在|据|为|通过|经过|对于|根据|按照|针对)[\u4e00-\u9fff]{9}"
)


def opens_like_sentence(text: str) -> bool:
    """`5月20日上午在…`, `近日…`, `在广泛宣传…`: a block that opens like a sentence."""
    return _SENTENCE_OPENING.match(text) is not None


def is_headline_line(text: str) -> bool:
    """Could this line be part of a headline group? Short, no sentence punctuation.

    >>> is_headline_line("青河区开展“六一”少儿游园会")
    True
    >>> is_headline_line("在前期走访摸底的基础上，青河区组")
    False
    """
    # Asked of nearly every line: the tests of `is_placeholder`, `is_section_number` and
    # `is_subtitle_line` are written out here, each pattern behind its first character.
    size = len(text)
    if size < 2 or size > MAX_HEADLINE:
        return False
    first = text[0]
    if first in _PLACEHOLDER_START and _PLACEHOLDER.fullmatch(text) is not None:
        return False  # `图片1`
    if "\u2460" <= first <= "\u2473" or first in CAPTION_MARKS or text.startswith("图为"):
        return False  # `①不少居民趁周末…`, `▲如诗如画般的…`, `图为…`: a photo's caption
    if (text[-1] in "）)" and is_marked_caption(text)) or is_title_note(text):
        return False  # `新桥与旧桥(资料图)` likewise; `（原标题：…）` is a note on the title
    if places_people(text):
        return False  # `李青(左)与村民在梨园里劳作`: who stands where in a picture
    if size <= _SECTION_NUMBER_MAX and _SECTION_NUMBER.fullmatch(text) is not None:
        return False  # `（一）`: the number of a part
    if text.isascii() and text.isdigit():
        return False  # `02` alone under `综合新闻`: a page's number, never a headline
    if first in "@＠" and is_post(text):
        return False  # `@某网友:真是的!`: a quoted post, a line of the story's text
    if first in "问答" and text[1:2] in ":：":
        return False  # `问：今年有哪些新举措？`: an interview's question, a line of its text
    if first in "编【[" and opens_note(text):
        return False  # `编者按：…` with its text: the note opens the body (its label alone heads)
    if first in _DASH_LEADS and _SUBTITLE_MARK.match(text):
        # A subtitle may carry a comma (`——记…，…`); run on into `（下转第6版）` it is text.
        return "。" not in text and not ends_in_jump(text)
    if _CLAUSE_MARK.search(text) is not None:
        return False
    last = text.rstrip(_CLOSERS)[-1:] or text[-1]
    if last in "：:、…":
        return False
    # `奋斗吧！青春` is a headline, a long line ending `！` a sentence.
    return not (last in "！？!?" and len(text) > 24)


_LONG_KICKER = 64
_DASH_ENDS = "—－-─"


def is_weak_headline_line(text: str, *, headline: bool | None = None) -> bool:
    """A line that is a headline only right above a dateline: it has a comma or ends in `：`.

    `“有了新路，日子有奔头”` and the kicker `县乡村振兴局：` are headline lines; the same shape
    in running text is a fragment (`在前期走访摸底的基础上，青河区组`), so only an anchor
    below makes it one. `headline` is `is_headline_line(text)` where the caller has it.
    """
    # A kicker that sets the scene for the headline may run long when it ends `——` (`听说镇
    # 里、村里的干部要来征集意见,…村民赶到村民中心——`).
    longest = _LONG_KICKER if text[-1:] in _DASH_ENDS and _KICKER_MARK.search(text) else 32
    if len(text) < 2 or len(text) > longest or text[0] in CAPTION_MARKS or is_post(text):
        return False
    if "。" in text or "；" in text or ";" in text or text[-1] in "，,、":
        return False  # a sentence or a clause: most short lines, before the tests below
    if is_headline_line(text) if headline is None else headline:
        return False
    if text.startswith("图为") or (text[-1] in "）)" and is_marked_caption(text)):
        return False
    if is_title_note(text) or opens_note(text):
        return False  # `（原标题：…）`, `编者按：…`: notes, text under the head
    if is_placeholder(text):
        return False
    last = text.rstrip(_CLOSERS)[-1:] or text[-1]
    return not (last in "！？!?…" and len(text) > 24)


def column_tagged(text: str) -> bool:
    """`【短评】河清靠的是天天有人管`: a head run on after a column's tag. A subhead never
    carries one, so such a line opens an item of its own.

    >>> column_tagged("【短评】河清靠的是天天有人管"), column_tagged("【图片新闻】")
    (True, False)
    >>> build_group(["【乡村振兴 走在前列】白沙村"]).headline
    '白沙村'
    """
    tag = _COLUMN_TAG.match(text) if text[:1] == "【" else None
    return tag is not None and tag.end() < len(text)


def is_subhead(text: str) -> bool:
    """A subhead inside an article (kept as its own paragraph, never joined)."""
    return is_headline_line(text) and (bool(_SUBHEAD.match(text)) or " " in text)


def continues(text: str, following: str = "") -> bool:
    """True when a headline line is cut mid-phrase and the next line completes it."""
    if text[-1] in _CONNECTIVES or OPEN_VERBS.search(text):
        return True
    if following[:1] and following[0] in _CONTINUATION_START:
        return True
    depth: dict[str, int] = {}
    for ch in text:
        if ch in _PAIRS:
            depth[ch] = depth.get(ch, 0) + 1
        else:
            for opener, closer in _PAIRS.items():
                if ch == closer and depth.get(opener, 0) > 0:
                    depth[opener] -= 1
    return any(depth.values())


# A kicker is a phrase of its own: `稳字当头 进中求新` (parallel parts), `“有了新路，日子有奔头”`
# (a quote), `【聚焦两会】`, `新春走基层·`, `县乡村振兴局：`, `冬季供暖准备就绪——`.
_KICKER_SHAPE = re.compile(
    r"\S+ \S+|“[^“”]+”|[【「『][^】」』]+[】」』]|.*(?:[·•：:！？!?]|[—－\-─]{2,})"
)
_SHORT_OBJECT = 8  # characters of the object a verb at the end of a headline line waits for
_SHORT_REST = 4  # `全市集中供热管网完成` / `检修`: a main headline is never this short under that


def runs_on(line: str, following: str) -> bool:
    """True when `following` completes `line` (one headline printed on two lines) rather than
    being the main headline under a kicker.

    >>> runs_on("省城利用边角地建成", "三座口袋公园"), runs_on("夜市重开", "烟火气回来了")
    (True, False)
    >>> runs_on("“家门口”", "的好学校越来越多"), runs_on("稳字当头 进中求新", "全省座谈会召开")
    (True, False)
    """
    if _SUBTITLE_MARK.match(following) or is_note_label(following):
        return False  # `——…` is a subtitle; `编者按` labels the note, it completes nothing
    if following[:1] and following[0] in _CONTINUATION_START + _CLOSERS + "，、：":
        return True  # `的…`, `”…`: no headline starts so
    if _KICKER_SHAPE.fullmatch(line):
        return False
    if wants_object(line, following):
        return True  # `渔网拉起` / `“湖鱼双丰”`, `…回信勉励` / `旅居海外的…乡亲`
    if continues(line) and not (OPEN_VERBS.search(line) and len(following) > _SHORT_OBJECT):
        # `青河区开展` / `“六一”…`, an open quote or bracket; a verb that wants its object
        # only when the next line is that short object (`省城利用边角地建成` / `三座口袋公园`),
        # not a whole headline (`跨江新桥将在十月合龙` / `老铁桥和…开始封闭检修`).
        return True
    # The main headline is the longer, declarative line; a two-character rest is a wrap.
    return len(following) <= _SHORT_REST and len(line) >= 2 * _SHORT_REST


_FRAMED = re.compile(r"(?P<open>【\s*)(?P<inner>[^【】]+?)(?P<close>\s*】)")
_COLUMN_TAG = re.compile(r"【[^【】]{2,16}】\s*")
_MARKED = re.compile(r"(?P<open>[★☆■□◆◇●◎▲△]\s*)(?P<inner>.+)(?P<close>)")


_HAN = re.compile(r"[\u4e00-\u9fff]")
_BALANCED_MAX = 10  # Han characters of each half of a two-line headline
_BALANCED_SLACK = 2  # how much the halves may differ


def _balanced(lines: list[str]) -> bool:
    """Kicker, then two short phrases of about the same length with no mark of a subtitle."""
    kicker, first, second = lines
    if _SUBTITLE_MARK.match(second) or any(" " in line for line in (first, second)):
        return False
    a, b, k = (len(_HAN.findall(line)) for line in (first, second, kicker))
    if not (2 < a <= _BALANCED_MAX and 2 < b <= _BALANCED_MAX) or abs(a - b) > _BALANCED_SLACK:
        return False
    return k > max(a, b) and not _KICKER_SHAPE.fullmatch(first + second)


_GROUP_PARTS = 3  # kicker, headline, subtitle
_NARROW_LINE = 6  # characters a line of a headline set in a narrow column holds at most
NARROW_LINES = 6  # lines such a headline runs to at most


def is_narrow_head(lines: list[str]) -> bool:
    """Could `lines` be one headline set in a narrow column: each a few characters, none a
    subtitle, and a phrase cut at a line's end somewhere (`县第九届` / `政协三次会议` /
    `常委会举行` / `第六次会议`)? Short whole phrases stacked (`春耕专刊` / `农户心里话` /
    `保苗护墒` / `抢种抢收`) are a label, a kicker and a headline in two balanced parts.

    >>> is_narrow_head(["县第九届", "政协三次会议", "常委会举行", "第六次会议"])
    True
    >>> is_narrow_head(["春耕专刊", "农户心里话", "保苗护墒", "抢种抢收"])
    False
    """
    if not all(len(line) <= _NARROW_LINE and not is_subtitle_line(line) for line in lines):
        return False
    return any(runs_on(a, b) for a, b in itertools.pairwise(lines))


def build_group(lines: list[str]) -> HeadlineGroup:
    """Assign 1–3 headline lines to kicker / headline / subtitle.

    >>> build_group(["增进共识 凝心聚力", "卫东区委中心组集中学习"]).kicker
    '增进共识 凝心聚力'
    >>> build_group(["乡村振兴看卫东", "——记土寨沟村的变化"]).subtitle
    '记土寨沟村的变化'
    """
    if len(lines) > _GROUP_PARTS and is_narrow_head(lines):
        # More lines than kicker, headline and subtitle, every one a few characters: one
        # headline set in a narrow column (`县第九届` / `政协三次会议` / `常委会举行` / …).
        return HeadlineGroup("".join(lines), None, None, ())
    merged: list[str] = []
    for line in lines:
        if merged and runs_on(merged[-1], line):
            merged[-1] += line
        else:
            merged.append(line)
    if len(merged) == 3 and _balanced(merged):
        # Under a kicker, two short balanced phrases are one headline printed on two lines
        # (`赛龙讲龙育龙` / `文化代代“船”承`): joined with a space, not headline + subtitle.
        merged = [merged[0], f"{merged[1]} {merged[2]}"]
    markers: list[str] = []
    kicker = subtitle = None
    two = len(merged) == 2
    if len(merged) >= 3 or (
        two
        and (_SUBTITLE_MARK.match(merged[-1]) or explains(*merged) or says_who_attended(*merged))
    ):
        subtitle = merged.pop()
    if len(merged) >= 2:
        kicker = " ".join(merged[:-1])
        merged = merged[-1:]
    headline = merged[0] if merged else ""
    # `【图片新闻】`, `★共筑新闻梦想`: the frame or mark is the layout's, not the headline's.
    frame = _FRAMED.fullmatch(headline) or _MARKED.match(headline)
    if frame is not None and frame.group("inner"):
        markers.extend(part for part in frame.group("open", "close") if part)
        headline = frame.group("inner")
    elif column_tagged(headline):
        # `【记者手记】深度融合…`: a column's tag run into the head is not part of it.
        tag = _COLUMN_TAG.match(headline)
        assert tag is not None
        markers.append(tag.group())
        headline = headline[tag.end() :]
    if subtitle is not None:
        mark = _SUBTITLE_MARK.match(subtitle)
        if mark:
            markers.append(mark.group())
            subtitle = subtitle[mark.end() :]
    if kicker is not None:
        mark, boxed = _KICKER_MARK.search(kicker), _MARKED.match(kicker)
        if boxed is not None:  # `□“…”追踪` over the headline: the box is the layout's too
            markers.append(boxed.group("open"))
            kicker = boxed.group("inner")
        if mark:
            markers.append(mark.group())
            kicker = kicker[: mark.start() - (boxed.end("open") if boxed else 0)]
    return HeadlineGroup(headline, kicker or None, subtitle or None, tuple(markers))


_WIRE_TITLE = re.compile(r"题\s*[:：]\s*")


def wire_title(rest: str) -> tuple[str, str] | None:
    """The `题：` mark and the headline a wire dateline gives on its own line, or None.

    >>> wire_title("题：沿江古镇焕新颜")
    ('题：', '沿江古镇焕新颜')
    """
    m = _WIRE_TITLE.match(rest) if rest[:1] == "题" else None
    if m is None or not is_headline_line(rest[m.end() :]):
        return None
    return m.group(), rest[m.end() :]
