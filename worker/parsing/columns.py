"""Columns on a page: briefs under a column's standing name, each bulleted or closed by its
credit, and items each one paragraph with its headline run in (`好心人帮我找回钱包 市民…`).
The walk's steps for them; the look-ahead tests are `briefs`'s."""

from __future__ import annotations

from worker.parsing.boundaries import BoundaryReader
from worker.parsing.headlines import build_group
from worker.parsing.page_items import Item
from worker.parsing.paragraphs import Piece
from worker.parsing.units import Unit

__all__ = ["ColumnReader", "repeats_opening"]

_TAG_MAX = 6  # characters of a column's tag between a title and its briefs
_LEAST_TITLE = 8  # characters of a title that must repeat a brief's opening


def repeats_opening(title: str, text: str) -> bool:
    """Is `title` the opening of `text` with figures, marks and spaces dropped from both
    (`月日下午县里召开…` over `●7月2日下午,县里召开…`)?"""
    head, body = _letters(title), _letters(text)
    return len(head) >= _LEAST_TITLE and len(head) < len(body) and body.startswith(head)


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalpha() and not ch.isascii())


class ColumnReader(BoundaryReader):
    """The walk's steps for columns of briefs and of run-in items."""

    def _open(self, first: int, group: tuple[int, ...]) -> Item:
        """Open an item at unit `first` under the head lines `group`."""
        raise NotImplementedError  # the segmenter's building

    def _column_step(self, i: int) -> int | None:
        """Briefs in a column: bulleted, or each with its headline run in."""
        unit, cur = self.units[i], self.cur
        if self._bullet_brief(i):
            # `◆…（记者 X）` / `△…。 (吕劲)`: a column of briefs, one paragraph each.
            self.cur = self._open(i, ())
            self.cur.body.append(Piece.of(unit, fresh=True))
            self.ended = unit.tail is not None
            return i + 1
        title = self._title_over_briefs(i)
        if title is not None:
            # A web copy's title made from the first brief's opening, the column's tag maybe
            # between them: that brief's headline, the tag markup.
            for tag in self.units[i + 1 : title]:
                self._markup(tag.line, tag.text)
            self.cur = self._open(i, (i,))
            self.cur.body.append(Piece.of(self.units[title], fresh=True))
            self.ended = self.units[title].tail is not None
            return title + 1
        if unit.candidate and self._briefs_under(i):
            end = self._uncredited_briefs(i)
            if end is not None and not self.ended and self._inside_story(cur, end):
                # A subhead and its points inside a story no credit closed yet: its text.
                assert cur is not None
                cur.body.append(Piece.of(unit, fresh=True, alone=True))
                cur.body.extend(Piece.of(brief, fresh=True) for brief in self.units[i + 1 : end])
                return end
            if end is not None:
                self.cur, self.ended = self._open_column(i, end), False
                return end
            # The column's standing name over its briefs (`三秦短波`): no headline of theirs.
            self._markup(unit.line, unit.text)
            return i + 1
        if unit.runin and (
            cur is None
            or self.ended  # the item above was closed by its credit or end byline
            or (cur.runin and self._last_ends_sentence(cur))
            or self._column_label(cur, i)
        ):
            # A column of items each one paragraph with its headline run in.
            self.cur, self.ended = self._open_runin(unit), False
            return i + 1
        return None

    def _title_over_briefs(self, i: int) -> int | None:
        """`月日…召开…会` / `县里快讯` / `●3月6日…召开…会,…。（记者 X）`: the page's first line,
        maybe a column's short tag under it, over bulleted briefs, the line the first brief's
        opening with its figures and marks dropped. Returns that brief's unit."""
        units = self.units
        if not units[i].candidate or i != 0:
            return None
        for k in (i + 1, i + 2):
            if k < len(units) and self._bullet_brief(k):
                between = units[i + 1 : k]
                if all(u.candidate and len(u.text) <= _TAG_MAX for u in between):
                    return k if repeats_opening(units[i].text, units[k].text) else None
                return None
        return None

    def _column_label(self, cur: Item, i: int) -> bool:
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

    def _open_runin(self, unit: Unit) -> Item:
        head, rest = unit.text[: unit.runin], unit.text[unit.runin + 1 :]
        item = Item(unit.line, build_group([head]), (unit.line,), runin=True)
        item.body.append(Piece(unit.line, rest, unit.indented, fresh=True))
        self.items.append(item)
        return item

    def _open_column(self, name: int, end: int) -> Item:
        """`要闻简报` over `◆3月1日,…。` / `◆3月2日,…。`, no brief crediting anyone: one
        item, the column's name its headline and each brief a paragraph, bullet and all."""
        item = self._open(name, (name,))
        item.column = True
        item.body.extend(Piece.of(unit, fresh=True) for unit in self.units[name + 1 : end])
        return item
