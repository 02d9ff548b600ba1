"""Page header lines (`第05版：卫东新闻`, `A05版 要闻`, `【第2版】`): page number and section."""

from __future__ import annotations

import re
from dataclasses import dataclass

from worker.parsing.headlines import is_headline_line

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_MAX_HEADER = 48  # a header is short; longer lines are text that mentions a page
# Before the page: an e-paper's issue number (`1695 期 / 第2版:2`) or the archive's title
# line (`1951年9月15日人民日报 第1版`).
# `第8123期:第01版 首版`, `总第1234期 : 第02版`: the issue's running number before the page.
_PREFIX = (
    r"(?:(?:总?第\s*)?[0-9０-９]{1,5}\s*期\s*[/／|｜:：,，]?\s*"
    # `2023年07月12日 第B05版:…`: the date alone, or with a weekday or the paper's name.
    r"|(?:19|20)[0-9]{2}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日\s*(?:[\u4e00-\u9fff]{2,12}\s*)?"
    r"|(?:19|20)[0-9]{2}(?P<dsep>[-./])[0-9]{1,2}(?P=dsep)[0-9]{1,2}\s+"
    # `当前版:06版`, `版面:05版:…`: an e-paper's field naming the page on show.
    r"|(?:当前版|版面)\s*[:：]\s*)?"
)
_HEADER = re.compile(
    _PREFIX + r"[=＝\-—─【\[]*\s*"
    # Some papers print a two-letter edition code: `第RB01版: 日报01版`.
    r"(?:第\s*)?(?P<letter>[A-Za-zＡ-Ｚ]{0,2})[\-－]?\s*"
    # Some e-papers pad the number with zeros to five digits: `第00005版:微播报`.
    # A letter after the number names a part of the page: `第7B版:社区`.
    r"[0０]*(?P<number>[0-9０-９]{1,4}|[〇零一二三四五六七八九十]{1,3})[A-Za-z]?\s*版"
    # `第3版(国际)`, `第1版()`, `第5版(国内专页(教科文))`: the section in brackets.
    r"(?:\s*[（(](?P<paren>[^（()）]{0,16}(?:[（(][^（()）]{0,12}[）)])?[^（()）]{0,8})[）)])?"
    r"(?P<sep>\s*(?:[:：|｜·•/／\-—】\]]\s*)?)"
    # `第02版 本版：综合`: the section named after a field label.
    r"(?:本版\s*[:：]\s*)?"
    # A section named with its part runs longer: `第 03 版：青河新貌・沿江两岸的古镇新村`.
    r"(?P<section>(?:[^=＝\]】\s:：。，！？·・]{1,8}[·・])?"
    r"[^=＝\]】\s:：。，！？]{0,12}(?:\s[^=＝\]】\s:：。，！？]{1,12})?)"
    r"\s*[=＝\-—─】\]]*"
)
# An edition letter and page number alone on a line: `A05`, `B07`; or with the page's
# section after a colon or a space, as an e-paper's page tab prints it: `A11:封面报道`,
# `A08 城事`.
_BARE = re.compile(
    # An edition code of one or two letters, maybe framed or hyphened: `A-05 要闻`, `【A05】要闻`,
    # `JR02 今日热点`, `A05 | 要闻`.
    # Some archives put the code in brackets: `(GA01) 封面`.
    r"[【(（]?(?P<letter>[A-Z]{1,2})[\-－]?(?P<number>[0-9]{2})[】)）]?"
    r"(?:(?:\s*[:：|｜\-—·]\s*|\s+|(?<=[】)）]))(?P<section>[\u4e00-\u9fff·]{2,6}))?"
    # One digit only with the section: `A1:要闻`.
    r"|(?P<letter1>[A-Z])(?P<number1>[1-9])\s*[:：]\s*(?P<section1>[\u4e00-\u9fff·]{2,6})"
)


@dataclass(frozen=True, slots=True)
class PageHeader:
    """What a page header line says."""

    number: int
    section: str | None


