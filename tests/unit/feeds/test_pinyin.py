"""The packed phrase dictionary gives the readings pypinyin gives: slugs are feed URLs."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys

from feeds import pinyin
from feeds.pinyin import Phrases, lazy_pinyin

# pypinyin itself, with its phrase dictionary loaded as usual, in a process of its own (this
# one imported pypinyin without it).
REFERENCE = """
import json, sys
from pypinyin import Style, lazy_pinyin
texts = json.load(sys.stdin)
print(json.dumps([lazy_pinyin(t, style=Style.NORMAL, errors=lambda c: c) for t in texts]))
"""


def _keep(chunk: str) -> str:
    return chunk


def _reference(texts: list[str]) -> list[list[str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYPINYIN_")}
    result = subprocess.run(
        [sys.executable, "-c", REFERENCE],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    readings: list[list[str]] = json.loads(result.stdout)
    return readings


def _mixed_texts(keys: list[str], count: int) -> list[str]:
    """Runs of phrase pieces, whole phrases, single characters and non-Chinese text: where
    maximum matching must choose between overlapping phrases, or a tail only begins one."""
    rng = random.Random(20261128)
    pieces = ["", "A股", "05", "·", "，", " ", "Zoë", "〇"]
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 4)):
            key = rng.choice(keys)
            start = rng.randrange(len(key))
            parts.append(key[start : rng.randint(start + 1, len(key))])
            parts.append(rng.choice(pieces))
        texts.append("".join(parts))
    return texts


def test_every_phrase_and_mixed_text_read_as_pypinyin_reads_them() -> None:
    keys = list(pinyin._PINYIN._phrases)
    assert len(keys) > 40_000
    texts = keys + _mixed_texts(keys, 20_000)
    ours = [lazy_pinyin(text, errors=_keep) for text in texts]
    theirs = _reference(texts)
    differ = [(t, a, b) for t, a, b in zip(texts, ours, theirs, strict=True) if a != b]
    assert differ[:5] == []


def test_pypinyin_phrase_dictionary_is_not_kept_in_this_process() -> None:
    # The saving this module exists for: pypinyin's own phrase module is gone after packing.
    assert "pypinyin.phrases_dict" not in sys.modules


def test_phrases_answer_membership_and_prefixes() -> None:
    phrases = Phrases({"银行": [["yín"], ["háng"]], "银行卡": [["yín"], ["háng"], ["kǎ"]]})
    assert phrases.find("银") == (False, True)
    assert phrases.find("银行") == (True, True)
    assert phrases.find("银行卡") == (True, True)
    assert phrases.find("银行卡号") == (False, False)
    assert phrases.find("卡") == (False, False)
    assert phrases.find("黑") == (False, False)  # after every key
    assert phrases.reading("银行卡") == [["yín"], ["háng"], ["kǎ"]]
    assert phrases.reading("银") is None


def test_readings_that_the_short_form_cannot_hold_come_back_unchanged() -> None:
    odd = {"甲": [["a b"]], "乙": [[]], "丙": [["[x"]], "丁": [["yī", "yí"]]}
    phrases = Phrases(odd)
    assert {key: phrases.reading(key) for key in odd} == odd
