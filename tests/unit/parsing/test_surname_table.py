"""The surname table: rarer and compound surnames are names, common words are not."""

from __future__ import annotations

import pytest

from worker.parsing import parse_issue
from worker.parsing.names import looks_like_name

_ESSAY = (
    "冬日的小站\n\n{name}\n\n那是一个很小的车站，只有一条站台，一间候车室。冬天的早晨，候车室里生着"
    "一只铁炉子，炉子上坐着一把水壶，水开的时候，壶盖会轻轻地跳。我在那里等过很多次车，每次都会想，"
    "这样的小站，大概再过几年就要没有了。\n"
)


@pytest.mark.parametrize("name", ["闾丘晓云", "公羊子安", "淳于青", "眭一苇", "鄢小禾", "谯远"])
def test_a_writer_with_a_rarer_surname_signs_the_piece(name: str) -> None:
    (article,) = parse_issue(_ESSAY.format(name=name)).articles
    assert (article.kicker, article.headline, article.reporters) == (None, "冬日的小站", (name,))


@pytest.mark.parametrize(
    "word",
    ["司空见惯", "东门广场", "南门大桥", "微生物", "濮阳大桥", "来自", "过去", "年底", "母亲",
     "操场", "植树", "历史", "官方", "敬老", "亢奋", "隽永", "鄞州"],
)  # fmt: skip
def test_common_words_are_no_names(word: str) -> None:
    assert not looks_like_name(word)