def parse_page_header(text: str) -> PageHeader | None:
    """Read a whole line as a page header, or return None.

    >>> parse_page_header("第05版：卫东新闻")
    PageHeader(number=5, section='卫东新闻')
    >>> parse_page_header("=== 第2版 社会 ===")
    PageHeader(number=2, section='社会')
    >>> parse_page_header("第5版(国内专页(教科文))")
    PageHeader(number=5, section='国内专页(教科文)')
    """
    if len(text) > _MAX_HEADER:
        return None
    if text[-1] in _WRAP_ENDS and "版" in text:
        text = _unwrap(text)
    ban = "版" in text
    english = _english(text) if text[:1] in "iIpP" and not ban else None
    if english is not None:
        return english  # every header names its 版, but an export's own words…
    if not ban and text[:1] in "第0":
        return _page_without_ban(text)
    if not ban and not ("A" <= text[:1] <= "Z" or text[:1] in "【(（"):
        # …and the bare `A05` forms, and a tab with the issue's number (`7:要闻总第88期`)
        if "总第" in text:
            return _coded_with_issue(text)
        return _paper_coded(text) if "-" in text or "－" in text else None
    bare = _BARE.fullmatch(text)
    if bare is not None:
        printed = int(bare.group("number") or bare.group("number1"))
        section = bare.group("section") or bare.group("section1")
        return PageHeader(printed, section) if printed > 0 else None
    m = _HEADER.fullmatch(text) if ban else None
    if m is None and ban and text[:1] in "第0":
        padded = _padded_label(text)
        if padded is not None:
            return padded
    if m is None:
        if text[:2] in _FIELD_STARTS:
            return _field(text)
        return _coded_with_issue(text) or (_page_without_ban(text) if text[:1] == "0" else None)
    number = _number(m.group("number"))
    if number is None or number < 1:
        return None
    section = m.group("section").strip() or None
    if section and not m.group("sep"):
        return None  # `第5版刊登了…` is a sentence; a header separates its section
    if m.group("paren"):
        section = m.group("paren").strip() + (f" {section}" if section else "")
    return PageHeader(number, _clean_section(section))


# After the label, the issue's date (`第5版 2023年7月12日`) is not the section's name.
_TRAILING_DATE = re.compile(r"\s*(?:19|20)[0-9]{2}年[0-9]{1,2}月[0-9]{1,2}日(?:\s*星期.)?$")
_SPACED = re.compile(r"(?:[\u4e00-\u9fff] )+[\u4e00-\u9fff]")


def _clean_section(section: str | None) -> str | None:
    """The section's name without the date or page number printed beside it, and without
    the typesetting spaces of a tab (`要 闻`).

    >>> _clean_section("要 闻"), _clean_section("2"), _clean_section("城事 2024年3月8日 星期五")
    ('要闻', None, '城事')
    """
    if not section or section.isdigit():
        return None  # `1695 期 / 第2版:2` repeats the page number
    section = _TRAILING_DATE.sub("", section)
    if _SPACED.fullmatch(section):
        section = section.replace(" ", "")
    return section or None


# How a web page cites its print page, `《 青河日报 》( 2024年03月08日 第 06 版 )`, and the
# links an e-paper prints after the label, `第B04版:文体 PDF版`, `… 上一版 下一版`,
# `… 版面导航`: the label is what is inside.
_WRAPPED = re.compile(
    r"(?:《[^《》]{1,16}》\s*)?[（(]\s*(?P<inner>[^（()）]+?)\s*[）)]"
    r"|(?P<label>.+?)(?:\s+(?:PDF版?|[上下]一[版期]|版面导航))+"
    # A site's breadcrumb ends in the page: `当前位置 > 青河周报 > 第88期 > 第4版`.
    # Arrows alone before the page (`>>>5版`) point to it: a jump line, not a crumb.
    r"|[^>＞»›]+[>＞»›]\s*(?:[^>＞»›]*[>＞»›]\s*)*(?P<crumb>[^>＞»›]+版)"
)
_WRAP_ENDS = "版)）F期航"


def _unwrap(text: str) -> str:
    """The label inside a page citation, before an e-paper's links or at the end of a
    breadcrumb; else the line.

    >>> _unwrap("《 青河日报 》( 2024年03月08日 第 06 版 )"), _unwrap("第B04版:文体 PDF版")
    ('2024年03月08日 第 06 版', '第B04版:文体')
    >>> _unwrap("当前位置 > 青河周报 > 第88期 > 第4版")
    '第4版'
    """
    m = _WRAPPED.fullmatch(text)
    if m is None:
        return text
    return m.group("inner") or m.group("label") or m.group("crumb")


