"""What a delivered file's name says about its page: papers that send one file per page name
them `a01.txt`, `hbrb_RB03.txt`, `2025-01-02-p04.txt`, `02版.txt` or `第2版.txt`."""

from __future__ import annotations

import re
from collections.abc import Iterable

# `02版`, `第2版`, `第C07版`, anywhere in the name: e-paper exports use the printed label.
_PRINTED = re.compile(r"第?\s*[A-Za-z]{0,2}0*(\d{1,3})\s*版")
# One token of letters and a number: `a01`, `A05`, `RB03`, `p2`, `C07`, `page02`. One or two
# letters (a section letter, or a paper's two-letter page prefix such as RB), or `page`.
# `v2` is a version, never a page.
_LETTERED = re.compile(r"(?:page|pg|(?![vV])[A-Za-z]{1,2})0*(\d{1,3})", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s_\-.,+()\[\]【】]+")
_WORD_PAGE = {"page", "pg", "p"}


def page_from_filename(filename: str, sections: Iterable[tuple[int, str]] = ()) -> int | None:
    """The page number a file's name gives, or None.

    Only the last path component counts, without its extension; dates (`20200529`,
    `2025-01-02`) are never read as pages. `sections` is a source's page table, `(number,
    section name)`: a name holding one of those section names is that page.

    >>> [page_from_filename(n) for n in ("a01.txt", "20200529/A05.txt", "hbrb_RB03.txt")]
    [1, 5, 3]
    >>> [page_from_filename(n) for n in ("p2.txt", "page-02.txt", "02版.txt", "第2版.txt")]
    [2, 2, 2, 2]
    >>> [page_from_filename(n) for n in ("qjwb_20080219_C07_kaixue.txt", "x_B07.txt")]
    [7, 7]
    >>> [page_from_filename(n) for n in ("weidong-page.txt", "2020-05-29.txt", "photo.txt")]
    [None, None, None]
    >>> page_from_filename("2025-01-02-城市.txt", [(1, "要闻"), (2, "城市")])
    2
    """
    name = re.split(r"[/\\]", filename)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    printed = _PRINTED.search(stem)
    if printed:
        return _page(printed.group(1))
    tokens = [t for t in _SEPARATORS.split(stem) if t]
    for index, token in enumerate(tokens):
        lettered = _LETTERED.fullmatch(token)
        if lettered:
            return _page(lettered.group(1))
        # `page-02`, `p_3`: the word, then the number as its own token.
        if token.lower() in _WORD_PAGE and index + 1 < len(tokens):
            following = tokens[index + 1]
            if following.isdigit() and len(following) <= 3:
                return _page(following)
    for number, section in sections:
        if section and section in stem:
            return number
    return None


def _page(digits: str) -> int | None:
    number = int(digits)
    return number if number >= 1 else None
