"""A portal's record: its long title marked `(图)` heads the text, the paper's name glued to
the date is furniture, and a caption's photo credit broken over lines closes the caption."""

from __future__ import annotations

from worker.parsing import parse_issue

_RECORD = (
    "临溪老桥封闭检修，绕行公交增开三条线路，早高峰车流分散；市民称出行比预想顺畅(图)\n\n"
    "青河晨报2019-08-14\n"
    "07:30清晨，公交车在临时站台前依次停靠，乘客排队上车。青河晨报记者\n"
    "周明远\n"
    "摄\n"
    "晨报讯\n"
    "记者周明远\n"
    "老桥封闭检修的第一个工作日，城区交通没有出现大面积拥堵。记者在几个路口看到，交警在"
    "现场疏导车流，新开的三条公交线路每隔十分钟发一班车。\n"
    "“比我想的好走多了。”在站台等车的市民孙晓云说。\n"
)


def test_a_portal_titles_picture_mark_heads_its_record() -> None:
    issue = parse_issue(_RECORD)
    (article,) = issue.articles
    assert article.headline == (
        "临溪老桥封闭检修，绕行公交增开三条线路，早高峰车流分散；市民称出行比预想顺畅(图)"
    )


def test_the_papers_name_glued_to_the_date_is_furniture() -> None:
    issue = parse_issue(_RECORD)
    assert [f.text for f in issue.furniture] == ["青河晨报2019-08-14"]


def test_a_photo_credit_broken_over_lines_credits_the_same_article() -> None:
    (article,) = parse_issue(_RECORD).articles
    assert article.photographers == ("周明远",)
    assert article.reporters == ("周明远",)
