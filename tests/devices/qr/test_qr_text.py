"""Payload bytes → text: the UTF-8 → GB18030 policy of research/devices.md §3.3."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from devices.qr.text import decode_payload, payload_charset, split_aim_identifier

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
GBK_TEXT = st.text(
    st.one_of(CJK, st.characters(min_codepoint=0x20, max_codepoint=0x7E)), min_size=1, max_size=40
)


@pytest.mark.parametrize(
    ("raw", "text", "charset"),
    [
        (b"TB1:20240101330100000123:6B3A0F2C", "TB1:20240101330100000123:6B3A0F2C", "utf-8"),
        ("王小明".encode(), "王小明", "utf-8"),
        ("王小明".encode("gbk"), "王小明", "gb18030"),  # pyzbar would say 卼苤隴 (Big5), §3.3
        ("回书别九积".encode(), "回书别九积", "utf-8"),  # pyzbar's SJIS mojibake case, §3.3
        (codecs.BOM_UTF8 + "出生".encode(), "出生", "utf-8"),
        (b"\x84\x31\x95\x33" + "出生".encode("gb18030"), "出生", "gb18030"),
        ("出生".encode("utf-16"), "出生", "utf-16"),
        ("𠀀".encode("gb18030"), "𠀀", "gb18030"),  # 4-byte GB18030 (outside GBK)
        (b"", "", "utf-8"),
    ],
)
def test_known_payloads(raw: bytes, text: str, charset: str) -> None:
    assert payload_charset(raw) == charset
    assert decode_payload(raw) == text


def test_undecodable_bytes_become_replacement_characters() -> None:
    raw = b"\x80\xffabc"  # 0x80 and 0xFF start nothing in UTF-8 or GB18030
    assert payload_charset(raw) == "binary"
    assert decode_payload(raw).endswith("abc")
    assert "\ufffd" in decode_payload(raw)


@given(st.text())
def test_any_utf8_text_round_trips(text: str) -> None:
    assume(not text.startswith("\ufeff"))  # a leading U+FEFF is read as a BOM, by design
    assert decode_payload(text.encode("utf-8")) == text


@given(GBK_TEXT)
def test_gbk_text_round_trips_unless_it_is_also_valid_utf8(text: str) -> None:
    raw = text.encode("gbk")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        assert decode_payload(raw) == text
    else:
        assume(False)  # §3.3: rare accidental UTF-8; the policy prefers UTF-8 then


@given(st.binary(max_size=200))
def test_never_raises_on_arbitrary_bytes(raw: bytes) -> None:
    assert isinstance(decode_payload(raw), str)


@pytest.mark.parametrize(
    ("raw", "fmt", "rest"),
    [
        (b"]Q1hello", "QRCODE", b"hello"),
        (b"]C0X320101001", "CODE128", b"X320101001"),
        (b"]E09787111111111", "EAN13", b"9787111111111"),
        (b"]z9data", None, b"data"),
        (b"hello", None, b"hello"),
        (b"]\xe7\x8e", None, b"]\xe7\x8e"),  # not ASCII: not an identifier
    ],
)
def test_aim_identifiers(raw: bytes, fmt: str | None, rest: bytes) -> None:
    assert split_aim_identifier(raw) == (fmt, rest)
