"""Lines of bare names read as bylines where one stands: under a headline over the text, or
closing an item's text (`盛亭 明红`, `常征`, `□东港茶座 柯望川`); elsewhere they stay what
they look like, often a headline (`高考`)."""

from __future__ import annotations

from dataclasses import replace

from worker.parsing.bylines import Lead
from worker.parsing.feature_credits import column_writer
from worker.parsing.headlines import ends_sentence
from worker.parsing.name_lines import is_writer_mark, marked_writer
from worker.parsing.units import Unit

__all__ = ["promote_name_lines"]


def promote_name_lines(units: list[Unit]) -> list[Unit]:
    """Read a line of bare names (`盛亭 明红`, `常征`, `本报评论员`) as a byline where one stands.

    Under a headline line and over the text (`——南粤沿海农村…扫瞄` / `常征` / text) it is the
    article's byline; after a finished sentence and before the next headline, byline or the
    end of the page it closes the item. Anywhere else it stays what it looks like: a short
    line, often a headline (`高考`, `黄金 白银`).
    """
    out = list(units)
    for i, unit in enumerate(units):
        if unit.named is None:
            # `□东港茶座 柯望川`: short, two words, under a line that may be a headline; or
            # a marked name whose surname the table lacks (`□ 郇小雨`).
            short = (
                i and len(unit.text) <= 20 and (" " in unit.text or is_writer_mark(unit.text[0]))
            )
            column = _column_writer(units, i) if short else None
            if column is not None:
                out[i] = replace(unit, lead=column, candidate=False, weak=False)
            continue
        above = units[i - 1] if i else None
        below = units[i + 1] if i + 1 < len(units) else None
        # A box mark vouches for the byline (`□柯岚`) over a head as well as over text: the
        # line under it is the next item's head, or the first subhead of this one.
        boxed = marked_writer(unit.text) is not None
        under_head = (
            above is not None
            and _head_like(above)
            and below is not None
            and (boxed or not (below.candidate or below.named))
        )
        # `乡村振兴看青河` / `白沙村` / `白沙村地处…`: the text below names it, so it is the
        # head's subject (its second line), not the writer, whom the text does not name.
        under_head = under_head and not _named_below(units, i, unit.named.credits.unstated)
        # `陈南整理` (its reporter named) signs off only closing text: under a head it reads as
        # the head's second line (`青河图书馆新事` / `古籍整理`).
        under_head = under_head and not unit.named.credits.reporters
        closing = (
            above is not None
            and not above.candidate
            and (above.tail is not None or ends_sentence(above.text))
            # Over a byline line it is the next item's headline (`阿拉腾·其其格` / `本报记者 段然`).
            and (below is None or below.candidate)
            and not _over_next_picture(units, i)
        )
        if under_head or closing or (i == 0 and _signs_page_top(unit, below)):
            out[i] = replace(unit, lead=unit.named, candidate=False, weak=False)
    return out


_COLUMN_REACH = 4  # paragraphs under a column's writer line searched for the writer's name


def _column_writer(units: list[Unit], i: int) -> Lead | None:
    """`□东港茶座 柯望川` or `□ 郇小雨` under a headline line and over the text (not over a
    dateline, which brings its own byline): a column's name, then its writer, or the writer
    alone behind a byline's mark. A headline that names a person
    (`缅怀 李大钊`) has that person in the text below it; a writer is not named in their own
    text."""
    unit = units[i]
    if i + 1 >= len(units) or unit.lead or unit.tail:
        return None
    below = units[i + 1]
    if not _head_like(units[i - 1]) or below.lead or below.candidate or below.named:
        return None
    lead = column_writer(unit.text) or marked_writer(unit.text)
    if lead is None:
        return None
    return None if _named_below(units, i, lead.credits.unstated) else lead


def _named_below(units: list[Unit], i: int, names: tuple[str, ...]) -> bool:
    """Do the paragraphs under unit `i` name one of `names`? A writer is not named in their
    own text (a byline line repeating the name is no text); a person or place a headline is
    about is."""
    text = [u.text for u in units[i + 1 : i + 1 + _COLUMN_REACH] if u.lead is None]
    return any(name in line for name in names for line in text)


_FULL_NAME = 3  # characters of a name that is no headline word (`柯晓岚`, not `高考`)
_ELLIPSIS_HEAD = 12  # characters of a headline that trails off (`感谢……`)


def _head_like(unit: Unit) -> bool:
    """A headline line, or a short line that trails off in an ellipsis (`感谢……`, which no
    headline test takes alone: a long line ending so is a sentence cut short)."""
    if unit.candidate:
        return True
    return unit.weak and len(unit.text) <= _ELLIPSIS_HEAD and unit.text.endswith("…")


def _signs_page_top(unit: Unit, below: Unit | None) -> bool:
    """`柯晓岚` opening a page over finished prose: the writer of a piece whose head the page
    does not show. Only whole names of three characters or more: a page opens with `高考`
    as a headline; a byline's box mark before the name (`□柯岚`) vouches for a shorter one.
    """
    if below is None or below.candidate or below.lead is not None or not ends_sentence(below.text):
        return False
    names = unit.named.credits.unstated if unit.named is not None else ()
    if names and marked_writer(unit.text) is not None:
        return True
    return bool(names) and all(len(name) >= _FULL_NAME for name in names)


def _over_next_picture(units: list[Unit], i: int) -> bool:
    """`…起舞。 柯小舟 摄` / `临溪` / `书香满城` / `…阅读。 钟大年 摄`: a name-shaped line
    between one credited caption and a title over the next is that picture's kicker (a place
    name over each picture), not a byline closing the caption above; the credit closes it."""
    credit = units[i - 1].tail
    if i + 2 >= len(units) or credit is None or not credit.photo:
        return False
    title, caption = units[i + 1], units[i + 2]
    return title.candidate and caption.tail is not None and caption.tail.photo