# A web copy prints its title, then where the paper printed it: `青河新貌` /
# `《青河日报》(2024年03月08日 02版)`. The title is the head of the item on the page cited.
_CITATION = re.compile(r"《[^《》]{1,16}》\s*[（(][^（()）]*版\s*[）)]")


def titles_citation(above: list[str], label: str) -> bool:
    """Is the one line above a web copy's page citation, on no labelled page, its title?

    >>> titles_citation(["沙洲上的读书角"], "《青河日报》(2024年03月08日 02版)")
    True
    >>> titles_citation(["沙洲上的读书角"], "第02版:要闻")
    False
    """
    return len(above) == 1 and _CITATION.fullmatch(label) is not None and is_headline_line(above[0])


def _matched(m: re.Match[str] | None) -> PageHeader | None:
    """The header a label's match names: its `number` (from 1) and its `section`, if any."""
    if m is None or int(m.group("number")) < 1:
        return None
    return PageHeader(int(m.group("number")), m.group("section"))


# An e-paper tab that dropped its 版: `第02:综合新闻`. A page number printed with two digits
# and a colon, then only the section's few characters: a sentence never ends so, and a
# numbered point in text counts `第1:` or `第一：`.
_NO_BAN = re.compile(r"第\s*(?P<number>[0-9]{2,3})\s*[:：]\s*(?P<section>[\u4e00-\u9fff·]{2,8})")
# Without 第 too when the number is padded with a zero (`01:一版要闻`), as no list counts.
_PADDED = re.compile(r"0(?P<number>[1-9])\s*[:：]\s*(?P<section>[\u4e00-\u9fff·]{2,8})")


def _page_without_ban(text: str) -> PageHeader | None:
    """`第02:综合新闻` as a page header; a line that only starts so is not one.

    >>> _page_without_ban("第02:综合新闻")
    PageHeader(number=2, section='综合新闻')
    >>> _page_without_ban("第1:抓好春耕"), _page_without_ban("第03:要把工作做细做实。")
    (None, None)
    >>> _page_without_ban("01:一版要闻"), _page_without_ban("1:抓好春耕")
    (PageHeader(number=1, section='一版要闻'), None)
    """
    m = _NO_BAN.fullmatch(text) or _PADDED.fullmatch(text)
    return _matched(m)


# An e-paper's label with its number padded with zeros to three digits or more (`00005版:`,
# `第00005版:`): no sentence counts so, so the section after the colon may be a campaign's
# long banner of spaced parts (`00005版:新时代 新征程·贯彻落实 再创佳绩`), as long as it has
# no sentence's punctuation.
_PADDED_BAN = re.compile(
    r"(?:第\s*)?(?P<digits>0[0-9]{2,4})\s*版\s*[:：]\s*"
    r"(?P<section>[^\s。，,！？!?：:；;][^。，,！？!?：:；;]{0,39})"
)


def _padded_label(text: str) -> PageHeader | None:
    """A zero-padded page label with a long section after its colon, or None.

    >>> _padded_label("00005版:新时代 新征程·贯彻落实 再创佳绩")
    PageHeader(number=5, section='新时代 新征程·贯彻落实 再创佳绩')
    >>> _padded_label("05版:新时代 新征程·再创佳绩"), _padded_label("00005版:要把工作做细。")
    (None, None)
    """
    m = _PADDED_BAN.fullmatch(text)
    if m is None:
        return None
    number = int(m.group("digits"))
    return PageHeader(number, m.group("section").strip()) if number > 0 else None


# An archive record's page field, the number without 版: `【版次】= 03`, `版次：B07`; or the
# front page by its name, `版面:头版` (page 1; `版面:第3版` names its number).
_FIELD = re.compile(
    r"【?版次】?\s*[:：=]\s*[A-Z]{0,2}0*(?P<number>[0-9]{1,3})|版面\s*[:：]\s*(?P<front>头)版"
)
_FIELD_STARTS = ("版次", "【版", "版面")


def _field(text: str) -> PageHeader | None:
    m = _FIELD.fullmatch(text)
    if m is None:
        return None
    number = 1 if m.group("front") else int(m.group("number"))
    return PageHeader(number, None) if number >= 1 else None


