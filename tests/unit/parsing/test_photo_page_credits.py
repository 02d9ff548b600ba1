"""Photo pages: how a caption's head and its photographer's credit are laid out."""

from __future__ import annotations

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue


def test_marked_credit_set_off_by_spaces_after_the_caption() -> None:
    caption = "9月3日，南屏镇的农户正在收割稻谷，稻谷下旬就能全部入仓。"
    text = f"秋收开镰\n\n{caption}          ■ 摄影 记者 柯青禾"
    issue = parse_issue(text)
    (article,) = issue.articles
    assert (article.kind, article.photographers) == ("photo", ("柯青禾",))
    assert article.paragraphs == (caption,)
    assert_nothing_lost(text, issue)


def test_marked_byline_after_the_last_sentence() -> None:
    text = "标题甲\n\n本报讯 正文写到这里。 ● 记者 柯青禾"
    (article,) = parse_issue(text).articles
    assert article.reporters == ("柯青禾",)


def test_title_with_the_exports_id_and_date_is_the_headline() -> None:
    text = "雪夜清路 12,806 2023年12月21日\n\n城区积雪已清扫干净。\n\n本报通讯员 柯望川 摄"
    issue = parse_issue(text)
    (article,) = issue.articles
    assert (article.headline, article.photographers) == ("雪夜清路", ("柯望川",))
    assert [f.text for f in issue.furniture] == ["12,806 2023年12月21日"]
    assert_nothing_lost(text, issue)
