"""Headline groups: which short lines are headlines, and kicker / headline / subtitle."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_HEADLINE = 48
SENTENCE_FINAL = "。！？!?…"
_CLOSERS = "”’」』）)》】"
_SUBTITLE_MARK = re.compile(r"^[—－\-─]{2,}\s*")
_KICKER_MARK = re.compile(r"\s*[—－\-─]{2,}$")
# A line ending in one of these needs the next line: `卫东区开展` / `“六一”儿童节慰问活动`.
_CONNECTIVES = "的和与及在对为把被向从让将跟同并或、之于给"
_PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "(": ")", "「": "」", "『": "』", "【": "】"}
# Subheads inside an article: `一、强化组织领导`, `（二）…`, `■ 筑牢防线`.
_SUBHEAD = re.compile(
    r"(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[■□●◆▲★◎【])"
)


@dataclass(frozen=True)
class HeadlineGroup:
    """Kicker (引题), headline (主题) and subtitle (副题), and the `——` markers taken off."""

    headline: str
    kicker: str | None = None
    subtitle: str | None = None
    markers: tuple[str, ...] = ()


def ends_sentence(text: str) -> bool:
    """True when text ends a sentence: `。！？…`, or a closing quote or bracket after one."""
    stripped = text.rstrip(_CLOSERS)
    if not stripped:
        return False
    # `；` and `：` also end a paragraph in practice: list items and list introductions.
    return stripped[-1] in SENTENCE_FINAL + "；;：:"


def is_headline_line(text: str) -> bool:
    """Could this line be part of a headline group? Short, no sentence punctuation.

    >>> is_headline_line("卫东区开展“六一”儿童节慰问活动")
    True
    >>> is_headline_line("在广泛宣传教育的基础上，卫东区组")
    False
    """
    if len(text) < 2 or len(text) > MAX_HEADLINE:
        return False
    if _SUBTITLE_MARK.match(text):
        return "。" not in text  # a subtitle may carry a comma: `——记…，…`
    if any(mark in text for mark in "。，,；;"):
        return False
    last = text.rstrip(_CLOSERS)[-1:] or text[-1]
    if last in "：:、…":
        return False
    # `奋斗吧！青春` is a headline, a long line ending `！` a sentence.
    return not (last in "！？!?" and len(text) > 24)


def is_subhead(text: str) -> bool:
    """A subhead inside an article (kept as its own paragraph, never joined)."""
    return is_headline_line(text) and (bool(_SUBHEAD.match(text)) or " " in text)


def continues(text: str) -> bool:
    """True when a headline line is cut mid-phrase and the next line completes it."""
    if text[-1] in _CONNECTIVES:
        return True
    depth: dict[str, int] = {}
    for ch in text:
        if ch in _PAIRS:
            depth[ch] = depth.get(ch, 0) + 1
        else:
            for opener, closer in _PAIRS.items():
                if ch == closer and depth.get(opener, 0) > 0:
                    depth[opener] -= 1
    return any(depth.values())


def build_group(lines: list[str]) -> HeadlineGroup:
    """Assign 1–3 headline lines to kicker / headline / subtitle.

    >>> build_group(["增进共识 凝心聚力", "卫东区委中心组集中学习"]).kicker
    '增进共识 凝心聚力'
    >>> build_group(["乡村振兴看卫东", "——记土寨沟村的变化"]).subtitle
    '记土寨沟村的变化'
    """
    merged: list[str] = []
    for line in lines:
        if merged and continues(merged[-1]) and not _SUBTITLE_MARK.match(line):
            merged[-1] += line
        else:
            merged.append(line)
    markers: list[str] = []
    kicker = subtitle = None
    if (len(merged) >= 2 and _SUBTITLE_MARK.match(merged[-1])) or len(merged) >= 3:
        subtitle = merged.pop()
    if len(merged) >= 2:
        kicker = " ".join(merged[:-1])
        merged = merged[-1:]
    headline = merged[0] if merged else ""
    if subtitle is not None:
        mark = _SUBTITLE_MARK.match(subtitle)
        if mark:
            markers.append(mark.group())
            subtitle = subtitle[mark.end() :]
    if kicker is not None:
        mark = _KICKER_MARK.search(kicker)
        if mark:
            markers.append(mark.group())
            kicker = kicker[: mark.start()]
    return HeadlineGroup(headline, kicker or None, subtitle or None, tuple(markers))
