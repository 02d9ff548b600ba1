"""Pass 1 of a page: every dateline/byline line is an anchor, and the headline lines just
above it (skipping a caption) are the headline group of the article it opens."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from worker.parsing import subtitles
from worker.parsing.bylines import Lead
from worker.parsing.fact_boxes import heads_box
from worker.parsing.headlines import (
    CAPTION_MARKS,
    NARROW_LINES,
    ends_sentence,
    is_narrow_head,
    is_subhead,
    is_subtitle_line,
    runs_on,
)
from worker.parsing.item_marks import ITEM_BULLETS as _BULLETS
from worker.parsing.long_captions import is_long_caption
from worker.parsing.subtitles import is_marked_caption, is_note_label, is_title_note, opens_note
from worker.parsing.units import Layout, Unit

MAX_GROUP = 3  # kicker, headline, subtitle
_TAG_MAX = 6  # characters of a column's name set over its items (`要闻简报`)
_INTRO_REACH = 30  # paragraphs of a package's intro, above its first sub-story
# Lines beyond a head group that make a run of photo titles: one more may be a column's
# label over the head (`时政要闻` / kicker / headline / subtitle), two more are pictures'.
_MORE_THAN_A_LABEL = 2
# A labelled field of a fact box: a label of two to four characters, a colon, a short value.
_FIELD = re.compile(r"[\u4e00-\u9fff]{2,4}[:：]\s*\S")
_FIELD_MAX = 30
_INDENTED_HEAD = 20  # characters of an indented brief's head with a comma (`节后,投诉最多`)
_LABELLED = re.compile(r"[\u4e00-\u9fff]{2,4}[:：](?=\S)")
_LEAD_IN_ENDS = frozenset("。！？!?”，,")
# A web title announcing its picture (`青河大桥今日合龙(图)`, `…（组图）`): the short line under
# it, over the story, is that picture's caption, not a second headline line.
_PICTURE_TITLE = re.compile(r"[（(\[【]\s*(?:组图|多图|附图|图)\s*[）)\]】]$")
_CAPTION_LINE = 60  # characters of a caption under a picture's title
# A caption's last sentence, then the file picture's source after a slash (`…宣布换帅。资料图片/
# CFP`, `…。资料图片/青河图库`): no person, so it stays the caption's text, not a credit.
_FILE_PICTURE = re.compile(r"[。！？!?]\s*资料图片?\s*[/／]\s*[A-Za-z\u4e00-\u9fff·]{2,12}$")
_PLAIN_CAPTION = 40  # characters of a one-sentence caption between a head and its dateline
# A headline's hook closed by `！` or `？` inside the line, the statement after it (`5亿元一座！…`).
_HOOK = re.compile(r"[\u4e00-\u9fff0-9]{2}[！？!?][\u4e00-\u9fff0-9A-Za-z“]{4}")
# A statement of a figure, about so much (`…成本在3亿元左右`, `…已达两万人以上`).
_FIGURE_STATED = re.compile(r"[0-9一二两三四五六七八九十百千万亿]\S{0,4}(?:左右|以上|以下|上下)$")
_QUOTE_OPENERS = "“「『【"
_KICKER_ENDS = "：:·•！？!?—－-"
# `引来了一群孩子`, `坐着老人`: what a picture shows. `…，家长放心了` ends a headline's clause.
_SCENE_VERB = re.compile(r"[\u4e00-\u9fff][了着][\u4e00-\u9fff]{2}")
_NOTE_REACH = 3  # lines above a dateline a repost's title note may stand: itself, two captions


def is_field(text: str) -> bool:
    """`时间:3月6日上午`, `蹲点地区:四牌楼街道`: one line of a box of labelled facts. A
    finished sentence after the label is a note (`编者按:…。`), not a field."""
    return len(text) <= _FIELD_MAX and _FIELD.match(text) is not None and not ends_sentence(text)


@dataclass(frozen=True, slots=True)
class Start:
    """Where an anchored article opens: its headline lines, captions above the anchor, anchor."""

    group: tuple[int, ...]
    captions: tuple[int, ...]
    anchor: int
    tagged: bool = False  # the group's first line is a column's name over its items


def find_starts(units: list[Unit], layout: Layout) -> dict[int, Start]:
    """Index of each article's first unit → its Start."""
    return _Finder(units, layout).find_starts()


