"""One page's lines to articles: headline groups, datelines, bodies, photo news, captions.

The page is read in two passes. First every dateline/byline line (`本报讯（记者王孟鹤）…`) is
an anchor, and the headline lines just above it open an article. Then a walk over the page
fills bodies, rejoins column breaks, and opens the items that have no dateline: photo news
(`严防防控促复工复产` over its caption), captions, and articles with the byline at the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from worker.parsing.bylines import Credits
from worker.parsing.headlines import (
    CAPTION_MARKS,
    HeadlineGroup,
    build_group,
    continues,
    ends_sentence,
    is_subhead,
)
from worker.parsing.interning import Interner
from worker.parsing.model import Fragment, ParsedArticle, ParseWarning
from worker.parsing.paragraphs import MAX_SUBHEAD, Piece, join_pieces
from worker.parsing.starts import MAX_GROUP, Start, find_starts
from worker.parsing.units import Layout, Unit, promote_name_lines

__all__ = ["Interner", "Layout", "PageResult", "Unit", "segment_page"]

_MAX_CAPTION = 3  # lines of a caption before its credit
_MAX_CAPTIONS = 12  # captions in a row between a headline and its story
_SHORT_HEAD = 12  # a headline with a comma at the top of a page is short
# A readers' column prints short letters, each under a small head: an item this short,
# with no dateline or byline, holds no subheads.
# The number a caption in a numbered photo series opens with: `图①:`, `图2：`, `图一、`, `①`.
_PHOTO_NUMBER = re.compile(
    r"(?:图\s*)?(?P<circled>[\u2460-\u2473])"
    r"|图\s*(?:(?P<digit>[1-9][0-9]?)|(?P<han>[一二三四五六七八九十]{1,2}))(?=[:：、.．])"
)
_NUMBER_START = frozenset("图" + "".join(map(chr, range(0x2460, 0x2474))))
_HAN_NUMBERS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
_CLOSED_END = "”’」』》）)"  # a weak headline line closing its quote or bracket
_SHORT_ITEM = (3, 400)  # paragraphs, characters
# A letter in such a column opens with its writer and a colon: `市民李女士:`, `读者张先生说：`.
_SPEAKER = re.compile(r"[\u4e00-\u9fff]{2,12}[：:](?=\S)")
_BULLETS = frozenset("◆◇△▲■□●○★☆")
# A place or theme tag before a colon heads a sub-story: `火车站：志愿者一路帮扶`, `机场：…`.
_TAG = re.compile(r"[\u4e00-\u9fff“”A-Za-z0-9]{2,8}[：:](?=\S)")


# A line opening with a dash: a signature (`——本报浙江分社记者窦瀚洋`, never opening an item)
# or a subtitle (`——记…`).
_SIGNATURE = re.compile(r"[—－\-─]")


def _is_package(item: _Item) -> bool:
    """A package's headline: no dateline, and a subtitle or several reporters credited."""
    return (
        item.dateline is None
        and item.anchored
        and (item.group.subtitle is not None or len(item.credits.reporters) >= 2)
    )


@dataclass(slots=True)
class _Item:
    line: int
    group: HeadlineGroup
    group_lines: tuple[int, ...]
    dateline: str | None = None
    anchored: bool = False
    credits: Credits = field(default_factory=Credits)
    body: list[Piece] = field(default_factory=list)
    subheads: int = 0  # headline-like lines kept in the body so far
    package: _Item | None = None  # the package this item is a sub-story of
    runin: bool = False  # opened by a run-in headline


@dataclass(slots=True)
class PageResult:
    """What one page gave: articles, and the text and warnings left over."""

    articles: list[ParsedArticle] = field(default_factory=list)
    markup: list[Fragment] = field(default_factory=list)
    unassigned: list[Fragment] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)


def segment_page(
    units: list[Unit],
    *,
    page: int,
    section: str | None,
    layout: Layout,
    interner: Interner | None = None,
) -> PageResult:
    """Split one page's units into articles."""
    units = promote_name_lines(units)
    return _Segmenter(units, page, section, layout, interner or Interner()).run()


