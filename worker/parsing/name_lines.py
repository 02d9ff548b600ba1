"""Lines that are nothing but a byline with no role word: names (`盛亭 明红`, `祁勇郑少忠`),
a collective author (`本报评论员`) or a sign-off (`——编  者`)."""

from __future__ import annotations

import re
import unicodedata

from worker.parsing.byline_text import (
    _NOT_IN_BARE_NAME,
    _NOTE,
    BYLINE_MARKS,
    Lead,
    match_decoration,
)
from worker.parsing.credit_values import Credits
from worker.parsing.headlines import CAPTION_MARKS
from worker.parsing.names import is_personal, looks_like_name, split_names
from worker.parsing.signoffs import written_up
from worker.parsing.subtitles import PRESENCE_VERB, is_marked_caption

__all__ = ["marked_name_into_text", "parse_name_line"]


# A line that signs an item without a person: `本报评论员` over a commentary (or a paper's own
# under its name: `青河日报评论员`, `滨江日报特约评论员`), the desk that signs a notice to
# readers (`本报编辑部`), `——编  者` under an editor's note.
_COLLECTIVE = re.compile(
    r"(?:本报|本刊|[\u4e00-\u9fff]{2,6}(?:报|社|网|台))?(?:特约)?评论员|(?:本报|本刊)编辑部"
)
_SIGN_OFF = re.compile(r"[—－\-─]{1,2}\s*编\s*者")
_SIGNED_ENDS = ("评论员", "编辑部", "者")
_NOTE_AT_END = re.compile(f"(?:{_NOTE.pattern})$")


def parse_name_line(text: str) -> Lead | None:
    """A line that is only a byline with no role word: one to four names (`盛亭 明红`,
    `□ 闫政平`, `祁勇郑少忠`), a collective author (`本报评论员`) or a sign-off (`——编  者`); a
    note of the writer's unit may follow the names (`张晓燕（城东区实验小学）`).

    Whether such a line is a byline depends on where it stands (under a headline, or closing
    an item): the caller decides; this only reads it.

    >>> parse_name_line("祁勇郑少忠").credits.unstated, parse_name_line("——编  者").credits.others
    (('祁勇', '郑少忠'), ('编者',))
    """
    if text.endswith("整理"):  # `陈南整理`: a sign-off with the name glued to its role
        return written_up(text, glued=True)
    decoration = match_decoration(text)
    words = text[decoration.end() :] if decoration else text
    # `_COLLECTIVE` ends in 评论员 or 编辑部, `_SIGN_OFF` in 者: most lines end otherwise.
    if words.endswith(_SIGNED_ENDS) and (
        _COLLECTIVE.fullmatch(words) or _SIGN_OFF.fullmatch(words)
    ):
        author = "编者" if _SIGN_OFF.fullmatch(words) else words
        return Lead(None, Credits(others=(author,)), text, "")
    if "实习" in words:
        return _with_interns(text, words)
    note = _NOTE_AT_END.search(words) if words[-1:] in "）)" else None
    if note is not None and note.start() > 0 and not is_marked_caption(words):
        # `张晓燕（城东区实验小学）`: the writer's unit after the name is the byline's too
        # (`柯望川(资料图)` captions the person's picture).
        words = words[: note.start()].rstrip()
    if len(words) > 16 or not _HAN_ONLY.fullmatch(words):
        return None
    # Han characters alone (no dot, no space) are one run: most headline lines.
    glued = len(words) > _MAX_GLUED if words.isalpha() else _glued_run(words)
    if glued:
        return None  # `柯立新当选青河商会会长` is a headline, whatever its characters
    names = split_names(words, strict=True)
    if names is None or not 1 <= len(names) <= 4 or not all(map(is_personal, names)):
        return None
    if any(_NOT_IN_BARE_NAME.search(name) for name in names):
        return None  # `卫东区开展` is a headline, not 卫东 + 区开展
    if PRESENCE_VERB.search(words):
        return None  # `柯立新出席`: who attended, under a meeting's headline, signs nothing
    return Lead(None, Credits(unstated=tuple(names)), text, "")


# `郑一帆  闵小禾(实习)`: a web record's closing names, the intern's marked after the name.
_INTERN_MARK = re.compile(r"\s*[（(]实习生?[）)]")


