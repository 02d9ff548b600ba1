"""What an entry says, as strings: its HTML body, byline line, summary and credit labels.

Every function here is pure and cleans its input with ``clean_text`` before escaping, so the
strings can go straight into an XML document.
"""

from __future__ import annotations

import re

from feeds.model import ROLE_LABELS, Credit, FeedEntry
from feeds.text import clean_text, replace_present

SUMMARY_CHARS = 120
# A title made from a caption: its first sentence when that is short, else cut at the last
# pause (，、；：) within this many characters, or at this many, then `…`.
TITLE_CHARS = 28
_SHORTEST_CUT = 8  # a pause this early (`11月20日，`) leaves too little to tell items apart
_SENTENCE_END = re.compile(r"[。！？!?]")
_PAUSE = re.compile(r"[，、；：,;:]")


def _esc(text: str) -> str:
    return escape_html(clean_text(text))


def escape_html(text: str) -> str:
    """``html.escape(text, quote=True)``, sooner for text with nothing to escape (most of a
    Chinese article).

    >>> escape_html('<a href="x">甲&乙</a>')
    '&lt;a href=&quot;x&quot;&gt;甲&amp;乙&lt;/a&gt;'
    """
    return replace_present(text, _HTML_ESCAPES)


_HTML_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;"))


def role_label(role: str) -> str:
    """The Chinese label printed in bylines: ``reporter`` → ``记者``; unknown roles as given."""
    return ROLE_LABELS.get(role, role)


def credit_label(credit: Credit) -> str:
    """A credit as an author name with its role: ``王孟鹤（记者）``.

    >>> credit_label(Credit("王孟鹤", "reporter"))
    '王孟鹤（记者）'
    """
    name = clean_text(credit.name).strip()
    label = clean_text(role_label(credit.role)).strip()
    return f"{name}（{label}）" if label else name


# Roles in the order a byline names them: reporters first (`王孟鹤（记者）、赵炎（通讯员）`),
# whatever the order the credits were printed in; other roles keep their printed order.
_ROLE_RANK = {"reporter": 0}


def author_line(credits: tuple[Credit, ...]) -> str:
    """The credits as one author name, as readers show it: each person with their role,
    reporters first, joined by ``、``; empty when no credit has a name.

    >>> author_line((Credit("赵炎", "correspondent"), Credit("王孟鹤", "reporter")))
    '王孟鹤（记者）、赵炎（通讯员）'
    """
    return "、".join(credit_label(c) for c in byline_order(credits))


def byline_order(credits: tuple[Credit, ...]) -> list[Credit]:
    """The credits that name someone, reporters first, the rest in printed order."""
    named = [c for c in credits if credit_name(c)]
    return sorted(named, key=lambda c: _ROLE_RANK.get(c.role, 1))


def credit_name(credit: Credit) -> str:
    """The credited person's name, cleaned: ``credit_name(Credit(" 王孟鹤", "reporter"))`` →
    ``王孟鹤``."""
    return clean_text(credit.name).strip()


def credit_groups(credits: tuple[Credit, ...]) -> list[tuple[str, list[Credit]]]:
    """Credits grouped by role label, in order of each role's first appearance; credits
    whose name is empty after cleaning are left out.

    >>> [(label, [c.name for c in cs]) for label, cs in credit_groups(
    ...     (Credit("甲", "reporter"), Credit("乙", "intern"), Credit("丙", "reporter")))]
    [('记者', ['甲', '丙']), ('实习生', ['乙'])]
    """
    groups: dict[str, list[Credit]] = {}
    for credit in credits:
        if clean_text(credit.name).strip():
            groups.setdefault(credit.role, []).append(credit)
    return [(clean_text(role_label(role)).strip(), members) for role, members in groups.items()]


def byline(credits: tuple[Credit, ...]) -> str:
    """Credits grouped by role, in order of each role's first appearance, as printed.

    >>> byline((Credit("王孟鹤", "reporter"), Credit("赵炎", "correspondent")))
    '记者 王孟鹤 通讯员 赵炎'
    >>> byline((Credit("甲", "reporter"), Credit("乙", "correspondent"), Credit("丙", "reporter")))
    '记者 甲 丙 通讯员 乙'
    """
    words: list[str] = []
    for label, members in credit_groups(credits):
        names = [clean_text(c.name).strip() for c in members]
        words.extend([label, *names] if label else names)
    return " ".join(words)


