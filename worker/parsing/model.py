"""The values a parse returns: frozen dataclasses that cross every boundary as plain data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Page:
    """One printed page (版) of an issue: its number and, when known, its section (版面名)."""

    number: int
    section: str | None = None
    # True when the number was printed (a page header, or `page:` in the front matter);
    # False when the parser counted it (page 1 of a file without headers, or the page after
    # a run of blank lines). A file whose pages are all unlabelled may take its page number
    # from its file name instead (`a01.txt`, `hbrb_RB03.txt`).
    labelled: bool = False


@dataclass(frozen=True, slots=True)
class Fragment:
    """A piece of input text kept outside the articles, with the line it started on."""

    line: int
    text: str


@dataclass(frozen=True, slots=True)
class ParseWarning:
    """Something doubtful the parser decided on; `line` is 1-based in the decoded text."""

    line: int
    message: str


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """One article as printed: headline group, dateline, credits and body paragraphs."""

    page: int
    headline: str
    section: str | None = None
    kind: str = "news"  # "news" | "photo"
    kicker: str | None = None
    subtitle: str | None = None
    dateline: str | None = None
    reporters: tuple[str, ...] = ()
    correspondents: tuple[str, ...] = ()
    photographers: tuple[str, ...] = ()
    interns: tuple[str, ...] = ()
    paragraphs: tuple[str, ...] = ()
    line: int = 0  # first line of the article in the decoded text
    # Editors named in a credit (`（记者 张三 编辑 李四）`): people, but not the item's authors.
    editors: tuple[str, ...] = ()
    # Credits that name no author of the item: agencies (`新华社发`, `人民视觉`), collective
    # authors (`本报评论员`), a sign-off (`编者`), a pupil's teacher (`指导老师 苏应妫`). They never
    # become people or person feeds.
    other_credits: tuple[str, ...] = ()

    def credits(self) -> list[tuple[str, str]]:
        """Every (name, role) pair, roles in a fixed order, each pair once.

        >>> ParsedArticle(page=1, headline="h", reporters=("王孟鹤",)).credits()
        [('王孟鹤', 'reporter')]
        """
        pairs: list[tuple[str, str]] = []
        for role, names in (
            ("reporter", self.reporters),
            ("correspondent", self.correspondents),
            ("photographer", self.photographers),
            ("intern", self.interns),
        ):
            for name in names:
                if (name, role) not in pairs:
                    pairs.append((name, role))
        return pairs

    def to_json(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "section": self.section,
            "kind": self.kind,
            "kicker": self.kicker,
            "headline": self.headline,
            "subtitle": self.subtitle,
            "dateline": self.dateline,
            "reporters": list(self.reporters),
            "correspondents": list(self.correspondents),
            "photographers": list(self.photographers),
            "interns": list(self.interns),
            "editors": list(self.editors),
            "other_credits": list(self.other_credits),
            "paragraphs": list(self.paragraphs),
            "line": self.line,
        }


@dataclass(frozen=True, slots=True)
class ParsedIssue:
    """The whole parse of one issue file (see shared spec, section 5)."""

    articles: tuple[ParsedArticle, ...]
    pages: tuple[Page, ...]
    publication: str | None = None
    date: dt.date | None = None
    encoding: str | None = None
    furniture: tuple[Fragment, ...] = ()
    unassigned: tuple[Fragment, ...] = ()
    warnings: tuple[ParseWarning, ...] = ()
    metadata: tuple[tuple[str, str], ...] = field(default=())  # front matter, as read
    # Text the parser read as syntax rather than content: front-matter lines, page headers,
    # datelines and bylines as printed (role words, brackets and names), photo credits and
    # the `——` markers of kickers and subtitles. With the fields above it accounts for every
    # non-space character of the input (see `accounting.py`).
    markup: tuple[Fragment, ...] = ()
    parser_version: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "publication": self.publication,
            "date": self.date.isoformat() if self.date else None,
            "encoding": self.encoding,
            "pages": [
                {"number": p.number, "section": p.section, "labelled": p.labelled}
                for p in self.pages
            ],
            "articles": [a.to_json() for a in self.articles],
            "furniture": [{"line": f.line, "text": f.text} for f in self.furniture],
            "unassigned": [{"line": f.line, "text": f.text} for f in self.unassigned],
            "warnings": [{"line": w.line, "message": w.message} for w in self.warnings],
            "metadata": dict(self.metadata),
            "markup": [{"line": m.line, "text": m.text} for m in self.markup],
            "parser_version": self.parser_version,
        }
