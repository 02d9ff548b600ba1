"""The whole parse: lines, front matter, pages, furniture, then articles page by page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Container
from dataclasses import dataclass, field

from worker.parsing.articles import Layout, Unit, segment_page
from worker.parsing.frontmatter import (
    FrontMatter,
    date_from_filename,
    parse_date,
    read_front_matter,
)
from worker.parsing.furniture import is_furniture
from worker.parsing.lines import Line, split_lines
from worker.parsing.model import Fragment, Page, ParsedArticle, ParsedIssue, ParseWarning
from worker.parsing.pages import parse_page_header

_PAGE_BREAK_BLANKS = 2  # `a run of two or more blank lines between blocks` (spec 2)
_MIN_LAYOUT_UNITS = 4  # fewer lines on a page say too little about its layout


@dataclass
class _Page:
    number: int
    section: str | None
    units: list[Unit] = field(default_factory=list)
    header: bool = False


def parse_issue(
    text: str,
    *,
    filename: str | None = None,
    encoding: str | None = None,
    default_section: str | None = None,
    parser_version: str | None = None,
) -> ParsedIssue:
    """Parse decoded issue text. Never raises: doubtful text lands in `unassigned`/`warnings`."""
    lines = split_lines(text)
    markup: list[Fragment] = []
    unassigned: list[Fragment] = []
    warnings: list[ParseWarning] = []
    front = read_front_matter(lines)
    body_from = 0
    metadata: tuple[tuple[str, str], ...] = ()
    date: dt.date | None = None
    publication = section = None
    first_page = 1
    if front is not None:
        metadata = front.pairs
        markup.extend(
            Fragment(line.number, line.text) for line in front.lines if line not in front.bad
        )
        for line in front.bad:
            unassigned.append(Fragment(line.number, line.text))
            warnings.append(ParseWarning(line.number, "front-matter line is not `key: value`"))
        body_from = front.lines[-1].number
        publication = front.get("publication")
        section = front.get("section")
        date, first_page = _front_values(front.get("date"), front.get("page"), front, warnings)
    if date is None and filename:
        date = date_from_filename(filename)
    section = section or default_section

    furniture: list[Fragment] = []
    pages = _split_pages(lines[body_from:], first_page, section, markup, furniture)
    # Layout is read page by page: a county paper may send page 2 one paragraph per line
    # and page 3 in blocks. A page too short to tell takes the layout of the whole file.
    file_layout = _layout([u for p in pages for u in p.units])
    articles: list[ParsedArticle] = []
    for page in pages:
        layout = _layout(page.units) if len(page.units) >= _MIN_LAYOUT_UNITS else file_layout
        result = segment_page(page.units, page=page.number, section=page.section, layout=layout)
        articles.extend(result.articles)
        markup.extend(result.markup)
        unassigned.extend(result.unassigned)
        warnings.extend(result.warnings)
    return ParsedIssue(
        articles=tuple(articles),
        pages=tuple(Page(p.number, p.section) for p in pages if p.units or p.header),
        publication=publication,
        date=date,
        encoding=encoding,
        furniture=tuple(furniture),
        unassigned=tuple(sorted(unassigned, key=lambda f: f.line)),
        warnings=tuple(sorted(warnings, key=lambda w: w.line)),
        metadata=metadata,
        markup=tuple(sorted(markup, key=lambda f: f.line)),
        parser_version=parser_version,
    )


def _front_values(
    date_text: str | None, page_text: str | None, front: FrontMatter, warnings: list[ParseWarning]
) -> tuple[dt.date | None, int]:
    line = front.lines[0].number
    date = parse_date(date_text) if date_text else None
    if date_text and date is None:
        warnings.append(ParseWarning(line, f"front-matter date {date_text!r} is not a date"))
    first_page = 1
    if page_text:
        digits = page_text.strip().lstrip("Aa第").rstrip("版")
        if digits.isdigit() and int(digits) > 0:
            first_page = int(digits)
        else:
            warnings.append(ParseWarning(line, f"front-matter page {page_text!r} is not a number"))
    return date, first_page


def _split_pages(
    lines: list[Line],
    first_page: int,
    section: str | None,
    markup: list[Fragment],
    furniture: list[Fragment],
) -> list[_Page]:
    """Pages from header lines and, where the file uses them as page breaks, blank-line runs."""
    headers = {line.number: h for line in lines if (h := parse_page_header(line.text))}
    page_gap = _page_gap(lines, headers)
    pages = [_Page(first_page, section)]
    gap = 0
    after_header = False
    for line in lines:
        if not line.text:
            gap += 1
            continue
        header = headers.get(line.number)
        if header is not None:
            markup.append(Fragment(line.number, line.text))
            new = _Page(header.number, header.section or section, header=True)
            if pages[-1].units or pages[-1].header:
                pages.append(new)
            else:
                pages[-1] = new
            gap = 0
            after_header = True
            continue
        if is_furniture(line.text):
            # Blank lines around `责任编辑：张三` are its own spacing, not a page break.
            furniture.append(Fragment(line.number, line.text))
            gap = 0
            continue
        # `第A07版：城事` + two blank lines + the first headline: spacing under a header, not
        # a page of its own.
        if page_gap is not None and gap >= page_gap and pages[-1].units and not after_header:
            pages.append(_Page(pages[-1].number + 1, section))
        pages[-1].units.append(Unit.read(line.number, line.text, line.indented, gap))
        gap = 0
        after_header = False
    return pages


def _page_gap(lines: list[Line], headers: Container[int]) -> int | None:
    """How many blank lines break a page, or None when blank runs never do.

    Without headers, a run of two or more does (the sample has three). With headers, the
    file shows its own habit: an export that joins pages with `\n\n\n第A09版：文体` but lost
    the header of one page (an ad page, a page without a name) still joins that page with
    the same run, so a run as long as the shortest one before a header breaks the page. A
    file whose headers are not set off by such runs (`第05版：要闻` at the top, articles
    spaced by whatever blank lines) keeps blank runs inside the page. So that in-page
    spacing of the same length is not misread, header-less runs that long must be no more
    common than the header runs.
    """
    if not headers:
        return _PAGE_BREAK_BLANKS
    runs: list[tuple[int, bool]] = []  # (blank lines before a line, line is a header)
    gap = 0
    seen = False
    for line in lines:
        if not line.text:
            gap += 1
            continue
        if seen:
            runs.append((gap, line.number in headers))
        seen, gap = True, 0
    before_headers = [g for g, is_header in runs if is_header]
    if not before_headers or min(before_headers) < _PAGE_BREAK_BLANKS:
        return None
    need = min(before_headers)
    bare = sum(1 for g, is_header in runs if not is_header and g >= need)
    return need if bare <= len(before_headers) else None


def _layout(units: list[Unit]) -> Layout:
    """Paragraph-per-line when most lines follow another line directly (no blank between)."""
    if len(units) < 2:
        return Layout()
    adjacent = sum(1 for u in units[1:] if u.gap == 0)
    indented = sum(1 for u in units if u.indented)
    return Layout(per_line=adjacent > (len(units) - 1) / 2, indents=indented >= len(units) / 3)
