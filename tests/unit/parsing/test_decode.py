"""Decoding issue bytes: the encodings newsrooms export, and refusing what is not text."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from worker.parsing import UndecodableError, decode_issue, parse_bytes

TEXT = "本报讯（记者柯望川）青河区开展“六一”少儿游园会。"


def test_utf8_without_bom() -> None:
    assert decode_issue(TEXT.encode("utf-8")) == (TEXT, "utf-8")


def test_utf8_bom_is_honoured_and_dropped() -> None:
    assert decode_issue(codecs.BOM_UTF8 + TEXT.encode("utf-8")) == (TEXT, "utf-8-sig")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    assert decode_issue(bom + TEXT.encode(codec)) == (TEXT, "utf-16")


@pytest.mark.parametrize("codec", ["gb18030", "gbk", "gb2312"])
def test_gb_family_decodes_as_gb18030(codec: str) -> None:
    assert decode_issue(TEXT.encode(codec)) == (TEXT, "gb18030")


def test_short_gbk_text_is_not_taken_for_korean() -> None:
    # charset-normalizer alone calls this cp949; strict GB18030 comes first.
    assert decode_issue("卫东新闻".encode("gbk"))[1] == "gb18030"


def test_empty_input_is_empty_text() -> None:
    assert decode_issue(b"") == ("", "utf-8")


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"%PDF-1.7\n", "PDF"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (b"{\\rtf1\\ansi", "RTF"),
    ],
)
def test_binary_signature_is_refused_with_its_name(data: bytes, what: str) -> None:
    with pytest.raises(UndecodableError, match=what):
        decode_issue(data + b"\x00" * 64)


def test_nul_heavy_data_is_refused() -> None:
    with pytest.raises(UndecodableError, match="NUL"):
        decode_issue(b"abc\x00\x00\x00def\x00" * 20)


def test_utf16_without_bom_is_refused_with_advice() -> None:
    with pytest.raises(UndecodableError, match="UTF-16 without a byte-order mark"):
        decode_issue(TEXT.encode("utf-16-le"))


def test_a_stray_nul_in_a_dirty_export_is_accepted() -> None:
    text, _ = decode_issue(("正文。" * 100 + "\x00").encode("utf-8"))
    assert text.endswith("\x00")


def test_broken_bom_file_names_the_encoding() -> None:
    with pytest.raises(UndecodableError, match="utf-8-sig"):
        decode_issue(codecs.BOM_UTF8 + b"\xff\xfe\xfd")


def test_parse_bytes_records_the_encoding() -> None:
    assert parse_bytes(TEXT.encode("gb18030")).encoding == "gb18030"


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_raise_undecodable(data: bytes) -> None:
    try:
        text, encoding = decode_issue(data)
    except UndecodableError as exc:
        assert str(exc)
    else:
        assert isinstance(text, str) and encoding