class _Finder:
    def __init__(self, units: list[Unit], layout: Layout):
        self.units, self.layout = units, layout

    def find_starts(self) -> dict[int, Start]:
        starts: dict[int, Start] = {}
        low = 0
        for i, unit in enumerate(self.units):
            if unit.lead is None:
                continue
            k = i - 1
            captions: list[int] = []
            if k >= low and self._lead_in(k, i):
                captions.append(k)  # a repost's lead-in, cut off the dateline's own line
                k -= 1
            # `A caption may sit before an article's dateline`: skip it to find the headline.
            while k >= low and len(captions) < 2 and self._is_caption_end(k):
                captions.insert(0, k)
                k -= 1
            if not captions and k > low and self._under_picture_title(k):
                captions.insert(0, k)
                k -= 1
            if not captions and k > low and self._plain_caption(k, unit.lead):
                captions.insert(0, k)
                k -= 1
            # Summary points under a headline (`●全县设立6个销售点…`, one bullet a line) are
            # the article's text: skip them too.
            while k >= low and self._in_bullet_run(k, low):
                captions.insert(0, k)
                k -= 1
            # A box of labelled fields over the byline (`时间:3月6日上午` / `地点:…` /
            # `拍摄者:X`): the picture's facts, body text, not its head group.
            while k >= low and self._in_box(k, low) and not self._box_head(k, low, captions):
                captions.insert(0, k)
                k -= 1
            # A summary set between the head and the dateline (`内容提要:3月6日下午,…`):
            # the article's text, not its head group.
            if k > low and (self._summary(k) or self._note(k)):
                captions.insert(0, k)
                k -= 1
            note = self._title_note(k, low)
            if note is not None:
                # `（原标题：…）` under a repost's title, a picture's caption under the note:
                # text of the article; its head is the line above the note.
                captions[:0] = range(note, k + 1)
                k = note - 1
            group: list[int] = []
            while k >= low and self._in_group(k, group, low) and len(group) < NARROW_LINES:
                if len(group) >= MAX_GROUP and not self._takes_more(k, group):
                    break
                group.insert(0, k)
                k -= 1
            if group and k >= low and self._in_group(k, group, low):
                # More headline-like lines than a head group holds (`坚守与缘分` over six short
                # photo titles, then the byline): the first is the headline, the rest title
                # the pictures and go to the body.
                run = list(group)
                while k >= low and self._in_group(k, run, low):
                    run.insert(0, k)
                    k -= 1
                if len(run) >= MAX_GROUP + _MORE_THAN_A_LABEL:
                    group, captions = run[:1], run[1:] + captions
            if group:
                starts[group[0]] = Start(tuple(group), tuple(captions), i)
            elif i == 0:
                starts[0] = Start((), (), 0)
            low = i + 1
        return self._tag_columns(starts)

    def _tag_columns(self, starts: dict[int, Start]) -> dict[int, Start]:
        """`要闻简报` over `■新区建成三座口袋公园` and its dateline, then `■…` and its
        dateline: the short first line of the first group names the column, not a kicker.
        The items under it share a shape the line lacks (a bullet), or each is a brief of one
        paragraph under a one-line head."""
        keys = sorted(starts)
        for key, following in itertools.pairwise(keys):
            start, after = starts[key], starts[following]
            if len(start.group) == 2 and len(after.group) == 1 and self._names_column(start, after):
                starts[key] = Start(start.group, start.captions, start.anchor, tagged=True)
        return starts

    def _names_column(self, start: Start, after: Start) -> bool:
        units = self.units
        tag, head, next_head = (units[k].text for k in (*start.group, after.group[0]))
        if len(tag) > _TAG_MAX or " " in tag or start.captions or after.captions:
            return False
        # A head's bullet may be taken off already (`item_marks`): read it from the unit.
        mark = units[start.group[1]].mark or head[:1]
        next_mark = units[after.group[0]].mark or next_head[:1]
        if mark in _BULLETS and next_mark == mark and tag[:1] != mark:
            return True
        if start.group[0] == 0 and subtitles.explains(tag, head):
            return True  # `体坛动态` / a head of clauses on top: no headline is that short
        return self._one_paragraph(start, after.group[0]) and self._one_paragraph(after, None)

    def _one_paragraph(self, start: Start, end: int | None) -> bool:
        """Is the item at `start` a brief: its text all on the dateline's line, and the next
        item's head (or the page's end) right under it?"""
        lead = self.units[start.anchor].lead
        below = start.anchor + 1
        return lead is not None and bool(lead.rest) and below == (end or len(self.units))

    def _in_group(self, k: int, group: list[int], low: int) -> bool:
        unit = self.units[k]
        if unit.candidate:
            return True
        if not unit.weak:
            return False
        if self.layout.indents and unit.indented and not self._indented_head(k, group):
            return False
        if unit.text.rstrip("”’」』")[-1] in "：:" and not group:
            return False  # `县乡村振兴局：` introduces a headline; it is never the last line
        # Right under text that runs on (`…对今年各项`), it is the rest of that paragraph.
        above = self.units[k - 1] if k - 1 >= low else None
        return (
            above is None
            or above.candidate
            or above.tail is not None
            or (ends_sentence(above.text))
        )

    def _indented_head(self, k: int, group: list[int]) -> bool:
        """In a file that indents its paragraphs, is the indented weak line `k` a brief's
        head all the same (`节后,投诉最多` right over `青河日报讯（…）`)? Short, alone over
        the dateline of a paper's report: heads there are indented like the text."""
        below = self.units[k + 1] if k + 1 < len(self.units) else None
        if group or below is None or below.lead is None or below.lead.dateline is None:
            return False
        return len(self.units[k].text) <= _INDENTED_HEAD

    def _plain_caption(self, k: int, lead: Lead) -> bool:
        """Is unit `k` a picture's caption without a mark, one short sentence between a
        headline line and the dateline below it (`…春耕正当时` / `专家走访青河村。` /
        `青河日报消息 …`), a figure stated under a whole headline (`_figure_caption`), or a
        clause over an own-line byline (`_comma_caption`)? Text of the article, not the end
        of the item above nor its headline."""
        dateline = lead.dateline
        if dateline is None and not lead.rest:
            return self._comma_caption(k) or is_long_caption(self.units, k)
        unit = self.units[k]
        if dateline is None or dateline == "又讯" or len(unit.text) > _PLAIN_CAPTION:
            return False
        if unit.lead is not None or unit.tail is not None or not self.units[k - 1].candidate:
            return False
        # Ending `。` (never a headline line's end, unlike `！`), with no other sentence in it.
        text = unit.text
        if text[-1] != "。":
            return self._figure_caption(k)
        return not any(mark in text[:-1] for mark in "。！？!?；;")

    def _figure_caption(self, k: int) -> bool:
        """Is unit `k` a caption stating a figure (`青河现役旧桥单座成本在3亿元左右`) under a
        headline that is whole in itself, its hook set off by a mark inside the line
        (`5亿元一座！临溪新桥造价惊动议会`)? No kicker carries such a mark inside it; the line
        under it is the picture's caption, text of the article, not a headline."""
        head, text = self.units[k - 1].text, self.units[k].text
        if k >= 2 and (self.units[k - 2].candidate or self.units[k - 2].weak):
            return False  # a third head line above: a group this rule does not read
        hook = _HOOK.search(head[:-1])
        return hook is not None and _FIGURE_STATED.search(text) is not None

    def _comma_caption(self, k: int) -> bool:
        """Is unit `k` a caption between a whole headline and an own-line byline
        (`木偶戏进了村小` / `演出现场，引来了一群孩子围看` / `本报记者 X`)? A clause
        after a comma that tells what a picture shows, a verb marked done or going on (`了`,
        `着`) with its object after it, under a headline line with no kicker's marks (a
        space between parallel parts, a frame, a closing `：` or `——`): the caption, not a
        headline under a kicker. Over a dateline the line stays in the head group."""
        unit, head = self.units[k], self.units[k - 1].text
        text = unit.text
        if not unit.weak or not self.units[k - 1].candidate or text[:1] in _QUOTE_OPENERS:
            return False
        if " " in head or head[:1] in _QUOTE_OPENERS or head[-1] in _KICKER_ENDS:
            return False
        if text[-1] in _KICKER_ENDS or not any(comma in text for comma in "，,"):
            return False
        return _SCENE_VERB.search(re.split("[，,]", text)[-1]) is not None

    def _title_note(self, k: int, low: int) -> int | None:
        """The title note (`（原标题：…）`) at unit `k` or up to two short lines above it,
        under a line that may head the article; None when there is none."""
        for j in range(k, max(low, k - _NOTE_REACH), -1):
            unit = self.units[j]
            if is_title_note(unit.text):
                above = self.units[j - 1]
                return j if above.candidate or above.weak else None
            if unit.lead is not None or len(unit.text) > _CAPTION_LINE:
                return None
        return None

    def _lead_in(self, k: int, anchor: int) -> bool:
        """Is unit `k` the text run into the dateline at `anchor` on the same line, cut off it
        (`…改走隧道。`, `…据东湖晚报报道，`)? Head lines cut off a dateline's line
        end without a mark."""
        unit = self.units[k]
        return unit.line == self.units[anchor].line and unit.text[-1] in _LEAD_IN_ENDS

    def _in_box(self, k: int, low: int) -> bool:
        """Is unit `k` a labelled field (`地点:胜利南路`) with another field next to it?"""
        if not is_field(self.units[k].text):
            return False
        near = [j for j in (k - 1, k + 1) if low <= j < len(self.units)]
        return any(is_field(self.units[j].text) for j in near)

    def _box_head(self, k: int, low: int, captions: list[int]) -> bool:
        """Is the field `k` the headline standing first over a box of facts (`村官:今天我值班`
        / `时间:上午8时` / `地点:东岭村` / byline), not one more field of it?"""
        above = self.units[k - 1] if k > low else None
        if above is not None and (above.candidate or above.weak):
            return False
        below = [self.units[j].text for j in captions if is_field(self.units[j].text)]
        return len(below) == len(captions) and heads_box(self.units[k].text, below)

    def _summary(self, k: int) -> bool:
        """Is unit `k` a labelled paragraph (a label of two to four characters, a colon, then
        sentences) right under a headline line? A fact box's field is shorter."""
        unit, above = self.units[k], self.units[k - 1]
        if len(unit.text) <= _FIELD_MAX or not (above.candidate or above.weak):
            return False
        return _LABELLED.match(unit.text) is not None and ends_sentence(unit.text)

    def _note(self, k: int) -> bool:
        """Is unit `k` an editor's note (`编者按：…`) right under a headline line, over the
        dateline? The article's first paragraph, never a line of its head group."""
        above = self.units[k - 1]
        return (above.candidate or above.weak) and opens_note(self.units[k].text)

    def _takes_more(self, k: int, group: list[int]) -> bool:
        """May unit `k` join a head group that has three lines already? A fourth line when it
        runs on into the next (a two-line headline); any line while every one is a few
        characters (one headline set in a narrow column)."""
        lines = [k, *group]
        if is_narrow_head([self.units[j].text for j in lines]):
            return True
        return len(group) == MAX_GROUP and self._merges(lines)

    def _merges(self, group: list[int]) -> bool:
        texts = [self.units[k].text for k in group]
        return any(runs_on(a, b) for a, b in itertools.pairwise(texts))

    def _in_bullet_run(self, k: int, low: int) -> bool:
        """Does unit `k` open with a bullet that the line above or below opens with too?"""
        mark = self.units[k].text[:1]
        if mark not in _BULLETS:
            return False
        near = [j for j in (k - 1, k + 1) if low <= j < len(self.units)]
        return any(self.units[j].text[:1] == mark for j in near)

    def _under_picture_title(self, k: int) -> bool:
        """Is unit `k` a short line right under a title that announces its picture?"""
        unit, title = self.units[k], self.units[k - 1].text
        return (
            title[-1:] in "）)]】"
            and _PICTURE_TITLE.search(title) is not None
            and unit.lead is None
            and len(unit.text) <= _CAPTION_LINE
            and not is_subtitle_line(unit.text)
        )

    def _is_caption_end(self, k: int) -> bool:
        unit = self.units[k]
        if unit.lead is None and (
            is_marked_caption(unit.text) or _FILE_PICTURE.search(unit.text) is not None
        ):
            return True  # `新桥与旧桥(资料图)`, `…宣布换帅。资料图片/CFP`
        if unit.lead is None and (unit.text[:1] in CAPTION_MARKS or unit.text.startswith("图为")):
            # `▲如诗如画般的龙洲丹霞地貌`, `图为…巡回审判` between a head group and its byline
            return True
        return unit.lead is None and unit.tail is not None and unit.tail.photo


