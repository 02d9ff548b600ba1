"""A writer's name glued after an item's last sentence behind a dash: `…之上。——木禾`."""

from __future__ import annotations

import re

from worker.parsing.byline_text import _NOT_IN_BARE_NAME, Tail
from worker.parsing.credit_values import Credits
from worker.parsing.names import is_personal

__all__ = ["dashed_name_tail"]

# After a finished sentence, a dash and a short name end the line: a commentary's sign-off.
_DASHED_NAME = re.compile(r"(?<=[。！？!?”」])\s*(?:——|──|－－)\s*([\u4e00-\u9fff]{2,3})$")


def dashed_name_tail(text: str) -> Tail | None:
    """`…包括动物。——木禾`: the writer signs a short commentary on its last line; the dash
    vouches for a pen name with no surname, as it does on a line of its own.

    >>> dashed_name_tail("莫让安全缺席。——子絮").credits.unstated
    ('子絮',)
    """
    m = _DASHED_NAME.search(text)
    if m is None or _NOT_IN_BARE_NAME.search(name := m.group(1)) or not is_personal(name):
        return None
    return Tail(Credits(unstated=(name,)), m.group().strip(), text[: m.start()])
