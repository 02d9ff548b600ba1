"""An archive record's field block (`【标题】= 青河新事`, `【作者】= 张三`, `【正文】=`): the
title and author it names read as the record's head and byline, the rest as markup."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# `【日期】= 1988.05.12`, `【版名】=`: a bracketed field name, `=` (or a colon), the value.
_FIELD = re.compile(r"【([\u4e00-\u9fff]{2,4})】\s*[=＝:：]\s*(.*)")
_TITLE, _AUTHOR, _TEXT = "标题", "作者", "正文"
# The archive prints its author and date over the text again: `张三  (1988.05.12)`.
_AUTHOR_DATE = re.compile(
    r"[（(]\s*(?:19|20)[0-9]{2}\s*[.\-/年]\s*[0-9]{1,2}\s*[.\-/月][0-9.日\s]*[）)]"
)
# Under `【正文】` the title and the author line come again before the text: a few lines.
_ECHO_REACH = 4


@dataclass(frozen=True, slots=True)
class FieldLine:
    """A field line as read: its printed label (markup) and the lines it stands for."""

    printed: str
    parts: tuple[str, ...] = ()


@dataclass
class FieldBlocks:
    """What the first pass learns of a file's field blocks, line by line.

    >>> blocks = FieldBlocks()
    >>> [blocks.read(n, t) for n, t in enumerate(["【标题】= 青河新事", "【作者】= 张三",
    ...     "【正文】=", "青河新事", "张三 (1988.05.12)", "今年青河镇…"])]
    [True, True, True, True, True, False]
    >>> blocks.lines[2], blocks.echoes
    (FieldLine(printed='【正文】=', parts=('青河新事', '张三')), {3, 4})
    """

    lines: dict[int, FieldLine] = field(default_factory=dict)
    echoes: set[int] = field(default_factory=set)  # the title and author printed again
    _block: dict[str, tuple[int, str, str]] = field(default_factory=dict)  # (line, text, value)
    _echo: tuple[str, str] | None = None  # the open record's title and author
    _reach: int = 0

    def read(self, number: int, text: str) -> bool:
        """Take line `number` if it is a field line or an echo of the record's head."""
        m = _FIELD.fullmatch(text) if text[:1] == "【" else None
        if m is None:
            return self._read_echo(number, text)
        name, value = m.group(1), m.group(2).strip()
        self._echo, self._reach = None, 0
        if name != _TEXT:
            self._block[name] = (number, text, value)
            return True
        title, author = self._block.get(_TITLE), self._block.get(_AUTHOR)
        self._block = {}
        if title is None or not title[2]:
            return True  # no title: the block's lines stay as they are
        head = [title, author] if author is not None and author[2] else [title]
        for line, printed, said in head:
            self.lines[line] = FieldLine(_label(printed, said))
        parts = (*(said for _, _, said in head), *([value] if value else []))
        self.lines[number] = FieldLine(_label(text, value), parts)
        self._echo, self._reach = (title[2], author[2] if author else ""), _ECHO_REACH
        return True

    def _read_echo(self, number: int, text: str) -> bool:
        if self._echo is None or self._reach <= 0:
            return False
        self._reach -= 1
        title, author = self._echo
        said = bool(author) and text.startswith(author)
        if text == title or (said and _AUTHOR_DATE.fullmatch(text[len(author) :].strip())):
            self.echoes.add(number)
            return True
        return False


def _label(line: str, value: str) -> str:
    """The label of a field line: the line without its value."""
    return line[: len(line) - len(value)].rstrip() if value and line.endswith(value) else line
