"""Captions and photo series on a page: where a caption ends, whether a series goes on.

Read-only look-ahead over a page's units for the walk in `articles`: a caption is up to three
lines closed by a photo credit (`…。（记者 冼志刚 摄）`); a series numbers its pictures (`图①:`,
`图一、`) or points at them (`▲`, `◀`).
"""

from __future__ import annotations

import re

from worker.parsing.credit_values import Credits
from worker.parsing.headlines import CAPTION_MARKS, continues, ends_sentence
from worker.parsing.page_items import Item
from worker.parsing.photo_runs import run_goes_on
from worker.parsing.starts import MAX_GROUP, Start
from worker.parsing.subtitles import is_note_label
from worker.parsing.unheaded import CONTINUED
from worker.parsing.units import Unit

__all__ = [
    "NUMBER_START",
    "SIGNATURE",
    "CaptionReader",
    "illustrates",
    "opens_numbered",
    "photo_number",
]

_MAX_CAPTION = 3  # lines of a caption before its credit
_MAX_CAPTIONS = 12  # captions in a row between a headline and its story
# The number a caption in a numbered photo series opens with: `图①:`, `图2：`, `图一、`, `①`.
_PHOTO_NUMBER = re.compile(
    r"(?:图\s*)?(?P<circled>[\u2460-\u2473])"
    r"|图\s*(?:(?P<digit>[1-9][0-9]?)|(?P<han>[一二三四五六七八九十]{1,2}))(?=[:：、.．])"
    r"|(?P<bare>[1-9][0-9]?)(?=、)"  # `1、…（X摄）` / `2、…`: numbered under one head
)
NUMBER_START = frozenset("图" + "".join(map(chr, range(0x2460, 0x2474))))
_DIGITS = frozenset("123456789")
_HAN_NUMBERS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
# A line opening with a dash: a signature (`——本报浙江分社记者窦瀚洋`, never opening an item)
# or a subtitle (`——记…`).
SIGNATURE = re.compile(r"[—－\-─]")
# An editor's note opening the text under a head group: `编者按：…`, `【编者按】…`, `编前：…`.
NOTE_OPENER = re.compile(r"[【\[]?\s*(?:编\s*者\s*按|编者的话|编前)")
_MAX_NOTE = 6  # paragraphs of an editor's note standing between two items
# Words for the pictures themselves: a note naming them (`本版选登几幅照片`) is about the
# pictures above it, not an introduction to the stories below.
_PICTURE_WORDS = re.compile("照片|图片|组图|镜头|影像")
_SENTENCE_MARK = re.compile("[。！？!?]")
_OPENERS = "（(【[〔"


