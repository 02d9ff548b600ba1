"""Sign-off lines crediting whoever wrote an item up (`林青 整理`) under readers' letters."""

from __future__ import annotations

from worker.parsing import parse_issue
from worker.parsing.leads import parse_lead
from worker.parsing.signoffs import written_up

LETTERS = (
    "第06版：读者来信\n\n巷口的灯又亮了\n\n市民钱女士:巷口的灯坏了,隔天就换上了新灯泡。\n\n"
    "{first}\n\n河边多了木椅\n\n市民罗先生:临溪河边装上了木椅,老人能歇歇脚。\n\n{second}\n"
)


def test_a_name_then_written_up_is_a_reporter() -> None:
    for line in ("林青 整理", "林  青 整理"):
        lead = written_up(line)
        assert lead is not None and lead.credits.reporters == ("林青",), line
        assert (lead.printed, lead.rest) == (line, "")
    lead = written_up("林青、陈南 整理")
    assert lead is not None and lead.credits.reporters == ("林青", "陈南")


def test_a_name_glued_to_written_up_is_read_only_where_its_place_says() -> None:
    assert written_up("林青整理") is None
    lead = written_up("林青整理", glued=True)
    assert lead is not None and lead.credits.reporters == ("林青",)


def test_what_is_no_name_before_written_up_credits_no_one() -> None:
    for line in ("资料整理", "文字整理", "王女士 整理", "整理", "青河县档案馆资料室 整理"):
        assert written_up(line) is None, line
    assert parse_lead("资料整理") is None


def test_each_sign_off_closes_the_letter_above_it() -> None:
    issue = parse_issue(LETTERS.format(first="林青 整理", second="陈南 整理"))
    first, second = issue.articles
    assert (first.headline, first.reporters) == ("巷口的灯又亮了", ("林青",))
    assert (second.kicker, second.headline, second.reporters) == (None, "河边多了木椅", ("陈南",))
    assert second.paragraphs == ("市民罗先生:临溪河边装上了木椅,老人能歇歇脚。",)
    assert [a.kind for a in issue.articles] == ["news", "news"]
    assert not issue.unassigned


def test_glued_and_role_first_sign_offs_close_their_letters() -> None:
    for first, second in (("林青整理", "陈南整理"), ("整理 林青", "整理：陈南")):
        a, b = parse_issue(LETTERS.format(first=first, second=second)).articles
        assert (a.reporters, b.kicker, b.reporters) == (("林青",), None, ("陈南",)), first
        assert all("整理" not in p for p in a.paragraphs + b.paragraphs)


def test_a_head_ending_in_written_up_over_text_stays_a_head() -> None:
    issue = parse_issue("档案资料整理\n\n青河县档案馆近日完成了老档案的整理工作。（记者 柯望川）\n")
    (article,) = issue.articles
    assert (article.headline, article.reporters) == ("档案资料整理", ("柯望川",))


def test_a_word_glued_to_written_up_under_a_head_stays_the_head() -> None:
    issue = parse_issue("青河图书馆新事\n\n古籍整理\n\n馆里的三百多册老书修好了,明年开放。\n")
    (article,) = issue.articles
    assert (article.kicker, article.headline, article.reporters) == (
        "青河图书馆新事",
        "古籍整理",
        (),
    )


def test_a_crosshead_ending_in_written_up_stays_text() -> None:
    text = "青河图书馆新事\n\n本报讯（记者 柯立）馆里的老书修好了。\n\n车间整理\n\n旧机器搬走了。\n"
    (article,) = parse_issue(text).articles
    assert article.reporters == ("柯立",)
    assert article.paragraphs == ("馆里的老书修好了。", "车间整理", "旧机器搬走了。")
