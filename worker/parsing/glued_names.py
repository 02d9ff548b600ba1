"""A name run on after an item's last sentence with no space: `…浓厚舆论氛围。李蕾`, or a
desk's short pen name, `…至今还没有定下来。小禾`."""

from __future__ import annotations

import re

from worker.parsing.byline_text import _NOT_IN_BARE_NAME, Tail
from worker.parsing.credit_values import Credits
from worker.parsing.names import is_personal, looks_like_name

__all__ = ["parse_glued_name"]

# After the sentence's end, or the quote or bracket closing it: `…好日子！”李蕾`.
_GLUED_NAME = re.compile(r"(?:(?<=[。！？!?])|(?<=[。！？!?][”」）)]))([\u4e00-\u9fff]{2,3})$")
# A pen name of 小 and one character (`小禾`, `小舟`): a desk signs its briefs so, with no
# surname. A word of the text (`小区`) shows itself earlier in the paragraph; a pen name not.
_PEN_NAME = re.compile(r"小[\u4e00-\u9fff]")


def parse_glued_name(text: str) -> Tail | None:
    """`…浓厚舆论氛围。李蕾`, `…真好啊！”李蕾`: one name run on after the last sentence of an
    item (or the quote or bracket closing it), no space.

    Only the caller knows the line closes the item; anywhere else a column break can leave a
    name-like start of the next sentence there (`…开幕。李明` + `说：…`).

    >>> parse_glued_name("…营造浓厚舆论氛围。李蕾").credits.unstated
    ('李蕾',)
    >>> parse_glued_name("…还没有定下来。小禾").credits.unstated
    ('小禾',)
    >>> parse_glued_name("…走进小区。小区")
    """
    # A match ends at the end (or before a final newline) and holds at most three
    # characters: the search starts there, its lookbehind still sees the marks before it.
    m = _GLUED_NAME.search(text, max(0, len(text) - 4))
    if m is None:
        return None
    name = m.group(1)
    pen = _PEN_NAME.fullmatch(name) is not None and name not in text[: m.start()]
    named = pen or looks_like_name(name)
    if not named or not is_personal(name) or _NOT_IN_BARE_NAME.search(name):
        return None
    return Tail(Credits(unstated=(name,)), name, text[: m.start()])
