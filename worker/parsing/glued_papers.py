"""A paper's short name glued between a name and the next role word in a byline with no
spaces (`晨报记者X晨报实习生Y`): the name without it."""

from __future__ import annotations

import re

from worker.parsing.names import looks_like_name

__all__ = ["before_own_paper"]

_OWN_PAPER = re.compile(r"[\u4e00-\u9fff]{1,4}(?:报|社|网|台)")
# The role words a name in a byline stops before (as `credits._NAME_STOP`).
_ROLE_AT = re.compile(
    r"(?:本报|本刊|新华社|首席|全媒体|融媒体|全媒|特约|特派|见习|实习|摄影)*(?:记者|通讯员)"
    r"|(?:本报)?实习生"
)
_NAME_SIZES = (2, 3)


def before_own_paper(word: str, text: str, end: int) -> str:
    """`word` without the paper's name glued after the name it holds, where a role word
    follows at `end`; `word` itself otherwise.

    >>> before_own_paper("袁小溪晨报", "袁小溪晨报实习生柯文", 5)
    '袁小溪'
    >>> before_own_paper("袁溪晨报", "袁溪晨报实习生柯文", 4)
    '袁溪'
    """
    if word[-1:] not in "报社网台" or _ROLE_AT.match(text, end) is None:
        return word  # most names
    # The paper's short name (`晨报`, `晚报`) first: `袁小溪晚报` is 袁小溪, `柯文青河日报` 柯文.
    for size in sorted(_NAME_SIZES, key=lambda size: len(word) - size != 2):
        if looks_like_name(word[:size]) and _OWN_PAPER.fullmatch(word[size:]):
            return word[:size]
    return word
