"""The whole parse: lines, front matter, pages, furniture, then articles page by page."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from worker.parsing import flattened
from worker.parsing.archive_fields import FieldBlocks
from worker.parsing.articles import Interner, Layout, Unit, segment_page
from worker.parsing.flattened import line_parts, record_split, split_title_stamp, unflattened
from worker.parsing.frontmatter import (
    FrontMatter,
    date_from_filename,
    parse_date,
    read_front_matter,
)
from worker.parsing.furniture import RECORD_LABEL_STARTS, is_furniture, is_stamped_source
from worker.parsing.lines import Line, has_not_text, is_ignorable, iter_lines
from worker.parsing.model import Fragment, Page, ParsedArticle, ParsedIssue, ParseWarning
from worker.parsing.page_labels import (
    PAGE_BREAK_BLANKS,
    opening_label,
    points_to_page,
    split_label,
)
from worker.parsing.pages import PageHeader, parse_page_header, titles_citation
from worker.parsing.staff_lines import split_staff

_T = TypeVar("_T", Fragment, ParseWarning)
_MIN_LAYOUT_UNITS = 4  # fewer lines on a page say too little about its layout
_MAX_FRONT_MATTER_SPAN = 32  # lines a front-matter block may span (see frontmatter.py)
# How a web record's field line starts: its time stamp, or its first field (`来源：…`).
_RECORD_STARTS = RECORD_LABEL_STARTS | {"19", "20"}


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
    """Parse decoded issue text. Never raises: doubtful text lands in `unassigned`/`warnings`.

    Two passes over the lines, neither holding them all: the first finds page headers,
    furniture and the blank-line habits of the file; the second builds one page at a time
    and segments it as soon as it ends, so memory follows the largest page, not the file.
    """
    markup: list[Fragment] = []
    unassigned: list[Fragment] = []
    warnings: list[ParseWarning] = []
    head = _read_head(text, filename, default_section, markup, unassigned, warnings)
    # Only a file with a `专栏` field can hold a flattened archive record: others skip the look.
    flat = "专栏" in text
    # Both passes clean the same lines: one look for control characters serves them both.
    dirty = has_not_text(text)
    scan = _scan(unflattened(text, head.body_from, flat, dirty=dirty), head.body_from)
    furniture: list[Fragment] = []
    articles: list[ParsedArticle] = []
    pages: list[Page] = []
    lines = unflattened(text, head.body_from, flat, dirty=dirty)
    body = itertools.islice(lines, head.body_from, None)
    interner = Interner()
    pages_read = _split_pages(
        body, scan, head.first_page, head.section, markup, furniture, head.first_labelled
    )
    for page in pages_read:
        if page.units or page.header:
            pages.append(Page(page.number, interner.maybe(page.section), page.header))
        # Layout is read page by page: a county paper may send page 2 one paragraph per
        # line and page 3 in blocks. A page too short to tell takes the file's layout.
        layout = _layout(page.units) if len(page.units) >= _MIN_LAYOUT_UNITS else scan.layout
        result = segment_page(
            page.units, page=page.number, section=page.section, layout=layout, interner=interner
        )
        articles.extend(result.articles)
        markup.extend(result.markup)
        unassigned.extend(result.unassigned)
        warnings.extend(result.warnings)
    return ParsedIssue(
        articles=tuple(articles),
        pages=tuple(pages),
        publication=head.publication,
        date=head.date,
        encoding=encoding,
        furniture=tuple(furniture),
        unassigned=_sorted(unassigned),
        warnings=_sorted(warnings),
        metadata=head.metadata,
        markup=_sorted(markup),
        parser_version=parser_version,
    )


@dataclass
class _Head:
    """What the front matter, the file name and the source say before the first page."""

    body_from: int = 0  # the line the body starts after (the front matter's last)
    metadata: tuple[tuple[str, str], ...] = ()
    date: dt.date | None = None
    publication: str | None = None
    section: str | None = None
    first_page: int = 1
    first_labelled: bool = False  # the front matter gave the first page's number


def _read_head(
    text: str,
    filename: str | None,
    default_section: str | None,
    markup: list[Fragment],
    unassigned: list[Fragment],
    warnings: list[ParseWarning],
) -> _Head:
    """The front matter's values (its lines go to `markup`, bad ones to `unassigned`), then
    the date from the file name and the source's section where the front matter is silent."""
    head = _Head()
    front = read_front_matter(_head_lines(text)) if _fence_first(text) else None
    if front is not None:
        head.metadata = front.pairs
        markup.extend(
            Fragment(line.number, line.text) for line in front.lines if line not in front.bad
        )
        for line in front.bad:
            unassigned.append(Fragment(line.number, line.text))
            warnings.append(ParseWarning(line.number, "front-matter line is not `key: value`"))
        head.body_from = front.lines[-1].number
        head.publication = front.get("publication")
        head.section = front.get("section")
        head.date, head.first_page, head.first_labelled = _front_values(
            front.get("date"), front.get("page"), front, warnings
        )
    if head.date is None and filename:
        head.date = date_from_filename(filename)
    head.section = head.section or default_section
    return head


