"""Text clean-up shared by the renderers: remove what XML 1.0 cannot carry."""

from __future__ import annotations

import re

# XML 1.0 forbids C0 controls other than tab, LF and CR, lone surrogates and U+FFFE/U+FFFF;
# lxml (under feedgen) refuses the whole document for a single one, e.g. a stray \x0c form
# feed left in an issue text by a PDF export. DEL and C1 controls are legal XML but never
# meaningful in a newspaper text, and some readers choke on them, so they go too.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """``text`` without the characters an XML document may not (or should not) hold.

    >>> clean_text("本报讯\\x0c（记者 王孟鹤）\\x00")
    '本报讯（记者 王孟鹤）'
    """
    # Nearly every text is clean; every character _ILLEGAL matches is a control, a surrogate
    # or a noncharacter, none printable, so this check (one pass in C) settles most texts.
    if text.isprintable():
        return text
    return _ILLEGAL.sub("", text)


def replace_present(text: str, table: tuple[tuple[str, str], ...]) -> str:
    """``text`` with each ``(character, replacement)`` of ``table`` applied in order; a
    character is searched for before it is replaced, which for Chinese text with nothing
    to escape is the cheaper of the two.

    >>> replace_present("a<b&c", (("&", "&amp;"), ("<", "&lt;")))
    'a&lt;b&amp;c'
    """
    for character, replacement in table:
        if character in text:
            text = text.replace(character, replacement)
    return text
