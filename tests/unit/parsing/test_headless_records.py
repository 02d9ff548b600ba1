"""Records stored without their head: the text over the dateline opens the story, a portal's
lead-in run into the dateline (or set off by a space) is cut off it, and an uncredited story
under a head is news."""

from __future__ import annotations

from worker.parsing import parse_issue
from worker.parsing.flattened import split_lead_in


def test_a_lead_in_run_into_the_dateline_is_cut_off() -> None:
    text = "想去海岛的读者有了新去处。青河晨报讯（记者 王川 通讯员 李明）新航线昨日开通，每周两班。"
    assert split_lead_in(text) == (
        "想去海岛的读者有了新去处。",
        "青河晨报讯（记者 王川 通讯员 李明）新航线昨日开通，每周两班。",
    )


def test_a_reposts_attribution_run_into_the_dateline_is_cut_off() -> None:
    text = "青河生活网据东湖晚报报道，东湖晚报讯（记者孟川）今年以来，东湖区加装电梯四十二部。"
    assert split_lead_in(text) == (
        "青河生活网据东湖晚报报道，",
        "东湖晚报讯（记者孟川）今年以来，东湖区加装电梯四十二部。",
    )


def test_the_lead_in_does_not_keep_the_headline_from_its_dateline() -> None:
    issue = parse_issue(
        "老旧小区加装电梯提速\n\n"
        "青河生活网据东湖晚报报道，东湖晚报讯（记者孟川）今年以来，东湖区加装电梯四十二部。\n"
    )
    (article,) = issue.articles
    assert (article.headline, article.dateline, article.reporters) == (
        "老旧小区加装电梯提速",
        "东湖晚报讯",
        ("孟川",),
    )


def test_another_papers_report_quoted_in_a_paragraph_is_no_dateline() -> None:
    text = "消息传开后，市民议论纷纷。据青河晨报讯（本地新闻），新航线昨日开通，每周两班。"
    assert split_lead_in(text) == (text,)


def test_the_lead_in_of_a_flattened_repost_opens_its_story() -> None:
    issue = parse_issue(
        "每天挤公交进城的市民，是否常在站台久等？好消息来了。东湖晚报讯（记者 孟川 通讯员 葛小禾）"
        "城西至市中心的公交快线下月开通。 据介绍，快线全程只停六站。\n"
    )
    assert not issue.unassigned
    (article,) = issue.articles
    assert (article.dateline, article.reporters, article.correspondents) == (
        "东湖晚报讯",
        ("孟川",),
        ("葛小禾",),
    )
    assert article.paragraphs[0] == "每天挤公交进城的市民，是否常在站台久等？好消息来了。"


def test_a_caption_over_a_headless_records_dateline_is_its_first_paragraph() -> None:
    issue = parse_issue(
        "昨日，新码头迎来首批货轮。资料图片/青河图库\n\n"
        "江州日报讯（记者周晓岚）昨日上午，港区新建的集装箱码头正式启用。\n"
    )
    assert not issue.unassigned
    (article,) = issue.articles
    assert article.reporters == ("周晓岚",)
    assert article.paragraphs[0] == "昨日，新码头迎来首批货轮。资料图片/青河图库"


def test_an_uncredited_story_under_its_head_is_news() -> None:
    lead = (
        "随着气温连日走低，全市居民和工商业用气量较上月增长近四成，日供气量连续五天创下今年新高。"
        "燃气公司已于本周一启动冬季保供预案，并从邻省调入两批应急气源，确保早晚高峰时段管网供气"
        "压力稳定，居民用户的正常用气不受影响。"
    )
    issue = parse_issue(f"全市冬季用气高峰提前到来\n\n{lead}\n")
    assert [a.kind for a in issue.articles] == ["news"]


def test_a_short_uncredited_caption_under_a_head_stays_a_photo() -> None:
    issue = parse_issue("老街夜市重新开张\n\n5月2日晚，市民在老街夜市的摊前品尝小吃。\n")
    assert [a.kind for a in issue.articles] == ["photo"]


