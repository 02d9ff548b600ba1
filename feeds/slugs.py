"""URL slugs for feed paths: pinyin for Chinese names and sections, ASCII kept, never empty.

Rules (stable: a slug is part of a subscriber's feed URL, so changing them breaks feeds):

- ``slugify_name``: a personal name becomes ``<surname>-<given>``: 王孟鹤 → ``wang-menghe``,
  欧阳修 → ``ouyang-xiu``. Compound surnames (欧阳, 司马 ...) and the surnames whose reading
  differs from the everyday one (单 shan, 曾 zeng, 解 xie ...) come from the tables below,
  because the installed pypinyin has no surname dictionary.
- ``slugify_section``: every pinyin syllable and every ASCII letter/digit run is its own
  hyphen-separated part: 卫东新闻 → ``wei-dong-xin-wen``, 第05版 → ``di-05-ban``.
- Anything that yields no ASCII letter or digit falls back to ``x-<8 hex of sha1>``.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Collection

from feeds.pinyin import lazy_pinyin

# Two-character surnames; the value is the reading used in the slug.
COMPOUND_SURNAMES: dict[str, str] = {
    "欧阳": "ouyang",
    "司马": "sima",
    "诸葛": "zhuge",
    "上官": "shangguan",
    "东方": "dongfang",
    "皇甫": "huangfu",
    "司徒": "situ",
    "司空": "sikong",
    "夏侯": "xiahou",
    "慕容": "murong",
    "令狐": "linghu",
    "宇文": "yuwen",
    "长孙": "zhangsun",
    "尉迟": "yuchi",
    "万俟": "moqi",
    "公孙": "gongsun",
    "轩辕": "xuanyuan",
    "端木": "duanmu",
    "独孤": "dugu",
    "南宫": "nangong",
    "西门": "ximen",
    "澹台": "tantai",
    "呼延": "huyan",
    "申屠": "shentu",
    "百里": "baili",
    "钟离": "zhongli",
    "闻人": "wenren",
    "赫连": "helian",
    "淳于": "chunyu",
    "太史": "taishi",
    "公冶": "gongye",
    "濮阳": "puyang",
    "第五": "diwu",
}

# Single-character surnames read differently from the character's common reading
# (pypinyin gives 单 dan, 曾 ceng, 解 jie, 仇 chou, 朴 pu, 区 qu, 翟 di, 覃 tan ...).
SURNAME_READINGS: dict[str, str] = {
    "单": "shan",
    "曾": "zeng",
    "解": "xie",
    "仇": "qiu",
    "朴": "piao",
    "区": "ou",
    "查": "zha",
    "盖": "ge",
    "乐": "yue",
    "翟": "zhai",
    "覃": "qin",
    "缪": "miao",
    "秘": "bi",
    "宓": "mi",
    "种": "chong",
    "折": "she",
    "繁": "po",
    "员": "yun",
    "华": "hua",
    "任": "ren",
    "冼": "xian",
    "召": "shao",
    "燕": "yan",
    "纪": "ji",
    "句": "gou",
    "过": "guo",
    "郇": "xun",
    "卜": "bu",
    "薄": "bo",
    "沈": "shen",
    "柏": "bai",
    "黑": "he",
}

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ASCII_RUN = re.compile(r"[a-z0-9]+")


def _ascii_fold(text: str) -> str:
    """Lower-case ASCII for a non-Chinese chunk: ``Zoë Ａ1`` → ``zoe a1`` (accents dropped)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _parts(text: str) -> list[str]:
    """The slug parts of a text: one per pinyin syllable, one per ASCII letter/digit run."""
    # NFKC first so that full-width ``０５`` and ``Ａ`` count as ASCII.
    text = unicodedata.normalize("NFKC", text)
    chunks = lazy_pinyin(text, errors=lambda chunk: chunk)
    parts: list[str] = []
    for chunk in chunks:
        parts.extend(_ASCII_RUN.findall(_ascii_fold(chunk)))
    return parts


def _fallback(text: str) -> str:
    """``x-<8 hex>``: a stable slug for text without any letter or digit we can keep."""
    return "x-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def _join(parts: list[str], text: str) -> str:
    slug = "-".join(p for p in parts if p)
    return slug or _fallback(text)


@functools.lru_cache(maxsize=1024)
def slugify_section(text: str) -> str:
    """Slug for a section or page name: every syllable and ASCII run hyphen-separated.

    >>> slugify_section("卫东新闻")
    'wei-dong-xin-wen'
    >>> slugify_section("第05版：A股")
    'di-05-ban-a-gu'
    """
    return _join(_parts(text), text)


def _split_surname(name: str) -> tuple[str, str]:
    """``(surname reading, given name)`` for an all-Chinese name, surname tables first."""
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        return COMPOUND_SURNAMES[name[:2]], name[2:]
    first, given = name[0], name[1:]
    reading = SURNAME_READINGS.get(first)
    if reading is None:
        reading = "".join(_parts(first))
    return reading, given


@functools.lru_cache(maxsize=8192)  # the same few hundred names come with every issue
def slugify_name(text: str) -> str:
    """Slug for a personal name: ``<surname>-<given name syllables joined>``.

    >>> slugify_name("王孟鹤")
    'wang-menghe'
    >>> slugify_name("欧阳修")
    'ouyang-xiu'
    >>> slugify_name("曾国藩")
    'zeng-guofan'

    A name that is not purely Chinese (``John Smith``, ``阿依古丽·买买提``) is slugged with the
    section rule, so nothing is guessed about which part is the surname.
    """
    name = "".join(unicodedata.normalize("NFKC", text).split())
    if len(name) < 2 or not all(_HAN.fullmatch(c) for c in name):
        return slugify_section(text)
    surname, given = _split_surname(name)
    given_slug = "".join(_parts(given))
    return _join([surname, given_slug], text)


def unique_slug(base: str, taken: Collection[str]) -> str:
    """``base`` if it is free, else the first free ``base-2``, ``base-3`` ...

    >>> unique_slug("zhao-yan", {"zhao-yan", "zhao-yan-2"})
    'zhao-yan-3'
    """
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
