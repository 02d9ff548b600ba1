"""Verse on a literary page (副刊): a poem's title, its author's line, then short lines in
stanzas. The lines are the poem's text, one paragraph each, never headline lines."""

from __future__ import annotations

import re
import statistics
from dataclasses import replace

from worker.parsing.bylines import Lead
from worker.parsing.name_lines import marked_writer, parse_name_line
from worker.parsing.units import Unit

__all__ = ["author_line", "author_names", "mark_verse"]

_MIN_LINES = 3  # verse lines under an author's line: fewer may be a head group or a box
_MAX_LINES = 200  # lines of one poem at most: bounds the search on a page of short lines
_VERSE_LINE = 24  # characters of a line of verse at most
_LENGTH_SPREAD = 3  # the longest line is at most this many times the median, and a little
_GROUP_TAIL = 3  # head lines over a dateline that may end a run of short lines
# What a literary page prints before its author's name: `文/`, `文｜`, `作者：`.
_AUTHOR_PREFIX = re.compile(r"(?:文\s*[/／丨|｜:：]|作者\s*[:：])\s*")


def author_line(unit: Unit) -> Lead | None:
    """The author's line of a literary piece: a bare name (`林晚舟`, with the writer's unit
    in brackets after it), a marked one (`□ 林晚舟`, `◎沈青禾`), or one after `文/`. A line
    with a role word (`本报记者 X`) or a dateline is a news byline, not this.

    >>> author_line(Unit.read(1, "文/董雨荷")).credits.unstated
    ('董雨荷',)
    >>> author_line(Unit.read(1, "本报记者 董雨荷")) is None
    True
    """
    text = unit.text
    if unit.tail is not None or len(text) > 30:
        return None
    prefix = _AUTHOR_PREFIX.match(text)
    words = text[prefix.end() :] if prefix else text
    lead = parse_name_line(words) or marked_writer(words)
    if lead is None or not lead.credits.unstated or lead.credits.others:
        return None
    return Lead(None, lead.credits, text, "")


def author_names(unit: Unit) -> tuple[str, ...]:
    """The names on an author's line, or none."""
    lead = author_line(unit)
    return lead.credits.unstated if lead is not None else ()


def _verse_shaped(units: list[Unit], k: int, run: list[int]) -> bool:
    """May unit `k` be a line of verse after the lines `run`: short, plain, and no sentence
    with `。` in it, except a stanza's last line (`母亲在门口笑了。` under `…屋檐，`, with a
    blank line or the page's end below it)?"""
    unit = units[k]
    text = unit.text
    if unit.lead is not None or unit.tail is not None or unit.sourced or len(text) > _VERSE_LINE:
        return False
    if "。" not in text:
        return True
    if "。" in text[:-1] or not run or run[-1] != k - 1 or unit.gap:
        return False
    return k + 1 == len(units) or units[k + 1].gap > 0


def _titles_piece(units: list[Unit], k: int) -> bool:
    """Is unit `k` the title of the next piece: a headline line over an author's line?"""
    return (
        k + 1 < len(units)
        and units[k].candidate
        and units[k + 1].gap <= 1
        and author_line(units[k + 1]) is not None
    )


def _next_piece(units: list[Unit], k: int) -> bool:
    """Does the next piece start at unit `k`? Its title and author's line, set off from the
    verse by a blank line or with the author's name marked (a verse line over one that reads
    as a name, `村史馆` / `文化广场`, opens nothing)."""
    if not _titles_piece(units, k):
        return False
    bare = units[k + 1].text.replace(" ", "") == "".join(author_names(units[k + 1]))
    return units[k].gap > 0 or not bare


def _run(units: list[Unit], start: int) -> list[int]:
    """The short lines from `start` on, up to the next piece's title or anything else."""
    run: list[int] = []
    k = start
    end = min(len(units), start + _MAX_LINES)
    while k < end and _verse_shaped(units, k, run) and not (run and _next_piece(units, k)):
        run.append(k)
        k += 1
    if k < len(units) and units[k].lead is not None:
        # Over a dateline or byline the last lines set together are the next article's head.
        for _ in range(_GROUP_TAIL):
            if not run or not units[run[-1]].candidate:
                break
            gap = units[run.pop()].gap
            if gap:
                break
    return run


def _is_verse(units: list[Unit], run: list[int]) -> bool:
    """Do the lines `run` read as verse: enough of them, of about the same length, in
    stanzas (a blank line inside the run) or as a column of four or more lines?"""
    if len(run) < _MIN_LINES:
        return False
    sizes = sorted(len(units[k].text) for k in run)
    if sizes[-1] > _LENGTH_SPREAD * statistics.median(sizes) + 2:
        return False
    stanzas = any(units[k].gap for k in run[1:])
    return stanzas or len(run) > _MIN_LINES


def mark_verse(units: list[Unit]) -> list[Unit]:
    """Read each poem on the page: a headline line (its title), an author's line under it,
    then verse. The author's line becomes a byline; each verse line is text of its own.

    >>> out = mark_verse([Unit.read(1, "河边的灯"), Unit.read(2, "□ 林晚舟", gap=1),
    ...     *(Unit.read(3 + k, t) for k, t in enumerate(["晚风吹过石桥", "灯一盏一盏亮起",
    ...     "母亲站在门口", "喊我回家吃饭"]))])
    >>> [u.verse for u in out], out[1].lead.credits.unstated
    ([False, False, True, True, True, True], ('林晚舟',))
    """
    out = list(units)
    for i in range(len(units) - 2):
        # A title is a headline line with a short plain line two below it (the poem's first):
        # both looked at before the author's line, which costs a byline read.
        if out[i].verse or not units[i].candidate or not _verse_shaped(units, i + 2, []):
            continue
        if not _titles_piece(units, i):
            continue
        run = _run(units, i + 2)
        if not _is_verse(units, run):
            continue
        lead = author_line(units[i + 1])
        out[i + 1] = replace(units[i + 1], lead=lead, candidate=False, weak=False, named=None)
        for k in run:
            out[k] = replace(units[k], verse=True, candidate=False, weak=False, named=None, runin=0)
    return out
