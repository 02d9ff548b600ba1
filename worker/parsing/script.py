"""Traditional characters read as simplified, for matching only.

Pages from Hong Kong, Taiwan and reposting sites print `本報記者謝素德攝` and `通訊員 王銀華`.
The readers of bylines know role words and surnames in simplified form, so a line holding
traditional forms is read through `to_simplified` (one character for one, so positions
agree) and what was found is given back in the characters printed (`restore_lead`): the
stored text keeps its own script. The table holds only the characters of role words,
datelines and the surname table, not a whole conversion.
"""

from __future__ import annotations

import re
from dataclasses import replace

from worker.parsing.byline_text import Lead, Tail
from worker.parsing.credit_values import Credits

_ROLE_PAIRS = (
    "報报記记攝摄訊讯網网員员約约實实習习見见體体駐驻編编輯辑責责圖图導导發发華华聞闻業业"
    "電电審审設设計计據据來来視视頻频譯译臺台專专稿稿綜综聯联"
)
_SURNAME_PAIRS = (
    "張张劉刘謝谢陳陈趙赵錢钱孫孙鄭郑馮冯衛卫蔣蒋韓韩楊杨許许呂吕嚴严吳吴薑姜鄒邹竇窦蘇苏"
    "範范魯鲁韋韦馬马鳳凤鮑鲍費费賀贺湯汤羅罗畢毕鄔邬齊齐顧顾龐庞紀纪項项藍蓝閔闵賈贾婁娄"
    "顏颜鐘钟駱骆萬万繆缪鄧邓鬱郁單单諸诸鈕钮龔龚陸陆榮荣儲储烏乌車车寧宁欒栾厲厉葉叶龍龙"
    "薊蓟懷怀從从賴赖藺蔺喬乔陰阴蒼苍雙双黨党譚谭貢贡勞劳酈郦壽寿邊边郟郏農农溫温莊庄連连"
    "魚鱼終终滿满國国廣广祿禄闕阙東东歐欧師师鞏巩厙厍聶聂闞阚饒饶養养須须豐丰關关荊荆紅红"
    "權权蓋盖盧卢蕭萧黃黄週周鍾钟淩凌應应"
)
_PAIRS = _ROLE_PAIRS + _SURNAME_PAIRS
_TABLE = str.maketrans(_PAIRS[0::2], _PAIRS[1::2])
# `str.translate` looks every character up in a dict: a class search skips simplified lines.
_TRADITIONAL = re.compile(f"[{_PAIRS[0::2]}]")


def to_simplified(text: str) -> str:
    """`text` with the traditional forms of the table made simplified, one for one.

    >>> to_simplified("本報記者謝素德攝")
    '本报记者谢素德摄'
    """
    return text.translate(_TABLE) if _TRADITIONAL.search(text) else text


def restore_lead(lead: Lead | None, key: str, text: str) -> Lead | None:
    """A lead read in `key` (= `to_simplified(text)`), in the characters of `text`."""
    if lead is None:
        return None
    dateline = lead.dateline
    return replace(
        lead,
        dateline=_restore(dateline, key, text) if dateline else dateline,
        credits=_restore_credits(lead.credits, key, text),
        printed=_restore(lead.printed, key, text),
        rest=_restore(lead.rest, key, text),
    )


def restore_tail(tail: Tail | None, key: str, text: str) -> Tail | None:
    """A tail read in `key`, in the characters of `text` (see `restore_lead`)."""
    if tail is None:
        return None
    return replace(
        tail,
        credits=_restore_credits(tail.credits, key, text),
        printed=_restore(tail.printed, key, text),
        rest=_restore(tail.rest, key, text),
    )


def _restore(found: str, key: str, text: str) -> str:
    at = key.find(found) if found else -1
    return text[at : at + len(found)] if at >= 0 else found


def _restore_credits(credits: Credits, key: str, text: str) -> Credits:
    def back(names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_restore(name, key, text) for name in names)

    return Credits(
        back(credits.reporters),
        back(credits.correspondents),
        back(credits.photographers),
        back(credits.interns),
        back(credits.unknown_roles),
        back(credits.editors),
        back(credits.others),
        back(credits.unstated),
    )
