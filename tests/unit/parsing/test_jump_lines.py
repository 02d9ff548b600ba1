"""Jump lines on a front page (`5版`, `（详见第5版）`, `>>>5版`, `转第3版`, `见A3版`): they
point to the page a teaser's story is on and are never the next page's label; `(上接01版)`
alone over the rest of a story points back to the page it came from."""

from __future__ import annotations

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue
from worker.parsing.furniture import is_furniture, is_jump
from worker.parsing.pages import parse_page_header

FRONT = (
    "第01版：要闻\n\n临溪县新建十座口袋公园\n\n5版\n\n"
    "本报讯（记者 柯望川）今年以来，临溪县新建口袋公园十座。\n\n"
    "青河沿岸步道全线贯通\n\n（详见第3版）\n\n本报讯（记者 韦立）昨日，步道全线贯通。\n\n"
    "第05版：县域\n\n口袋公园里的新去处\n\n本报讯（记者 柯望川）今年以来，公园多了起来。"
)


def test_jump_lines_are_furniture_and_no_page_labels() -> None:
    for line in ("（详见第5版）", ">>>5版", "转第3版", "见A3版", "5版>>>", "下转第2版"):
        assert is_jump(line), line
        assert is_furniture(line), line
        assert parse_page_header(line) is None, line
    for label in ("第5版", "【第2版】", "5版 要闻", "第A05版:要闻", "A05"):
        assert not is_jump(label), label


def test_teaser_heads_keep_their_stories_over_jump_lines() -> None:
    issue = parse_issue(FRONT)
    got = [(a.page, a.headline, a.reporters) for a in issue.articles]
    assert got == [
        (1, "临溪县新建十座口袋公园", ("柯望川",)),
        (1, "青河沿岸步道全线贯通", ("韦立",)),
        (5, "口袋公园里的新去处", ("柯望川",)),
    ]
    assert [(p.number, p.section) for p in issue.pages] == [(1, "要闻"), (5, "县域")]
    assert not issue.unassigned
    assert [f.text for f in issue.furniture] == ["5版", "（详见第3版）"]


def test_bare_page_number_after_an_item_in_a_file_labelled_otherwise_is_a_jump() -> None:
    text = (
        "第01版：要闻\n\n新桥通车\n\n本报讯（记者 柯望川）新桥今天通车。\n\n"
        "5版\n\n新校开学\n\n本报讯 新校开学。"
    )
    issue = parse_issue(text)
    assert [(a.page, a.headline) for a in issue.articles] == [(1, "新桥通车"), (1, "新校开学")]


def test_bare_page_labels_still_label_pages() -> None:
    text = (
        "1版\n\n新桥通车\n\n本报讯（记者 柯望川）新桥今天通车。\n\n"
        "2版\n\n新校开学\n\n本报讯（记者 韦立）新校开学。\n\n"
        "5版 要闻\n\n新馆开放\n\n本报讯 新馆开放。"
    )
    issue = parse_issue(text)
    assert [(a.page, a.headline) for a in issue.articles] == [
        (1, "新桥通车"),
        (2, "新校开学"),
        (5, "新馆开放"),
    ]


def test_bare_page_label_after_a_closing_name_or_byline_still_labels_the_page() -> None:
    for closing in ("柯望川", "记者 柯望川"):
        text = (
            f"1版\n\n新桥通车\n\n本报讯 新桥今天通车。\n\n{closing}\n\n"
            "2版\n\n新校开学\n\n本报讯（记者 韦立）新校开学。"
        )
        issue = parse_issue(text)
        assert [(a.page, a.headline) for a in issue.articles] == [(1, "新桥通车"), (2, "新校开学")]


def test_a_continued_from_line_alone_is_furniture_not_a_headline() -> None:
    # The rest of a front-page story on an inner page: `(上接01版)` alone over its text, then
    # the writers' names. The line points to the page the story came from; no head is there.
    text = "(上接01版)\n\n新修的步道把三个村连了起来,周末来骑行的人一天比一天多。\n\n柯望川 闵 禾"
    issue = parse_issue(text)
    assert [f.text for f in issue.furniture] == ["(上接01版)"]
    assert [(a.headline, a.reporters) for a in issue.articles] == [("", ("柯望川", "闵禾"))]
    assert_nothing_lost(text, issue)
