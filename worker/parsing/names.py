"""People's names in credits: padding undone, lists split, and whether a word can be a name."""

from __future__ import annotations

import re

from worker.parsing.credit_values import Credits

# Single-character surnames: the 百家姓 and the common ones it lacks (付, 覃, 闫, 肖…). A bare
# word in a credit with no role word before it (`（黄瑚 丁志峰）`, `…145对。魏国伟 摄`) counts as
# a name only if it starts with one: `（据新华社）` and `…正在拍摄` are not people.
_SURNAMES = frozenset(
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘"
    "葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞"
    "齐康伍余元卜顾孟平黄和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜"
    "阮蓝闵席季麻强贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫经房裘缪"
    "干解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚程嵇邢滑裴陆荣翁荀羊於惠甄曲家封芮羿储靳汲邴糜"
    "松井段富巫乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸"
    "司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴郁胥能苍双闻莘党翟谭贡劳逄姬申扶堵冉"
    "宰郦雍郤璩桑桂濮牛寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充慕连茹习宦艾鱼容向古易慎戈廖庾终"
    "暨居衡步都耿满弘匡国文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空曾毋沙"
    "乜养鞠须丰巢关蒯相查后荆红游竺权逯盖益桓公付覃牟佘粟卿甯谌邝仝阳揭尧银税冼麦区练兰晋楚"
    "闫迟庹笪邸原占代亓门修战旷隋綦缑帅展衣德达丛铁木买艺初楼苟肖岳涂芦佟商苑"
    # Rarer ones that start no common word (not 来, 过, 年, 母: `来自`, `过去`, `年底`, `母亲`).
    "眭禤谯佴苌茆鄢郄麴蹇淦靖"
)
# Compound surnames: a name of four characters starts with one (`欧阳少华`, `闾丘晓云`), and
# one whose first character is no surname alone still starts a name (`尉迟敬`).
_COMPOUND = (
    "上官", "皇甫", "尉迟", "长孙", "宇文", "轩辕", "端木", "独孤", "南宫", "西门", "百里",
    "欧阳", "司马", "诸葛", "夏侯", "司徒", "东方", "令狐", "慕容", "公孙", "澹台", "申屠",
    "呼延", "万俟", "闻人", "赫连", "拓跋", "钟离", "太史", "第五",
    "公羊", "东郭", "左丘", "乐正", "漆雕", "宗政", "淳于", "单于", "太叔", "仲孙",
    "鲜于", "闾丘", "亓官", "司寇", "子车", "颛孙", "巫马", "公西", "壤驷", "公良",
    "夹谷", "宰父", "谷梁", "羊舌", "梁丘", "归海", "公冶",
    # Not `司空` (`司空见惯`), `东门` or `南门` (places), `微生` (`微生物`), `濮阳` (a city).
)  # fmt: skip
# Words of sources and agencies, never part of a person's name: `（来源：东湖发布）`.
# Agencies by their whole short names (`新华社`, `中新网`): `新华` and `中新` alone are common
# given names (`王新华`, `李中新`).
_NOT_NAME = re.compile(
    r"发布|新闻|日报|晚报|报社|新华[社网]|中新[社网]|客户端|供图|提供|来源|消息|微信|融媒"
)
_MIDDLE_DOT = re.compile(r"\s*[·•・]\s*")
_SEPARATORS = re.compile(r"[\s、，,；;/／]+")
_PIECE = re.compile(r"[\u4e00-\u9fff·]{1,12}")
_ONE_NAME = re.compile(r"[\u4e00-\u9fff]{2,3}")
# 2–4 Han characters (compound surnames give four), or a minority name joined by a middle
# dot: `阿不都·热合曼`, `热依拉·买买提`.
_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,6}(?:·[\u4e00-\u9fff]{1,8}){1,2}")


def normalise_dots(text: str) -> str:
    """`阿不都 • 热合曼` → `阿不都·热合曼`: one middle dot, no padding around it."""
    if "·" not in text and "•" not in text and "・" not in text:
        return text  # nearly every credit: spare the substitution
    return _MIDDLE_DOT.sub("·", text)


# The outlets a story ran in, joined by slashes, before the first role of its byline:
# `青河新闻/青河晚报 记者 X 通讯员 Y`. They are named apart, like one paper before its reporter.
_OUTLETS = re.compile(
    r"(?:[\u4e00-\u9fff]{2,8}[/／]){1,4}[\u4e00-\u9fff]{2,8}\s+"
    r"(?=(?:本报|特约|首席|见习|实习|全媒体|融媒体|驻站)?(?:记者|通讯员))"
)


