"""Credits printed the way features, columns and metro pages print them: a feature's
`专题撰文` lines, a column's name before its writer, a reader-tip note after an end byline
(bracketed, or `线索提供 X` with no bracket), `核实报道`, a photo report's byline run into its
text, a paper's 报道组."""

from __future__ import annotations

import pytest

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue
from worker.parsing.bylines import parse_lead, parse_tail
from worker.parsing.feature_credits import column_writer


def test_a_checked_report_credits_its_reporter_like_baodao() -> None:
    got = parse_lead("记者柯望川核实报道：近日网上流传的消息不实。")
    assert got is not None
    assert got.credits.reporters == ("柯望川",) and got.rest == "近日网上流传的消息不实。"
    got = parse_lead("记者 柯望川 核实报道")
    assert got is not None and got.credits.reporters == ("柯望川",) and not got.rest


def test_a_name_of_four_characters_before_baodao_stays_whole() -> None:
    got = parse_lead("记者欧阳小禾报道：昨日，")
    assert got is not None and got.credits.reporters == ("欧阳小禾",)


def test_photo_report_byline_run_into_the_text_credits_the_photographer() -> None:
    text = (
        "志愿者清理河滩垃圾\n\n"
        "本报记者柯望川摄影报道前天下午，四十多名志愿者来到青河下游清理河滩。\n\n"
        "他们干了两个多小时，装满垃圾十几袋。\n"
    )
    issue = parse_issue(text)
    assert_nothing_lost(text, issue)
    (article,) = issue.articles
    assert article.photographers == ("柯望川",) and article.reporters == ()
    assert article.paragraphs[0] == "前天下午，四十多名志愿者来到青河下游清理河滩。"


def test_feature_credit_lines_under_the_headline_are_no_head_lines() -> None:
    text = (
        "第05版：特别报道\n\n"
        "渡口边的夜校\n\n"
        "专题撰文 本报特派记者 柯望川\n\n"
        "专题摄影 本报记者 闵小禾\n\n"
        "天一黑，渡口边那间旧仓库就亮起了灯。二十多个船工放下缆绳，走进教室。\n\n"
        "“认了字，看航道通知就不用求人了。”老船工韦立说。\n"
    )
    issue = parse_issue(text)
    assert_nothing_lost(text, issue)
    (article,) = issue.articles
    assert (article.kicker, article.headline, article.subtitle) == (None, "渡口边的夜校", None)
    assert article.reporters == ("柯望川",) and article.photographers == ("闵小禾",)
    assert article.kind == "news" and len(article.paragraphs) == 2


@pytest.mark.parametrize(
    ("wrote", "shot"),
    [("撰文 柯望川", "摄影 闵小禾"), ("专题撰文 本报特派记者 柯望川", "专题摄影 本报记者 闵小禾")],
)
def test_writer_and_photo_lines_closing_a_feature(wrote: str, shot: str) -> None:
    text = (
        "渡口边的夜校\n\n"
        "天一黑，渡口边那间旧仓库就亮起了灯。\n\n"
        "“认了字，看航道通知就不用求人了。”老船工韦立说。\n\n"
        f"{wrote}\n\n"
        f"{shot}\n"
    )
    issue = parse_issue(text)
    assert_nothing_lost(text, issue)
    (article,) = issue.articles
    assert article.reporters == ("柯望川",) and article.photographers == ("闵小禾",)


def test_a_columns_name_before_its_writer_is_no_person() -> None:
    for byline in ("□渡口茶话 柯望川", "渡口茶话 柯望川"):
        text = (
            "老码头的早茶\n\n"
            f"{byline}\n\n"
            "码头边那家茶铺开了快四十年，天不亮就坐满了人。\n\n"
            "掌柜闵大伯说，铺子里的茶碗还是他父亲那辈传下来的。\n"
        )
        issue = parse_issue(text)
        assert_nothing_lost(text, issue)
        (article,) = issue.articles
        assert (article.kicker, article.headline) == (None, "老码头的早茶"), byline
        assert article.reporters == ("柯望川",) and article.other_credits == (), byline


