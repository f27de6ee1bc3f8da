"""Pure printer codecs: DLE EOT status bytes, the ESC/POS decoder, text layout and printer fonts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from devices.errors import DeviceProtocolError, DeviceUriError
from devices.printer import OfflineReason, PrinterStatus
from devices.printer.inspect import EscPosDecoder, decode_escpos, describe, raster_image
from devices.printer.profiles import DEFAULT_PROFILE, get_profile, profile_for_uri
from devices.printer.render import render_receipt
from devices.printer.status import decode_status, status_query
from devices.printer.textlayout import printable_as_text, sanitize, text_columns, wrap
from devices.uri import parse_device_uri
from tests.devices.printer.printer_samples import acceptance_receipt

# --- DLE EOT (research/devices.md §2.5) -------------------------------------------------------


@pytest.mark.parametrize(
    ("replies", "online", "paper_ok", "near_end", "cover", "reason"),
    [
        ((0x12, 0x12, 0x12), True, True, False, False, OfflineReason.NONE),
        ((0x12, 0x12, 0x1E), True, True, True, False, OfflineReason.NONE),
        ((0x1A, 0x32, 0x72), False, False, True, False, OfflineReason.PAPER_OUT),
        ((0x1A, 0x16, 0x12), False, True, False, True, OfflineReason.COVER_OPEN),
        ((0x1A, 0x52, 0x12), False, True, False, False, OfflineReason.ERROR),
        ((0x1A, 0x12, 0x12), False, True, False, False, OfflineReason.UNKNOWN),
    ],
)
def test_status_bytes_decode(
    replies: tuple[int, int, int],
    online: bool,
    paper_ok: bool,
    near_end: bool,
    cover: bool,
    reason: OfflineReason,
) -> None:
    status = decode_status(*replies)
    assert (status.online, status.paper_ok, status.paper_near_end, status.cover_open) == (
        online,
        paper_ok,
        near_end,
        cover,
    )
    assert status.offline_reason is reason
    assert status.raw == bytes(replies)
    assert status.readable


@pytest.mark.parametrize("bad", [0x00, 0x13, 0x92, 0x02, 0xFF])
def test_a_reply_with_wrong_fixed_bits_is_a_protocol_error(bad: int) -> None:
    with pytest.raises(DeviceProtocolError):
        decode_status(0x12, 0x12, bad)


def test_status_query_bytes_and_unknown_status() -> None:
    assert [status_query(n) for n in (1, 2, 4)] == [b"\x10\x04\x01", b"\x10\x04\x02", b"\x10\x04\x04"]
    unknown = PrinterStatus.unknown()
    assert not unknown.readable and unknown.offline_reason is OfflineReason.UNKNOWN
    assert OfflineReason.PAPER_OUT.value == "paper_out"  # values reach logs and the job store


# --- decoder --------------------------------------------------------------------------------


def test_decoder_is_the_same_whatever_the_read_boundaries() -> None:
    data = render_receipt(acceptance_receipt(), get_profile(DEFAULT_PROFILE)).data + b"\x10\x04\x04"
    whole = decode_escpos(data)
    assert whole[-1].name == "status_query" and whole[-1].args == (4,)
    for step in (1, 2, 3, 7, 64, 1000):
        decoder = EscPosDecoder()
        ops = []
        for start in range(0, len(data), step):
            ops += decoder.feed(data[start : start + step])
        assert ops + decoder.finish() == whole, step


def test_decoder_does_not_see_status_queries_inside_image_data() -> None:
    rows = bytes([0x10, 0x04, 0x01, 0xFF])  # one 32-dot row that happens to contain DLE EOT 1
    data = b"\x1dv0\x00\x04\x00\x01\x00" + rows + b"\x10\x04\x02"
    ops = decode_escpos(data)
    assert [op.name for op in ops] == ["raster", "status_query"]
    assert ops[1].args == (2,)
    image = raster_image(ops[0])
    assert image.size == (32, 1)
    assert image.getpixel((3, 0)) == 0 and image.getpixel((0, 0)) == 255  # bit set = black dot


def test_decoder_reports_unknown_and_truncated_bytes() -> None:
    ops = decode_escpos(b"\x1b@\x07\x1dv0\x00\x10\x00\x05\x00ab")
    assert [op.name for op in ops] == ["init", "unknown", "truncated"]
    assert describe(ops)[1] == "unknown 07"


# --- text layout ----------------------------------------------------------------------------


def test_columns_count_every_double_byte_character_as_two() -> None:
    assert text_columns("办件 A1") == 7
    assert text_columns("“é”") == 6  # wide on the printer, narrow in a terminal
    assert text_columns("e\u0301") == 1  # combining accent takes no column


def test_wrapping_keeps_words_and_punctuation_rules() -> None:
    assert wrap("电话：0571-1234", 12) == ["电话：", "0571-1234"]  # a number is not cut
    assert wrap("电话：0571-12345678", 12) == ["电话：0571-1", "2345678"]  # unless longer than a line
    assert wrap("甲乙丙丁戊，己", 10) == ["甲乙丙丁", "戊，己"]  # "，" may not start a line
    assert wrap("甲乙丙（丁）", 8) == ["甲乙丙", "（丁）"]  # "（" may not end one
    assert wrap("a\nb", 10) == ["a", "b"]
    assert wrap("", 10) == [""]
    with pytest.raises(ValueError):
        wrap("x", 1)


def test_printable_as_text_follows_the_font_area() -> None:
    assert printable_as_text("中", "gb18030", "gbk")
    assert not printable_as_text("㐂", "gb18030", "gbk")  # 4-byte GB18030
    assert not printable_as_text("𠮷", "gbk", "gbk")
    assert not printable_as_text("€", "gb18030", "gbk")  # A2E3: GB18030-only code
    assert printable_as_text("·", "gbk", "gb2312")  # A1A4 lies in the GB2312 area
    assert printable_as_text("镕", "gbk", "gbk") and not printable_as_text("镕", "gbk", "gb2312")
    assert not printable_as_text("\x1b", "gbk", "gbk")


def test_sanitize_drops_control_characters_only() -> None:
    assert sanitize("a\tb\x1b@c\nd\x00") == "a b@c\nd"


@given(st.text(alphabet=st.sampled_from("甲乙丙，。（）“”ab1- 𠮷"), max_size=80), st.integers(4, 48))
def test_wrapped_lines_fit_and_lose_nothing_but_spaces(text: str, columns: int) -> None:
    lines = wrap(text, columns)
    assert all(text_columns(line) <= columns for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


# --- profiles -------------------------------------------------------------------------------


def test_profile_from_uri_option_or_override() -> None:
    assert profile_for_uri(parse_device_uri("tcp:10.0.0.5:9100")).name == "generic-80-gb18030"
    uri = parse_device_uri("tcp:10.0.0.5:9100?profile=generic-58-gbk")
    assert profile_for_uri(uri).dots == 384
    assert profile_for_uri(uri, "basic-58-gb2312").native_qr is False
    with pytest.raises(DeviceUriError, match="generic-80-gb18030"):
        profile_for_uri(parse_device_uri("sim?profile=epson"))


def test_raster_image_helper_is_a_picture() -> None:
    op = decode_escpos(b"\x1dv0\x00\x01\x00\x02\x00\x80\x01")[0]
    image = raster_image(op)
    assert isinstance(image, Image.Image)
    assert image.getpixel((0, 0)) == 0 and image.getpixel((7, 1)) == 0 and image.getpixel((1, 0)) == 255
