"""Pictures numbered `1、` `2、` under one head: each caption closed by its own credit, one
photo item, not one per credit; a numbered list in a story's text is not a photo series."""

from __future__ import annotations

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue
from worker.parsing.captions import opens_numbered, photo_number


def test_bare_number_with_enumeration_comma_numbers_a_picture() -> None:
    assert photo_number("2、5月8日,大桥桥面完成浇筑。") == 2
    assert photo_number("2025年5月8日,大桥桥面完成浇筑。") is None
    assert not opens_numbered("5月8日,大桥桥面完成浇筑。")


def test_numbered_captions_with_own_line_credit_stay_one_item() -> None:
    text = (
        "湖区春耕\n\n1、农机手在田间平整土地。(柯远帆摄)\n\n"
        "2、村民在育秧大棚里查看秧苗长势。\n\n(闵小禾摄)\n"
    )
    issue = parse_issue(text)
    [item] = issue.articles
    assert item.headline == "湖区春耕"
    assert item.photographers == ("柯远帆", "闵小禾")
    assert len(item.paragraphs) == 2
    assert_nothing_lost(text, issue)


def test_numbered_list_in_a_story_is_its_text() -> None:
    text = (
        "社区推出三项便民服务\n\n本报讯（记者 韦立）社区昨日公布三项便民服务：\n\n"
        "1、每周三上午为老人免费理发。\n\n2、每月第一个周六开设家电义修点。\n\n"
        "3、楼道灯损坏可拨打热线报修。\n"
    )
    issue = parse_issue(text)
    [article] = issue.articles
    assert article.reporters == ("韦立",)
    assert article.photographers == ()
    assert article.paragraphs[-1] == "3、楼道灯损坏可拨打热线报修。"
    assert_nothing_lost(text, issue)
