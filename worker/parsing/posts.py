"""Quoted posts: `@晴天的小雨:小区停车费一下涨了一百，真是的！` in a story's text."""

from __future__ import annotations

import re

# A handle after `@`, a colon, then the post: `@城北老街坊：…`, `@river_li: …`. The handle
# runs up to the colon with no space, so `@` in a sentence (`发邮件@某部门`) is not one.
_POST = re.compile(r"[@＠][\w·.\-]{1,24}\s?[:：]\s*\S")


def is_post(text: str) -> bool:
    """Does `text` quote a micro-blog post (`@某网友:真是的!`)? It is a line of the story's
    text, never a headline or a kicker, however short.

    >>> is_post("@城北老街坊:真是的!")
    True
    >>> is_post("@城北老街坊")
    False
    >>> is_post("记者核实")
    False
    """
    return _POST.match(text) is not None