class CaptionReader:
    """Look-ahead over a page's units for captions, credits and photo series."""

    units: list[Unit]
    starts: dict[int, Start]
    pointers: set[int]  # units that are captions pointing at their picture (`▲…`)
    captions_first: bool  # the page prints its captions over their heads

    def _photo_titles(self, group: list[int], k: int) -> int:
        """How many photo titles follow a one-line headline: a run of headline-like lines
        longer than a head group (`group` is full and the line at `k` is one more), ending
        at the text of the item. 0 if the lines are not that."""
        units, n = self.units, len(self.units)
        if len(group) < MAX_GROUP or k >= n or k in self.starts or not units[k].candidate:
            return 0
        end, stop = k, min(n, k + _MAX_CAPTIONS)  # bounded: a file of a million short lines
        while end < stop and end not in self.starts and units[end].candidate:
            end += 1
        if end >= stop or end in self.starts or units[end].lead is not None:
            return 0
        if any(SIGNATURE.match(units[j].text) for j in range(group[0], end)):
            return 0  # a `——` line belongs to a head group
        return end - group[1]

    def _series_caption(self, i: int) -> int | None:
        """The last unit of a caption starting at `i` in a photo series: up to its credit,
        which names photographers only (`…。特约摄影 吕华` as much as `…。韦成/摄`)."""
        for j in range(i, min(len(self.units), i + _MAX_CAPTION)):
            unit = self.units[j]
            if j in self.starts or unit.lead or unit.candidate:
                return None
            if unit.tail is not None:
                shot = unit.tail.photo or not unit.tail.credits.writers
                return j if shot and unit.tail.credits.photographers else None
        return None

    def _series_goes_on(self, cur: Item, i: int) -> bool:
        """Does the caption starting at unit `i` continue the photo series in `cur`? Its
        first line is the next picture, or a pointer caption is in it (`入秋以来…` then
        `▲果商…` / `通讯员 欧阳朗/摄`: the page's text between two of its pictures)."""
        if self._same_shooters(cur, i) or self._under_note(cur, i) or self._gallery(cur, i):
            return True
        if self._headless_run(cur, i):
            return True
        # Cheap look first: most paragraphs neither open with a number nor come near a mark.
        numbered = photo_number(self.units[i].text) is not None
        if not numbered and self.pointers.isdisjoint(range(i, i + _MAX_CAPTION)):
            return False
        end = self._series_caption(i)
        if end is None:
            return False
        if numbered and self._next_photo(cur, self.units[i].text):
            return True
        pointed = any(piece.text[:1] in CAPTION_MARKS for piece in cur.body)
        return pointed and any(u.text[:1] in CAPTION_MARKS for u in self.units[i : end + 1])

    def _same_shooters(self, cur: Item, i: int) -> bool:
        """Does the caption starting at unit `i` go on with the gallery under `cur`'s headline,
        shot by photographers it credits already? `图集丨…` / `…在现场。(…记者 柯皓 魏铼 摄)` /
        more captions / `…现场提问。(…记者 柯皓 魏铼 摄)`: one item, not one per credit."""
        if cur.anchored or not cur.group.headline:
            return False
        end = self._series_caption(i)
        tail = self.units[end].tail if end is not None else None
        if tail is None or not tail.photo or not tail.rest:
            return False
        credited = {n for p in cur.body if p.tail for n in p.tail.credits.photographers}
        return set(tail.credits.photographers) <= credited

    def _gallery(self, cur: Item, i: int) -> bool:
        """Does the caption starting at unit `i` go on with a run of pictures under `cur`'s
        headline, each caption closed by its own photo credit? A headless caption after a
        headed picture stands alone (`图/X` between two heads); a run of them, two or more
        before the next head, is the picture page under that head, one item."""
        if cur.anchored or not cur.group.headline:
            return False
        shot = [p.tail for p in cur.body if p.tail is not None]
        if not shot or not all(t.photo or not t.credits.writers for t in shot):
            return False
        end = self._series_caption(i)
        if end is None:
            return False
        if self._series_caption(end + 1) is not None:
            return True  # another credited caption follows: a run of pictures
        # The last of a run: the item holds pictures by more than one shooter already (one
        # shooter's gallery and a caption by someone else after it are two items).
        return len({n for t in shot for n in t.credits.photographers}) >= 2

    def _headless_run(self, cur: Item, i: int) -> bool:
        """Does the caption at unit `i` go on with a run of captions that no head opened
        (`photo_runs`)? Not when it stands right over a head it illustrates, or on a page
        that prints its captions over their heads."""
        end = self._series_caption(i)
        if end is None or not self._one_caption(i, end):
            return False
        over_head = self._heads_next(end + 1)
        if over_head and (self.captions_first or self._illustrates_next(i, end)):
            return False
        return run_goes_on(cur, self.units[i : end + 1])

    def _note_over_stories(self, cur: Item, i: int) -> bool:
        """Is unit `i` an editor's note's label alone (`编者按`) under an item its credit
        closed, over the note's paragraphs and then the next item's head? A package page
        prints its pictures, then the note, then the stories (`…王小川 摄` / `编者按` / the
        note / `十万“园丁”扎根山乡讲台` / `（记者周明）…`): the note is an item of its own. A
        note that names the pictures (`本版选登几幅照片…`) closes them: their text."""
        units, n = self.units, len(self.units)
        if not cur.body or not is_note_label(units[i].text):
            return False
        j, stop = i + 1, min(n, i + 1 + _MAX_NOTE)
        while j < stop and j not in self.starts and not units[j].candidate:
            unit = units[j]
            if unit.lead is not None or unit.tail is not None or _PICTURE_WORDS.search(unit.text):
                return False
            j += 1
        if j == i + 1 or j >= n or not ends_sentence(units[j - 1].text):
            return False
        return j in self.starts or units[j].candidate

    def _under_note(self, cur: Item, i: int) -> bool:
        """Does the caption starting at unit `i` go on with a headless item that an editor's
        note opens? `编者按:` / the note / captions, each closed by its own credit: the note
        introduces the pictures below it, one item, not one per credit."""
        if cur.group.headline or not cur.body or not NOTE_OPENER.match(cur.body[0].text):
            return False
        end = self._series_caption(i)
        tail = self.units[end].tail if end is not None else None
        return tail is not None and tail.photo

    @staticmethod
    def _next_photo(cur: Item, text: str) -> bool:
        """Does `text` caption the next picture of a series already in `cur`: the next
        number (`图②`), or one more caption pointing at its picture (`▲`, `◀`)?"""
        if text[:1] in CAPTION_MARKS:
            return any(piece.text[:1] in CAPTION_MARKS for piece in cur.body)
        number = photo_number(text)
        if number is None or number < 2:
            return False
        return any(photo_number(piece.text) == number - 1 for piece in cur.body)

    def _credit_follows(self, k: int) -> bool:
        for j in range(k, min(len(self.units), k + _MAX_CAPTION + 1)):
            unit = self.units[j]
            if j in self.starts or unit.lead or unit.candidate:
                return False
            if unit.tail is not None and unit.tail.photo:
                return True
        return False

    def _story_goes_on(self, cur: Item, i: int) -> bool:
        """True when unit `i` is a photo credit inside a news story that continues below it:
        `…展示中心。中青报·中青网记者 耿学清/摄` then more paragraphs of the same report.

        The story is one with a dateline or writers; the text below must be body text, not a
        headline, a byline or one more caption standing on its own (a photo item of its own).
        """
        tail = self.units[i].tail
        if tail is None or not tail.photo or not (cur.dateline or cur.credits.writers):
            return False
        k = i + 1
        if k >= len(self.units) or k in self.starts:
            return False
        below = self.units[k]
        if below.lead is not None or below.candidate or below.tail is not None:
            return False
        run = self._caption_run(k)
        return run is None or not self._one_caption(k, run)

    def _captions_lead_story(self, cur: Item, i: int) -> bool:
        """True when unit `i` is a photo credit in a run of captions printed between a
        headline and its story: `加油吧,兄弟` / three captions each `…新京报记者 X 摄` / the
        report / `新京报记者 Y`. After the run comes prose with no headline of its own; a run
        that ends at another headline is a page of photo items (`初雪映古城` / caption /
        `银杏大道…` / caption)."""
        tail = self.units[i].tail
        if tail is None or not tail.photo or not cur.group_lines:
            return False
        n = len(self.units)
        k = i + 1
        for _ in range(_MAX_CAPTIONS):
            if k >= n or k in self.starts:
                return False
            run = self._caption_run(k)
            if run is None or not self._one_caption(k, run):
                break
            k = run + 1
        if k >= n or k in self.starts:
            return False
        below = self.units[k]
        if below.lead is not None or below.candidate or below.tail is not None:
            return False
        return self._caption_run(k) is None and ends_sentence(below.text)

    def _caption_run(self, i: int) -> int | None:
        for j in range(i, min(len(self.units), i + _MAX_CAPTION)):
            unit = self.units[j]
            if j in self.starts or unit.lead or unit.candidate:
                return None
            if unit.tail is not None:
                return j if unit.tail.photo else None
        return None

    def _staff_caption(self, i: int) -> bool:
        """Is unit `i`, with no item open, a caption standing alone that a staff byline closes
        with no 摄 (`…的场景。本报记者 柯小禾`)? One finished sentence with the credit run on
        after it, and under it the page's end or the next item's head: a story would hold
        more than one sentence, a brief a head or a dateline."""
        unit, tail = self.units[i], self.units[i].tail
        if unit.lead is not None or unit.candidate:
            return False
        if tail is None:  # the byline on its own line under the caption (`本报记者_柯小禾`)
            below = self.units[i + 1] if i + 1 < len(self.units) else None
            lead = below.lead if below is not None and i + 1 not in self.starts else None
            if lead is None or lead.rest or lead.dateline or below is None or below.tail:
                return False
            credits, printed, text, end = lead.credits, lead.printed, unit.text, i + 2
        else:
            credits, printed, text, end = tail.credits, tail.printed, tail.rest, i + 1
        if tail is not None and tail.photo:
            return False
        if not credits.writers or credits.unstated or printed[:1] in _OPENERS:
            return False  # `（李明）`, `…。柯小禾`: the bracket or bare name of a brief
        if len(_SENTENCE_MARK.findall(text)) != 1 or not ends_sentence(text):
            return False
        return end == len(self.units) or self._heads_next(end)

    def _one_caption(self, i: int, end: int) -> bool:
        """Units `i`…`end` are one caption: `工人在…作业。（记者 冼志刚 摄）`, or a line over its
        bare credit (`市民在公园里晨练。` / `图/靳 松`), not the paragraph above a caption too."""
        tail = self.units[end].tail
        return tail is not None and (end - i) == (0 if tail.rest else 1)

    def _illustrates_next(self, i: int, end: int) -> bool:
        """Is the caption `i..end` the picture of the anchored article right below it?"""
        start = self.starts.get(end + 1)
        if start is None:
            return False
        head = [self.units[k] for k in start.group]
        return illustrates(self.units[i : end + 1], head, self.units[start.anchor])

    def _heads_next(self, k: int) -> bool:
        """True when unit `k` opens an article: a dateline's headline group, or a headline
        group over text."""
        if k in self.starts:
            return True
        units, n = self.units, len(self.units)
        j = k
        while j < n and j not in self.starts and units[j].candidate and j - k < MAX_GROUP:
            j += 1
        return j > k and j < n and j not in self.starts and not units[j].candidate


