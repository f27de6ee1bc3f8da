"""SAM frame codec: canonical frames, the splitter under stray bytes and damage, SW3 status mapping."""

from __future__ import annotations

import itertools
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.errors import DeviceError, DeviceProtocolError
from devices.id_reader import SamStatusError
from devices.id_reader.sam import (
    HEADER_SIZE,
    MAX_LENGTH,
    PREAMBLE,
    STATUS_MESSAGES,
    Frame,
    FrameError,
    FrameSplitter,
    build_command,
    build_read_response,
    build_response,
    split_read_response,
    status_error,
)

H = bytes.fromhex

# research/devices.md §1.3: command frames as the sources hard-code them.
COMMANDS = [
    ((0x10, 0xFF), "AA AA AA 96 69 00 03 10 FF EC"),
    ((0x11, 0xFF), "AA AA AA 96 69 00 03 11 FF ED"),
    ((0x12, 0xFF), "AA AA AA 96 69 00 03 12 FF EE"),
    ((0x20, 0x01), "AA AA AA 96 69 00 03 20 01 22"),
    ((0x20, 0x02), "AA AA AA 96 69 00 03 20 02 21"),
    ((0x30, 0x01), "AA AA AA 96 69 00 03 30 01 32"),
    ((0x30, 0x10), "AA AA AA 96 69 00 03 30 10 23"),
    ((0x30, 0x03), "AA AA AA 96 69 00 03 30 03 30"),
    ((0x60, 0x00), "AA AA AA 96 69 00 03 60 00 63"),
]
# research/devices.md §1.3: canonical answers (guocihong, heavyii/cardreader).
RESPONSES = [
    (0x90, b"", "AA AA AA 96 69 00 04 00 00 90 94"),
    (0x60, b"", "AA AA AA 96 69 00 04 00 00 60 64"),
    (0x9F, bytes(4), "AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97"),
    (0x80, b"", "AA AA AA 96 69 00 04 00 00 80 84"),
    (0x90, bytes(8), "AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C"),
    (0x81, b"", "AA AA AA 96 69 00 04 00 00 81 85"),
    (0x41, b"", "AA AA AA 96 69 00 04 00 00 41 45"),
]
FIND_OK = H("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97")
TEXT, PHOTO = bytes(range(256)), bytes(1024)


@pytest.mark.parametrize(("command", "frame"), COMMANDS)
def test_command_frames_match_the_protocol_sources(command: tuple[int, int], frame: str) -> None:
    assert build_command(*command) == H(frame)


@pytest.mark.parametrize(("sw3", "data", "frame"), RESPONSES)
def test_response_frames_match_the_protocol_sources(sw3: int, data: bytes, frame: str) -> None:
    assert build_response(sw3, data) == H(frame)
    (parsed,) = FrameSplitter().feed(H(frame))
    assert isinstance(parsed, Frame) and parsed.sw3 == sw3 and parsed.data == data


@pytest.mark.parametrize(
    ("fingerprint", "total", "length_field"),
    [(None, 1295, "05 08"), (b"", 1297, "05 0A"), (bytes(512), 1809, "07 0A"), (bytes(1024), 2321, "09 0A")],
)
def test_read_answers_have_the_documented_sizes(
    fingerprint: bytes | None, total: int, length_field: str
) -> None:
    raw = build_read_response(TEXT, PHOTO, fingerprint)
    assert len(raw) == total and raw[5:7] == H(length_field)
    (frame,) = FrameSplitter().feed(raw)
    assert isinstance(frame, Frame)
    payload = split_read_response(frame, with_fingerprint=fingerprint is not None)
    assert payload.text == TEXT and payload.photo == PHOTO
    assert payload.fingerprint == (fingerprint or None)


def test_30_01_answer_starts_as_documented() -> None:
    assert build_read_response(TEXT, PHOTO, None)[:14] == H("AA AA AA 96 69 05 08 00 00 90 01 00 04 00")


def test_stray_bytes_before_a_frame_are_skipped() -> None:
    splitter = FrameSplitter()
    # guocihong's comment shows "AA 00 AA AA 96 69 …" on a real line (§1.10 item 7).
    assert splitter.feed(H("AA 00 55 AA AA 96") + FIND_OK) == [Frame(FIND_OK)]
    assert splitter.discarded == 6 and splitter.pending == 0


def test_frames_split_at_every_position_reassemble() -> None:
    stream = FIND_OK + build_read_response(TEXT, PHOTO, None)
    for cut in range(1, len(stream)):
        splitter = FrameSplitter()
        items = splitter.feed(stream[:cut]) + splitter.feed(stream[cut:])
        assert [len(f.raw) for f in items if isinstance(f, Frame)] == [15, 1295]


def test_needed_asks_for_exactly_the_rest_of_a_frame() -> None:
    splitter = FrameSplitter()
    assert splitter.needed() == HEADER_SIZE
    assert splitter.feed(FIND_OK[:3]) == [] and splitter.needed() == 4
    assert splitter.feed(FIND_OK[3:9]) == [] and splitter.needed() == len(FIND_OK) - 9
    assert splitter.feed(FIND_OK[9:]) == [Frame(FIND_OK)] and splitter.needed() == HEADER_SIZE


