"""A box of labelled facts (`时间:上午8时` / `地点:东岭村`) and the colon headline over it."""

from __future__ import annotations

import re

# The short labels a box of facts uses: when, where, who, who runs it, how to reach them.
FACT_LABELS = frozenset(
    {
        "时间", "日期", "地点", "地址", "地区", "人物", "对象", "主办", "承办", "协办",
        "主题", "内容", "电话", "热线", "联系人", "网址", "邮箱", "票价", "费用", "价格",
        "嘉宾", "主讲", "主讲人", "主持", "主持人", "拍摄者", "拍摄", "天气", "气温",
        "蹲点地区", "蹲点时间", "体验单位", "体验岗位", "路线", "范围", "人数",
    }
)  # fmt: skip
_LABEL = re.compile(r"([\u4e00-\u9fff]{2,4})[:：]")


def fact_label(text: str) -> bool:
    """Does `text` open with a fact box's label (`时间:`, `地点：`)?"""
    match = _LABEL.match(text)
    return match is not None and match.group(1) in FACT_LABELS


def heads_box(text: str, below: list[str]) -> bool:
    """Is `text` (`村官:今天我值班`) the headline over the fact lines `below` rather than
    one more of them? Its label is none a box uses, while every line under it opens with one."""
    return bool(below) and not fact_label(text) and all(fact_label(line) for line in below)
