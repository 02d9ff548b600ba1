"""Which stored credits name a person: publishing credits only those, whatever the parser
kept, so a reader never sees a role or layout word as an article's author."""

from __future__ import annotations

import re

# 2–4 Han characters (compound surnames give four), or a name joined by a middle dot
# (`阿不都·热合曼`): the shapes worker.parsing.names accepts as names.
_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,6}(?:·[\u4e00-\u9fff]{1,8}){1,2}")
# Words of roles, layout and sources, never part of a person's name: a photo labelled
# `图片新闻` over `摄影` can come out as the credit `新闻（摄影）`.
_NOT_A_PERSON = re.compile(
    r"记者|通讯员|实习生|摄影|摄像|编辑|责编|美编|编者|评论员|特约|本报|图片|图文|视频|新闻|报道"
    r"|发布|日报|晚报|报社|新华|中新|客户端|供图|提供|来源|消息|微信|融媒"
)


def is_person_name(name: str) -> bool:
    """True for a credited name shaped like a person's and holding no role or source word.

    >>> [is_person_name(n) for n in ("王孟鹤", "阿不都·热合曼", "新闻", "本报记者", "")]
    [True, True, False, False, False]
    """
    name = name.strip()
    return _NAME.fullmatch(name) is not None and _NOT_A_PERSON.search(name) is None
