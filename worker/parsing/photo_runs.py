"""Runs of captions with no head: one photo item for the pictures, whoever shot each."""

from __future__ import annotations

from worker.parsing.page_items import Item
from worker.parsing.units import Unit

__all__ = ["run_goes_on"]


def run_goes_on(cur: Item, caption: list[Unit]) -> bool:
    """Does `caption` (its lines, the credit closing the last) go on with a run of headless
    captions in `cur`, each closed by its own photo credit?

    A picture page stored without its head prints caption after caption with nothing
    between them (`…奔赴工作岗位。晚报记者 X 摄` / `…相拥前行。晚报记者 X 摄` /
    `…在雨中赏花。晚报通讯员 Y 摄`): one photo item crediting every photographer, not one
    item per credit. An item with a head, a dateline or a writer is a story or a headed
    picture, and a caption after it stands as it did (`captions._gallery` reads a run under
    a head).
    """
    if cur.anchored or cur.group_lines or cur.dateline or cur.credits or cur.caption:
        return False
    tails = [piece.tail for piece in cur.body if piece.tail is not None]
    if not cur.body or cur.body[-1].tail is None:
        return False  # the item's text goes on past its last credit: not captions alone
    if not all(t.photo and not t.credits.writers for t in tails):
        return False
    tail = caption[-1].tail if caption else None
    return tail is not None and tail.photo and bool(tail.credits.photographers)
