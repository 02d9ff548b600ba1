"""Is a line a new item or more of the one above? The walk's look-ahead tests for heads.

Small heads over letters, sub-stories of a package, weak (comma) headline lines, bylines
closing the text below (columns of briefs: `briefs`): read-only tests over a page's units.
"""

from __future__ import annotations

import re

from worker.parsing import unheaded
from worker.parsing.briefs import BriefReader
from worker.parsing.bylines import Credits
from worker.parsing.captions import NOTE_OPENER, SIGNATURE, caption_over_indented, is_top_caption
from worker.parsing.credit_values import NOBODY
from worker.parsing.crossheads import numbered_groups
from worker.parsing.headlines import (
    CAPTION_MARKS,
    continues,
    ends_sentence,
    is_subhead,
    is_subtitle_line,
)
from worker.parsing.interning import Interner
from worker.parsing.model import Fragment, ParseWarning
from worker.parsing.names import role_word_before
from worker.parsing.page_items import Item, PageResult, is_package
from worker.parsing.paragraphs import MAX_SUBHEAD, Piece
from worker.parsing.starts import intro_over_sub_story
from worker.parsing.units import Layout, Unit

__all__ = ["NOBODY", "BoundaryReader"]

_CLOSED_END = "”’」』》）)"  # a weak headline line closing its quote or bracket
# A readers' column prints short letters, each under a small head: an item this short,
# with no dateline or byline, holds no subheads.
_SHORT_ITEM = (3, 400)  # paragraphs, characters
# A letter in such a column opens with its writer and a colon: `市民李女士:`, `读者张先生说：`.
_SPEAKER = re.compile(r"[\u4e00-\u9fff]{2,12}[：:](?=\S)")
# A place or theme tag before a colon heads a sub-story: `火车站：志愿者一路帮扶`, `机场：…`.
_TAG = re.compile(r"[\u4e00-\u9fff“”A-Za-z0-9]{2,8}[：:](?=\S)")
_OUTSIDE = "text outside any article"  # the warning on text that found no item
_SENTENCE_END = re.compile(r"[。！？!?]")
_BYLINE_REACH = 30  # paragraphs a closing byline may stand under, from the headline
SHORT_HEAD = 12  # a headline with a comma at the top of a page is short


