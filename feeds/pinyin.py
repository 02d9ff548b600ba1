"""Pinyin for slugs: pypinyin's readings, with its phrase dictionary held in two strings.

pypinyin keeps its ~47,000 phrases as Python lists of lists plus a set of every prefix,
~45 MB in each process that imports it (a worker's parent, scheduler and pool children all
do). Here the same phrases are one sorted string of keys and one of JSON readings, ~2 MB,
searched by bisection; segmentation and conversion are pypinyin's own, so the readings are
the same as ``pypinyin.lazy_pinyin`` (a test compares them on every phrase).
"""

from __future__ import annotations

import bisect
import json
import os
import sys
from array import array
from collections.abc import Callable, Iterator

# pypinyin's documented switch: without it, importing pypinyin loads the phrase dictionary
# (and copies the single-character one) into this process, which is what this module is for
# avoiding. Set before the first import; a process that imported pypinyin earlier still
# gets the same readings here, only without the saving.
os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")

from pypinyin import Style
from pypinyin.constants import RE_HANS
from pypinyin.converter import UltimateConverter
from pypinyin.core import Pinyin
from pypinyin.seg.simpleseg import simple_seg


class Phrases:
    """pypinyin's phrases, sorted, as one string of keys and one of readings.

    >>> p = Phrases({"银行": [["yín"], ["háng"]], "银": [["yín"]]})
    >>> p.find("银行"), p.find("银"), p.find("行")
    ((True, True), (True, True), (False, False))
    >>> p.reading("银行")
    [['yín'], ['háng']]
    """

    def __init__(self, phrases: dict[str, list[list[str]]]) -> None:
        keys = sorted(phrases)
        readings = [_encode(phrases[k]) for k in keys]
        self._keys, self._key_starts = _pack(keys)
        self._readings, self._reading_starts = _pack(readings)
        self._count = len(keys)

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: int) -> str:
        # A sequence of the keys for bisect; slices of the one string, made on demand.
        starts = self._key_starts
        return self._keys[starts[index] : starts[index + 1]]

    def find(self, word: str) -> tuple[bool, bool]:
        """``(is a phrase, begins some phrase)``: the two questions pypinyin's segmenter asks
        of its dictionary and of its prefix set."""
        index = bisect.bisect_left(self, word)
        if index == self._count:
            return False, False
        key = self[index]
        return key == word, key.startswith(word)

    def reading(self, word: str) -> list[list[str]] | None:
        """The phrase's readings as pypinyin stores them (tone marks), or None."""
        index = bisect.bisect_left(self, word)
        if index == self._count or self[index] != word:
            return None
        starts = self._reading_starts
        return _decode(self._readings[starts[index] : starts[index + 1]])


def _encode(reading: list[list[str]]) -> str:
    """``[["yín"], ["háng", "xíng"]]`` → ``yín háng,xíng``; JSON for anything that would not
    come back the same (none of pypinyin's phrases, but the format should not decide)."""
    text = " ".join(",".join(syllables) for syllables in reading)
    if not text.startswith("[") and _decode(text) == reading:
        return text
    return json.dumps(reading, ensure_ascii=False)


def _decode(text: str) -> list[list[str]]:
    if text.startswith("["):
        decoded: list[list[str]] = json.loads(text)
        return decoded
    return [syllables.split(",") for syllables in text.split(" ")]


def _pack(items: list[str]) -> tuple[str, array[int]]:
    """One string of ``items`` and the offset where each starts (plus one for the end)."""
    starts = array("I", [0])
    total = 0
    for item in items:
        total += len(item)
        starts.append(total)
    return "".join(items), starts


def _load_phrases() -> Phrases:
    # pypinyin's phrases module loads its JSON on import; it is imported only to be packed
    # and then dropped, so that its objects are freed rather than kept beside the packing.
    module_name = "pypinyin.phrases_dict"
    already = module_name in sys.modules
    from pypinyin import phrases_dict as module

    phrases = Phrases(module.phrases_dict)
    if not already:
        del sys.modules[module_name]
        import pypinyin

        delattr(pypinyin, "phrases_dict")
    return phrases


class _Converter(UltimateConverter):
    """pypinyin's converter, reading phrases from `Phrases` instead of its dictionary."""

    def __init__(self, phrases: Phrases) -> None:
        super().__init__()
        self._phrases = phrases

    def _phrase_pinyin(
        self,
        phrase: str,
        style: Style,
        heteronym: bool,
        errors: Callable[[str], str] | str,
        strict: bool,
    ) -> list[list[str]]:
        found = self._phrases.reading(phrase)
        if found is not None:
            return found
        readings: list[list[str]] = []
        for han in phrase:
            readings.extend(self._single_pinyin(han, style, heteronym, errors, strict))
        return readings


class _Pinyin(Pinyin):
    def __init__(self, phrases: Phrases) -> None:
        super().__init__(_Converter(phrases))
        self._phrases = phrases

    def get_seg(self, **_: object) -> Callable[[str], list[str]]:
        return self._segment

    def _segment(self, text: str) -> list[str]:
        # pypinyin's default: split Chinese from the rest, then cut each Chinese run into
        # phrases by forward maximum matching.
        words: list[str] = []
        for chunk in simple_seg(text):
            if RE_HANS.match(chunk):
                words.extend(self._cut(chunk))
            else:
                words.append(chunk)
        return words

    def _cut(self, text: str) -> Iterator[str]:
        """pypinyin's strict forward maximum matching (``mmseg.seg``), quirks included: the
        longest phrase starting here is one word, else the first character is; a tail that
        only begins phrases, and is none, falls apart into single characters."""
        remain = text
        while remain:
            longest = 0
            for end in range(1, len(remain) + 1):
                is_phrase, begins_phrase = self._phrases.find(remain[:end])
                if not begins_phrase:
                    break
                if is_phrase:
                    longest = end
            else:
                if longest:
                    yield remain[:longest]
                    remain = remain[longest:]
                    continue
                yield from remain
                return
            step = longest or 1
            yield remain[:step]
            remain = remain[step:]


_PINYIN = _Pinyin(_load_phrases())


def lazy_pinyin(text: str, errors: Callable[[str], str]) -> list[str]:
    """``pypinyin.lazy_pinyin(text, style=Style.NORMAL, errors=errors)``, same readings.

    >>> lazy_pinyin("银行行长", errors=lambda chunk: chunk)
    ['yin', 'hang', 'hang', 'zhang']
    """
    readings: list[str] = _PINYIN.lazy_pinyin(text, style=Style.NORMAL, errors=errors)
    return readings