def intro_over_sub_story(units: list[Unit], starts: dict[int, Start], k: int) -> bool:
    """Do plain paragraphs from unit `k` on, each a finished sentence and none credited, run
    into a headline line that an own-line byline or dateline anchors (a package's intro, then
    its first sub-story)?"""
    for j in range(k, min(len(units), k + _INTRO_REACH)):
        start, unit = starts.get(j), units[j]
        if start is not None:
            return j > k and start.group[:1] == (j,)
        if unit.lead or unit.tail or unit.candidate or unit.weak or not ends_sentence(unit.text):
            return False
    return False


def indented_note_label(units: list[Unit], group: list[int], k: int) -> bool:
    """Is unit `k`, under the head lines `group`, an editor's note label set in with the text
    (`我们走过的一年` / `  编者按`, indented as the paragraphs are and the head is not)? Then
    it opens the text and ends the group. Flush with the head (`关注秋收` / `编者按`) it is
    the item's title."""
    if not group or not units[k].indented or units[group[-1]].indented:
        return False
    return is_note_label(units[k].text)


def extend_group(
    units: list[Unit], starts: dict[int, Start], group: list[int], k: int, boundary: bool
) -> int:
    """Add the headline lines from unit `k` on to `group`; return the unit after them.
    Inside an item (not at a `boundary`), a line that ends a sentence over a marked subhead
    (`祝大家周末愉快！` over `■湖区治理`) closes the paragraphs above: it heads nothing."""
    n = len(units)
    if (
        not boundary
        and not group
        and k + 1 < n
        and units[k].candidate
        and units[k + 1].candidate
        and ends_sentence(units[k].text)
        and is_subhead(units[k + 1].text)
    ):
        return k
    while k < n and k not in starts and units[k].candidate and len(group) < MAX_GROUP:
        # `民生视点` / its head / `编者按`, or a label set in with the text: it opens the text.
        if indented_note_label(units, group, k) or (
            len(group) > 1 and is_note_label(units[k].text)
        ):
            break
        group.append(k)
        k += 1
    return k
