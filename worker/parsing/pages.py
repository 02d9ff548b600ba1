"""Page header lines (`第05版：卫东新闻`, `A05版 要闻`, `【第2版】`): page number and section."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_MAX_HEADER = 40  # a header is short; longer lines are text that mentions a page
_HEADER = re.compile(
    r"[=＝\-—─【\[]*\s*"
    r"(?:第\s*)?(?P<letter>[A-Za-zＡ-Ｚ]?)\s*(?P<number>[0-9０-９]{1,3}|[〇零一二三四五六七八九十]{1,3})\s*版"
    r"(?P<sep>\s*(?:[:：|｜·•/／\-—】\]]\s*)?)"
    r"(?P<section>[^=＝\]】\s:：。，！？]{0,12}(?:\s[^=＝\]】\s:：。，！？]{1,12})?)"
    r"\s*[=＝\-—─】\]]*"
)


@dataclass(frozen=True, slots=True)
class PageHeader:
    """What a page header line says."""

    number: int
    section: str | None


def parse_page_header(text: str) -> PageHeader | None:
    """Read a whole line as a page header, or return None.

    >>> parse_page_header("第05版：卫东新闻")
    PageHeader(number=5, section='卫东新闻')
    >>> parse_page_header("=== 第2版 社会 ===")
    PageHeader(number=2, section='社会')
    """
    if len(text) > _MAX_HEADER:
        return None
    m = _HEADER.fullmatch(text)
    if m is None:
        return None
    number = _number(m.group("number"))
    if number is None or number < 1:
        return None
    section = m.group("section").strip() or None
    if section and not m.group("sep"):
        return None  # `第5版刊登了…` is a sentence; a header separates its section

    return PageHeader(number, section)


def _number(text: str) -> int | None:
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    # 一 .. 九十九: `十` alone is 10, `十五` 15, `二十` 20, `二十五` 25.
    if "十" in text:
        tens, _, ones = text.partition("十")
        if len(tens) > 1 or len(ones) > 1:
            return None
        return _CN_DIGITS.get(tens, 1 if not tens else -100) * 10 + _CN_DIGITS.get(ones, 0)
    if len(text) == 1:
        return _CN_DIGITS.get(text)
    return None