def _sorted(values: list[_T]) -> tuple[_T, ...]:
    """`values` in line order, sorted in place: no second list of a big issue's markup."""
    values.sort(key=_line_of)
    return tuple(values)


def _line_of(value: Fragment | ParseWarning) -> int:
    return value.line


def _fence_first(text: str) -> bool:
    """Could the first line with text be a front matter's `---`? Most files open with their
    first page: one look at the first character that is no padding spares reading lines."""
    for ch in text:
        if not is_ignorable(ch):
            return ch == "-"
    return False


def _head_lines(text: str) -> list[Line]:
    """The lines a front-matter block can occupy: up to 32 past the first non-blank one."""
    head: list[Line] = []
    seen = None
    for line in iter_lines(text):
        head.append(line)
        if seen is None and line.text:
            seen = len(head)
        if seen is not None and len(head) - seen > _MAX_FRONT_MATTER_SPAN:
            break
    return head


def _front_values(
    date_text: str | None, page_text: str | None, front: FrontMatter, warnings: list[ParseWarning]
) -> tuple[dt.date | None, int, bool]:
    """The front matter's date and page number, and whether it gave a page number."""
    line = front.lines[0].number
    date = parse_date(date_text) if date_text else None
    if date_text and date is None:
        warnings.append(ParseWarning(line, f"front-matter date {date_text!r} is not a date"))
    first_page = 1
    labelled = False
    if page_text:
        digits = page_text.strip().lstrip("Aa第").rstrip("版")
        if digits.isdigit() and int(digits) > 0:
            first_page, labelled = int(digits), True
        else:
            warnings.append(ParseWarning(line, f"front-matter page {page_text!r} is not a number"))
    return date, first_page, labelled


@dataclass
class _Scan:
    """What the first pass learns about the whole file."""

    headers: dict[int, PageHeader]
    furniture: set[int]
    page_gap: int | None  # blank lines that break a page, None when blank runs never do
    layout: Layout  # of the whole file, for pages too short to tell
    fields: FieldBlocks  # an archive record's field lines, read as its head and byline


def _scan(lines: Iterable[tuple[int, str, bool]], body_from: int) -> _Scan:
    headers: dict[int, PageHeader] = {}
    furniture: set[int] = set()
    before_headers: list[int] = []  # blank lines before each header but a leading one
    bare_runs: Counter[int] = Counter()  # runs of 2+ blank lines before other lines
    gap = unit_gap = units = adjacent = indented = 0
    seen = False
    first: tuple[int, str] | None = None  # the file's first line, while it is the only one
    fields = FieldBlocks()
    above: str | None = None  # the line above when it is not a page's label
    label: str | None = None  # the last page label, as printed
    for number, text, line_indented in itertools.islice(lines, body_from, None):
        if not text:
            gap += 1
            unit_gap += 1
            continue
        header = parse_page_header(text)
        jump = header is not None and points_to_page(text, above, label, gap)
        header = None if jump else header  # `5版` under a teaser's head, as `（详见第5版）`
        split = split_label(first, text, gap) if header is None and first is not None else None
        header = header or split or (opening_label(text) if not seen else None)
        if header is not None and first is not None and (split or header.section == first[1]):
            furniture.add(first[0])  # `综合新闻` over `02`: the label's first half
            units -= 1
        first = (number, text) if not seen else None
        above = None if header is not None else text
        if header is not None:
            label = text
            headers[number] = header
            if seen:
                before_headers.append(gap)
            unit_gap = 0
        elif (
            fields.read(number, text)
            or jump
            or is_furniture(text)
            or is_stamped_source(text, units == 0 and number - 1 in furniture)
            or (text[:2] in _RECORD_STARTS and record_split(text) == (text, ""))
        ):
            furniture.add(number)
            above = None
            unit_gap = 0
            if seen and gap >= PAGE_BREAK_BLANKS:
                bare_runs[gap] += 1
        else:
            if seen and gap >= PAGE_BREAK_BLANKS:
                bare_runs[gap] += 1
            adjacent += units > 0 and unit_gap == 0
            indented += line_indented
            units += 1
            unit_gap = 0
        seen, gap = True, 0
    return _Scan(
        headers,
        furniture,
        _page_gap(bool(headers), before_headers, bare_runs),
        _layout_of(units, adjacent, indented),
        fields,
    )