_STAFF = ("记者", "通讯员", "编辑", "摄影")


def split_outlets(text: str) -> tuple[tuple[str, ...], str]:
    """The outlets before a byline's first role, and the rest.

    >>> split_outlets("青河新闻/青河晚报 记者 韦方舟")
    (('青河新闻/青河晚报',), '记者 韦方舟')
    >>> split_outlets("记者 韦方舟/文 柯小禾/图"), split_outlets("记者/韦方舟 通讯员/柯小禾")
    (((), '记者 韦方舟/文 柯小禾/图'), ((), '记者/韦方舟 通讯员/柯小禾'))
    """
    m = _OUTLETS.match(text) if "/" in text or "／" in text else None
    if m is None or any(role in m.group() for role in _STAFF):
        return (), text  # `记者/韦方舟 通讯员/柯小禾`: a role and its name, no outlet
    return (m.group().strip(),), text[m.end() :]


def is_surname(char: str) -> bool:
    """True for a character that is a common single-character surname (`王`, `欧`, `付`)."""
    return char in _SURNAMES


# A surname and a form of address is a person spoken of, not a byline: `王先生`, `刘书记`.
_ADDRESS = re.compile(
    r".(?:先生|女士|小姐|老师|师傅|同志|书记|主任|局长|县长|市长|镇长|村长|大爷|大妈|阿姨|某)$"
)


def is_personal(name: str) -> bool:
    """True unless a name-shaped word is a surname with a form of address (`王先生`).

    >>> is_personal("陈雨彤"), is_personal("刘书记")
    (True, False)
    """
    return _ADDRESS.match(name) is None


def names_a_source(word: str) -> bool:
    """True for a word that names a source, agency or desk, never a person (`县新闻中心`)."""
    return _NOT_NAME.search(word) is not None


# A news agency's short name, closing an item in brackets: `(路透社)`, `（美联社）`. A bare
# bracket there holds a writer's name or a source; a word ending in 社 is a body, not a person.
_AGENCY_TAG = re.compile(r"[\u4e00-\u9fff]{2,6}社")


def agency_tag(content: str) -> Credits | None:
    """The agency a bracket closing an item names, as an other credit; None for anything else.

    >>> agency_tag("路透社").others, agency_tag("黄瑚"), agency_tag("据新华社")
    (('路透社',), None, None)
    """
    if content[-1:] != "社" or not _AGENCY_TAG.fullmatch(content):
        return None
    if content.startswith(("据", "综合")):
        return None  # `（据新华社）`, `（综合新华社）`: where the text came from, no credit
    return Credits(others=(content,))


def looks_like_name(word: str) -> bool:
    """True for a word shaped like a person's name and starting with a surname.

    >>> looks_like_name("丁志峰"), looks_like_name("据新华社"), looks_like_name("诸葛明远")
    (True, False, True)
    """
    if not _NAME.fullmatch(word) or _NOT_NAME.search(word):
        return False
    if "·" in word:
        return True  # transliterated names have no Han surname
    if len(word) == 4:
        return word.startswith(_COMPOUND)  # `王者归来` is a phrase, `欧阳少华` a name
    return word[0] in _SURNAMES or word.startswith(_COMPOUND)


def split_names(
    text: str, *, strict: bool = False, keep: frozenset[str] | set[str] = frozenset()
) -> list[str] | None:
    """Names in a credit, padding undone; None if any piece is no name.

    Layout pads a two-character name to the width of three (`王  洲`, `王　洲`), so a lone
    character belongs with the next one: two lone characters in a row are one person,
    while whole names separated by one space are several (`王孟鹤 李菱`). Names printed
    with nothing between them (`王飞李永`, `张宗桥贾胜波`) are told apart by their surnames
    (see `segment_names`), except the pieces in `keep` (see `set_off_whole`). With `strict`,
    every name must also start with a surname (see `looks_like_name`).

    >>> split_names("王  洲 李菱、赵炎")
    ['王洲', '李菱', '赵炎']
    >>> split_names("周 敏 马  骁")
    ['周敏', '马骁']
    >>> split_names("张宗桥贾胜波")
    ['张宗桥', '贾胜波']
    """
    if _ONE_NAME.fullmatch(text) is not None:
        # Most credits name one person (`王孟鹤`): one piece, one name, as the loop says.
        return [text] if (looks_like_name if strict else _any_name)(text) else None
    pieces = [p for p in _SEPARATORS.split(normalise_dots(text)) if p]
    if not pieces:
        return None
    for piece in pieces:
        if _PIECE.fullmatch(piece) is None:
            return None
    names: list[str] = []
    pending = ""
    for piece in pieces:
        if pending:
            piece, pending = pending + piece, ""
        if len(piece) == 1:
            pending = piece
        elif len(piece) <= 3 or piece in keep:
            names.append(piece)  # one name, as `segment_names` would say: most pieces
        else:
            names.extend(segment_names(piece))
    if pending:
        if not names:
            return None
        names[-1] += pending
    check = looks_like_name if strict else _any_name
    for name in names:
        if not check(name):
            return None
    return names


