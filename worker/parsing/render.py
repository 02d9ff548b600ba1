"""A readable text view of a parse, for people checking what the parser made of an issue."""

from __future__ import annotations

from worker.parsing.model import ParsedArticle, ParsedIssue

_ROLE_LABELS = (
    ("reporters", "记者"),
    ("correspondents", "通讯员"),
    ("photographers", "摄影"),
    ("interns", "实习生"),
)


def render_text(issue: ParsedIssue) -> str:
    """Pages with their articles, then furniture, unassigned text and warnings.

    >>> from worker.parsing import parse_issue
    >>> print(render_text(parse_issue("标题\\n\\n本报讯（记者王孟鹤）正文。")).splitlines()[2])
    == 第1版 ==
    """
    out: list[str] = []
    head = " ".join(
        part
        for part in (
            issue.publication or "(publication unknown)",
            issue.date.isoformat() if issue.date else "(date unknown)",
            f"[{issue.encoding}]" if issue.encoding else "",
        )
        if part
    )
    out += [head, ""]
    for page in issue.pages:
        out.append(f"== 第{page.number}版 {page.section or ''}".rstrip() + " ==")
        for article in (a for a in issue.articles if a.page == page.number):
            out += _article(article)
    if issue.furniture:
        out += ["-- furniture --", *(f"  line {f.line}: {f.text}" for f in issue.furniture), ""]
    if issue.unassigned:
        out += ["-- unassigned --", *(f"  line {f.line}: {f.text}" for f in issue.unassigned), ""]
    if issue.warnings:
        out += ["-- warnings --", *(f"  line {w.line}: {w.message}" for w in issue.warnings), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _article(article: ParsedArticle) -> list[str]:
    out = [""]
    if article.kicker:
        out.append(f"  [引题] {article.kicker}")
    out.append(
        f"  # {article.headline or '(no headline)'}"
        + ("  (photo)" if article.kind == "photo" else "")
    )
    if article.subtitle:
        out.append(f"  [副题] {article.subtitle}")
    if article.dateline:
        out.append(f"  dateline: {article.dateline}")
    for attr, label in _ROLE_LABELS:
        names = getattr(article, attr)
        if names:
            out.append(f"  {label}: {'、'.join(names)}")
    for number, paragraph in enumerate(article.paragraphs, start=1):
        out.append(f"  {number:>2}. {paragraph}")
    out.append("")
    return out
