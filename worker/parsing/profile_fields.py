"""A profile box's field lines in a story's text: a short label, a colon and a person's name
(`市民:柯小禾` over `53岁 司机`), never a line of the head above them."""

from __future__ import annotations

import re

from worker.parsing.byline_text import _NOT_IN_BARE_NAME
from worker.parsing.names import is_personal, looks_like_name

__all__ = ["is_profile_field"]

_FIELD = re.compile(r"([\u4e00-\u9fff]{2,4})\s*[:：]\s*([\u4e00-\u9fff]{2,3})")


def is_profile_field(text: str) -> bool:
    """`市民:柯小禾`, `受访者：闵小禾`: a label and a whole name after its colon. A head's colon
    parts are phrases (`青河日报：乡村教师`), not one person's name.

    >>> is_profile_field("市民:柯小禾"), is_profile_field("青河日报：乡村教师")
    (True, False)
    """
    m = _FIELD.fullmatch(text) if ":" in text or "：" in text else None
    if m is None:
        return False
    name = m.group(2)
    return looks_like_name(name) and is_personal(name) and not _NOT_IN_BARE_NAME.search(name)
