"""Matching a new parse of an issue to the articles stored from an earlier one.

A corrected issue, or a re-parse with a better parser, must keep each article's key (and so
its feed entry id): readers would otherwise see the same story twice.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Protocol, TypeVar

from worker.parsing.model import ParsedArticle

_SPACE = re.compile(r"\s+")
# Below this body similarity two articles on one page are different stories.
SIMILAR = 0.6


class StoredArticle(Protocol):
    page: int
    headline: str
    paragraphs: list[str]


T = TypeVar("T", bound=StoredArticle)


def squash(text: str | None) -> str:
    return _SPACE.sub("", text or "")


def match_articles(
    parsed: Sequence[ParsedArticle], stored: Sequence[T]
) -> list[tuple[ParsedArticle, T | None]]:
    """Pair each parsed article with the stored article it is a version of, or None.

    In order: same page and headline; same headline on another page (the story moved);
    then, on the same page, the most similar body (the headline was corrected).

    >>> from types import SimpleNamespace as S
    >>> old = [S(page=1, headline="甲", paragraphs=["一二三四五六七八九十"])]
    >>> new = [ParsedArticle(page=1, headline="乙", paragraphs=("一二三四五六七八九十！",))]
    >>> match_articles(new, old)[0][1] is old[0]
    True
    """
    result: list[T | None] = [None] * len(parsed)
    free = list(range(len(stored)))
    # Each text squashed once: a page corrected many times keeps every withdrawn version,
    # and each is compared with every new article.
    old_heads = [squash(old.headline) for old in stored]

    def take(i: int, j: int) -> None:
        result[i] = stored[j]
        free.remove(j)

    for same_page in (True, False):
        for i, article in enumerate(parsed):
            if result[i] is not None:
                continue
            headline = squash(article.headline)
            for j in free:
                old = stored[j]
                if old_heads[j] == headline and (old.page == article.page or not same_page):
                    take(i, j)
                    break
    left = [i for i in range(len(parsed)) if result[i] is None]
    bodies = {i: squash("".join(parsed[i].paragraphs))[:600] for i in left}
    candidates = []
    matcher = difflib.SequenceMatcher(None)
    for j in free:
        old = stored[j]
        pages = [i for i in left if parsed[i].page == old.page]
        if not pages:
            continue
        # The stored text as the matcher's second sequence, indexed once for every
        # article compared with it.
        matcher.set_seq2(squash("".join(old.paragraphs))[:600])
        for i in pages:
            matcher.set_seq1(bodies[i])
            if (
                matcher.real_quick_ratio() >= SIMILAR
                and matcher.quick_ratio() >= SIMILAR
                and (ratio := matcher.ratio()) >= SIMILAR
            ):
                candidates.append((ratio, i, j))
    for _ratio, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if result[i] is None and j in free:
            take(i, j)
    return list(zip(parsed, result, strict=True))
