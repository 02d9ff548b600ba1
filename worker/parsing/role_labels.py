"""A repost's head lines labelled with their roles (`原标题：青河新桥（引题）` / `通车了（主题）`):
the label says which line is kicker, headline or subtitle; the labels are layout, not head.
A column's label printed on the head's line (`记者手记 柯家坪的变化`) is the head's kicker."""

from __future__ import annotations

import re

from worker.parsing.headlines import HeadlineGroup, build_group
from worker.parsing.names import looks_like_name
from worker.parsing.repost_heads import sourced_group
from worker.parsing.subtitles import ROLE_LABEL

__all__ = ["labelled_group"]

# `原标题：` before the first head line: the repost names what follows as the printed head.
_PRINTED = re.compile(r"原标题\s*[:：]\s*(?=\S)")
# A column's label set off before the head on its line: a staff word glued to a word that is
# no person's name (`记者手记`, `编辑观察`; `记者柯望` would be a byline, never a head).
_COLUMN_LABEL = re.compile(
    r"(?P<label>(?:记者|编者|编辑|评论员)(?P<word>[\u4e00-\u9fff]{2}))[ 　]+"
)
_ROLES = {"引": "kicker", "肩": "kicker", "眉": "kicker", "主": "headline", "正": "headline"}


def _peel(line: str) -> tuple[str, str | None, list[str]]:
    """The head line without its labels, its role (None when unlabelled), the labels."""
    markers: list[str] = []
    printed = _PRINTED.match(line) if line[:1] == "原" else None
    if printed is not None:
        markers.append(printed.group().strip())
        line = line[printed.end() :]
    label = ROLE_LABEL.search(line) if line[-1:] in "）)" else None
    if label is None:
        return line, None, markers
    markers.append(label.group().strip())
    return line[: label.start()], _ROLES.get(label.group("role"), "subtitle"), markers


def labelled_group(lines: list[str]) -> HeadlineGroup | None:
    """The head group of `lines` read by their role labels; None when no line has one.

    A label names a line's role wherever it stands; where a line has none, or two lines
    claim one role, the lines without labels are placed as any head is.

    >>> group = labelled_group(["原标题：青河新桥（引题）", "通车了（主题）"])
    >>> group.kicker, group.headline, group.markers
    ('青河新桥', '通车了', ('原标题：', '（引题）', '（主题）'))
    >>> labelled_group(["青河新桥", "通车了"]) is None
    True
    """
    if len(lines) == 1:
        return _column_labelled(lines[0])
    sourced = sourced_group(lines)
    if sourced is not None:
        return sourced
    peeled = [_peel(line) for line in lines]
    if all(role is None for _, role, _ in peeled):
        return None
    markers = tuple(mark for _, _, marks in peeled for mark in marks)
    roles: dict[str, str] = {}
    for text, role, _ in peeled:
        if role is None or role in roles:
            group = build_group([text for text, _, _ in peeled])
            return HeadlineGroup(
                group.headline, group.kicker, group.subtitle, (*group.markers, *markers)
            )
        roles[role] = text
    if "headline" not in roles:
        # A kicker and a subtitle with no main head between them: the first line heads.
        first = next(iter(roles))
        roles["headline"] = roles.pop(first)
    return HeadlineGroup(roles["headline"], roles.get("kicker"), roles.get("subtitle"), markers)


def _column_labelled(line: str) -> HeadlineGroup | None:
    """`记者手记 柯家坪的变化`, the page's only head line: the column's label is the kicker.

    >>> _column_labelled("记者手记 柯家坪的变化").kicker
    '记者手记'
    >>> _column_labelled("记者柯望 柯家坪的变化") is None
    True
    """
    m = _COLUMN_LABEL.match(line) if line[:1] in "记编评" else None
    if m is None or looks_like_name(m.group("word")) or not line[m.end() :].strip():
        return None
    return HeadlineGroup(line[m.end() :].strip(), m.group("label"))
