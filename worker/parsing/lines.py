"""Text to numbered lines: line endings, padding and control characters made uniform."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

# Not text: C0/C1 controls (dirty exports carry them, and lxml refuses a feed holding one),
# lone surrogates, the XML-forbidden noncharacters and a stray byte-order mark. Newline is
# handled before this runs; tab and the other spaces are padding, not control.
_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")
_SPACES = re.compile(r"\s+")
_FIRST_BLOCK, _BLOCK = 1 << 12, 1 << 16  # characters `iter_clean` cleans at a time


@dataclass(frozen=True, slots=True)
class Line:
    """One input line: 1-based number, text with padding collapsed, and layout facts."""

    number: int
    text: str  # stripped; inner runs of spaces, U+3000, NBSP and tabs become one space
    indented: bool  # began with padding: paragraph-per-line files indent with `　　`
    # (a blank line of padding alone is indented too)


def split_lines(text: str) -> list[Line]:
    """Split on LF, CRLF or CR, and clean each line.

    >>> split_lines("标题\\r\\n　　正文。")
    [Line(number=1, text='标题', indented=False), Line(number=2, text='正文。', indented=True)]
    """
    return list(iter_lines(text))


def iter_lines(text: str) -> Iterator[Line]:
    """`split_lines` one line at a time, so a 20 MB issue is never held as 20 MB of lines."""
    for number, clean, indented in iter_clean(text):
        yield Line(number, clean, indented)


def iter_clean(
    text: str,
    split: Callable[[str], tuple[str, ...]] | None = None,
    after: int = 0,
    *,
    dirty: bool = True,
) -> Iterator[tuple[int, str, bool]]:
    """`iter_lines` as (number, text, indented) tuples, for the passes that read every line.

    Control characters are looked for a block of lines at a time (one regex pass over many
    lines costs far less than one per line); blocks start small, as the front-matter pass
    reads only the top of the file, and grow to 64k characters, small beside an issue.

    With `split`, each line past line `after` that opens with `第` is yielded as the parts
    `split` cuts it into (an archive record flattened onto one line), all with its number
    and the first with its indent: done here, not in a generator over this one, as the
    parse reads every line of an issue twice. Without `dirty` (the caller found nothing in
    `text` that `has_not_text` looks for) no block is searched.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    start, number, size, block_size = 0, 1, len(text), _FIRST_BLOCK
    while start <= size:
        limit = start + block_size
        end = size if limit >= size else text.rfind("\n", start, limit)
        if end < 0:  # a line longer than a block: the block is that line
            end = text.find("\n", limit)
            end = size if end < 0 else end
        block = text[start:end]
        if dirty and _NOT_TEXT.search(block):
            block = _NOT_TEXT.sub("", block)
        raws = block.split("\n")
        for at, raw in enumerate(raws, number):
            if not raw:
                yield at, "", False  # a blank line, half of a typical file's lines
                continue
            # `str.split()` splits on exactly what `\s` matches: this is `collapse(raw)`.
            clean = " ".join(raw.split())
            # A blank line holding padding comes as indented: `_split_pages` tells an
            # e-paper's spacer paragraph (a line of one space) from a plain blank line.
            indented = raw[0].isspace()
            if split is not None and clean[:1] == "第" and at > after:
                for k, part in enumerate(split(clean)):
                    yield at, part, indented and not k
                continue
            yield at, clean, indented
        number += len(raws)
        start = end + 1
        block_size = min(2 * block_size, _BLOCK)


def has_not_text(text: str) -> bool:
    """True when `text` holds a character that is not text (a carriage return counts)."""
    return _NOT_TEXT.search(text) is not None


def strip_not_text(text: str) -> str:
    """Remove characters that are not text (controls, surrogates, noncharacters)."""
    return _NOT_TEXT.sub("", text)


def collapse(text: str) -> str:
    """Strip and turn every inner run of whitespace into one ASCII space."""
    return _SPACES.sub(" ", text).strip()


def is_ignorable(ch: str) -> bool:
    """True for characters that are not content: whitespace and what `strip_not_text` drops."""
    return ch.isspace() or bool(_NOT_TEXT.match(ch))
