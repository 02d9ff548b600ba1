"""A paper's short name before 记者 on a credit, a label naming the paper and its page code,
and a copy that sets a space before every comma and full stop."""

from __future__ import annotations

from worker.parsing import parse_bytes
from worker.parsing.headlines import ends_sentence
from worker.parsing.leads import parse_lead
from worker.parsing.pages import PageHeader, parse_page_header
from worker.parsing.short_papers import short_paper_byline
from worker.parsing.tails import parse_tail
from worker.parsing.units import _runin


def test_short_paper_name_on_its_own_line_is_a_byline() -> None:
    lead = parse_lead("海川记者 郁晓峰 报道")
    assert lead is not None and not lead.rest
    assert lead.credits.reporters == ("郁晓峰",)


def test_short_paper_name_run_on_after_a_caption_is_a_closing_byline() -> None:
    for gap in ("", " ", "   "):
        tail = parse_tail(f"1月9日,园林工人正在扶正香樟。{gap}海川记者 韦青 报道")
        assert tail is not None, gap
        assert tail.credits.reporters == ("韦青",)
        assert tail.rest == "1月9日,园林工人正在扶正香樟。"
    glued = parse_tail("1月9日,一名骑手推着电动车送餐。海川记者韦青 报道")
    assert glued is not None and glued.credits.reporters == ("韦青",)


def test_a_name_shaped_word_before_the_role_is_no_short_paper() -> None:
    assert short_paper_byline("柯望记者 韦青 报道") is None
    assert short_paper_byline("海川记者来到现场") is None
    assert parse_tail("路口排起长队。随后记者来到现场") is None


def test_paper_name_and_hyphened_page_code_label_the_page() -> None:
    assert parse_page_header("海川日报 -B05-雪中坚守") == PageHeader(5, "雪中坚守")
    assert parse_page_header("海川都市报-临溪新闻记者") is None


def test_photo_package_under_a_coded_label_is_one_credited_item() -> None:
    text = (
        "海川日报 -B05-雪中坚守\n\n风雪夜,他们在路上\n\n"
        "1月9日,滨江大道上,养护工人正在清扫积雪。\n海川记者 郁晓峰 报道\n\n"
        "1月9日,石桥路口民警在指挥车辆缓行。 海川记者 林知远 报道\n"
    )
    issue = parse_bytes(text.encode())
    (article,) = issue.articles
    assert article.page == 5 and article.headline == "风雪夜,他们在路上"
    assert article.reporters == ("郁晓峰", "林知远")


def test_no_run_in_head_ends_at_a_space_before_a_comma_or_full_stop() -> None:
    line = "巷口卖糖画和风筝的摊位一家挨着一家 , 孩子们围着摊主看他画龙 , 一条老街热闹非凡 。"
    assert _runin(line) == 0
    assert _runin("好心人归还钱包 市民柯岚:前天傍晚,我在公交站等车时把钱包落在长椅上了。") == 7


def test_spaced_full_stop_before_a_closing_quote_ends_the_sentence() -> None:
    assert ends_sentence("他说 , “ 人多也不乱 。 ”")
    assert not ends_sentence("他说 , “ 人多也不乱 ”")
