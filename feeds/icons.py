"""The site's icon: ``icon.png``, which feeds name (Atom icon and logo, RSS image, JSON Feed
icon and favicon), and ``favicon.ico``, where browsers and readers look for one. Pure:
image bytes in, image bytes out; the default icon is drawn here, the same bytes every time.
"""

from __future__ import annotations

import struct
import zlib

from feeds.errors import FeedError

ICON_PNG = "icon.png"
FAVICON = "favicon.ico"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_SIDE = 256  # the largest image an ICO directory entry can describe

_SIZE = 32
_PAPER = (0xF7, 0xF3, 0xE8)  # newsprint
_INK = (0x9E, 0x1B, 0x1B)  # a masthead red


def default_icon() -> bytes:
    """A 32×32 PNG: a sheet of newsprint with a red masthead and grey lines of text."""
    rows = []
    for y in range(_SIZE):
        row = bytearray(b"\x00")  # PNG filter type 0 (none) for every scanline
        for x in range(_SIZE):
            row += bytes(_pixel(x, y))
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", _SIZE, _SIZE, 8, 2, 0, 0, 0)  # 8-bit RGB
    # Level 9 and no timestamp or text chunk: the bytes depend on nothing but this code.
    return (
        PNG_SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + _chunk(b"IEND", b"")
    )


def _pixel(x: int, y: int) -> tuple[int, int, int]:
    if x < 3 or x > 28 or y < 2 or y > 29:  # margin around the sheet
        return _INK
    if 5 <= y <= 10:
        return _INK  # masthead
    if y >= 13 and y % 4 in (1, 2) and 6 <= x <= 25:
        return (0x80, 0x80, 0x80)  # lines of text
    return _PAPER


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png_size(data: bytes) -> tuple[int, int]:
    """``(width, height)`` from a PNG's header; FeedError when ``data`` is no PNG.

    >>> png_size(default_icon())
    (32, 32)
    """
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR" or len(data) < 24:
        raise FeedError("the icon is not a PNG image (it must start with the PNG signature)")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def favicon_from_png(data: bytes) -> bytes:
    """An ICO file holding the PNG ``data`` as its one image (ICO has carried PNG images
    since Windows Vista; every current browser reads them). FeedError for a PNG wider or
    taller than 256 pixels, which an ICO cannot describe."""
    width, height = png_size(data)
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
        raise FeedError(f"the icon is {width}×{height}; a favicon is at most 256×256 pixels")
    # ICONDIR (reserved, type 1 = icon, one image), then its ICONDIRENTRY: 0 means 256.
    directory = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", width % 256, height % 256, 0, 0, 1, 32, len(data), 6 + 16)
    return directory + entry + data
