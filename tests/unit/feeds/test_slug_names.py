"""Slugs of personal names: ``<surname>-<given name>`` in toneless pinyin."""

from __future__ import annotations

import pytest

from feeds.slugs import slugify_name


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("王孟鹤", "wang-menghe"),
        ("赵炎", "zhao-yan"),
        ("古国凡", "gu-guofan"),
        ("魏国伟", "wei-guowei"),
    ],
)
def test_reporters_names(name: str, slug: str) -> None:
    assert slugify_name(name) == slug


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("欧阳修", "ouyang-xiu"),
        ("司马光", "sima-guang"),
        ("诸葛亮", "zhuge-liang"),
        ("上官婉儿", "shangguan-waner"),
        ("东方明", "dongfang-ming"),
        ("皇甫嵩", "huangfu-song"),
    ],
)
def test_compound_surname_is_one_word(name: str, slug: str) -> None:
    assert slugify_name(name) == slug


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("单雄信", "shan-xiongxin"),  # pypinyin alone says dan
        ("曾国藩", "zeng-guofan"),  # ceng
        ("解缙", "xie-jin"),  # jie
        ("仇英", "qiu-ying"),  # chou
        ("朴槿惠", "piao-jinhui"),  # pu
        ("翟志刚", "zhai-zhigang"),  # di
    ],
)
def test_surname_reading_differs_from_common_reading(name: str, slug: str) -> None:
    assert slugify_name(name) == slug


def test_spaces_inside_a_name_are_ignored() -> None:
    assert slugify_name("王 孟鹤") == "wang-menghe"


def test_non_chinese_name_uses_every_part() -> None:
    assert slugify_name("John Smith") == "john-smith"
    assert slugify_name("阿依古丽·买买提") == "a-yi-gu-li-mai-mai-ti"


def test_accents_are_folded() -> None:
    assert slugify_name("Zoë") == "zoe"


@pytest.mark.parametrize("name", ["", "？？", "·", "\x00"])
def test_name_without_letters_gets_a_stable_fallback(name: str) -> None:
    slug = slugify_name(name)
    assert slug.startswith("x-")
    assert len(slug) == 10
    assert slug == slugify_name(name)


def test_different_unsluggable_names_get_different_fallbacks() -> None:
    assert slugify_name("？") != slugify_name("！")
