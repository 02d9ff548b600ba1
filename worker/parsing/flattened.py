"""Lines that hold more than one unit: a headline with its byline glued on, a caption with
the dateline run into it, an archive record or a web record flattened onto one line. Each
is cut into the lines it stands for before the parse reads them."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from worker.parsing.furniture import record_fields
from worker.parsing.headlines import is_headline_line
from worker.parsing.leads import parse_lead
from worker.parsing.lines import iter_clean
from worker.parsing.pages import parse_page_header, split_flat_record
from worker.parsing.units import split_caption_lead, split_flat, split_glued_byline

__all__ = [
    "glued_fields",
    "line_parts",
    "record_split",
    "split_lead_in",
    "split_title_stamp",
    "unflattened",
]

_FLAT_MIN = 30  # a line shorter than this is no record flattened onto one line
_FLAT_HEAD = 40  # a flattened record's first head line ends before this
_LEAD_IN = 150  # a portal's lead-in before the dateline is a sentence or two, no more
# A paper's dateline right after a finished sentence (`…改走隧道。东湖晚报讯（记者 X）…`) or
# after a repost's attribution (`青河生活网据东湖晚报报道，东湖晚报讯（记者 X）…`); a web copy
# that joins paragraphs with a space puts one between (`…排队入场。 本报讯(记者 X)…`).
_LEAD_IN_END = re.compile(r"[。！？!?”，,]")
_GLUED_DATELINE = re.compile(r"(?<=[。！？!?”，,])\s?[\u4e00-\u9fff]{1,8}讯\s*[（(]")


def _has_glue_mark(text: str) -> bool:
    """Cheap test before `split_glued_byline`: a mark after the first character."""
    # Three finds beat one class search: a class is tested character by character.
    return text.find("□", 1) > 0 or text.find("■", 1) > 0 or text.find("◎", 1) > 0


def line_parts(text: str) -> tuple[str, ...]:
    """A line as the units it holds: a headline and its glued byline, a caption and the
    dateline run into it, or (nearly always) the line itself."""
    if _has_glue_mark(text):
        return split_glued_byline(text)
    if text.startswith("图为"):
        return split_caption_lead(text)
    if len(text) > _FLAT_MIN:
        mark = text.find("讯", 0, _LEAD_IN)
        if mark > 0 and _LEAD_IN_END.search(text, 0, mark):  # `本报讯（…` opening a line: no
            parts = split_lead_in(text)
            if len(parts) > 1:
                return parts
        space = text.find(" ", 0, _FLAT_HEAD)
        # `本报讯（记者X 通讯员Y）…` has its space inside the dateline: no head before it.
        if space > 0 and "（" not in text[:space] and "(" not in text[:space]:
            return split_flat(text)
        if space > 0 or " " in text:  # a printed paragraph has no space: most lines stop here
            return split_flat(text, head=False)
    return (text,)


def split_lead_in(text: str) -> tuple[str, ...]:
    """A lead-in run into the dateline (a portal sets a sentence or two over the story, or
    says whose story it is, and the copy joins that to its first paragraph), as two lines;
    or the line. Only a dateline that names reporters counts: a paragraph may well quote
    another paper's `讯`.

    >>> split_lead_in("想去海岛的读者有了新去处。青河晨报讯（记者 王川）新航线昨日开通。")
    ('想去海岛的读者有了新去处。', '青河晨报讯（记者 王川）新航线昨日开通。')
    >>> split_lead_in("新航线首班起飞。 本报讯(记者 王川)新航线昨日开通。")
    ('新航线首班起飞。', '本报讯(记者 王川)新航线昨日开通。')
    """
    for m in _GLUED_DATELINE.finditer(text, 0, _LEAD_IN):
        start = m.start() + (text[m.start()] == " ")
        lead = parse_lead(text[start:])
        if lead is not None and lead.dateline is not None and lead.credits.writers and lead.rest:
            return text[: m.start()], text[start:]
    return (text,)


def unflattened(
    text: str, body_from: int, flat: bool, *, dirty: bool = True
) -> Iterator[tuple[int, str, bool]]:
    """The cleaned lines of `text` with each flattened archive record after the front matter
    split into its label, field and text (`body_from` lines stay as they are, so the count
    to skip holds), and a web record flattened onto the body's first line
    (`split_titled_record`); `dirty` as for `iter_clean`."""
    lines = iter_clean(text, split_flat_record if flat else None, body_from, dirty=dirty)
    top = list(itertools.islice(lines, body_from))
    for number, line, indented in lines:  # the blank lines over the first, then the first
        if line:
            parts = split_titled_record(line)
            top += [(number, part, indented and not k) for k, part in enumerate(parts)]
            break
        top.append((number, line, indented))
    # Only the first line is looked at: the lines after it pass through untouched.
    return itertools.chain(top, lines)


# A web copy's whole record on one line: its title, the page label and the date,
# then the text (`图片新闻 第2版:要闻 2021年01月14日 1月13日,…。 本报记者 X 摄`).
_TITLED_RECORD = re.compile(
    r"(?P<title>\S{2,16}) (?P<label>第\S{1,24}) (?P<date>(?:19|20)[0-9]{2}年[0-9]{1,2}月"
    r"[0-9]{1,2}日) (?P<rest>\S.*)"
)


def split_titled_record(text: str) -> tuple[str, ...]:
    """A record flattened onto one line as its page label, date, title and text, or the line.
    The label comes first, to open the page the title heads; the date before the title, as
    both passes key the furniture they find by line number and all parts share one.

    >>> split_titled_record("图片新闻 第2版:要闻 2021年01月14日 工人们冒雪施工。 本报记者 柯川 摄")
    ('第2版:要闻', '2021年01月14日', '图片新闻', '工人们冒雪施工。 本报记者 柯川 摄')
    >>> split_titled_record("会上, 第2版:要闻 2021年01月14日 工人们冒雪施工。")
    ('会上, 第2版:要闻 2021年01月14日 工人们冒雪施工。',)
    """
    m = _TITLED_RECORD.fullmatch(text) if text.find(" 第", 0, 18) > 0 else None
    if m is None or not is_headline_line(m.group("title")):
        return (text,)
    if parse_page_header(m.group("label")) is None:
        return (text,)
    return m.group("label"), m.group("date"), m.group("title"), m.group("rest")


def record_split(text: str) -> tuple[str, str] | None:
    """A web record's field line as its furniture and its byline: `来源:` and `点击:` fields
    are the site's, an `作者:` field credits the item's writers."""
    fields = record_fields(text)
    if fields is None:
        return None
    credits = [field for field in fields if _credit_field(field.strip())]
    furniture = "".join(field for field in fields if field not in credits).strip()
    return furniture, " ".join(field.strip() for field in credits)


def _credit_field(text: str) -> bool:
    lead = parse_lead(text)
    return lead is not None and not lead.rest and lead.dateline is None and bool(lead.credits)


# An e-paper's title field as exported: the title, then the item's id and the date
# (`雪夜清路 12,345 2024年01月17日`). The id and the date are the export's, not the head's.
_TITLE_STAMP = re.compile(
    r"(?P<title>\S.{1,40}?)\s+(?P<stamp>[0-9]{1,3}(?:,[0-9]{3})*\s+(?:19|20)[0-9]{2}年"
    r"[0-9]{1,2}月[0-9]{1,2}日)"
)


def split_title_stamp(text: str) -> tuple[str, str] | None:
    """A title line with the export's id and date after it, as the stamp and the title.

    >>> split_title_stamp("雪夜清路 12,345 2024年01月17日")
    ('12,345 2024年01月17日', '雪夜清路')
    >>> split_title_stamp("会上，雪夜清路 12,345 2024年01月17日"), split_title_stamp("雪夜清路")
    (None, None)
    """
    m = _TITLE_STAMP.fullmatch(text) if text[-1:] == "日" and len(text) <= 64 else None
    if m is None or not is_headline_line(m.group("title")):
        return None
    return m.group("stamp"), m.group("title")


# A portal's field line run on after the text's last sentence, each value glued to the next
# label (`…盼摊点早日搬走。作者:柯望川来源:青河网—青河日报`): labels a CMS prints.
_GLUED_LABEL = re.compile(r"(?:作者|来源|编辑|责编)\s*[:：]")
_SENTENCE_END = "。！？!?”"
_MAX_GLUED = 40


def glued_fields(text: str) -> tuple[str, str, str] | None:
    """A paragraph with a web record's author and source fields run on after its last
    sentence, as the text, the author field (a byline) and the rest (the site's furniture).

    >>> glued_fields("市民盼摊点早日搬走。作者:柯望川来源:青河网—青河日报")
    ('市民盼摊点早日搬走。', '作者:柯望川', '来源:青河网—青河日报')
    >>> glued_fields("他说:作者:柯望川来源:青河网"), glued_fields("作者:柯望川 来源:青河网")
    (None, None)
    """
    start = text.rfind("作者", max(len(text) - _MAX_GLUED, 0))
    if start < 1 or text[start - 1] not in _SENTENCE_END or "来源" not in text[start:]:
        return None
    tail = text[start:]
    labels = [m.start() for m in _GLUED_LABEL.finditer(tail)]
    if len(labels) < 2 or labels[0] != 0 or any(mark in tail for mark in "。，,!?！？"):
        return None
    author = tail[: labels[1]].strip()
    if not _credit_field(author):
        return None
    return text[:start], author, tail[labels[1] :].strip()
