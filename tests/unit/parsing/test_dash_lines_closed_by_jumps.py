"""A line of text opening with a dash and run on into a jump to another page: the last line
of the story above, not the next head's kicker."""

from __future__ import annotations

from tests.unit.parsing.helpers import assert_nothing_lost
from worker.parsing import parse_issue
from worker.parsing.furniture import ends_in_jump

PAGE = (
    "河畔人家\n——青河沿岸纪事\n□本报记者柯望川\n青河穿过十几个村庄，养育了两岸的人家。\n村民说起这条河，总是又爱又怕：\n"
    "——汛期一来，田里的秧苗常被冲走……（下转第3版）\n"
    "渡口新貌\n□本报记者方晓舟\n渡口修起了石阶和候船亭。\n"
)


def test_a_dash_line_closed_by_a_jump_stays_in_the_story_above() -> None:
    issue = parse_issue(PAGE)
    first, second = issue.articles
    assert first.paragraphs[-1] == "——汛期一来，田里的秧苗常被冲走……（下转第3版）"
    assert (second.kicker, second.headline) == (None, "渡口新貌")
    assert_nothing_lost(PAGE, issue)


def test_a_jump_alone_or_a_subtitle_does_not_end_in_one() -> None:
    assert not ends_in_jump("（下转第3版）")
    assert not ends_in_jump("——记一座小码头（上）")
    assert ends_in_jump("——一语说尽艰辛……(下转第六版)")
