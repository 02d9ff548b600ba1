"""One page's lines to articles: headline groups, datelines, bodies, photo news, captions.

The page is read in two passes. First every dateline/byline line (`本报讯（记者王孟鹤）…`) is
an anchor, and the headline lines just above it open an article. Then a walk over the page
fills bodies, rejoins column breaks, and opens the items that have no dateline: photo news
(`严防防控促复工复产` over its caption), captions, and articles with the byline at the end. The
walk's look-ahead tests live in `boundaries` (a new item?) and `captions` (a caption, a credit?).
"""

from __future__ import annotations

from worker.parsing.boundaries import NOBODY
from worker.parsing.captions import SIGNATURE, opens_numbered
from worker.parsing.column_tags import untag_first_kicker
from worker.parsing.columns import ColumnReader
from worker.parsing.headlines import (
    CAPTION_MARKS,
    HeadlineGroup,
    build_group,
    column_tagged,
    wire_title,
)
from worker.parsing.interning import Interner
from worker.parsing.lone_credits import credit_under_credit
from worker.parsing.model import Fragment, ParsedArticle
from worker.parsing.names import agency_tag
from worker.parsing.numbered_briefs import next_numbered_head
from worker.parsing.page_items import Item, PageResult, dates_another, signs_again
from worker.parsing.page_lines import ready_lines
from worker.parsing.paragraphs import Piece, join_pieces
from worker.parsing.repost_heads import outlet_off
from worker.parsing.role_labels import labelled_group
from worker.parsing.series_heads import series_off
from worker.parsing.signed_heads import heads_cut_item
from worker.parsing.stacked_captions import stacked_captions
from worker.parsing.starts import MAX_GROUP, Start, extend_group, find_starts
from worker.parsing.subtitles import is_note_label
from worker.parsing.units import Layout, Unit

__all__ = ["Interner", "Layout", "PageResult", "Unit", "segment_page"]


def segment_page(
    units: list[Unit],
    *,
    page: int,
    section: str | None,
    layout: Layout,
    interner: Interner | None = None,
) -> PageResult:
    """Split one page's units into articles."""
    units, label = ready_lines(units, section)
    result = _Segmenter(units, page, section, layout, interner or Interner()).run()
    result.markup.extend(Fragment(unit.line, unit.text) for unit in label)
    # An item head's bullet, taken off the line: the layout's, wherever the line went.
    result.markup.extend(Fragment(unit.line, unit.mark) for unit in units if unit.mark)
    return result