def illustrates(captions: list[Unit], head: list[Unit], anchor: Unit) -> bool:
    """Does a caption printed over an article's head illustrate that article?

    It does when the one who shot it wrote the story too (`…拍照留念。` / `本报记者 柏 青 摄`
    over `本报讯（记者 柏青…）`) or when caption and head speak of the same thing (a word of
    the head in the caption: `…体育公园晨练。` over `体育公园免费开放`). A picture of
    something else (`…放风筝，迎接新学期。孙晓光 摄` over `夜市重开吸引八方游客`) or a
    page label repeated between them (an archive's next item) makes it photo news alone.
    """
    if (head or [anchor])[0].labelled:
        return False
    shooters = {n for u in captions if u.tail for n in _people(u.tail.credits)}
    if anchor.lead is not None and shooters & set(_people(anchor.lead.credits)):
        return True
    said = "".join(u.text for u in captions)
    return any(pair in said for u in head for pair in _pairs(u.text))


def _people(credits: Credits) -> tuple[str, ...]:
    return credits.reporters + credits.correspondents + credits.photographers + credits.unstated


def _pairs(text: str) -> set[str]:
    """Two Han characters in a row: the smallest word a caption and a headline can share."""
    return {text[k : k + 2] for k in range(len(text) - 1) if _HAN_PAIR.fullmatch(text, k, k + 2)}


