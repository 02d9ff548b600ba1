"""Page numbers in the names of page files, as papers and e-paper exports write them."""

from __future__ import annotations

import doctest

import pytest

import worker.parsing.filenames
from worker.parsing.filenames import page_from_filename


@pytest.mark.parametrize(
    ("name", "page"),
    [
        ("a01.txt", 1),
        ("A01.txt", 1),
        ("hbrb_RB03.txt", 3),
        ("p2.txt", 2),
        ("page-02.txt", 2),
        ("page02.txt", 2),
        ("02版.txt", 2),
        ("第2版.txt", 2),
        ("x_B07.txt", 7),
        ("2025-01-02-p04.txt", 4),
        ("2025-01-02-p11.txt", 11),
        ("20200529/a01.txt", 1),
        ("in\\20200529-A05.txt", 5),
        ("nmrb_20250630_p07_bianzhean.txt", 7),
        ("zhangzi_1695_p2_qiudongfang.txt", 2),
        ("第C0007版.txt", 7),
    ],
)
def test_a_page_number_in_the_name(name: str, page: int) -> None:
    assert page_from_filename(name) == page


@pytest.mark.parametrize(
    "name",
    [
        "weidong-page.txt",  # the word without a number
        "2020-05-29.txt",  # a date is not a page
        "20200529.txt",
        "photo.txt",
        "report-v2.txt",  # a version
        "bjqnb_20151021_cms_youjia.txt",
        "jrfs_2015-293.txt",
        "p0.txt",  # no page 0
        "",
    ],
)
def test_no_page_in_the_name(name: str) -> None:
    assert page_from_filename(name) is None


def test_a_section_name_of_the_sources_page_table() -> None:
    table = [(1, "要闻"), (2, "城市")]
    assert page_from_filename("2025-01-02-城市.txt", table) == 2
    assert page_from_filename("2025-01-02-体育.txt", table) is None
    assert page_from_filename("城市-a05.txt", table) == 5  # a number in the name wins


def test_the_examples_in_the_docstrings_hold() -> None:
    assert doctest.testmod(worker.parsing.filenames).failed == 0
