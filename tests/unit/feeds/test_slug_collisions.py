"""Two people (or sections) with the same slug get distinct, stable paths."""

from __future__ import annotations

from feeds.slugs import slugify_name, unique_slug


def test_free_slug_is_kept() -> None:
    assert unique_slug("zhao-yan", {"wang-menghe"}) == "zhao-yan"


def test_taken_slug_gets_numbered_suffix() -> None:
    assert unique_slug("zhao-yan", {"zhao-yan"}) == "zhao-yan-2"


def test_suffix_skips_numbers_already_taken() -> None:
    assert unique_slug("zhao-yan", ["zhao-yan", "zhao-yan-2", "zhao-yan-3"]) == "zhao-yan-4"


def test_homophone_names_collide_and_are_separated() -> None:
    # 赵炎 and 赵岩 are different people with the same toneless pinyin.
    first = slugify_name("赵炎")
    second = unique_slug(slugify_name("赵岩"), {first})
    assert first == "zhao-yan"
    assert second == "zhao-yan-2"