_HAN_PAIR = re.compile(r"[\u4e00-\u9fff]{2}")


def opens_numbered(text: str) -> bool:
    """A cheap look: may `text` open with a picture's number (`图②`, `①`, `2、`)?"""
    first = text[:1]
    return first in NUMBER_START or (first in _DIGITS and "、" in text[1:3])


def photo_number(text: str) -> int | None:
    """The number of a picture a caption opens with, or None.

    >>> photo_number("图②:泰兴市活动现场…"), photo_number("图一、昨晚…"), photo_number("2月27日…")
    (2, 1, None)
    >>> photo_number("3、渡口边…"), photo_number("12、…"), photo_number("2.5万人…")
    (3, 12, None)
    """
    if not opens_numbered(text):
        return None  # the common case, without a regex
    m = _PHOTO_NUMBER.match(text)
    if m is None:
        return None
    if m.group("circled"):
        return ord(m.group("circled")) - 0x245F
    if m.group("digit") or m.group("bare"):
        return int(m.group("digit") or m.group("bare"))
    han = m.group("han")
    if len(han) == 1:
        return _HAN_NUMBERS.get(han)
    return 10 + _HAN_NUMBERS.get(han[1], 0) if han[0] == "十" else None


_TOP_CAPTION = 40  # characters of a caption over a headless dateline at the top of a page
_TOP_CAPTION_LINES = 2
_TOP_TITLE = 16  # characters of a title with a comma over a caption at the top of a page


def is_top_caption(units: list[Unit]) -> bool:
    """Are `units`, all a page holds above a dateline with no head, a photo's caption: one or
    two short lines, each a finished sentence (`展厅里的老照片。`), none the rest of an article
    from another page (`（上接第1版）…`)?"""
    if not 0 < len(units) <= _TOP_CAPTION_LINES:
        return False
    return all(
        len(u.text) <= _TOP_CAPTION and ends_sentence(u.text) and not CONTINUED.match(u.text)
        for u in units
    )


def caption_over_indented(units: list[Unit]) -> bool:
    """Is the page's first line a short title with a comma over a picture's caption and the
    text? Web copy prints `，` as `,` (`市民夜跑,灯光照亮河堤`) and may lose the credit; what
    still tells the title from a paragraph cut at a column's end is the indent: the page
    indents its paragraphs while the title stands flush, and the line under it is indented
    too (no column break runs into an indent) or is a flush caption, one finished sentence.

    Only the first three lines are read.
    """
    if len(units) < 3 or len(units[0].text) > _TOP_TITLE or units[0].indented:
        return False
    below, text = units[1], units[2]
    if not text.indented or below.lead is not None or text.lead is not None:
        return False
    if below.indented:
        return True
    if continues(units[0].text, below.text):
        return False  # `…的基础上,全县的` / `干部…`: a paragraph cut at a column's end
    return is_top_caption([below]) and not below.candidate