def test_bad_checksum_is_reported_and_the_next_frame_still_found() -> None:
    damaged = FIND_OK[:-1] + b"\x00"
    items = FrameSplitter().feed(damaged + FIND_OK)
    assert isinstance(items[0], FrameError) and items[0].reason == "checksum"
    assert isinstance(items[0], DeviceProtocolError) and "校验和" in items[0].message
    assert items[-1] == Frame(FIND_OK)


@pytest.mark.parametrize(
    "length", [b"\x00\x00", b"\x00\x02", b"\xff\xff", (MAX_LENGTH + 1).to_bytes(2, "big")]
)
def test_impossible_length_fields_are_reported_and_skipped(length: bytes) -> None:
    items = FrameSplitter().feed(PREAMBLE + length + FIND_OK)
    assert isinstance(items[0], FrameError) and items[0].reason == "length"
    assert items[-1] == Frame(FIND_OK)


def test_status_table_covers_every_documented_code_in_chinese() -> None:
    documented = {
        0x90,
        0x9F,
        0x91,
        0x10,
        0x11,
        0x21,
        0x23,
        0x24,
        0x31,
        0x32,
        0x33,
        0x40,
        0x41,
        0x47,
        0x60,
        0x66,
    }
    assert documented | {0x80, 0x81} == set(STATUS_MESSAGES)
    for sw3, (chinese, english) in STATUS_MESSAGES.items():
        assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese), sw3
        assert english
        error = status_error(sw3)
        assert isinstance(error, SamStatusError) and error.sw3 == sw3 and error.message == chinese


def test_unknown_status_still_gets_a_chinese_message() -> None:
    error = status_error(0x5A)
    assert "0x5A" in error.message and error.sw3 == 0x5A


def test_success_is_decided_on_sw3_only() -> None:
    # softs.im: SW1 SW2 carry the card's APDU status and may be non-zero (§1.4).
    (ok,) = FrameSplitter().feed(build_response(0x90, b"", sw1=0x6A, sw2=0x82))
    assert isinstance(ok, Frame) and ok.expect(0x90) is ok
    (failed,) = FrameSplitter().feed(build_response(0x41, b"", sw1=0x6A, sw2=0x82))
    assert isinstance(failed, Frame)
    with pytest.raises(SamStatusError) as raised:
        failed.expect(0x90)
    assert raised.value.sw3 == 0x41 and "重新放置" in raised.value.message


def test_read_answer_with_inconsistent_lengths_is_a_protocol_error() -> None:
    raw = build_response(0x90, H("01 00 04 00") + TEXT + PHOTO[:-1])
    (frame,) = FrameSplitter().feed(raw)
    assert isinstance(frame, Frame)
    with pytest.raises(DeviceProtocolError):
        split_read_response(frame, with_fingerprint=False)


def test_a_megabyte_of_preamble_like_noise_is_cheap_and_bounded() -> None:
    splitter = FrameSplitter()
    started = time.monotonic()
    for _ in range(64):
        splitter.feed(b"\xaa" * 8192 + PREAMBLE + b"\x0f\xff" + b"\x00" * 4000)
    assert splitter.pending <= HEADER_SIZE + MAX_LENGTH
    assert time.monotonic() - started < 10


@st.composite
def chunked(draw: st.DrawFn, data: bytes) -> list[bytes]:
    cuts = sorted(draw(st.lists(st.integers(0, len(data)), max_size=12)))
    bounds = [0, *cuts, len(data)]
    return [data[a:b] for a, b in itertools.pairwise(bounds)]


_garbage = st.one_of(
    st.binary(max_size=600),
    st.lists(
        st.sampled_from([PREAMBLE, b"\xaa", b"\x96\x69", b"\x00\x03", b"\xff\xff", FIND_OK[:9]]), max_size=40
    ).map(b"".join),
)


@settings(max_examples=300, deadline=None)
@given(st.data(), _garbage, _garbage)
def test_any_garbage_in_any_chunking_yields_frames_or_protocol_errors(
    data: st.DataObject, a: bytes, b: bytes
) -> None:
    stream = a + FIND_OK + b
    splitter = FrameSplitter()
    for chunk in data.draw(chunked(stream)):
        try:
            items = splitter.feed(chunk)
        except DeviceError as exc:  # allowed by the contract, but the splitter returns errors instead
            assert isinstance(exc, DeviceProtocolError)
            continue
        for item in items:
            assert isinstance(item, Frame | FrameError)
            if isinstance(item, Frame):
                length = int.from_bytes(item.raw[5:7], "big")
                assert item.raw.startswith(PREAMBLE) and len(item.raw) == HEADER_SIZE + length
        assert splitter.pending <= HEADER_SIZE + MAX_LENGTH
        assert splitter.needed() >= 1


@settings(max_examples=200, deadline=None)
@given(
    st.data(),
    st.integers(0, 255),
    st.integers(0, 255),
    st.binary(max_size=2400),
    st.binary(max_size=64).map(lambda b: b.replace(b"\xaa", b"")),
)
def test_build_then_split_round_trips(
    data: st.DataObject, cmd: int, para: int, body: bytes, noise: bytes
) -> None:
    raw = build_command(cmd, para, body)
    splitter = FrameSplitter()
    frames = [f for chunk in data.draw(chunked(noise + raw + noise + raw)) for f in splitter.feed(chunk)]
    assert frames == [Frame(raw), Frame(raw)]
    assert frames[0].cmd == (cmd, para) and frames[0].payload[2:] == body
