"""A desk's name before one bare name in a closing bracket credit."""

from __future__ import annotations

from worker.parsing import parse_issue


def test_a_desk_before_a_bare_name_closes_the_item_with_its_writer() -> None:
    issue = parse_issue(
        "临溪县文化下乡走进白沙村\n\n"
        "日前，临溪县组织文艺小分队走进白沙村，为村民送去戏曲和电影。\n\n"
        "活动现场，村民们热情高涨，掀起了移风易俗的新风尚。（县融媒体中心 柯小禾）\n"
    )
    (article,) = issue.articles
    assert article.reporters == ("柯小禾",)
    assert article.paragraphs[-1].endswith("新风尚。")