def test_a_head_line_naming_a_person_is_no_column_and_writer() -> None:
    assert column_writer("春耕正当时 柯家村") is None  # the village the headline is about
    text = (
        "青河各界举行纪念活动\n\n"
        "缅怀 闵立新\n\n"
        "昨日，青河各界群众来到烈士陵园，缅怀闵立新烈士。\n\n"
        "活动持续了一整天。\n\n"
        "记者 柯望川\n"
    )
    issue = parse_issue(text)
    assert_nothing_lost(text, issue)
    (article,) = issue.articles
    assert (article.kicker, article.headline) == ("青河各界举行纪念活动", "缅怀 闵立新")
    assert article.reporters == ("柯望川",)


def test_a_papers_reporting_desk_signs_with_its_members() -> None:
    for byline in ("报道组 柯望川 闵小禾 报道", "本报报道组 柯望川 闵小禾"):
        text = (
            "抢收抢种不误农时\n\n"
            f"{byline}\n\n"
            "连日来，青河县各乡镇抢晴天收麦子，收割机在田间来回穿梭。\n\n"
            "县里派出农技人员，帮助农户抢种玉米。\n"
        )
        issue = parse_issue(text)
        assert_nothing_lost(text, issue)
        (article,) = issue.articles
        assert (article.kicker, article.headline) == (None, "抢收抢种不误农时"), byline
        assert article.reporters == ("柯望川", "闵小禾") and article.other_credits == ()


def test_reader_tip_note_after_the_closing_byline_credits_no_tipster() -> None:
    text = (
        "货车侧翻 交警连夜疏导\n\n"
        "前晚十点多，一辆满载西瓜的货车在青河大桥引桥侧翻，西瓜滚了一地。\n\n"
        "交警赶到后疏导车辆，两个小时后道路恢复通行。\n\n"
        "记者 柯望川(报料人:闵女士;线索费:80元)\n"
    )
    issue = parse_issue(text)
    assert_nothing_lost(text, issue)
    (article,) = issue.articles
    assert article.reporters == ("柯望川",)
    assert article.other_credits == () and article.kind == "news"
    assert article.paragraphs[-1] == "交警赶到后疏导车辆，两个小时后道路恢复通行。"


@pytest.mark.parametrize("indent", ["", "  "])
def test_web_title_with_an_ascii_comma_over_a_caption_and_indented_text(indent: str) -> None:
    text = (
        "江堤夜色美,健走人群多\n\n"
        f"{indent}傍晚时分，市民沿着修缮一新的江堤散步健走。\n\n"
        "  入秋以来，江堤步道每晚都聚满了散步、健走的市民。\n\n"
        "  “现在灯亮了，走着也安心。”家住江边的柯女士说。\n"
    )
    issue = parse_issue(text)
    assert_nothing_lost(text, issue)
    (article,) = issue.articles
    assert article.headline == "江堤夜色美,健走人群多"
    assert article.paragraphs[0] == "傍晚时分，市民沿着修缮一新的江堤散步健走。"


def test_a_flush_first_line_over_flush_text_is_still_a_paragraph() -> None:
    text = (
        "在广泛宣传的基础上,全县组\n\n"
        "织了二十场培训，参加者两千多人。\n\n"
        "培训结束后，各村开展了自查。\n"
    )
    issue = parse_issue(text)
    assert all(article.headline != "在广泛宣传的基础上,全县组" for article in issue.articles)


def test_reader_tip_note_after_a_byline_closing_the_last_paragraph() -> None:
    got = parse_tail("…两个小时后道路恢复通行。记者 柯望川(报料人:闵女士;线索费:80元)")
    assert got is not None and got.credits.reporters == ("柯望川",)
    assert got.rest == "…两个小时后道路恢复通行。" and got.credits.others == ()
    assert parse_tail("他说完就走了(时间:昨日)") is None  # no byline before the note


