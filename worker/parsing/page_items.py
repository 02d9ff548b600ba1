"""The items a page's walk builds, and what one page gives back."""

from __future__ import annotations

from dataclasses import dataclass, field

from worker.parsing.byline_text import BYLINE_MARKS
from worker.parsing.bylines import Credits, Lead
from worker.parsing.credit_values import NOBODY
from worker.parsing.headlines import HeadlineGroup
from worker.parsing.model import Fragment, ParsedArticle, ParseWarning
from worker.parsing.paragraphs import Piece


@dataclass(slots=True)
class Item:
    """An article being built: its head, what opened it, its credits and body so far."""

    line: int
    group: HeadlineGroup
    group_lines: tuple[int, ...]
    dateline: str | None = None
    anchored: bool = False
    credits: Credits = NOBODY
    body: list[Piece] = field(default_factory=list)
    subheads: int = 0  # headline-like lines kept in the body so far
    package: Item | None = None  # the package this item is a sub-story of
    runin: bool = False  # opened by a run-in headline
    column: bool = False  # a column's name over briefs that credit no one (`要闻简报`)
    caption: bool = False  # a caption standing alone that a staff byline closes, no 摄

    @property
    def bare_head(self) -> bool:
        """A head just opened with nothing under it yet, no dateline: the next caption is its
        text (`我们的假日` / `图一、…记者X摄` / `图二、…`), not an item of its own."""
        return bool(self.group_lines) and not (self.body or self.dateline or self.anchored)


def dates_another(item: Item, lead: Lead) -> bool:
    """Does a headless dateline `lead` open the next story, not a part of `item`? A paper's
    dateline naming its own writers under an item with a dateline of its own does
    (`本报讯（记者 X）…` then `本报讯（通讯员 Y）…`); `又讯` continues the item."""
    return bool(item.dateline and lead.dateline not in (None, "又讯") and lead.credits.writers)


def signs_again(item: Item, lead: Lead) -> bool:
    """Does a box-marked byline line (`□本刊记者 综合报道`, `□柯岚`) under `item`'s text open
    the next item? A mark sets a byline over the text it signs; an item whose dateline or
    byline has signed it already, with text under that, takes no second one."""
    marked = lead.printed[:1] in BYLINE_MARKS and not lead.rest and lead.dateline is None
    return marked and bool(item.body) and (item.dateline is not None or bool(item.credits))


def is_package(item: Item) -> bool:
    """A package's headline: no dateline, and a subtitle or several reporters credited."""
    return (
        item.dateline is None
        and item.anchored
        and (item.group.subtitle is not None or len(item.credits.reporters) >= 2)
    )


@dataclass(slots=True)
class PageResult:
    """What one page gave: articles, and the text and warnings left over."""

    articles: list[ParsedArticle] = field(default_factory=list)
    markup: list[Fragment] = field(default_factory=list)
    unassigned: list[Fragment] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