class BoundaryReader(BriefReader):
    """Look-ahead tests deciding where items begin and end, and the page's record of what
    no article holds (markup, warnings)."""

    items: list[Item]
    result: PageResult
    layout: Layout
    shared: Interner

    def _kind(self, item: Item, credits: Credits, paragraphs: list[str]) -> str:
        """Photo news has no dateline and nobody credited for text: `摄影记者 钱多多` over a
        caption is a photo, `文/图 本报记者 高原` over text is news."""
        # A record walked again, or a brief with no head that credits its sender: text.
        prose = self.headless or (not item.group_lines and bool(credits.others))
        prose = prose and not credits.photographers
        prose = prose or (not credits and unheaded.uncredited_story(paragraphs))
        # `【短评】`, `编者按:`, a column's name over its briefs (`要闻简报` / `◆…。`)
        text_column = item.group.text_column or item.column or self._note_first(item)
        return "news" if item.dateline or credits.writers or prose or text_column else "photo"

    def _markup(self, line: int, text: str) -> None:
        if text:
            self.result.markup.append(Fragment(line, self.shared.text(text)))

    def _warn(self, line: int, message: str) -> None:
        self.result.warnings.append(ParseWarning(line, message))

    def _note_unknown(self, line: int, credits: Credits) -> None:
        for word in credits.unknown_roles:
            self._warn(line, f"unknown role word {word!r}: its names are credited as reporters")

    def _ruled_head(self, unit: Unit, cur: Item | None) -> bool:
        """Is `unit` an unindented line in an indented file, under an item with text? Then it
        is a headline, not a subhead; but a `——` line there heads a list inside the text
        (`——强化服务保障` over its paragraph), as no headline group opens with a subtitle."""
        indented_file = self.layout.indents and not unit.indented and bool(cur and cur.body)
        return indented_file and not is_subtitle_line(unit.text)

    def _text_follows(self, i: int) -> bool:
        if i + 1 >= len(self.units) or i + 1 in self.starts:
            return False
        below = self.units[i + 1]
        return below.lead is None and not below.candidate and below.tail is None

    def _closed_weak_line(self, k: int) -> bool:
        """Is unit `k` a weak headline line (it has a comma) ending with a closed quote or
        bracket, over a paragraph that starts a sentence of its own?"""
        units, n = self.units, len(self.units)
        if k + 1 >= n or k in self.starts or not units[k].weak:
            return False
        text, below = units[k].text, units[k + 1]
        if NOTE_OPENER.match(below.text) and not ends_sentence(text):
            # `白沙村：一条新路，富了一村人` over `编者按：…`: the note opens under the head.
            return True
        if text[-1] not in _CLOSED_END or continues(text, below.text):
            return False
        return below.lead is None and not below.candidate and not below.weak

    def _took_inside(self, cur: Item, i: int, k: int) -> bool:
        """Do head-like units `i..k-1` belong inside `cur` (its boxes, its parts' heads)?"""
        return self._took_boxes(cur, i, k) or self._took_parts(cur, i, k)

    def _took_parts(self, cur: Item, i: int, k: int) -> bool:
        """Do head-like units `i..k-1` open by naming the open item's headline (`6·21的赵家洼`
        / `盼雨` under `赵家洼`), or number it in order (`镜头二` / `老周拿到了新证`)? Then
        they head a part of that story, not a story of their own: each goes to `cur` as a
        paragraph of its own."""
        head = cur.group.headline
        named = k - i >= 2 and len(head) >= 2 and head in self.units[i].text
        if not named and not numbered_groups(self.units, self.starts, cur, i, k):
            return False
        cur.body.extend(Piece.of(unit, fresh=True, alone=True) for unit in self.units[i:k])
        return True

    def _opens_headless(self, i: int) -> bool:
        """Does unit `i`, text with no item open, open one with no head? A letter whose head
        is not there, a brief its credit line closes, or an editor's note (`编者按:` over
        the note): the note opens the item it introduces, a package whose head was not
        kept, its pictures below."""
        if self._headless_letter(i) or self._credit_line_closes(i):
            return True
        return NOTE_OPENER.match(self.units[i].text) is not None

    @staticmethod
    def _note_first(item: Item) -> bool:
        """Does `item` open with an editor's note (`编者按:…`), or is the note's label its
        headline? A package's head over its note is text, not photo news, though unsigned."""
        first = item.body[0].text if item.body else ""
        return any(NOTE_OPENER.match(text) for text in (item.group.headline, first))

    def _heads_box_below(self, cur: Item, i: int) -> bool:
        """Is the byline line `i` (`蹲点记者:柏安然`) printed over the head of a box below,
        rather than closing the story above? That story has its writer credited already,
        ends a sentence, and a headline line with text under it follows."""
        lead, n = self.units[i].lead, len(self.units)
        if lead is None or lead.rest or lead.dateline is not None or not lead.credits.writers:
            return False
        if not cur.credits.writers or not self._last_ends_sentence(cur) or i + 2 >= n:
            return False
        head, text = self.units[i + 1], self.units[i + 2]
        if i + 1 in self.starts or i + 2 in self.starts or not head.candidate:
            return False
        return text.lead is None and not text.candidate and not text.weak

    def _letter_follows(self, cur: Item | None, k: int) -> bool:
        """Is the small head over unit `k` the next letter of a readers' column, not a subhead?

        `污水管道该治理` / `市民李女士:洛铜集团门前…`: the item above is short, has neither
        dateline nor byline, and opens with its writer and a colon, and so does the text under
        the head. A story's subheads (`菜品每周更新` under `老人食堂“上新”了`) come under
        prose, and a story is longer or opens with its byline.
        """
        if cur is None or cur.anchored or cur.credits or cur.subheads or not cur.body:
            return False
        pieces, chars = _SHORT_ITEM
        if len(cur.body) > pieces or sum(len(p.text) for p in cur.body) > chars:
            return False
        return bool(_SPEAKER.match(cur.body[0].text) and _SPEAKER.match(self.units[k].text))

    def _sub_story(self, k: int, below: int, cur: Item | None) -> bool:
        """Does the single headline-like line `k` head a package's sub-story, not a subhead?

        `温暖回家路` / `——春运首日见闻` / `本报记者 谢晓岚 林立`, an intro, then
        `火车站：志愿者一路帮扶` over text: the evidence is a byline closing the text below
        (`…上车。（谢晓岚）`), a place or theme tag before `：`, a line too long for a subhead,
        and a package above it (a subtitle or several reporters, no dateline). A subhead is
        short and often marked (`■ 筑牢防线`, `一、`); in an article credited only at its end
        (`…九折。（记者 陈思远）`) its subheads come before that byline.
        """
        if cur is None:
            return False
        head = self.units[k].text
        if is_subhead(head):
            return False
        if cur.credits.writers and self._byline_follows(below):
            return True  # the article above was credited already: a second byline is another's
        byline = self._byline_follows(below, section=True)
        tagged = bool(_TAG.match(head))
        package = is_package(cur.package or cur)
        if byline and not cur.subheads and (tagged or package):
            return True
        return package and (tagged or len(head) > MAX_SUBHEAD) and not cur.subheads

    def _byline_follows(self, k: int, *, section: bool = False) -> bool:
        """True when the text from `k` ends with a byline for text, before the next article
        (or, with `section`, before the next headline-like line)."""
        units, n = self.units, len(self.units)
        for j in range(k, n):
            unit = units[j]
            if unit.lead is not None and SIGNATURE.match(unit.lead.printed):
                # `——本报湖西分社记者X` signs the text above it, like a byline at the end.
                return j not in self.starts and unit.lead.credits.writers
            if j in self.starts or unit.lead is not None:
                return False
            if unit.candidate and (section or (j + 1 < n and units[j + 1].candidate)):
                return False  # a subhead, or the headline group of the next article
            if unit.tail is not None:
                return unit.tail.credits.writers
        return False

    def _ends_sentence_before(self, cur: Item) -> bool:
        """True when the piece before the last one in `cur` ends a sentence (or there is none)."""
        return len(cur.body) < 2 or ends_sentence(cur.body[-2].text)

    def _last_ends_sentence(self, cur: Item | None) -> bool:
        if cur is None or not cur.body:
            return True
        # A pointer caption (`▲新建的初制茶厂里…`) is finished, punctuated or not.
        last = cur.body[-1].text
        return ends_sentence(last) or last[:1] in CAPTION_MARKS

    def _restart(self, *, headless: bool) -> None:
        """Start the walk afresh; with `headless`, text with no item opens one."""
        self.headless = headless
        self.result = PageResult()
        self.items = []
        self.cur: Item | None = None  # the item the walk is filling
        self.ended = True  # its credit or end byline closed it
        self.pending: list[Piece] = []  # a caption waiting for the article below it
        self.byline_above = NOBODY  # a box's byline printed over its head, for the next item

    def _step(self, i: int) -> int:
        """Read unit `i` and what it takes along; return the unit to read next."""
        raise NotImplementedError  # the segmenter's walk

    def _walk(self) -> None:
        i = 0
        while i < len(self.units):
            i = self._step(i)

    def _prose_left(self) -> bool:
        """Did the walk leave a finished sentence unassigned (not only stray short lines)?"""
        left = {f.line for f in self.result.unassigned}
        return unheaded.prose_left([u for u in self.units if u.line in left], self.units)

    def _headless_letter(self, i: int) -> bool:
        """Is unit `i`, at the top of a page with no article open, a reader's letter whose
        small head is not there (cut off above, or printed on the page before)?

        `市民王女士:昨日中午,在…迅速离开。` then `污水管道该治理` over the next letter: it
        opens with its writer and a colon, as the column's letters do, and is finished prose.
        Other text before any article (a stray line, a continuation) stays unassigned.
        """
        unit = self.units[i]
        if unit.candidate or unit.lead is not None or not ends_sentence(unit.text):
            return False
        return _SPEAKER.match(unit.text) is not None

    def _adopt_text_above(self, item: Item, i: int) -> None:
        """A page of captions and an essay with no head, closed by `文:王湧` / `图:王湧 汪昊`:
        the text above the closing bylines, left unassigned for want of an item, is the
        item's body. Not when text follows the bylines (then they open what is below)."""
        lead = self.units[i].lead
        if lead is None or len(self.items) > 1:
            return
        left = {f.line for f in self.result.unassigned}
        taken = [unit for unit in self.units[:i] if unit.line in left]
        if lead.dateline is not None:
            # Or a caption over a dateline with no head, at the top of the page (`市民在
            # 展厅里翻看画册。` / `本报讯（记者…）…`): the picture illustrates that article.
            if len(taken) != i or not is_top_caption(taken):
                return
        else:
            j = i + 1
            while j < len(self.units) and (below := self.units[j].lead) and not below.rest:
                j += 1
            if lead.rest or not taken or self._text_follows(j - 1):
                return
        alone = lead.dateline is not None
        item.body[:0] = [Piece.of(unit, fresh=True, alone=alone) for unit in taken]
        self.result.unassigned[:] = [f for f in self.result.unassigned if f.line not in left]
        self.result.warnings[:] = [
            w for w in self.result.warnings if w.line not in left or _OUTSIDE not in w.message
        ]

    def _took_boxes(self, cur: Item, i: int, k: int) -> bool:
        """Do units `i-1..k-1` hold two short labels with one line between them (`今日出镜` /
        `…村的村民` / `采访动机` / text)? A feature's labelled boxes, not a head group: each
        line goes to `cur` as a paragraph of its own."""
        if not unheaded.labelled_boxes(self.units, i, k):
            return False
        cur.body.extend(Piece.of(unit, fresh=True, alone=True) for unit in self.units[i:k])
        return True

    def _adopt_lead_text(self) -> None:
        unheaded.adopt_lead_text(self.items, self.units, self.result)

    def _pop_box_label(self, group: list[int]) -> bool:
        """Take off `group` a last line that labels the story's first box (`开馆日` / its
        paragraph / `借书人`): under a head it is no headline. True if it did."""
        if len(group) > 1 and unheaded.box_label(self.units, group[-1]):
            group.pop()
            return True
        return False

    def _byline_closes(self, k: int, writers: bool = False) -> bool:
        """Do plain paragraphs from unit `k` on end with the item's byline or credit (its own
        line, or closing the last paragraph) before any headline line or dateline? With
        `writers`, a photo credit alone does not count."""
        seen = False
        for unit in self.units[k : k + _BYLINE_REACH]:
            if unit.lead is not None:
                return seen and unit.lead.dateline is None and not unit.lead.rest
            if unit.candidate or unit.weak:
                return False
            if unit.tail is not None:
                return not writers or bool(unit.tail.credits.writers)
            seen = True
        return False

    def _second_credit(self, i: int) -> bool:
        """Is unit `i` a photo credit alone on its line (`拍友 X 摄`: a role word), right under a
        line of bylines alone (and closing the page or standing over the next item's head)?"""
        unit, tail = self.units[i], self.units[i].tail
        if tail is None or not tail.photo or i == 0 or not role_word_before(unit.text, tail.rest):
            return False
        above = self.units[i - 1]
        if above.lead is None or above.lead.rest or above.lead.dateline is not None:
            return False
        return not self._text_follows(i)

    def _byline_over_subheads(self, i: int) -> bool:
        """Is unit `i` the first subhead of a story whose byline line stands just above it,
        after the opening paragraphs? Then more subheads follow, each over two or more
        paragraphs (the last may be cut short), and nothing below credits anyone: photo news
        under a headline of its own holds one caption, and an article of its own brings its
        own dateline or byline."""
        if i == 0 or not self.units[i].candidate:
            return False
        above = self.units[i - 1].lead
        if above is None or above.rest or above.dateline is not None:
            return False
        subheads, paragraphs = 0, 0
        for k in range(i + 1, min(len(self.units), i + _BYLINE_REACH)):
            unit = self.units[k]
            if k in self.starts:
                return subheads > 0  # the next article, under its own head
            if unit.lead is not None or unit.tail is not None:
                # Its credit makes the last head seen an item of its own (`荷塘晨光` over a
                # captioned picture): the story needs a subhead before that one.
                return subheads > 1
            if unit.candidate:
                if paragraphs < 2:
                    return False
                subheads, paragraphs = subheads + 1, 0
            else:
                paragraphs += 1
        return subheads > 0 and paragraphs > 0

    def _weak_head(self, i: int, cur: Item | None) -> list[int]:
        """`[i]` when unit `i`, a line with a comma, still starts a head group; else `[]`."""
        units, n = self.units, len(self.units)
        if not units[i].weak:
            return []  # every case below is a weak line
        if cur is None and i + 1 < n and units[i + 1].candidate:
            # At the top of a page a kicker may carry a comma (`上午,记者在临溪看到…`).
            return [i]
        if units[i].text.rstrip("”’」』")[-1:] in ("：", ":"):
            # A line ending in a colon introduces what follows: over a headline line it is a
            # kicker (above), over text a label (`编者按:`), never a headline on its own.
            return []
        if cur is None and len(units[i].text) <= SHORT_HEAD:
            # Or be the headline itself, over a picture's caption and credit (`加油吧,兄弟` /
            # `…入场前,两位男生比画“加油”的手势。新京报记者 薛珺 摄`).
            run = self._caption_run(i + 1) if i + 1 < n else None
            if run is not None and self._one_caption(i + 1, run):
                return [i]
        if i == 0 and (self._byline_closes(i + 1) or caption_over_indented(units)):
            # Or head a web record's text that a byline closes: `连续作战9小时,消防员…超200人`
            # over paragraphs and `上游新闻·重庆晨报记者 宋剑`, or a flush caption over indented
            # text; only as the page's first line (lower down, a comma line is a caption).
            return [i]
        if i == 0 and unheaded.lone_comma_head(units):
            return [i]  # the only head of a page that holds one story
        if i == 0 and intro_over_sub_story(units, self.starts, i + 1):
            # Or title a package at the top of a page: finished sentences with no byline
            # (`今年，编辑部收到…。`), then a sub-story's head over its own byline line.
            return [i]
        if self.ended and cur is not None and self._byline_closes(i + 1, True):
            # Or head the next article after one its end byline closed, over text that another
            # end byline closes: web copy prints `，` as `,` (`白沙镇稻谷丰收,农机手抢收忙`).
            return [i]
        return []