@pytest.mark.parametrize(
    "text",
    [
        "本报讯（报道组 柯望川 闵小禾）昨日，",
        "本报讯 报道组 柯望川 闵小禾 报道 昨日，",
        "本报讯 本报报道组 柯望川 闵小禾报道：昨日，",
    ],
)
def test_a_desks_byline_after_the_dateline(text: str) -> None:
    got = parse_lead(text)
    assert got is not None and got.dateline == "本报讯"
    assert got.credits.reporters == ("柯望川", "闵小禾") and got.rest == "昨日，"


def test_a_desk_alone_in_the_bracket_signs_as_a_body() -> None:
    got = parse_lead("本报讯（本报报道组）昨日，")
    assert got is not None and got.credits.others == ("本报报道组",) and got.rest == "昨日，"


@pytest.mark.parametrize(
    ("text", "reporters", "photographers"),
    [
        ("记者 柯望川 核实报道：近日网上流传", ("柯望川",), ()),
        ("记者柯望川 通讯员闵小禾核实报道：近日网上流传", ("柯望川",), ()),
        ("本报记者 柯望川 摄影报道：近日网上流传", (), ("柯望川",)),
        ("本报记者柯望川摄影报道：近日网上流传", (), ("柯望川",)),
    ],
)
def test_how_it_was_reported_before_the_colon_and_the_text(
    text: str, reporters: tuple[str, ...], photographers: tuple[str, ...]
) -> None:
    got = parse_lead(text)
    assert got is not None and got.rest == "近日网上流传"
    assert got.credits.reporters == reporters and got.credits.photographers == photographers


def test_reader_tip_note_after_a_bracketed_byline_on_its_line() -> None:
    got = parse_lead("（记者 柯望川）(报料人:闵女士;线索费:80元)")
    assert got is not None and got.credits.reporters == ("柯望川",) and got.rest == ""


def test_unbracketed_tipster_after_a_closing_byline_credits_no_one() -> None:
    # A metro page flattened into one paragraph, closed by the writer's `文/图` byline and
    # then the reader who tipped the paper off (`线索提供 X`), with no bracket.
    text = (
        "第A05版:热线\n\n"
        "本报讯 昨天上午,东湖路一处窨井盖缺了一角,过往行人不得不绕行。 "
        "附近商户说,井盖已经坏了半个月。 市政部门接到反映后,当天下午就换上了新井盖。 "
        "晚报记者 柯望川 文/图 线索提供 闵大年\n"
    )
    issue = parse_issue(text)
    assert [a.headline for a in issue.articles] == [""]
    article = issue.articles[0]
    assert article.reporters == ("柯望川",) and article.photographers == ("柯望川",)
    assert "闵大年" not in article.reporters + article.other_credits
    assert article.paragraphs[-1].endswith("换上了新井盖。")
    assert_nothing_lost(text, issue)
    got = parse_tail("…恢复通行。 记者 柯望川 线索提供:闵女士")
    assert got is None or "闵女士" not in got.credits.reporters


@pytest.mark.parametrize(
    "line",
    [
        "青都记者 柯望川 闵小禾 文/图",
        "N青都记者 柯望川 闵小禾 文/图",
        "□青都记者 柯望川 闵小禾 文/图",
    ],
)
def test_a_papers_short_name_before_its_role_and_a_closing_wrote_and_shot(line: str) -> None:
    # A metro paper signs with its short name before the role (not ending in 报), the names,
    # then `文/图`: both wrote and shot. Its mark may come out of a font as a capital letter.
    got = parse_lead(line)
    assert got is not None and not got.rest
    assert got.credits.reporters == ("柯望川", "闵小禾")
    assert got.credits.photographers == ("柯望川", "闵小禾")
