"""A paper's short name run into its reporter's role on a credit line: `青河记者 柯望川 报道`."""

from __future__ import annotations

import re

from worker.parsing.byline_text import _unbracketed
from worker.parsing.credit_values import Credits
from worker.parsing.names import is_personal, looks_like_name

# A paper shortens its own name to two characters before 记者 (`青河记者 柯望川 报道` for
# 青河都市报). The role stack reads a paper's full name (it ends in 报, 社 or 网); a short one
# has no such ending, so it is told apart by where it stands: first in the credit, straight
# before 记者, with no name-shaped word there (`柯望记者 X` would be a person and a role).
_SHORT_PAPER = re.compile(r"[\u4e00-\u9fff]{2}(?=记者)")


def short_paper_byline(text: str) -> Credits | None:
    """The credits of a whole credit opened by a paper's short name, or None.

    >>> short_paper_byline("青河记者 柯望川 报道").reporters
    ('柯望川',)
    >>> short_paper_byline("柯望记者 韦方舟"), short_paper_byline("青河记者来到现场")
    (None, None)
    """
    m = _SHORT_PAPER.match(text)
    if m is None or looks_like_name(m.group()):
        return None
    credits, end = _unbracketed(text, m.end())
    if credits is None or text[end:].strip() or not credits.reporters:
        return None  # the credit must fill what it was given: a tail or a whole line
    return credits if all(map(is_personal, credits.reporters)) else None
