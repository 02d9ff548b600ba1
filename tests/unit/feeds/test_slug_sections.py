"""Slugs of sections and page labels: every syllable and ASCII run hyphen-separated."""

from __future__ import annotations

import re

import pytest

from feeds.slugs import slugify_section


@pytest.mark.parametrize(
    ("section", "slug"),
    [
        ("卫东新闻", "wei-dong-xin-wen"),
        ("要闻", "yao-wen"),
        ("第05版：卫东新闻", "di-05-ban-wei-dong-xin-wen"),
        ("第０５版", "di-05-ban"),  # full-width digits as printed in some issues
        ("A股 Market2", "a-gu-market2"),
        ("绿色生活", "lv-se-sheng-huo"),  # ü is written v, as pypinyin does
    ],
)
def test_section_slug(section: str, slug: str) -> None:
    assert slugify_section(section) == slug


@pytest.mark.parametrize("text", ["卫东新闻", "第05版：A股", "？！", "", "Zoë·新闻"])
def test_slug_is_lowercase_ascii_words_joined_by_hyphens(text: str) -> None:
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slugify_section(text))


def test_symbols_only_section_falls_back() -> None:
    assert re.fullmatch(r"x-[0-9a-f]{8}", slugify_section("【】"))
