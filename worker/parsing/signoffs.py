"""Sign-off lines crediting whoever wrote an item up: `林青 整理` alone under a reader's
letter closes it as a byline printed at the end does."""

from __future__ import annotations

from worker.parsing.byline_text import Lead
from worker.parsing.credits import parse_credits
from worker.parsing.names import is_personal, split_names

_LINE = 16  # characters of a sign-off line: a few names and 整理
_MOST_NAMES = 3
# Words shaped like a name that say what was written up, not who did it (`文字整理`).
_NOT_WRITERS = frozenset(("文字", "文稿", "史料", "全文", "原文"))


def written_up(text: str, *, glued: bool = False) -> Lead | None:
    """`林青 整理`, `林青、陈南 整理` alone on a line: the names wrote the item up (reporters);
    each must look like a person's name. Glued to 整理 (`陈南整理`) a name reads like a word
    (`古籍整理`, `车间整理`), so that form is read only with `glued`, for a line whose place
    says whether it is a byline (`units.promote_name_lines`).

    >>> written_up("林青 整理").credits.reporters, written_up("林青整理")
    (('林青',), None)
    """
    if len(text) > _LINE or not text.endswith("整理") or not (glued or text[-3:-2].isspace()):
        return None
    names = split_names(text[:-2].strip(), strict=True)
    if not names or len(names) > _MOST_NAMES:
        return None
    if not all(is_personal(name) and name not in _NOT_WRITERS for name in names):
        return None  # `王女士 整理` is a reader's, `文字整理` no one's
    credits = parse_credits(f"整理 {' '.join(names)}", need_role=True)
    return Lead(None, credits, text, "") if credits else None
