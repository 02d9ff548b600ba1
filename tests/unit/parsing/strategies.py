"""Hypothesis strategies for issue texts: generated articles and pages, and dirty mutations."""

from __future__ import annotations

from hypothesis import strategies as st

HAN = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
    "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自"
    "二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日"
    "那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变"
    "条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
    "次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指"
    "几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器"
    "压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安"
    "场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集"
    "温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连"
    "断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精"
    "值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属"
    "圆包火住调满县局照参红细引听该铁价严"
)
NAMES = ["王孟鹤", "赵炎", "李菱", "方耀星", "朱敬铨", "黄瑚", "丁志峰", "王洲", "魏国伟", "古国凡"]

han = st.text(alphabet=HAN, min_size=3, max_size=16)

# Byline forms real papers print, with who each credits as what: (template, roles) where
# roles maps "a"/"b" to (reporter, correspondent, photographer) flags.
LEAD_FORMS: list[tuple[str, dict[str, tuple[bool, bool, bool]]]] = [
    ("本报讯（首席记者 {a} 通讯员 {b}）", {"a": (True, False, False), "b": (False, True, False)}),
    (
        "本报讯（全媒体记者{a} 融媒体记者{b}）",
        {"a": (True, False, False), "b": (True, False, False)},
    ),
    (
        "本报讯（驻站记者 {a} 记者站记者 {b}）",
        {"a": (True, False, False), "b": (True, False, False)},
    ),
    ("本报记者 {a} 通讯员 {b} 报道\n\n", {"a": (True, False, False), "b": (False, True, False)}),
    ("■本报记者 {a}\n\n", {"a": (True, False, False)}),
    ("●记者 {a} 通讯员 {b}\n\n", {"a": (True, False, False), "b": (False, True, False)}),
    ("◎记者 {a}\n\n", {"a": (True, False, False)}),
    ("本报记者 {a}/文 {b}/图\n\n", {"a": (True, False, False), "b": (False, False, True)}),
    ("文/{a} 图/{b}\n\n", {"a": (True, False, False), "b": (False, False, True)}),
    ("本报记者 {a} 文/图\n\n", {"a": (True, False, True)}),
    ("本报江州11月19日讯（本报特约记者 {a}）", {"a": (True, False, False)}),
    (
        "新华社北京11月18日电（记者 {a}、{b}）",
        {"a": (True, False, False), "b": (True, False, False)},
    ),
    ("人民网北京11月18日电（记者 {a}）", {"a": (True, False, False)}),
]
TAIL_FORMS: list[tuple[str, dict[str, tuple[bool, bool, bool]]]] = [
    ("（记者{a} 通讯员{b}）", {"a": (True, False, False), "b": (False, True, False)}),
    ("（{a} {b}）", {"a": (True, False, False), "b": (True, False, False)}),
    ("本报摄影记者 {a} 摄", {"a": (False, False, True)}),
    ("记者 {a} 摄影报道", {"a": (False, False, True)}),
    ("{a} 文/图", {"a": (True, False, True)}),
    ("图/文 {a}", {"a": (True, False, True)}),
    ("文·图 {a}", {"a": (True, False, True)}),
    ("（新华社发 {a} 摄）", {"a": (False, False, True)}),
]


@st.composite
def sentence(draw: st.DrawFn) -> str:
    parts = draw(st.lists(han, min_size=1, max_size=4))
    return "，".join(parts) + draw(st.sampled_from(["。", "！", "？", "。”"]))


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    return "".join(draw(st.lists(sentence(), min_size=1, max_size=3)))


@st.composite
def byline(draw: st.DrawFn) -> str:
    a, b = draw(st.sampled_from(NAMES)), draw(st.sampled_from(NAMES))
    return draw(
        st.sampled_from(
            [
                f"本报讯（记者{a}）",
                f"本报讯（记者{a} 通讯员{b}）",
                f"本报讯 (记者 {a}) ",
                f"本报讯 记者{a} 通讯员{b} ",
                f"新华社北京5月28日电（记者{a}、{b}）",
                f"本报记者  {a}  {b}\n\n",
                f"□本报记者 {a}\n",
                f"又讯（记者{a}）",
                *(form.format(a=a, b=b) for form, _ in LEAD_FORMS),
            ]
        )
    )


@st.composite
def article(draw: st.DrawFn) -> str:
    lines = []
    if draw(st.booleans()):
        lines.append(draw(han))
    lines.append(draw(han))
    if draw(st.booleans()):
        lines.append("——" + draw(han))
    paras = draw(st.lists(paragraph(), min_size=1, max_size=4))
    paras[0] = draw(byline()) + paras[0]
    if draw(st.booleans()):
        # a column break: one paragraph cut in two blocks
        k = draw(st.integers(0, len(paras) - 1))
        cut = draw(st.integers(1, max(1, len(paras[k]) - 1)))
        paras[k : k + 1] = [paras[k][:cut], paras[k][cut:]]
    ending = draw(
        st.sampled_from(
            [
                "",
                f"（记者 {NAMES[0]} 通讯员 {NAMES[1]}）",
                f"{NAMES[8]} 摄",
                *(form.format(a=NAMES[2], b=NAMES[3]) for form, _ in TAIL_FORMS),
            ]
        )
    )
    paras[-1] += ending
    return "\n\n".join(lines + paras)


@st.composite
def issue_text(draw: st.DrawFn) -> str:
    pages = []
    for number in range(1, draw(st.integers(1, 3)) + 1):
        header = draw(
            st.sampled_from(["", f"第0{number}版：要闻", f"【第{number}版】", "责任编辑：张三"])
        )
        body = "\n\n".join(draw(st.lists(article(), min_size=1, max_size=3)))
        pages.append((header + "\n\n" if header else "") + body)
    text = "\n\n\n".join(pages)
    if draw(st.booleans()):
        text = "---\npublication: 青河日报\ndate: 2026-11-20\n---\n" + text
    return text


@st.composite
def mutated(draw: st.DrawFn) -> str:
    lines = draw(issue_text()).split("\n")
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["delete", "duplicate", "insert", "control", "crlf"]))
        k = draw(st.integers(0, len(lines) - 1))
        if op == "delete" and len(lines) > 1:
            del lines[k]
        elif op == "duplicate":
            lines.insert(k, lines[k])
        elif op == "insert":
            at = draw(st.integers(0, len(lines[k])))
            junk = draw(
                st.text(
                    alphabet="（）()。，、 　\t摄讯记者—=【】第版：/图文" + HAN[:40], max_size=6
                )
            )
            lines[k] = lines[k][:at] + junk + lines[k][at:]
        elif op == "control":
            at = draw(st.integers(0, len(lines[k])))
            ch = draw(st.sampled_from(["\x00", "\x07", "\x1b", "\x0c", "\x85", "\ufeff", "\u2028"]))
            lines[k] = lines[k][:at] + ch + lines[k][at:]
        else:
            lines[k] += "\r"
    return "\n".join(lines)