def set_off_whole(word: str, text: str, start: int, end: int) -> frozenset[str]:
    """`word` alone when it is four characters set off by a space on each side inside the
    credit `text` (`全媒体记者 柯美惠子 通讯员 岑山`): a layout that spaces its people would
    print two of them apart, so the run is one person's name, not two names run together
    as in a credit with no spaces (`通讯员柯飞岑永`). Empty otherwise.

    >>> set_off_whole("柯美惠子", "记者 柯美惠子 摄", 3, 7)
    frozenset({'柯美惠子'})
    >>> set_off_whole("柯飞岑永", "记者柯飞岑永", 2, 6)
    frozenset()
    """
    if len(word) != 4 or start == 0 or end >= len(text):
        return frozenset()  # nearly every name: two or three characters
    spaced = text[start - 1].isspace() and text[end].isspace()
    return frozenset((word,)) if spaced and word[0] in _SURNAMES else frozenset()


def _any_name(word: str) -> bool:
    """A name after a role word: any surname, but never a word of sources (`图片 新闻`)."""
    return _NAME.fullmatch(word) is not None and _NOT_NAME.search(word) is None


def segment_names(run: str) -> list[str]:
    """A run of Han characters cut into the names printed in it with no space between.

    Each name is two or three characters and starts with a surname; the cut with the fewest
    names wins, and among those the one with three-character names first (the commoner
    length). A run that is one name (up to three characters, or four with a compound
    surname) or that no cut explains is returned whole.

    >>> segment_names("王飞李永"), segment_names("祁勇郑少忠"), segment_names("欧阳少华")
    (['王飞', '李永'], ['祁勇', '郑少忠'], ['欧阳少华'])
    """
    if len(run) <= 3 or "·" in run or (len(run) == 4 and run.startswith(_COMPOUND)):
        return [run]
    best = _cut(run)
    return best if best else [run]


def _cut(run: str) -> list[str] | None:
    # Small runs only (a byline's worth): plain recursion, three-character names tried first.
    if not run:
        return []
    if len(run) > 12:
        return None
    found: list[str] | None = None
    for size in (3, 2):
        head = run[:size]
        if len(head) < size or not (head[0] in _SURNAMES or head.startswith(_COMPOUND)):
            continue
        rest = _cut(run[size:])
        if rest is not None and (found is None or len(rest) + 1 < len(found)):
            found = [head, *rest]
    return found


_PLACE_MAX = 4  # a place run into 报道 is a short name: `青州`, `临溪县`
# Words closing a credit's names that a short word may run into: 报道 after the place the
# names reported from (`张三 青州报道`), 整理 or 编译 after how they did the work
# (`（记者 张三 采访整理）`): either way the word tells of the work, not of another person.
_WORK_CLOSINGS = ("报道", "报导", "整理", "编译")


def place_reported(text: str, start: int, end: int) -> bool:
    """Is the word at `start:end`, set off after a name and run into the word closing the
    names (`张三 青州报道`, `张三 采访整理`), where or how the names did the work? Not when it
    opens with a surname (`吴志华报道`, `吴志华整理`: a second name)."""
    return (
        start > 0
        and not is_surname(text[start])
        and text[start - 1].isspace()
        and 2 <= end - start <= _PLACE_MAX
        and text.startswith(_WORK_CLOSINGS, end)
    )


_ROLE_WORD = re.compile(r"[\u4e00-\u9fff]{2,3}")


def role_word_before(line: str, rest: str) -> bool:
    """Is `rest`, what a credit line holds besides its credit, nothing, or one short word set
    off before the names: a role the parser has no word for (`拍友 柯小禾 摄`), not a caption,
    which says something in a sentence?

    >>> role_word_before("拍友 柯小禾 摄", "拍友"), role_word_before("柯小禾 摄", "")
    (True, True)
    >>> role_word_before("渔船归港 柯小禾 摄", "渔船归港")
    False
    """
    if not rest:
        return True
    set_off = line.startswith(f"{rest} ")
    return set_off and _ROLE_WORD.fullmatch(rest) is not None
