"""Lines that look like a page's label and may not be one: a bare `5版` that sends the
reader on to another page, and a label printed on two lines, or on one with no 版, at the top
of a file."""

from __future__ import annotations

import re

from worker.parsing.headlines import is_headline_line
from worker.parsing.leads import parse_lead
from worker.parsing.name_lines import parse_name_line
from worker.parsing.pages import PageHeader

PAGE_BREAK_BLANKS = 2  # `a run of two or more blank lines between blocks` (spec 2)


_BARE_PAGE = re.compile(r"[0-9０-９]{1,3}\s*版")


def points_to_page(text: str, above: str | None, label: str | None, gap: int) -> bool:
    """`5版` alone is a jump line, not the next page's label, where the page goes on above
    it: under a head (a headline line, no byline or name), or in a file whose pages are
    labelled in another form (`第01版：要闻`). A label opens the file or follows its kind."""
    if above is None or gap >= PAGE_BREAK_BLANKS or not _BARE_PAGE.fullmatch(text):
        return False
    if label is not None and not _BARE_PAGE.fullmatch(label):
        return True
    # A head: no byline or name closing the page above (`记者 柯望川`, `柯望川`), which a
    # label would follow.
    return is_headline_line(above) and parse_lead(above) is None and parse_name_line(above) is None


_SECTION_NAME = re.compile(r"[\u4e00-\u9fff·]{2,8}")
_PAGE_NUMBER = re.compile(r"[0-9]{1,3}")


def split_label(first: tuple[int, str] | None, text: str, gap: int) -> PageHeader | None:
    """`综合新闻` / `02` opening a file: an e-paper's page label printed on two lines, the
    section's name over the page's number, or the number over the name (`3` / `要闻`), the
    two lines together or set apart by one blank line as a block export spaces every line."""
    if first is None or gap > 1:
        return None
    number, section = (text, first[1]) if text[:1].isdigit() else (first[1], text)
    if not _PAGE_NUMBER.fullmatch(number) or int(number) == 0:
        return None
    if not _SECTION_NAME.fullmatch(section):
        return None
    return PageHeader(int(number), section)


# `07 临溪` opening a file: a reader's page field, the page's number padded with a zero and its
# section on one line with no 版. Only as the file's first line (under a head, `01 坚持…` is a
# numbered crosshead), and only padded (`20 年坚守` is a head set with a space). The padded
# number alone (`02`) is the same field with no section.
_OPENING = re.compile(r"0(?P<number>[1-9])(?:\s+(?P<section>[\u4e00-\u9fff·]{2,8}))?")


def opening_label(text: str) -> PageHeader | None:
    """The page label of a file's first line printed as a number and a section, no 版.

    >>> opening_label("07 临溪")
    PageHeader(number=7, section='临溪')
    >>> opening_label("02"), opening_label("7 临溪"), opening_label("20 年坚守")
    (PageHeader(number=2, section=None), None, None)
    """
    m = _OPENING.fullmatch(text)
    return PageHeader(int(m.group("number")), m.group("section")) if m is not None else None