def _with_interns(text: str, words: str) -> Lead | None:
    marks = list(_INTERN_MARK.finditer(words))
    if not marks:
        return None
    plain = parse_name_line(_INTERN_MARK.sub(" ", words).strip())
    if plain is None or not plain.credits.unstated:
        return None
    names = plain.credits.unstated
    # Each mark follows the name it credits; the names are read in printed order.
    ends = [len(_INTERN_MARK.sub(" ", words[: m.start()]).split()) - 1 for m in marks]
    interns = tuple(names[k] for k in ends if 0 <= k < len(names))
    if len(interns) != len(marks):
        return None
    rest = tuple(name for name in names if name not in interns)
    return Lead(None, Credits(unstated=rest, interns=interns), text, "")


_HAN_ONLY = re.compile(r"[\u4e00-\u9fff·\s]+")
# A transliterated name keeps its middle dot: `诺罗敦·西哈努克` under a headline.
_DOTTED = re.compile(r"[\u4e00-\u9fff]{1,5}·[\u4e00-\u9fff]{1,5}")
_MAX_GLUED = 6  # two names printed with no space between: `祁勇郑少忠`, `甘晓明李少波`


def _glued_run(words: str) -> bool:
    """A run of more characters than two names printed together, not a dotted name."""
    return any(len(run) > _MAX_GLUED and not _DOTTED.fullmatch(run) for run in words.split())


def is_writer_mark(char: str) -> bool:
    """A byline's box mark: `□`, or any sign of the symbol blocks (arrows to dingbats) an
    archive sets there (`☉柯望川`), but not a caption's pointer (`▲`).

    >>> is_writer_mark("☉"), is_writer_mark("▲"), is_writer_mark("《")
    (True, False, False)
    """
    if char in BYLINE_MARKS:
        return True
    symbol = "\u2190" <= char <= "\u2bff" and unicodedata.category(char) in ("So", "Sm")
    return symbol and char not in CAPTION_MARKS


_MARKED_NAME = re.compile(r"[\u4e00-\u9fff]{2,3}")


def marked_writer(text: str) -> Lead | None:
    """`□ 郇小雨`, `■ 亓婷 郇雨`: one or two names behind a byline's box mark, read whatever
    their surname (the table lacks rare ones). The mark says it signs the item; whether it
    stands where a byline does (under a headline, over text that does not name it) is the
    caller's call (`placed_names._column_writer`).

    >>> marked_writer("□ 郇小雨").credits.unstated, marked_writer("□ 筑牢防线")
    (('郇小雨',), None)
    """
    if not is_writer_mark(text[:1]):
        return None
    words = text[1:].split()
    if not 1 <= len(words) <= 2 or not all(_MARKED_NAME.fullmatch(word) for word in words):
        return None  # `■ 筑牢防线`: a subhead's phrase is longer than a name
    if any(_NOT_IN_BARE_NAME.search(word) or not is_personal(word) for word in words):
        return None
    return Lead(None, Credits(unstated=tuple(words)), text, "")


# A writer's name under a mark, then the text after a space: `□ 柯望川 那年冬天，…` where a
# flattened copy ran the own-line `□ 柯望川` into the first paragraph; a web copy's hyphen
# stands for the signature's dash (`-柯望川 那年冬天，…`). The text may open with a figure
# (`□柯望川 30年前，…`).
_MARKED_INTO_TEXT = re.compile(
    r"(?:[□■]|[-－])\s*([\u4e00-\u9fff]{2,3})\s+(?=[\u4e00-\u9fff“0-9０-９])"
)
_MIN_TEXT = 20  # what follows must be a paragraph, with a finished sentence in it


def marked_name_into_text(text: str) -> Lead | None:
    m = _MARKED_INTO_TEXT.match(text)
    if m is None or not is_personal(name := m.group(1)):
        return None
    # The signature's dash vouches for a pen name with no surname (`-长风`); a box mark
    # also opens subheads, so the name after it must start with a surname.
    dashed = text[0] in "-－" and _NOT_IN_BARE_NAME.search(name) is None
    if not (dashed or looks_like_name(name)):
        return None
    rest = text[m.end() :]
    if len(rest) < _MIN_TEXT or "。" not in rest[: _MIN_TEXT * 5]:
        return None  # `■ 柯望川 让荒山变绿的人`: a marked subhead naming its subject
    return Lead(None, Credits(unstated=(name,)), text[: m.end()].strip(), rest)
