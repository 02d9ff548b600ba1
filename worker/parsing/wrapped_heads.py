"""Headline lines cut before an object: a verb at a line's end waiting for the next line."""

from __future__ import annotations

import re

# A line ending in a verb that needs its object: `省城利用边角地建成` / `三座口袋公园`.
# A kicker is a phrase of its own (`稳字当头 进中求新`), so it rarely ends in one of these.
OPEN_VERBS = re.compile(
    r"(?:建成|开展|召开|举行|举办|推进|实现|加快|打造|启动|发布|出台|签署|迎来|完成|获得|荣获|"
    r"成为|走进|助力|推动|部署|深化|落实|强化|构建|开通|新增|突破|达到|跻身|入选|亮相|上线)$"
)
# Verbs whose object is people: `柯省长回信勉励` / `旅居海外的青河籍乡亲`. A kicker ending in
# one would leave out whom (a speech verb's kicker is whole: `…调研时强调`), so the next line
# is its object even when it is a longer phrase naming them.
_PEOPLE_VERBS = re.compile(r"(?:勉励|慰问|看望|会见|接见|祝贺|问候|致敬|寄语|致信|回信|表彰)$")
_PEOPLE_OBJECT = 12  # characters of such an object at most
# A short line of Han characters over a short quoted term alone on the next line: `渔网拉起` /
# `“湖鱼双丰”` is one head printed on two lines; a main headline is more than a quoted word.
_SHORT_HEAD = re.compile(r"[\u4e00-\u9fff]{2,6}")
_QUOTED_TERM = re.compile(r"“[\u4e00-\u9fff]{2,6}”")

# A short line ending in a verb and the direction it goes (跨出, 融入, 捧回) over a short line
# with no verb: `柯翔跨出` / `省运三连冠` is one head cut before its object. A kicker is a whole
# phrase; one ending so would stop before where the move goes. Words that end in the same
# characters are whole: nouns (收入, 支出, 演出, 投入, 输出, 日出), `脱颖而出`, `量入为出`;
# 进 closes idioms too often (`稳中求进`) to tell.
_DIRECTED = re.compile(r"[\u4e00-\u9fff]{1,4}(?![收支演投输日而为])[\u4e00-\u9fff][出入回]")
_BARE_OBJECT = re.compile(r"[\u4e00-\u9fff0-9]{2,8}")
_ASPECT = "了着过"  # `…回来了`: the line has its own verb and is done


def _directed_object(line: str, following: str) -> bool:
    """Is `following` where the move at the end of `line` goes (`柯翔跨出` / `省运三连冠`)?"""
    if not (_DIRECTED.fullmatch(line) and _BARE_OBJECT.fullmatch(following)):
        return False
    return following[-1] not in _ASPECT and OPEN_VERBS.search(following) is None


def wants_object(line: str, following: str) -> bool:
    """True when `following` is the object `line` was cut before (one headline on two lines).

    >>> wants_object("渔网拉起", "“湖鱼双丰”"), wants_object("冬捕开幕", "“头鱼”拍出好价钱")
    (True, False)
    >>> wants_object("柯省长回信勉励", "旅居海外的青河籍乡亲")
    True
    >>> wants_object("柯翔跨出", "省运三连冠"), wants_object("夜市重开", "烟火气回来了")
    (True, False)
    """
    if _PEOPLE_VERBS.search(line):
        return len(following) <= _PEOPLE_OBJECT and OPEN_VERBS.search(following) is None
    if _directed_object(line, following):
        return True
    return bool(_SHORT_HEAD.fullmatch(line) and _QUOTED_TERM.fullmatch(following))
