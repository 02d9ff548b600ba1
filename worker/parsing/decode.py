"""Bytes to text: the encodings issue files arrive in, and the refusal of anything else."""

from __future__ import annotations

import codecs
import re

from worker.parsing.errors import UndecodableError

# Signatures of files dropped into the inbox by mistake, with what to tell the person.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or a .docx/.xlsx, which are ZIP files)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document (.doc/.xls)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"{\\rtf", "RTF document"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
)
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)
_DETECTABLE = ["utf_8", "gb18030", "big5"]
# `bytes.decode` of Chinese text briefly holds three times the input (it widens its buffer
# from one byte per character to two); decoding in chunks keeps the peak near the result.
_CHUNK = 1 << 20
_MAX_NUL_RATIO = 0.01  # dirty exports carry a stray NUL; binary data carries many
_MIN_TEXT_RATIO = 0.9  # share of characters that real issue text is made of
# What random bytes decode to: controls, surrogates, private use, noncharacters, and the
# rare planes GB18030's four-byte codes spread over.
_NOT_TEXTY = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\uf8ff\ufff0-\uffff\U00020000-\U0010ffff]"
)


def decode_issue(data: bytes) -> tuple[str, str]:
    """Decode issue bytes; return (text, encoding name) or raise UndecodableError.

    Strict UTF-8 first (BOMs honoured), then strict GB18030, then charset-normalizer
    limited to UTF-8 / GB18030 / Big5: left alone it calls short GBK text Korean (cp949).

    >>> decode_issue("本报讯".encode("gb18030"))
    ('本报讯', 'gb18030')
    """
    if not data:
        return "", "utf-8"
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return _decode(data, codec), name
            except UnicodeDecodeError as exc:
                raise UndecodableError(
                    f"starts with a {name} byte-order mark but is not valid {name} "
                    f"(byte {exc.start}): re-export the issue as UTF-8"
                ) from exc
    _refuse_binary(data)
    for codec, name in (("utf-8", "utf-8"), ("gb18030", "gb18030")):
        try:
            text = _decode(data, codec)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, name
    return _detect(data)


def _decode(data: bytes, codec: str) -> str:
    """`data.decode(codec)` (strict), in chunks when the input is large."""
    if len(data) <= _CHUNK:
        return data.decode(codec)
    decoder = codecs.getincrementaldecoder(codec)("strict")
    view = memoryview(data)
    parts = [decoder.decode(view[i : i + _CHUNK]) for i in range(0, len(data), _CHUNK)]
    parts.append(decoder.decode(b"", final=True))
    return "".join(parts)


def _refuse_binary(data: bytes) -> None:
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise UndecodableError(
                f"looks like binary data ({what} signature), not issue text: "
                "drop the plain-text export of the issue instead"
            )
    nuls = data.count(0)
    if nuls > _MAX_NUL_RATIO * len(data):
        raise UndecodableError(
            f"contains {nuls} NUL bytes in {len(data)}: binary data, or UTF-16 without a "
            "byte-order mark; re-export the issue as UTF-8 or GB18030 text"
        )


def _looks_like_text(text: str) -> bool:
    """True when nearly every character is one real issue text is made of."""
    sample = text[:20000]
    return len(_NOT_TEXTY.findall(sample)) <= (1 - _MIN_TEXT_RATIO) * len(sample)


def _detect(data: bytes) -> tuple[str, str]:
    # Imported here: charset-normalizer pulls in `logging`, which the pure parser
    # otherwise never loads; most files are settled by the strict decodes above.
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_DETECTABLE).best()
    if best is not None:
        text = str(best)
        name = codecs.lookup(best.encoding).name
        if _looks_like_text(text):
            return text, {"utf-8": "utf-8", "gb18030": "gb18030", "big5": "big5"}.get(name, name)
    raise UndecodableError(
        f"not UTF-8, GB18030 or Big5 text ({len(data)} bytes, first bytes "
        f"{data[:8].hex(' ')}): check the file is the plain-text export of an issue"
    )
