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


def wants_object(line: str, following: str) -> bool:
    """True when `following` is the object `line` was cut before (one headline on two lines).

    >>> wants_object("渔网拉起", "“湖鱼双丰”"), wants_object("冬捕开幕", "“头鱼”拍出好价钱")
    (True, False)
    >>> wants_object("柯省长回信勉励", "旅居海外的青河籍乡亲")
    True
    """
    if _PEOPLE_VERBS.search(line):
        return len(following) <= _PEOPLE_OBJECT and OPEN_VERBS.search(following) is None
    return bool(_SHORT_HEAD.fullmatch(line) and _QUOTED_TERM.fullmatch(following))