class _Segmenter(ColumnReader):
    def __init__(
        self, units: list[Unit], page: int, section: str | None, layout: Layout, shared: Interner
    ):
        self.units, self.page, self.layout, self.shared = units, page, layout, shared
        self.section = shared.maybe(section)
        self.starts = find_starts(units, layout)
        self._restart(headless=False)
        # Units that are captions pointing at their picture (`▲…`): photo series.
        self.pointers = {k for k, unit in enumerate(units) if unit.text[:1] in CAPTION_MARKS}
        # A page that opens with a caption over a headline prints its captions first
        # (`11月20日，游客…` / `本报记者 柏青 摄` / `古镇迎来旅游小旺季`): a caption after a
        # finished paragraph there belongs to the article below it.
        top = self._caption_run(0) if units else None
        self.captions_first = top is not None and self._heads_next(top + 1)

    # -- pass 2: the walk -----------------------------------------------------------------
    def run(self) -> PageResult:
        for headless in (False, True):
            # A page with prose but no item (a web record, headless): walk it again as one.
            self._restart(headless=headless)
            self._walk()
            if self.items or not self._prose_left():
                break
        self._adopt_lead_text()
        tag = untag_first_kicker(self.items)
        if tag is not None:  # `微言` over only the first of many small heads: markup
            self._markup(*tag)
        for item in self.items:
            self.result.articles.append(self._finish(item))
        return self.result

    def _step(self, i: int) -> int:
        """Read unit `i` (and any units it takes along); return the unit to read next."""
        if i in self.starts:
            self.cur, self.ended = self._open_anchored(self.starts[i]), False
            return self._merge_byline_lines(self.cur, self.starts[i].anchor + 1)
        if self.units[i].lead is not None:
            self.cur, self.ended = self._stray_anchor(self.cur, i, self.ended)
            return i + 1
        for step in (self._series_step, self._column_step, self._head_step):
            k = step(i)
            if k is not None:
                return k
        return self._body_step(i)

    def _series_step(self, i: int) -> int | None:
        unit, cur = self.units[i], self.cur
        if (
            cur is not None
            and (self.pointers or opens_numbered(unit.text) or self.ended)
            and self._series_goes_on(cur, i)
            and (self.ended or self._last_ends_sentence(cur))
        ):
            # `图②:…。蒋凯摄` after `图①:…。高卫东摄`, `▲…韦成/摄` after `◀…沈果`: the series
            # goes on in the same item, though each picture's credit closed the caption above it.
            end = self._series_caption(i)
            if end is not None:
                cur.body.extend(Piece.of(u, fresh=True) for u in self.units[i : end + 1])
                return end + 1
        return None

    def _head_step(self, i: int) -> int | None:
        """Headline lines with no dateline, or a caption standing alone, opening an item."""
        unit, cur = self.units[i], self.cur
        if self.ended and cur is not None and self._byline_over_subheads(i):
            # `■吴浩` under a feature's opening paragraphs, then `在现场感受历史的重量`: the
            # byline sits after the lead and the story goes on under its subheads.
            self.ended = False
        boundary = (
            self.ended or cur is None or unit.labelled or (self.layout.per_line and unit.gap >= 1)
        )
        if i == len(self.units) - 1 and self._cut_item_head(cur, i):  # the page's last line
            self.cur, self.ended = self._open(i, (i,)), True  # a head whose text was cut off
            return i + 1
        if boundary or (self._last_ends_sentence(cur) and not self._run_on(i)):
            # Indented file: an unindented short line heads an item once the one above has text.
            ruled = self._ruled_head(unit, cur)
            strong = boundary or ruled
            opened = self._try_unanchored(i, strong, cur)
            if opened is not None:
                self.cur, self.ended = opened[0], False
                return opened[1]
        if cur is not None and self.ended and credit_under_credit(self.units, i):
            # `晚报记者柯小川摄` / `晚报记者岑望摄`, their captions not stored: one item's pictures.
            cur.body.append(Piece.of(unit, fresh=True))
            return i + 1
        if cur is not None and self.ended and self.items[-1] is cur and self._second_credit(i):
            # `文/…记者:林可心` then `图/…记者:许栋`: the picture's credit under the closing
            # byline is the same item's, not a caption of its own.
            cur.credits = cur.credits.merged(unit.tail.credits) if unit.tail else cur.credits
            self._markup(unit.line, unit.text)
            return i + 1
        if cur is None and self._staff_caption(i):
            # `…的场景。本报记者 柯小禾` alone on the page: a picture's caption, no head over it.
            self.cur, self.ended = self._open(i, ()), unit.tail is not None
            self.cur.caption = True
            self.cur.body.append(Piece.of(unit, fresh=True))
            return i + 1
        boundary = boundary and not (cur is not None and cur.bare_head)
        if boundary or (self.captions_first and self._last_ends_sentence(cur)):
            caption_end = self._caption_run(i)
            if caption_end is not None and (
                boundary
                or (self._one_caption(i, caption_end) and self._heads_next(caption_end + 1))
            ):
                self.cur, k = self._caption(i, caption_end, cur)
                self.ended = self.cur is not None and not self.cur.group_lines
                return k
        return None

    def _run_on(self, i: int) -> bool:
        """`…何处是归程?` / `在千里之外的家乡` with no blank line between, on a page laid out in
        blocks: a short line run on under a line of text is more of that block, never a head;
        a head stands after a blank line there."""
        if self.layout.per_line or i == 0 or self.units[i].gap:
            return False
        above = self.units[i - 1]
        return not above.candidate and above.lead is None and above.tail is None

    def _body_step(self, i: int) -> int:
        """More text of the item open, or text with nothing to attach it to."""
        unit, cur = self.units[i], self.cur
        if cur is None and (self.headless or self._opens_headless(i)):
            cur, self.ended = self._open(i, ()), False
        elif self.ended and self._brief_follows(cur, i):
            cur, self.ended = self._open(i, ()), False  # each credit line closes one brief
        elif self.ended and cur is not None and self._note_over_stories(cur, i):
            self.cur, self.ended = self._open(i, (i,)), False  # `编者按` over stories: an item
            return i + 1
        elif cur is None or (self.ended and unit.candidate and not is_note_label(unit.text)):
            # Nothing to attach it to: text before any article, or a headline-like line
            # after a finished item with no text under it (`编者按` over a closing note is its).
            self.result.unassigned.append(Fragment(unit.line, unit.text))
            self._warn(unit.line, f"text outside any article kept as unassigned: {unit.text[:20]}")
            return i + 1
        self.cur = cur
        cur.body.append(Piece.of(unit))
        cur.subheads += unit.candidate and self._ends_sentence_before(cur)
        if unit.tail is not None or unit.sourced:
            # A credit, an end byline or `（据新华社）` closes the item, except a picture's
            # credit inside a news story that goes on below it.
            self.ended = not (self._story_goes_on(cur, i) or self._captions_lead_story(cur, i))
        return i + 1

    def _open_anchored(self, start: Start) -> Item:
        units = self.units
        anchor = units[start.anchor]
        assert anchor.lead is not None
        group = start.group[1:] if start.tagged else start.group
        if start.tagged:  # `要闻简报` over its briefs: the column's name is markup
            self._markup(units[start.group[0]].line, units[start.group[0]].text)
        item = self._open(group[0] if group else start.anchor, group)
        item.anchored = True
        item.dateline = anchor.lead.dateline
        item.credits = anchor.lead.credits
        item.body.extend(self.pending)
        self.pending = []
        for k in start.captions:
            item.body.append(Piece.of(units[k], fresh=True, alone=True))
        self._markup(anchor.line, anchor.lead.printed)
        title = wire_title(anchor.lead.rest) if not start.group else None
        if title is not None:  # `新华社青河3月5日电 题：沿江古镇焕新颜`: the wire's headline
            self._markup(anchor.line, title[0])
            item.group, item.group_lines = build_group([title[1]]), (anchor.line,)
        elif anchor.lead.rest:
            item.body.append(Piece.after(anchor, anchor.lead))
        if not start.group and title is None:
            self._warn(anchor.line, "dateline without a headline above it: article has no headline")
        self._note_unknown(anchor.line, anchor.lead.credits)
        return item

    def _merge_byline_lines(self, item: Item, i: int) -> int:
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
                item.body.append(Piece.after(unit, lead))
            i += 1
        return i

    def _stray_anchor(self, cur: Item | None, i: int, ended: bool) -> tuple[Item, bool]:
        unit = self.units[i]
        lead = unit.lead
        assert lead is not None
        signed = SIGNATURE.match(lead.printed) is not None
        closed = ended and not lead.rest and not signed and self._text_follows(i)
        closed = closed or (cur is not None and signs_again(cur, lead) and self._text_follows(i))
        if cur is None or closed or dates_another(cur, lead):
            # `文/宋思雨 图/庞博` over a caption after an item its credit closed: a new item.
            cur = self._open_anchored(Start((), (), i))
            self._adopt_text_above(cur, i)
            return cur, False
        self._note_unknown(unit.line, lead.credits)
        if self._heads_box_below(cur, i):
            self.byline_above = lead.credits  # the box under it opens with its own head
            self._markup(unit.line, lead.printed)
            return cur, True
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

    def _try_unanchored(self, i: int, boundary: bool, cur: Item | None) -> tuple[Item, int] | None:
        """Headline lines over text with no dateline: photo news, or a byline-at-end article."""
        units, n = self.units, len(self.units)
        group = self._weak_head(i, cur)
        if not group and is_note_label(units[i].text):
            return None  # `【编者按】` opens its note's text; it heads no group of its own
        k = extend_group(units, self.starts, group, i + len(group), boundary)
        k -= (boxed := self._pop_box_label(group))  # `开馆日` / its paragraph / `借书人`
        if boundary and group and len(group) < MAX_GROUP and self._closed_weak_line(k):
            # `民意直通车 捎话到两会` / `本报“两会热线”开通,征集“百姓议案”`: a comma line under
            # a head line closing its quote is the headline (`…基础上，青河区组` is not).
            group.append(k)
            k += 1
        if not boundary and cur is not None and self._took_inside(cur, i, k):
            return cur, k  # `今日出镜` / its line / `采访动机`: labelled boxes inside a feature
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
        head_below = k < n and units[k].candidate and not boxed and not is_note_label(units[k].text)
        if not group or k >= n or k in self.starts or head_below or units[k].lead:
            return None
        # Mid-article, one short line is a subhead unless a photo credit closes what follows
        # or it heads a sub-story of a package.
        if (
            not boundary
            and len(group) < 2
            and not self._credit_follows(k)
            and not self._sub_story(group[0], k, cur)
            and not self._letter_follows(cur, k)
            and not column_tagged(units[group[0]].text)
            and not next_numbered_head(cur.group.headline if cur else None, units[group[0]].text)
        ):
            return None
        package = cur.package or cur if cur is not None and not boundary else None
        item = self._open(group[0], tuple(group))
        item.package = package
        self._warn(units[group[0]].line, f"headline without a dateline: {item.group.headline}")
        item.body.extend(Piece.of(u, fresh=True, alone=True) for u in units[k : k + boxed])
        return item, k + boxed

    def _caption(self, i: int, end: int, cur: Item | None) -> tuple[Item | None, int]:
        """A caption with no head (with any stacked under it): the next article's, or an item."""
        last = stacked_captions(self.units, self.starts, end)
        if self._illustrates_next(i, last):  # just above an article's head: its photos
            self.pending = [Piece.of(u, fresh=True) for u in self.units[i : last + 1]]
            return cur, last + 1
        pieces = [Piece.of(u, fresh=True) for u in self.units[i : end + 1]]
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

    def _cut_item_head(self, cur: Item | None, i: int) -> bool:
        """A head alone closing a page heads an item the page cut off (see `heads_cut_item`)."""
        cut = heads_cut_item(self.units, cur, i, several=len(self.items) > 1, closed=self.ended)
        return cut and not self._run_on(i)

    # -- building ---------------------------------------------------------------------------
    def _open(self, first: int, group: tuple[int, ...]) -> Item:
        lines = [self.units[k].text for k in group]
        built = (labelled_group(lines) or build_group(lines)) if lines else HeadlineGroup("")
        headline_group = series_off(outlet_off(built))
        for marker in headline_group.markers:
            self._markup(self.units[group[0]].line, marker)
        item = Item(
            self.units[first].line, headline_group, tuple(self.units[k].line for k in group)
        )
        if self.byline_above:
            item.credits, self.byline_above = self.byline_above, NOBODY
        # `●…强镇。日前,…`: a head run into its text (`runin_bullets`) heads a brief, not a photo.
        item.column = any(self.units[k].mark.endswith("。") for k in group)
        self.items.append(item)
        return item

    def _finish(self, item: Item) -> ParsedArticle:
        credits = item.credits
        paragraphs, tails = join_pieces(item.body, self.layout)
        for line, tail in tails:
            credits = credits.merged(tail.credits)
            self._markup(line, tail.printed)
            self._note_unknown(line, tail.credits)
        credits = credits.resolved()
        group = item.group
        # `…获救。(云帆社)`: an agency closing the text sent it as a story, not a picture.
        wired = any(not t.photo and agency_tag(t.printed.strip("()（）")) for _, t in tails)
        kind = "photo" if item.caption else self._kind(item, credits, paragraphs)
        return ParsedArticle(
            page=self.page,
            section=self.section,
            kind="news" if wired else kind,
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
            other_credits=self.shared.names((*credits.others, *group.sources)),
        )