def dateline_line(entry: FeedEntry) -> str:
    """The line opening the article: ``本报讯（记者 王孟鹤 通讯员 赵炎）``; may be empty."""
    dateline = clean_text(entry.dateline or "").strip()
    people = byline(entry.credits)
    if dateline and people:
        return f"{dateline}（{people}）"
    return dateline or people


def title_text(entry: FeedEntry) -> str:
    """The headline, cleaned; without one (photo news printed as a caption alone, a headline
    lost in export), the kicker, the subtitle, the start of the body, or at last the section
    and date: Atom requires a title, and a reader's list of `（无标题）` tells nothing.

    >>> import datetime as dt
    >>> when = dt.datetime(2024, 5, 1, 6, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    >>> title_text(FeedEntry("x", " ", when, when, ("游客在古镇老街游览。摄影 魏国伟",)))
    '游客在古镇老街游览…'
    """
    for line in (entry.title, entry.kicker, entry.subtitle):
        # A subtitle opens with a dash (`——新增学位两千个`) that means nothing alone.
        text = clean_text(line or "").strip().lstrip("—-－ ").strip()
        if text:
            return text
    for paragraph in _paragraph_texts(entry):
        if title := caption_title(paragraph):
            return title
    section = next((c for c in (clean_text(c).strip() for c in entry.categories) if c), "")
    day = f"{entry.published.month}月{entry.published.day}日"
    return f"{section} {day}" if section else day


def caption_title(text: str) -> str:
    """A title from a caption or a paragraph: the first sentence when it fits in
    TITLE_CHARS, else the text cut at its last pause before that (or at TITLE_CHARS);
    ``…`` whenever anything was left out.

    >>> caption_title("百余对新人在湖畔集体婚礼上牵手。")
    '百余对新人在湖畔集体婚礼上牵手'
    >>> caption_title("11月20日，游客在古镇老街游览，感受传统文化的魅力，街上人头攒动，十分热闹。")
    '11月20日，游客在古镇老街游览，感受传统文化的魅力…'
    """
    text = text.strip()
    end = _SENTENCE_END.search(text)
    while end is not None and end.start() == 0:  # `。。` or `！` alone: nothing said yet
        text = text[1:].strip()
        end = _SENTENCE_END.search(text)
    sentence = text[: end.start()] if end else text
    if len(sentence) <= TITLE_CHARS:
        rest = text[end.end() :].strip() if end else ""
        return sentence + "…" if rest else sentence
    pauses = [m.start() for m in _PAUSE.finditer(sentence, 0, TITLE_CHARS + 1)]
    cut = pauses[-1] if pauses and pauses[-1] >= _SHORTEST_CUT else TITLE_CHARS
    return sentence[:cut].rstrip() + "…"


def summary_text(entry: FeedEntry) -> str:
    """The first ~120 characters of the body as plain text, ``…`` when cut; may be empty."""
    return _summary(_paragraph_texts(entry))


def entry_html(entry: FeedEntry) -> str:
    """The article as an HTML fragment; every text is escaped.

    Order as on the page: kicker (引题), subtitle (副题), dateline + byline, paragraphs.
    The headline itself is the entry title, so it is not repeated here.
    """
    return _html(entry, _paragraph_texts(entry))


def body_texts(entry: FeedEntry) -> tuple[str, str]:
    """``(entry_html(entry), summary_text(entry))``, the paragraphs cleaned once for both."""
    paragraphs = _paragraph_texts(entry)
    return _html(entry, paragraphs), _summary(paragraphs)


def _paragraph_texts(entry: FeedEntry) -> list[str]:
    """The paragraphs cleaned and stripped, those left empty dropped."""
    return [text for p in entry.paragraphs if (text := clean_text(p).strip())]


def _summary(paragraphs: list[str]) -> str:
    body = " ".join(paragraphs)
    if len(body) <= SUMMARY_CHARS:
        return body
    return body[:SUMMARY_CHARS].rstrip() + "…"


def _html(entry: FeedEntry, paragraphs: list[str]) -> str:
    lines: list[str] = []
    if entry.kicker and clean_text(entry.kicker).strip():
        lines.append(f'<p class="kicker">{_esc(entry.kicker.strip())}</p>')
    if entry.subtitle and clean_text(entry.subtitle).strip():
        lines.append(f'<p class="subtitle">{_esc(entry.subtitle.strip())}</p>')
    opening = dateline_line(entry)
    if opening:
        lines.append(f'<p class="byline">{escape_html(opening)}</p>')
    lines += [f"<p>{escape_html(text)}</p>" for text in paragraphs]
    return "\n".join(lines)
