"""Columns of briefs: short items under one column name, each opened by a bullet
(`◆…`) or closed by its credit in brackets (`…投入使用。` / `（李明）`). Read-only tests
over a page's units, used by the walk's look-ahead (`boundaries`)."""

from __future__ import annotations

from worker.parsing.captions import CaptionReader
from worker.parsing.headlines import ends_sentence
from worker.parsing.page_items import Item
from worker.parsing.units import Unit

__all__ = ["BriefReader", "credit_line"]

_BULLETS = frozenset("◆◇△▲■□●○★☆")
_BRIEF_SCAN = 8  # units looked through for the credits that close a column's briefs
_LEAST_BRIEFS = 2  # bulleted briefs under a column's name that make one item of them


def credit_line(unit: Unit) -> bool:
    """`（李明）`, `(记者 王芳 通讯员 赵强)` alone on a line: a credit for text, in brackets."""
    if unit.text[:1] not in "（(":
        return False
    if unit.tail is not None:
        return not unit.tail.rest and not unit.tail.photo
    lead = unit.lead
    return lead is not None and not lead.rest and lead.dateline is None and lead.credits.writers


class BriefReader(CaptionReader):
    """Look-ahead tests for columns of briefs."""

    def _bullet_brief(self, i: int) -> bool:
        """Is unit `i` a brief in a bulleted column: a paragraph (not a headline line) opening
        with a bullet that the paragraph above or below opens with too?"""
        unit = self.units[i]
        mark = unit.text[:1]
        if mark not in _BULLETS or unit.candidate or unit.lead is not None:
            return False
        if not any(end in unit.text for end in "。！？"):
            return False
        n = len(self.units)
        near = [j for j in (i - 1, i + 1) if 0 <= j < n]
        # Briefs each closed by a credit on its own line (`△…。` / `（林一）` / `△…`): the
        # neighbour brief stands past that line.
        near += [2 * j - i for j in near if 0 <= 2 * j - i < n and credit_line(self.units[j])]
        return any(self.units[j].text[:1] == mark and not self.units[j].candidate for j in near)

    def _brief_follows(self, cur: Item | None, i: int) -> bool:
        """Does unit `i` open a brief of its own after the item its credit closed? A credit in
        brackets alone on its line (`…投入使用。` / `（李明）`) closes one item, and so does
        one closing a headless item's text (`…参加了比赛。 (王二)`); prose after it is the
        next brief, not more of that item."""
        unit = self.units[i]
        if cur is None or i == 0 or unit.candidate or unit.lead is not None or not cur.body:
            return False
        above = self.units[i - 1]
        closer = above.tail if above.tail is not None else above.lead
        text = unit.tail.rest if unit.tail is not None else unit.text
        if closer is None or closer.printed[:1] not in "（(" or not ends_sentence(text):
            return False
        own_line = credit_line(above)
        if own_line and not any(piece.line != above.line for piece in cur.body):
            return False  # `青河大桥通车` / `（王芳）` / text: the byline under a head opens it
        if own_line or above.tail is None:
            return own_line
        # Closing the line's text: the next brief when the item had no head, or when that
        # prose has a credit line of its own below it.
        return not cur.group.headline or self._credit_line_closes(i)

    def _briefs_under(self, i: int) -> bool:
        """Does a column of briefs start under unit `i`: bulleted ones, or two or more each
        prose closed by a credit line?"""
        if i + 1 >= len(self.units):
            return False
        if self._bullet_brief(i + 1):
            return True
        count, prose = 0, False
        for unit in self.units[i + 1 : i + 1 + _BRIEF_SCAN]:
            if credit_line(unit) and prose:
                count, prose = count + 1, False
            elif unit.candidate or unit.lead is not None or unit.tail is not None:
                break
            else:
                prose = True
        return count >= 2

    def _uncredited_briefs(self, i: int) -> int | None:
        """Where a column of bulleted briefs under its name `i` ends when none credits anyone
        (`要闻简报` / `◆3月1日,…。` / `◆3月2日,…。`, a county paper's round-up): the briefs
        then make one item under that name. None while fewer than two stand, or when a brief
        of the run is credited (`◆…。（记者 X）`): each brief is then an item of its own."""
        units, n = self.units, len(self.units)
        mark, end = units[i + 1].text[:1], i + 1
        while end < n and end not in self.starts and self._bullet_brief(end):
            if units[end].text[:1] != mark or units[end].tail is not None or units[end].sourced:
                return None
            end += 1
        if end - i - 1 < _LEAST_BRIEFS or (end < n and credit_line(units[end])):
            return None  # a credit under the last brief: each may be closed by its own
        return end

    def _inside_story(self, cur: Item | None, end: int) -> bool:
        """Does the story open above (with its dateline or byline) go on under the briefs
        ending at `end`, its text again right below the last one? Then the name over them is
        a subhead of that story (`主要做法` / `◆…。` / `◆…。` / `县林业局表示,…`), the briefs
        its points. The caller checks that no credit closed the story first."""
        if cur is None or not cur.anchored or end >= len(self.units) or end in self.starts:
            return False
        below = self.units[end]
        return below.lead is None and not below.candidate and below.text[:1] not in _BULLETS

    def _credit_line_closes(self, i: int) -> bool:
        """Is unit `i`, with no item open, prose that a credit line below closes (the first of
        a column of headless briefs)?"""
        for unit in self.units[i : i + _BRIEF_SCAN]:
            if credit_line(unit):
                return unit is not self.units[i]
            if unit.candidate or unit.lead is not None or unit.tail is not None:
                return False
        return False
