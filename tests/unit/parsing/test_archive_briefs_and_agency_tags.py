"""Archive pages of short items: numbered briefs one line each (`1. 头` / text / `2. 头`), a
news agency's tag closing an item (`(云帆社)`), the front page's field (`版面:头版`), names
run into 报道 after a dateline (`本报讯 X、Y报道:`), a pen name glued after the last
sentence (`…定下来。小岚`)."""

from __future__ import annotations

from worker.parsing import parse_issue
from worker.parsing.glued_names import parse_glued_name
from worker.parsing.leads import parse_lead
from worker.parsing.names import agency_tag
from worker.parsing.numbered_briefs import next_numbered_head
from worker.parsing.pages import parse_page_header
from worker.parsing.tails import parse_tail


def test_numbered_briefs_one_line_each_are_items_of_their_own() -> None:
    issue = parse_issue(
        "第 2 版\n1. 北岭渡口恢复通航\n北岭渡口十日恢复通航,每天开行八个班次。\n"
        "2. 临溪茶市开张\n临溪茶市九日开张,首日成交新茶两吨。\n"
        "3. 海川湾出现海豚群\n渔民说,海豚群在海川湾停留了两个小时。"
    )
    assert [a.headline for a in issue.articles] == [
        "1. 北岭渡口恢复通航",
        "2. 临溪茶市开张",
        "3. 海川湾出现海豚群",
    ]
    assert [len(a.paragraphs) for a in issue.articles] == [1, 1, 1]


def test_numbered_crossheads_under_a_plain_head_stay_its_text() -> None:
    issue = parse_issue(
        "青河老城改造有了新进展\n本报讯 老城改造今年分两步推进。\n"
        "1. 加装电梯\n今年全区已有四十栋楼加装了电梯。\n"
        "2. 改造管网\n老城的雨污管网将在年底前全部分流。"
    )
    assert len(issue.articles) == 1
    assert issue.articles[0].headline == "青河老城改造有了新进展"
    assert "1. 加装电梯" in issue.articles[0].paragraphs


def test_next_number_needs_the_same_mark_and_the_number_before() -> None:
    assert next_numbered_head("9. 甲地新闻", "10. 乙地新闻")
    assert not next_numbered_head("1、甲地新闻", "2. 乙地新闻")
    assert not next_numbered_head(None, "2. 乙地新闻")


def test_agency_tag_closing_an_item_is_an_other_credit() -> None:
    tail = parse_tail("渔船上九人全部获救。(云帆社)")
    assert tail is not None
    assert tail.credits.others == ("云帆社",)
    assert not tail.credits.unstated and not tail.credits.reporters
    assert agency_tag("综合云帆社") is None and agency_tag("柯林") is None
    issue = parse_issue("北岭湾渔船获救\n\n一艘渔船十日在北岭湾触礁,九人全部获救。（柯林社）")
    article = issue.articles[0]
    assert (article.kind, article.reporters, article.other_credits) == ("news", (), ("柯林社",))


def test_front_page_field_is_the_page_label() -> None:
    front, third = parse_page_header("版面:头版"), parse_page_header("版面：第3版")
    assert front is not None and third is not None
    assert (front.number, front.section, third.number) == (1, None, 3)
    assert parse_page_header("版面:头版头条") is None
    issue = parse_issue("版面:头版\n\n青石岛新建观测塔\n\n本报讯 观测塔昨天建成。")
    assert (issue.articles[0].kicker, issue.articles[0].page) == (None, 1)


def test_names_run_into_reporting_after_a_dateline_are_reporters() -> None:
    lead = parse_lead("本报讯 贝晓岚、邝一舟报道:青石岛气象站站长柯望川守岛十年。")
    assert lead is not None
    assert (lead.dateline, lead.credits.reporters, lead.rest) == (
        "本报讯",
        ("贝晓岚", "邝一舟"),
        "青石岛气象站站长柯望川守岛十年。",
    )
    unnamed = parse_lead("本报讯 全师官兵报道:…")
    assert unnamed is not None and not unnamed.credits


def test_pen_name_glued_after_the_last_sentence_is_the_writer() -> None:
    tail = parse_glued_name("…名单现在还没有定下来。小岚")
    assert tail is not None and tail.credits.unstated == ("小岚",)
    assert parse_glued_name("…大家都搬进了新小区。小区") is None
    assert parse_glued_name("…现在还没有定下来。小") is None


def test_column_tag_over_a_head_of_clauses_is_no_headline() -> None:
    issue = parse_issue(
        "棋坛短波\n\n海川棋院开设少儿班,“学多久,学什么”家长最关心\n\n"
        "本报讯海川棋院昨天宣布,下月起开设少儿围棋班。\n\n棋院负责人说,报名的人很多。\n\n"
        "临溪象棋公开赛收官\n\n本报讯临溪象棋公开赛昨天收官。"
    )
    first = issue.articles[0]
    assert (first.kicker, first.subtitle) == (None, None)
    assert first.headline == "海川棋院开设少儿班,“学多久,学什么”家长最关心"
    assert "棋坛短波" in [m.text for m in issue.markup]


def test_short_line_run_on_under_text_in_a_block_is_no_head() -> None:
    issue = parse_issue(
        "边关哨所写春联\n\n本报讯 哨所官兵写了几副春联。\n\n"
        "上联 守哨所,风雪为伴,谁解其中苦?\n在万家灯火的团圆里\n\n横批 乐守边关\n\n"
        "下联 站高岗,星月作灯,何处是归程?\n在千里之外的家乡\n\n横批 心系家国\n\n"
        "这些春联贴在哨所的门口。"
    )
    assert [a.headline for a in issue.articles] == ["边关哨所写春联"]
    assert "在万家灯火的团圆里" in "".join(issue.articles[0].paragraphs)
