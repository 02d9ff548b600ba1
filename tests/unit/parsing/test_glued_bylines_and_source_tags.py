"""Bylines glued to what is next to them: a web copy's source tag run into the dateline
(`来源：青河日报本报讯（记者 X）…`), the last name run into a crosshead (`… X Y城区…`), a
marked word before a slash byline (`□X 记者 Y/文 Z/图`)."""

from __future__ import annotations

from worker.parsing import parse_issue
from worker.parsing.leads import parse_lead


def test_source_tag_run_into_the_dateline_is_no_person() -> None:
    lead = parse_lead("来源：青河日报本报讯（记者 孙八）近日，全市开展消防检查。")
    assert lead is not None
    assert (lead.dateline, lead.credits.reporters, lead.rest) == (
        "本报讯",
        ("孙八",),
        "近日，全市开展消防检查。",
    )
    assert not lead.credits.others and not lead.credits.unstated
    spaced = parse_lead("来源:青河网 青河网讯（记者 柯望川）近日，新桥通车。")
    assert spaced is not None and spaced.dateline == "青河网讯"
    assert parse_lead("来源：青河日报") is None


def test_source_tagged_dateline_anchors_its_head() -> None:
    issue = parse_issue(
        "全市开展消防检查\n\n来源：青河日报本报讯（记者 孙八）近日，全市开展消防安全检查。\n\n"
        "检查将持续到月底。"
    )
    article = issue.articles[0]
    assert (article.headline, article.dateline, article.reporters) == (
        "全市开展消防检查",
        "本报讯",
        ("孙八",),
    )
    assert article.paragraphs == ("近日，全市开展消防安全检查。", "检查将持续到月底。")


def test_last_name_glued_to_the_crosshead_is_cut_off_it() -> None:
    lead = parse_lead("本报通讯员 赵六 钱七城区“亮点”频现")
    assert lead is not None
    assert lead.credits.correspondents == ("赵六", "钱七")
    assert lead.rest == "城区“亮点”频现"
    three = parse_lead("本报通讯员 柯望川 闵小禾城区“亮点”频现")
    assert three is not None and three.credits.correspondents == ("柯望川", "闵小禾")


def test_glued_word_is_no_name_where_the_split_is_unclear() -> None:
    alone = parse_lead("本报通讯员 赵六城区“亮点”频现")  # no name before it to measure by
    assert alone is None or "赵六" not in alone.credits.correspondents
    sentence = parse_lead("记者 柯望川 韦立的调查显示，全市")
    assert sentence is not None and sentence.credits.reporters == ("柯望川",)
    text = parse_lead("本报记者 柯望川 韦立今天上午，记者来到城区。")  # a sentence, no crosshead
    assert text is not None and text.credits.reporters == ("柯望川",)


def test_crosshead_after_the_glued_byline_is_a_paragraph_of_its_own() -> None:
    issue = parse_issue(
        "城区面貌焕然一新\n\n本报通讯员 赵六 钱七城区“亮点”频现\n\n"
        "今年以来，城区新建公园三座，改造道路十条。"
    )
    article = issue.articles[0]
    assert article.correspondents == ("赵六", "钱七")
    assert article.paragraphs == ("城区“亮点”频现", "今年以来，城区新建公园三座，改造道路十条。")


def test_marked_name_before_a_slash_byline_under_captions() -> None:
    issue = parse_issue(
        "古镇迎来赏花季\n\n游客在油菜花田中拍照留念。\n\n孩子们在花田边放风筝。\n\n"
        "□柯望川 记者 闵小禾/文 许达/图\n\n"
        "临溪县新建十座口袋公园\n\n本报讯（记者 韦立）今年以来，临溪县新建口袋公园十座。"
    )
    photo, story = issue.articles
    assert photo.headline == "古镇迎来赏花季"
    assert set(photo.reporters) == {"闵小禾", "柯望川"} and photo.photographers == ("许达",)
    assert photo.paragraphs == ("游客在油菜花田中拍照留念。", "孩子们在花田边放风筝。")
    assert (story.kicker, story.headline) == (None, "临溪县新建十座口袋公园")


def test_column_name_before_a_slash_byline_is_no_person() -> None:
    lead = parse_lead("□渡口茶话 记者 闵小禾/文 许达/图")
    assert lead is not None and not lead.rest
    assert lead.credits.reporters == ("闵小禾",) and not lead.credits.unstated
    assert lead.credits.photographers == ("许达",)