_LEAD = (
    "入夏以来，临溪县城的夜市一天比一天热闹，老街两旁的摊位从傍晚一直排到河边，烤串、凉粉和"
    "手工糖画的香味飘出好几条街，下班的市民、放假的学生和外地游客都愿意来这里走一走、坐一坐，"
    "不少摊主说生意比去年好了不少。"
)


def test_a_features_first_crosshead_under_its_headless_lead_is_no_headline() -> None:
    issue = parse_issue(
        f"{_LEAD}\n\n{_LEAD}\n\n"
        "老街夜市又热闹起来\n\n"
        "傍晚六点，摊主周小梅已经支好了她的糖水摊。\n\n"
        "“今年客人多，每晚能卖两百多碗。”她笑着说。\n\n"
        "夜市管理还要跟上\n\n"
        "县城管局表示，将在夜市周边增设垃圾桶和临时车位。\n\n"
        "（临溪日报记者 吴青禾 文/图）\n"
    )
    assert not issue.unassigned
    (article,) = issue.articles
    assert not article.headline
    assert article.reporters == ("吴青禾",)
    assert article.paragraphs[2] == "老街夜市又热闹起来"


def test_head_groups_inside_a_headless_feature_closed_by_one_credit_are_crossheads() -> None:
    issue = parse_issue(
        "临溪和东湖隔江相望，两地往来已有上百年。\n\n"
        "两地怎样携手，把各自的长处连成一片？\n\n"
        "昨日召开的座谈会给出了答案。\n\n"
        "交通互联\n\n两岸新修三座大桥\n\n从隔江相望到半小时通勤\n\n"
        "三座大桥年底前全部通车，两地车程缩短一半。\n\n"
        "今后，两地还将开通城际公交。\n\n"
        "产业互补\n\n东湖的码头临溪的园区\n\n让货物就近出江入海\n\n"
        "东湖的码头货运繁忙，临溪的园区厂房林立。\n\n"
        "两地将共建物流园，货物不出园区就能装船。\n\n"
        "青河晨报记者 王川 李明 实习生 赵小禾\n"
    )
    assert not issue.unassigned
    (article,) = issue.articles
    assert not article.headline
    assert article.reporters == ("王川", "李明")
    assert article.interns == ("赵小禾",)
    assert "两岸新修三座大桥" in article.paragraphs


def test_head_groups_with_no_headless_prose_above_stay_apart() -> None:
    issue = parse_issue(
        "交通互联\n\n两岸新修三座大桥\n\n从隔江相望到半小时通勤\n\n"
        "三座大桥年底前全部通车，两地车程缩短一半。\n\n"
        "今后，两地还将开通城际公交。\n\n"
        "产业互补\n\n东湖的码头临溪的园区\n\n让货物就近出江入海\n\n"
        "东湖的码头货运繁忙，临溪的园区厂房林立。\n\n"
        "两地将共建物流园，货物不出园区就能装船。\n\n"
        "青河晨报记者 王川 李明\n"
    )
    assert [a.headline for a in issue.articles] == ["两岸新修三座大桥", "东湖的码头临溪的园区"]


def test_a_caption_and_a_dateline_joined_by_a_space_in_a_flattened_copy() -> None:
    # A web copy joins a picture's caption and the paragraphs with single spaces: the caption,
    # a space, then the dateline and its `文/图` byline. The byline credits the item.
    text = (
        "读者在书展入口排队等候。 本报讯(记者 柯望川 文/图)昨天上午,第三届青河读书节开幕,"
        "四十多家书店设摊。 开幕当天,主会场人来人往。"
    )
    issue = parse_issue(text)
    assert len(issue.articles) == 1
    article = issue.articles[0]
    assert (article.dateline, article.reporters) == ("本报讯", ("柯望川",))
    assert article.photographers == ("柯望川",)
    assert article.paragraphs[0] == "读者在书展入口排队等候。"
