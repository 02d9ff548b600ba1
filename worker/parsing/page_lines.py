"""A page's lines made ready for the walk: each reading that joins, splits or marks lines
before the articles are found, in the order each needs the last."""

from __future__ import annotations

from worker.parsing.item_marks import unmark_item_heads
from worker.parsing.long_subtitles import mark_long_subtitles
from worker.parsing.pen_names import sign_pen_names
from worker.parsing.photo_heads import split_run_on_heads
from worker.parsing.placed_names import promote_name_lines
from worker.parsing.portal import mark_portal_title, mark_web_title
from worker.parsing.runin_bullets import split_bulleted_runin
from worker.parsing.sibling_names import sign_like_siblings
from worker.parsing.spaced_names import sign_spaced_names
from worker.parsing.units import Unit, split_top_label
from worker.parsing.verse import mark_verse
from worker.parsing.vertical_heads import join_vertical_heads
from worker.parsing.wrapped_bylines import join_wrapped_bylines

__all__ = ["ready_lines"]


def ready_lines(units: list[Unit], section: str | None) -> tuple[list[Unit], list[Unit]]:
    """The page's units as the walk reads them, and the lines of a label over its top."""
    units = mark_long_subtitles(join_wrapped_bylines(join_vertical_heads(units)))
    units = split_bulleted_runin(split_run_on_heads(mark_web_title(mark_portal_title(units))))
    units = promote_name_lines(unmark_item_heads(mark_verse(units)))
    units = sign_spaced_names(sign_like_siblings(units))
    return split_top_label(sign_pen_names(units), section)
