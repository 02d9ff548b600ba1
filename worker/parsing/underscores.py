"""An export's underscore for a space between words: `本报记者_柯小禾` is `本报记者 柯小禾`."""

from __future__ import annotations

import re

__all__ = ["spaced"]

# Only between two Han characters: `a_b` in a file name or an address is no stand-in.
_STAND_IN = re.compile(r"(?<=[\u4e00-\u9fff])_(?=[\u4e00-\u9fff])")


def spaced(text: str) -> str:
    """`text` with each underscore between Han characters read as a space, one for one, so
    positions agree and what is found is given back as printed (`script.restore_lead`).

    >>> spaced("…的场景。本报记者_柯小禾"), spaced("photo_01.jpg")
    ('…的场景。本报记者 柯小禾', 'photo_01.jpg')
    """
    return _STAND_IN.sub(" ", text) if "_" in text else text