# An edition code and page, the section, then the issue's number or date in the same line:
# `B3:要闻*专版总第2210期 >2020-05-06编印`. The code opens the line; the issue's number or
# date says it is the page's label and not a line of text.
# The same with the page's number alone, in figures or in words, with or without 版:
# `7:要闻总第88期 >2021-04-09编印`, `第四版:综合总第901期 >…`.
_CODED = re.compile(
    r"(?:第\s*)?(?P<letter>[A-Z]{0,2})(?P<number>[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*版?"
    r"\s*[:：]\s*(?P<section>[\u4e00-\u9fff·]{2,8}?)(?=[\s*＊]|总第|$)"
)
_ISSUE_MARK = re.compile(r"总第\s*[0-9]{1,6}\s*期|(?:19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}")


def _coded_with_issue(text: str) -> PageHeader | None:
    """A page tab followed by the issue's number or date.

    >>> _coded_with_issue("B3:要闻*专版总第2210期 >2020-05-06编印")
    PageHeader(number=3, section='要闻')
    >>> _coded_with_issue("7:乡镇新闻总第88期 >2021-04-09编印")
    PageHeader(number=7, section='乡镇新闻')
    >>> _coded_with_issue("第四版:综合总第901期 >2022-01-05编印")
    PageHeader(number=4, section='综合')
    >>> _coded_with_issue("7:乡镇新闻工作要点")
    """
    m = _CODED.match(text)
    number = _number(m.group("number")) if m is not None else None
    if m is None or not number or _ISSUE_MARK.search(text, m.end()) is None:
        return None
    return PageHeader(number, m.group("section"))


# An e-paper's label naming the paper, then the edition code and page between hyphens, then
# the section: `青河都市报 -B06-城事`. The paper's name (it ends in 报) and the code set off on
# both sides say it is a label; a line of text has no hyphen-framed code.
_PAPER_CODED = re.compile(
    r"[\u4e00-\u9fff]{1,10}报\s*[-－]\s*[A-Z]{1,2}0*(?P<number>[0-9]{1,2})\s*[-－]\s*"
    r"(?P<section>[\u4e00-\u9fff·]{2,8})"
)


def _paper_coded(text: str) -> PageHeader | None:
    """`青河都市报 -B06-城事`: the paper, its page's code and the section, with no 版.

    >>> _paper_coded("青河都市报 -B06-城事")
    PageHeader(number=6, section='城事')
    >>> _paper_coded("青河都市报-临溪新闻记者")
    """
    m = _PAPER_CODED.fullmatch(text)
    return _matched(m)


# An export's label in English: `issue 88 : page 02 section`, `page 3`, `Page 12: 要闻`.
_ENGLISH = re.compile(
    r"(?:issue\s*[0-9]{1,5}\s*[:：/|｜]?\s*)?page\s*0*(?P<number>[0-9]{1,3})"
    r"(?:\s*[:：/|｜]?\s*(?P<section>[A-Za-z\u4e00-\u9fff·]{1,16}))?",
    re.IGNORECASE,
)


def _english(text: str) -> PageHeader | None:
    m = _ENGLISH.fullmatch(text)
    return _matched(m)


def _number(text: str) -> int | None:
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    # 一 .. 九十九: `十` alone is 10, `十五` 15, `二十` 20, `二十五` 25.
    if "十" in text:
        tens, _, ones = text.partition("十")
        if len(tens) > 1 or len(ones) > 1:
            return None
        return _CN_DIGITS.get(tens, 1 if not tens else -100) * 10 + _CN_DIGITS.get(ones, 0)
    if len(text) == 1:
        return _CN_DIGITS.get(text)
    return None


# An archive record flattened onto one line: the page label and the `专栏:` field run straight
# into the record (`第1版(要闻)专栏: 青河发展系列述评之三 加快改革步伐 本报记者 …`).
_FLAT_RECORD = re.compile(r"(第\s*[0-9]{1,3}\s*版\s*[（(][^（()）]{0,12}[）)])\s*(专栏\s*[:：])\s*")


def split_flat_record(text: str) -> tuple[str, ...]:
    """A flattened archive record as its label, its `专栏:` field and the rest, or the line.

    >>> split_flat_record("第1版(要闻)专栏: 加快投资体制改革 本报记者 韩松 解决…")
    ('第1版(要闻)', '专栏:', '加快投资体制改革 本报记者 韩松 解决…')
    """
    m = _FLAT_RECORD.match(text) if text[:1] == "第" else None
    if m is None or m.end() == len(text):
        return (text,)
    return m.group(1), m.group(2), text[m.end() :]