class _Segmenter:
    def __init__(
        self, units: list[Unit], page: int, section: str | None, layout: Layout, shared: Interner
    ):
        self.units, self.page, self.layout, self.shared = units, page, layout, shared
        self.section = shared.maybe(section)
        self.result = PageResult()
        self.starts = find_starts(units, layout)
        self.items: list[_Item] = []
        self.pending: list[Piece] = []  # a caption waiting for the article below it
        # Units that are captions pointing at their picture (`▲…`): photo series.
        self.pointers = {k for k, unit in enumerate(units) if unit.text[:1] in CAPTION_MARKS}
        # A page that opens with a caption over a headline prints its captions first
        # (`11月20日，游客…` / `本报记者 柏青 摄` / `古镇迎来旅游小旺季`): a caption after a
        # finished paragraph there belongs to the article below it.
        top = self._caption_run(0) if units else None
        self.captions_first = top is not None and self._heads_next(top + 1)

    # -- pass 2: the walk -----------------------------------------------------------------
    def run(self) -> PageResult:
        units, n = self.units, len(self.units)
        cur: _Item | None = None
        ended = True
        i = 0
        while i < n:
            if i in self.starts:
                cur, i = self._open_anchored(self.starts[i]), self.starts[i].anchor + 1
                i = self._merge_byline_lines(cur, i)
                ended = False
                continue
            unit = units[i]
            if unit.lead is not None:
                cur, ended = self._stray_anchor(cur, i, ended)
                i += 1
                continue
            if (
                cur is not None
                and (self.pointers or unit.text[:1] in _NUMBER_START)
                and self._series_goes_on(cur, i)
                and (ended or self._last_ends_sentence(cur))
            ):
                # `图②:…。蒋凯摄` after `图①:…。高卫东摄`, `▲…通讯员 韦成/摄` after `◀…特约摄影
                # 沈果`: the series goes on in the same item, though each picture's credit
                # closed the caption above it.
                end = self._series_caption(i)
                if end is not None:
                    cur.body.extend(Piece.of(u, fresh=True) for u in units[i : end + 1])
                    i = end + 1
                    continue
            if self._bullet_brief(i):
                # `◆…（记者 X）` / `△…。 (吕劲)`: a column of briefs, one paragraph each.
                cur, ended = self._open(i, ()), False
                cur.body.append(Piece.of(unit, fresh=True))
                ended = unit.tail is not None
                i += 1
                continue
            if unit.candidate and i + 1 < n and self._bullet_brief(i + 1):
                # The column's standing name over its briefs (`三秦短波`): no headline of theirs.
                self._markup(unit.line, unit.text)
                i += 1
                continue
            if unit.runin and (
                cur is None
                or (cur.runin and self._last_ends_sentence(cur))
                or self._column_label(cur, i)
            ):
                # A column of items each one paragraph with its headline run in.
                cur, ended = self._open_runin(unit), False
                i += 1
                continue
            boundary = (
                ended or cur is None or unit.labelled or (self.layout.per_line and unit.gap >= 1)
            )
            if boundary or self._last_ends_sentence(cur):
                # In an indented file an unindented short line is a headline, not a subhead.
                strong = boundary or (self.layout.indents and not unit.indented)
                opened = self._try_unanchored(i, strong, cur)
                if opened is not None:
                    cur, i = opened
                    ended = False
                    continue
            if boundary or (self.captions_first and self._last_ends_sentence(cur)):
                caption_end = self._caption_run(i)
                if caption_end is not None and (
                    boundary
                    or (self._one_caption(i, caption_end) and self._heads_next(caption_end + 1))
                ):
                    cur, i = self._caption(i, caption_end, cur)
                    ended = cur is not None and not cur.group_lines
                    continue
            if cur is None or (ended and unit.candidate):
                # Nothing to attach it to: text before any article, or a headline-like
                # line after a finished item with no text under it.
                self.result.unassigned.append(Fragment(unit.line, unit.text))
                self._warn(
                    unit.line, f"text outside any article kept as unassigned: {unit.text[:20]}"
                )
                i += 1
                continue
            cur.body.append(Piece.of(unit))
            cur.subheads += unit.candidate and self._ends_sentence_before(cur)
            if unit.tail is not None or unit.sourced:
                # A credit, an end byline or `（据新华社）` closes the item, except a picture's
                # credit inside a news story that goes on below it.
                ended = not (self._story_goes_on(cur, i) or self._captions_lead_story(cur, i))
            i += 1
        for item in self.items:
            self.result.articles.append(self._finish(item))
        return self.result

    def _open_anchored(self, start: Start) -> _Item:
        units = self.units
        anchor = units[start.anchor]
        assert anchor.lead is not None
        first = start.group[0] if start.group else start.anchor
        item = self._open(first, start.group)
        item.anchored = True
        item.dateline = anchor.lead.dateline
        item.credits = anchor.lead.credits
        item.body.extend(self.pending)
        self.pending = []
        for k in start.captions:
            item.body.append(Piece.of(units[k], fresh=True))
        self._markup(anchor.line, anchor.lead.printed)
        if anchor.lead.rest:
            item.body.append(Piece(anchor.line, anchor.lead.rest, anchor.indented, fresh=True))
        if not start.group:
            self._warn(anchor.line, "dateline without a headline above it: article has no headline")
        self._note_unknown(anchor.line, anchor.lead.credits)
        return item

    def _merge_byline_lines(self, item: _Item, i: int) -> int:
        """`本报记者 王洲` then `本报通讯员 李四` on the next line: both open the article; so
        does the dateline under a byline line (`乐梦融 王爱东` / `本报讯 (见习记者 乐梦融 …)…`)."""
        while i < len(self.units) and i not in self.starts and not item.body:
            unit = self.units[i]
            lead = unit.lead
            if lead is None or (lead.dateline is not None and item.dateline is not None):
                break
            if lead.rest and lead.dateline is None:
                break
            item.credits = item.credits.merged(lead.credits)
            item.dateline = item.dateline or lead.dateline
            self._markup(unit.line, lead.printed)
            self._note_unknown(unit.line, lead.credits)
            if lead.rest:
                item.body.append(Piece(unit.line, lead.rest, unit.indented, fresh=True))
            i += 1
        return i

    def _stray_anchor(self, cur: _Item | None, i: int, ended: bool) -> tuple[_Item, bool]:
        unit = self.units[i]
        lead = unit.lead
        assert lead is not None
        signed = _SIGNATURE.match(lead.printed) is not None
        if cur is None or (ended and not lead.rest and not signed and self._text_follows(i)):
            # `文/宋思雨 图/庞博` over a caption, after an item its credit closed: a new item
            # without a headline, not a second byline for the one above.
            cur = self._open_anchored(Start((), (), i))
            return cur, False
        self._note_unknown(unit.line, lead.credits)
        if not lead.rest and lead.dateline is None:
            # `本报记者 王洲` alone after the body: the byline printed at the end.
            cur.credits = cur.credits.merged(lead.credits)
            self._markup(unit.line, lead.printed)
            return cur, True
        # `又讯（记者王孟鹤）…` inside an article stays in its body; its people are credited.
        cur.credits = cur.credits.merged(lead.credits)
        cur.body.append(Piece.of(unit, fresh=True))
        if lead.dateline != "又讯":
            self._warn(
                unit.line, f"dateline without a headline kept in the article above: {lead.printed}"
            )
        return cur, False

    def _bullet_brief(self, i: int) -> bool:
        """Is unit `i` a brief in a bulleted column: a paragraph (not a headline line) opening
        with a bullet that the paragraph above or below opens with too?"""
        unit = self.units[i]
        mark = unit.text[:1]
        if mark not in _BULLETS or unit.candidate or unit.lead is not None:
            return False
        if not any(end in unit.text for end in "。！？"):
            return False
        near = (self.units[j] for j in (i - 1, i + 1) if 0 <= j < len(self.units))
        return any(other.text[:1] == mark and not other.candidate for other in near)

    def _column_label(self, cur: _Item, i: int) -> bool:
        """Is `cur` only the one-line name of a column standing over its first run-in item
        (`读者心声`)? Then it is taken back: the name is markup, not an item."""
        if cur.body or cur.anchored or not self.items or self.items[-1] is not cur:
            return False
        if i + 1 >= len(self.units) or not self.units[i + 1].runin:
            return False  # one run-in line under a headline is that article's first paragraph
        if cur.group_lines != (self.units[i - 1].line,) or cur.group.kicker or cur.group.subtitle:
            return False
        self.items.pop()
        self._markup(cur.line, cur.group.headline)
        self.result.warnings[:] = [w for w in self.result.warnings if w.line != cur.line]
        return True

    def _open_runin(self, unit: Unit) -> _Item:
        head, rest = unit.text[: unit.runin], unit.text[unit.runin + 1 :]
        item = _Item(unit.line, build_group([head]), (unit.line,), runin=True)
        item.body.append(Piece(unit.line, rest, unit.indented, fresh=True))
        self.items.append(item)
        return item

    def _text_follows(self, i: int) -> bool:
        if i + 1 >= len(self.units) or i + 1 in self.starts:
            return False
        below = self.units[i + 1]
        return below.lead is None and not below.candidate and below.tail is None

    def _try_unanchored(
        self, i: int, boundary: bool, cur: _Item | None
    ) -> tuple[_Item, int] | None:
        """Headline lines over text with no dateline: photo news, or a byline-at-end article."""
        units, n = self.units, len(self.units)
        group: list[int] = []
        k = i
        if cur is None and units[i].weak and i + 1 < n and units[i + 1].candidate:
            # At the top of a page a kicker may carry a comma (`上午,记者在奉贤看到…`).
            group.append(i)
            k += 1
        elif cur is None and units[i].weak and len(units[i].text) <= _SHORT_HEAD:
            # Or be the headline itself, over a picture's caption and credit (`加油吧,兄弟` /
            # `…入场前,两位男生比画“加油”的手势。新京报记者 薛珺 摄`).
            run = self._caption_run(i + 1) if i + 1 < n else None
            if run is not None and self._one_caption(i + 1, run):
                group.append(i)
                k += 1
        while k < n and k not in self.starts and units[k].candidate and len(group) < MAX_GROUP:
            group.append(k)
            k += 1
        if boundary and group and len(group) < MAX_GROUP and self._closed_weak_line(k):
            # `民意直通车 捎话到两会` / `本报“两会热线”开通,征集“百姓议案”` / text: a line with a
            # comma under a headline line is the headline when it closes its quote or
            # bracket; a column cut mid-word (`…基础上，卫东区组`) leaves nothing closed.
            group.append(k)
            k += 1
        titles = self._photo_titles(group, k) if boundary else 0
        if titles:
            # `吕梁山奏响乡村振兴最强音` then three short photo titles, then the text: more
            # headline-like lines than a head group holds. The first is the headline; the
            # rest title the pictures and stay in the body, each its own paragraph.
            item = self._open(group[0], (group[0],))
            item.package = None
            item.body.extend(
                Piece.of(u, fresh=True, alone=True) for u in units[group[1] : group[1] + titles]
            )
            self._warn(units[group[0]].line, f"headline without a dateline: {item.group.headline}")
            return item, group[1] + titles
        if not group or k >= n or k in self.starts or units[k].candidate or units[k].lead:
            return None
        # Mid-article, one short line is a subhead unless a photo credit closes what follows
        # or it heads a sub-story of a package.
        if (
            not boundary
            and len(group) < 2
            and not self._credit_follows(k)
            and not self._sub_story(group[0], k, cur)
            and not self._letter_follows(cur, k)
        ):
            return None
        package = cur.package or cur if cur is not None and not boundary else None
        item = self._open(group[0], tuple(group))
        item.package = package
        self._warn(units[group[0]].line, f"headline without a dateline: {item.group.headline}")
        return item, k

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
        if any(_SIGNATURE.match(units[j].text) for j in range(group[0], end)):
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

    def _series_goes_on(self, cur: _Item, i: int) -> bool:
        """Does the caption starting at unit `i` continue the photo series in `cur`? Its
        first line is the next picture, or a pointer caption is in it (`入秋以来…` then
        `▲果商…` / `通讯员 欧阳朗/摄`: the page's text between two of its pictures)."""
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

    @staticmethod
    def _next_photo(cur: _Item, text: str) -> bool:
        """Does `text` caption the next picture of a series already in `cur`: the next
        number (`图②`), or one more caption pointing at its picture (`▲`, `◀`)?"""
        if text[:1] in CAPTION_MARKS:
            return any(piece.text[:1] in CAPTION_MARKS for piece in cur.body)
        number = photo_number(text)
        if number is None or number < 2:
            return False
        return any(photo_number(piece.text) == number - 1 for piece in cur.body)

    def _closed_weak_line(self, k: int) -> bool:
        """Is unit `k` a weak headline line (it has a comma) ending with a closed quote or
        bracket, over a paragraph that starts a sentence of its own?"""
        units, n = self.units, len(self.units)
        if k + 1 >= n or k in self.starts or not units[k].weak:
            return False
        text, below = units[k].text, units[k + 1]
        if text[-1] not in _CLOSED_END or continues(text, below.text):
            return False
        return below.lead is None and not below.candidate and not below.weak

    def _letter_follows(self, cur: _Item | None, k: int) -> bool:
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

    def _credit_follows(self, k: int) -> bool:
        for j in range(k, min(len(self.units), k + _MAX_CAPTION + 1)):
            unit = self.units[j]
            if j in self.starts or unit.lead or unit.candidate:
                return False
            if unit.tail is not None and unit.tail.photo:
                return True
        return False

    def _sub_story(self, k: int, below: int, cur: _Item | None) -> bool:
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
        package = _is_package(cur.package or cur)
        if byline and not cur.subheads and (tagged or package):
            return True
        return package and (tagged or len(head) > MAX_SUBHEAD) and not cur.subheads

    def _byline_follows(self, k: int, *, section: bool = False) -> bool:
        """True when the text from `k` ends with a byline for text, before the next article
        (or, with `section`, before the next headline-like line)."""
        units, n = self.units, len(self.units)
        for j in range(k, n):
            unit = units[j]
            if unit.lead is not None and _SIGNATURE.match(unit.lead.printed):
                # `——本报湖西分社记者X` signs the text above it, like a byline at the end.
                return j not in self.starts and unit.lead.credits.writers
            if j in self.starts or unit.lead is not None:
                return False
            if unit.candidate and (section or (j + 1 < n and units[j + 1].candidate)):
                return False  # a subhead, or the headline group of the next article
            if unit.tail is not None:
                return unit.tail.credits.writers
        return False

    def _story_goes_on(self, cur: _Item, i: int) -> bool:
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

    def _captions_lead_story(self, cur: _Item, i: int) -> bool:
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

    def _caption(self, i: int, end: int, cur: _Item | None) -> tuple[_Item | None, int]:
        """A caption and credit with no headline: the next article's, or its own photo item.

        Returns the item now open and the unit to read next.
        """
        pieces = [Piece.of(u, fresh=True) for u in self.units[i : end + 1]]
        if end + 1 in self.starts:
            # Just above an article's headline: the photo illustrates that article.
            self.pending = pieces
            return cur, end + 1
        opened = None
        if self.captions_first and end + 1 < len(self.units):
            opened = self._try_unanchored(end + 1, True, cur)
        if opened is not None:
            # `市民在公园里晨练。` / `图/靳松` over `公园晨练人多了` and its text.
            item, k = opened
            item.body[:0] = pieces
            return item, k
        item = self._open(i, ())
        item.body.extend(pieces)
        return item, end + 1

    def _one_caption(self, i: int, end: int) -> bool:
        """Units `i`…`end` are one caption: `工人在…作业。（记者 冼志刚 摄）`, or a line over its
        bare credit (`市民在公园里晨练。` / `图/靳 松`), not the paragraph above a caption too."""
        tail = self.units[end].tail
        return tail is not None and (end - i) == (0 if tail.rest else 1)

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

    # -- building ---------------------------------------------------------------------------
    def _open(self, first: int, group: tuple[int, ...]) -> _Item:
        lines = [self.units[k].text for k in group]
        headline_group = build_group(lines) if lines else HeadlineGroup("")
        for marker in headline_group.markers:
            self._markup(self.units[group[0]].line, marker)
        item = _Item(
            self.units[first].line, headline_group, tuple(self.units[k].line for k in group)
        )
        self.items.append(item)
        return item

    def _ends_sentence_before(self, cur: _Item) -> bool:
        """True when the piece before the last one in `cur` ends a sentence (or there is none)."""
        return len(cur.body) < 2 or ends_sentence(cur.body[-2].text)

    def _last_ends_sentence(self, cur: _Item | None) -> bool:
        if cur is None or not cur.body:
            return True
        # A pointer caption (`▲新建的初制茶厂里…`) is finished, punctuated or not.
        last = cur.body[-1].text
        return ends_sentence(last) or last[:1] in CAPTION_MARKS

    def _finish(self, item: _Item) -> ParsedArticle:
        credits = item.credits
        paragraphs, tails = join_pieces(item.body, self.layout)
        for line, tail in tails:
            credits = credits.merged(tail.credits)
            self._markup(line, tail.printed)
            self._note_unknown(line, tail.credits)
        credits = credits.resolved()
        # Photo news has no dateline and nobody credited for text: `摄影记者 钱多多` over a
        # caption is a photo, `文/图 本报记者 高原` over text is news.
        kind = "news" if item.dateline or credits.writers else "photo"
        group = item.group
        return ParsedArticle(
            page=self.page,
            section=self.section,
            kind=kind,
            kicker=self.shared.maybe(group.kicker),
            headline=group.headline,
            subtitle=group.subtitle,
            dateline=self.shared.maybe(item.dateline),
            reporters=self.shared.names(credits.reporters),
            correspondents=self.shared.names(credits.correspondents),
            photographers=self.shared.names(credits.photographers),
            interns=self.shared.names(credits.interns),
            paragraphs=tuple(paragraphs),
            line=item.line,
            editors=self.shared.names(credits.editors),
            other_credits=self.shared.names(credits.others),
        )

    def _markup(self, line: int, text: str) -> None:
        if text:
            self.result.markup.append(Fragment(line, self.shared.text(text)))

    def _warn(self, line: int, message: str) -> None:
        self.result.warnings.append(ParseWarning(line, message))

    def _note_unknown(self, line: int, credits: Credits) -> None:
        for word in credits.unknown_roles:
            self._warn(line, f"unknown role word {word!r}: its names are credited as reporters")


def photo_number(text: str) -> int | None:
    """The number of a picture a caption opens with, or None.

    >>> photo_number("图②:泰兴市活动现场…"), photo_number("图一、昨晚…"), photo_number("2月27日…")
    (2, 1, None)
    """
    if text[:1] not in _NUMBER_START:
        return None  # the common case, without a regex
    m = _PHOTO_NUMBER.match(text)
    if m is None:
        return None
    if m.group("circled"):
        return ord(m.group("circled")) - 0x245F
    if m.group("digit"):
        return int(m.group("digit"))
    han = m.group("han")
    if len(han) == 1:
        return _HAN_NUMBERS.get(han)
    return 10 + _HAN_NUMBERS.get(han[1], 0) if han[0] == "十" else None
