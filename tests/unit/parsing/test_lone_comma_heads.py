"""A story stored with its head and text alone: the head may carry a comma."""

from __future__ import annotations

from worker.parsing import parse_issue


def test_a_comma_head_alone_over_a_storys_text_heads_it() -> None:
    issue = parse_issue(
        "青河镇小报办起来,村务公开了\n\n"
        "10月5日上午,记者来到临溪县青河镇,看到公告栏前围着不少村民。小报每两个月出一期,每期印五百份,"
        "全村四百多户人家都能看到。村里的收支、重点项目和各项惠民政策都在报上公布,村民随时可以监督,"
        "有意见也能写信投到村委会的信箱里。\n\n"
        "镇里的干部说,这张小报已经办了两年多。\n"
    )
    (article,) = issue.articles
    assert article.headline == "青河镇小报办起来,村务公开了"
    assert article.paragraphs[0].startswith("10月5日上午")


def test_a_column_cut_at_the_top_of_a_page_stays_text() -> None:
    issue = parse_issue(
        "在反复听取意见的基础上，青河区组\n\n"
        "织各街道逐户开展排查，共走访居民三千余户。\n\n"
        "排查中发现的隐患已全部登记在册。\n"
    )
    assert all(article.headline != "在反复听取意见的基础上，青河区组" for article in issue.articles)