# A page number and 版 alone, as a front page's teaser prints where its story goes (`5版`).
def _split_pages(
    lines: Iterable[tuple[int, str, bool]],
    scan: _Scan,
    first_page: int,
    section: str | None,
    markup: list[Fragment],
    furniture: list[Fragment],
    first_labelled: bool = False,
) -> Iterator[_Page]:
    """Pages from header lines and, where the file uses them as page breaks, blank-line runs;
    each page is yielded as soon as the next one starts."""
    # A page number given by the front matter counts as printed, like a header's.
    page = _Page(first_page, section, header=first_labelled)
    gap = run = 0
    after_header = False
    relabelled = False  # the page's label came again over the next item
    for number, text, indented in lines:
        if not text:
            gap, run = gap + 1, run | (2 if indented else 1)  # 1: an empty line, 2: padding
            continue
        # `…新年好!` / `` / ` ` / `` / `■入世`: an e-paper's spacer line (one space) between
        # blank lines is spacing, like the blank lines under a header, not a page break.
        after_header, run = after_header or run == 3, 0
        # Taken out as read: by the end of a 20 MB issue the parse is what needs the memory.
        header = scan.headers.pop(number, None)
        if header is not None:
            markup.append(Fragment(number, text))
            if page.header and header.number == page.number:
                # Over each item of an archive (`第3版(国际)`), or right under `02` or a title line.
                kept = page.units and page.section  # a later repeat keeps the section it has
                page.section = page.section if kept else header.section or page.section
                gap, after_header = 0, True
                relabelled = bool(page.units)
                continue
            # `沙洲上的读书角` / `《青河日报》(… 02版)`: a web copy's title over its citation.
            carried = not page.header and titles_citation([u.text for u in page.units], text)
            new = _Page(header.number, header.section or section, header=True)
            new.units, page.units = (page.units, []) if carried else ([], page.units)
            if page.units or page.header:
                yield page
            page, gap, after_header = new, 0, True
            continue
        parts = _field_parts(scan, number, markup) if scan.fields.lines else None
        if parts is None and number in scan.furniture:
            scan.furniture.discard(number)
            # Blank lines around `责任编辑：张三` are its own spacing, not a page break.
            furniture.append(Fragment(number, text))
            gap = 0
            continue
        # `第A07版：城事` + two blank lines + the first headline: spacing under a header, not
        # a page of its own.
        if scan.page_gap is not None and gap >= scan.page_gap and page.units and not after_header:
            yield page
            page = _Page(page.number + 1, section)
        for part in _line_units(number, text, furniture) if parts is None else parts:
            page.units.append(Unit.read(number, part, indented, gap, relabelled))
            indented, gap, relabelled = False, 0, False
        gap = 0
        after_header = False
    yield page


def _line_units(number: int, text: str, furniture: list[Fragment]) -> tuple[str, ...]:
    """The units a line holds; a web record's field line gives its furniture first."""
    record = record_split(text) if text[:2] in _RECORD_STARTS else split_title_stamp(text)
    if record is not None:
        furniture.append(Fragment(number, record[0]))
        text = record[1]
    glued = flattened.glued_fields(text)
    if glued is not None:  # `…早日搬走。作者:X来源:Y`: the author a byline, the source the site's
        furniture.append(Fragment(number, glued[2]))
        return (*line_parts(glued[0]), glued[1])
    staff = split_staff(text)
    if staff is not None:  # `■编辑：小禾 || 新闻热线：…` run into the text
        furniture.extend(Fragment(number, part) for part in staff[0])
        return staff[1]
    return line_parts(text)


def _field_parts(scan: _Scan, number: int, markup: list[Fragment]) -> tuple[str, ...] | None:
    """The lines an archive record's field line stands for (`【正文】=` under `【标题】= X`:
    the title), its label kept as markup; None for any other line."""
    line = scan.fields.lines.pop(number, None)
    if line is None:
        return None
    scan.furniture.discard(number)
    if line.printed:
        markup.append(Fragment(number, line.printed))
    return line.parts


def _page_gap(has_headers: bool, before_headers: list[int], bare_runs: Counter[int]) -> int | None:
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
    if not has_headers:
        return PAGE_BREAK_BLANKS
    if not before_headers or min(before_headers) < PAGE_BREAK_BLANKS:
        return None
    need = min(before_headers)
    bare = sum(count for run, count in bare_runs.items() if run >= need)
    return need if bare <= len(before_headers) else None


def _layout(units: list[Unit]) -> Layout:
    """Paragraph-per-line when most lines follow another line directly (no blank between)."""
    adjacent = sum(1 for u in units[1:] if u.gap == 0)
    return _layout_of(len(units), adjacent, sum(1 for u in units if u.indented))


def _layout_of(units: int, adjacent: int, indented: int) -> Layout:
    if units < 2:
        return Layout()
    return Layout(per_line=adjacent > (units - 1) / 2, indents=indented >= units / 3)
