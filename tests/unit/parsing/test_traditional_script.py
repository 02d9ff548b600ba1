"""Pages printed in traditional characters: role words and surnames read as simplified for
matching, while every stored string keeps the characters printed."""

from __future__ import annotations

from worker.parsing import parse_issue
from worker.parsing.script import to_simplified
from worker.parsing.units import Unit


def test_mapping_is_one_for_one() -> None:
    text = "海峽網訊(濱海報業全媒體記者 陸嘉禾 通訊員 蕭文)"
    assert len(to_simplified(text)) == len(text)
    assert to_simplified("通訊員") == "通讯员"
    assert to_simplified("本报记者") == "本报记者"


def test_glued_photo_credit_keeps_the_printed_name() -> None:
    unit = Unit.read(1, "夜市重新開張。本報記者鄧思遠攝")
    assert unit.tail is not None
    assert unit.tail.credits.photographers == ("鄧思遠",)
    assert unit.tail.rest == "夜市重新開張。"
    assert unit.tail.printed == "本報記者鄧思遠攝"


def test_site_dateline_with_reporter_and_correspondent() -> None:
    text = (
        "碼頭新航線啟用\n\n"
        "海峽網訊(濱海報業全媒體記者 陸嘉禾 通訊員 蕭文)昨日上午，首班客輪離港。\n"
    )
    article = parse_issue(text).articles[0]
    assert article.headline == "碼頭新航線啟用"
    assert article.dateline == "海峽網訊"
    assert article.reporters == ("陸嘉禾",)
    assert article.correspondents == ("蕭文",)
    assert article.paragraphs == ("昨日上午，首班客輪離港。",)


def test_padded_traditional_photo_credit() -> None:
    unit = Unit.read(1, "張銳 攝")
    assert unit.tail is not None and unit.tail.credits.photographers == ("張銳",)
