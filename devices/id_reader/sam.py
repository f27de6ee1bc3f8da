"""SAM protocol frame codec for ID-card readers: frames, an incremental splitter, status and read responses."""

from __future__ import annotations

from dataclasses import dataclass

from devices.errors import DeviceProtocolError
from devices.id_reader import IdCard, SamStatusError
from devices.id_reader.text_block import TEXT_BLOCK_SIZE, decode_text_block

# research/devices.md §1.2: 3 sync bytes + 2 frame-start bytes, then a big-endian length of
# everything after the length field (CMD+PARA+DATA+CHK, or SW1..SW3+DATA+CHK).
PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
HEADER_SIZE = 7  # preamble + Len1 Len2
MIN_LENGTH = 3  # CMD PARA CHK; a response needs 4 (SW1 SW2 SW3 CHK)
# The largest documented frame is a 30 10 answer with two fingerprints, Len 0x090A (§1.5). A
# bound keeps the splitter's buffer finite on garbage; the margin allows vendor extensions.
MAX_LENGTH = 0x1000

# Commands as (CMD, PARA), research/devices.md §1.3.
RESET_SAM = (0x10, 0xFF)  # 复位SAM
SAM_STATUS = (0x11, 0xFF)  # SAM状态检测
SAM_ID = (0x12, 0xFF)  # 读SAM管理信息
FIND_CARD = (0x20, 0x01)  # 寻找证/卡 → SW3 9F
SELECT_CARD = (0x20, 0x02)  # 选取证/卡
READ_TEXT_PHOTO = (0x30, 0x01)  # 读文字+相片 (1295-byte answer)
READ_TEXT_PHOTO_FP = (0x30, 0x10)  # 读文字+相片+指纹 (1297/1809/2321-byte answer)
READ_NEW_ADDRESS = (0x30, 0x03)  # 读最新住址 (SW3 91 = none)
SET_RF_MAX = (0x61, 0xFF)
SET_BAUD_CMD = 0x60
BAUD_PARAS: dict[int, int] = {115200: 0x00, 57600: 0x01, 38400: 0x02, 19200: 0x03, 9600: 0x04}

SW3_OK = 0x90
SW3_FOUND = 0x9F
SW3_NO_CONTENT = 0x91
SW3_NO_CARD = 0x80

# Every SW3 documented in research/devices.md §1.4, with text for staff (zh) and logs (en).
STATUS_MESSAGES: dict[int, tuple[str, str]] = {
    0x90: ("操作成功", "success"),
    0x9F: ("已找到证件", "card found"),
    0x91: ("证件中此项无内容", "item has no content"),
    0x10: ("阅读器收到的命令校验和错误，可能是线路干扰，请重试", "reader saw a checksum error"),
    0x11: ("阅读器收到的命令长度错误，可能是线路干扰，请重试", "reader saw a length error"),
    0x21: ("阅读器不接受此命令（命令错误）", "reader rejected the command"),
    0x23: ("阅读器拒绝执行：越权操作", "unauthorised operation"),
    0x24: ("阅读器报告无法识别的错误，请重新放置证件", "unrecognised error"),
    0x31: ("证件认证机具失败，请重新放置证件", "card failed to authenticate the reader"),
    0x32: (
        "机具认证证件失败，请重新放置证件；如反复出现，证件可能已损坏",
        "reader failed to authenticate the card",
    ),
    0x33: ("证件信息验证错误，请重新放置证件；如反复出现，证件可能已损坏", "information verification error"),
    0x40: ("无法识别的卡片类型，请放置居民身份证或其他二代证件", "unrecognised card type"),
    0x41: ("读证件失败，请将证件取走后重新放置", "read operation failed"),
    0x47: ("取随机数失败，请将证件取走后重新放置", "get-random failed"),
    0x60: ("阅读器安全模块（SAM）自检失败，无法读证，请联系运维人员", "SAM self-test failed"),
    0x66: ("阅读器安全模块（SAM）未经授权，无法读证，请联系运维人员", "SAM not authorised"),
    0x80: ("未找到证件，请将证件平放在阅读区", "no card in the field"),
    0x81: ("选取证件失败，请将证件取走后重新放置", "select card failed"),
}


def xor_checksum(data: bytes) -> int:
    """XOR of all bytes (the SAM CHK_SUM over Len1 .. last DATA byte, §1.2)."""
    # Fold the bytes as one big integer: XOR of halves keeps byte lanes apart, so log2(n) C-level
    # operations replace a Python loop (garbage with many false preambles stays cheap).
    value, width = int.from_bytes(data, "little"), len(data)
    while width > 1:
        half = (width + 1) // 2
        value = (value & ((1 << (8 * half)) - 1)) ^ (value >> (8 * half))
        width = half
    return value


def _frame(body: bytes) -> bytes:
    header = (len(body) + 1).to_bytes(2, "big")
    return PREAMBLE + header + body + bytes([xor_checksum(header + body)])


def build_command(cmd: int, para: int, data: bytes = b"") -> bytes:
    """A host → reader frame, e.g. ``build_command(0x20, 0x01)`` = AA AA AA 96 69 00 03 20 01 22."""
    return _frame(bytes([cmd, para]) + data)


def build_response(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    """A reader → host frame (simulator side, §1.2)."""
    return _frame(bytes([sw1, sw2, sw3]) + data)


def status_message(sw3: int) -> str:
    """Chinese text for a status byte, including unknown ones."""
    known = STATUS_MESSAGES.get(sw3)
    return (
        known[0]
        if known
        else f"阅读器返回未知状态（0x{sw3:02X}），请重新放置证件；如反复出现，请联系运维人员"
    )


def status_error(sw3: int, sw1: int = 0, sw2: int = 0) -> SamStatusError:
    """The typed error for a failure status."""
    known = STATUS_MESSAGES.get(sw3)
    english = known[1] if known else "unknown status"
    return SamStatusError(
        status_message(sw3), f"SW3=0x{sw3:02X} ({english}), SW1 SW2={sw1:02X} {sw2:02X}", sw3=sw3
    )


@dataclass(frozen=True, slots=True)
class Frame:
    """One checked frame, either direction. Response accessors (sw*, data) assume reader → host."""

    raw: bytes

    @property
    def payload(self) -> bytes:
        """Everything between the length field and the checksum."""
        return self.raw[HEADER_SIZE:-1]

    @property
    def cmd(self) -> tuple[int, int]:
        """(CMD, PARA) of a host → reader frame."""
        return self.raw[7], self.raw[8]

    @property
    def sw1(self) -> int:
        return self.raw[7]

    @property
    def sw2(self) -> int:
        return self.raw[8]

    @property
    def sw3(self) -> int:
        return self.raw[9] if len(self.raw) > 10 else -1

    @property
    def data(self) -> bytes:
        """DATA of a response (after SW1 SW2 SW3)."""
        return self.raw[10:-1]

    def expect(self, *ok: int) -> Frame:
        """Return self if SW3 is one of ``ok``; raise SamStatusError otherwise (decided on SW3 only, §1.4)."""
        if len(self.raw) < 11:
            raise DeviceProtocolError("阅读器应答过短，无法识别", f"response too short: {self.raw.hex(' ')}")
        if self.sw3 not in ok:
            raise status_error(self.sw3, self.sw1, self.sw2)
        return self


class FrameError(DeviceProtocolError):
    """A frame-level defect the splitter skipped: ``reason`` is "checksum" or "length"."""

    def __init__(self, message: str, detail: str, reason: str) -> None:
        super().__init__(message, detail)
        self.reason = reason


class FrameSplitter:
    """Incremental frame splitter (no I/O); not thread-safe, owned by whoever feeds it.

    Resynchronises on the preamble (stray bytes before a frame occur on real lines, §1.10 item 7),
    trusts only the length field (never a fixed 1295, §1.5) and the XOR checksum. Every step
    consumes bytes, so it cannot loop; the buffer never exceeds one maximal frame.
    """

    def __init__(self) -> None:
        self._buf = bytearray()
        self.discarded = 0  # stray bytes dropped while hunting for a preamble

    @property
    def pending(self) -> int:
        """Bytes held that may start a frame (non-zero at a timeout means a truncated frame)."""
        return len(self._buf)

    def reset(self) -> None:
        self._buf.clear()

    def needed(self) -> int:
        """How many more bytes can surely be read without running past the current frame."""
        buf = self._buf
        if len(buf) >= HEADER_SIZE and buf.startswith(PREAMBLE):
            length = int.from_bytes(buf[5:7], "big")
            if MIN_LENGTH <= length <= MAX_LENGTH:
                return max(1, HEADER_SIZE + length - len(buf))
        return max(1, HEADER_SIZE - len(buf))

    def feed(self, data: bytes) -> list[Frame | FrameError]:
        """Add bytes; return the complete frames and frame errors found, in stream order."""
        self._buf += data
        out: list[Frame | FrameError] = []
        buf = self._buf
        while True:
            start = buf.find(PREAMBLE)
            if start < 0:
                keep = _partial_preamble(buf)
                self.discarded += len(buf) - keep
                del buf[: len(buf) - keep]
                return out
            if start:
                self.discarded += start
                del buf[:start]
            if len(buf) < HEADER_SIZE:
                return out
            length = int.from_bytes(buf[5:7], "big")
            if not MIN_LENGTH <= length <= MAX_LENGTH:
                out.append(
                    FrameError(
                        "阅读器应答的长度字段无效，可能是线路干扰",
                        f"length field {length} outside {MIN_LENGTH}..{MAX_LENGTH}",
                        "length",
                    )
                )
                del buf[:1]  # resync after this false or damaged preamble
                continue
            end = HEADER_SIZE + length
            if len(buf) < end:
                return out
            raw = bytes(buf[:end])
            if xor_checksum(raw[5:-1]) != raw[-1]:
                out.append(
                    FrameError(
                        "阅读器应答校验和错误，可能是线路干扰，请重新放置证件",
                        f"checksum {raw[-1]:02X} != {xor_checksum(raw[5:-1]):02X} in {len(raw)}-byte frame",
                        "checksum",
                    )
                )
                del buf[:1]  # the length may be the damaged part: rescan rather than skip `end`
                continue
            del buf[:end]
            out.append(Frame(raw))


def _partial_preamble(buf: bytearray) -> int:
    """Length of the longest tail of ``buf`` that could be the start of a preamble."""
    for size in range(min(len(PREAMBLE) - 1, len(buf)), 0, -1):
        if buf.endswith(PREAMBLE[:size]):
            return size
    return 0


@dataclass(frozen=True, slots=True)
class ReadPayload:
    """The parts of a successful 30 01 / 30 10 answer (§1.5)."""

    text: bytes
    photo: bytes
    fingerprint: bytes | None


def split_read_response(frame: Frame, with_fingerprint: bool) -> ReadPayload:
    """Cut a read answer by its own length fields: 2 (30 01) or 3 (30 10) big-endian u16 (§1.5)."""
    data = frame.expect(SW3_OK).data
    count = 3 if with_fingerprint else 2
    if len(data) < 2 * count:
        raise DeviceProtocolError(
            "读证应答不完整", f"read answer of {len(data)} bytes lacks its length fields"
        )
    sizes = [int.from_bytes(data[2 * i : 2 * i + 2], "big") for i in range(count)]
    if 2 * count + sum(sizes) != len(data):
        raise DeviceProtocolError(
            "读证应答长度不一致，请重新放置证件",
            f"read answer declares {sizes} but carries {len(data) - 2 * count} bytes",
        )
    if sizes[0] != TEXT_BLOCK_SIZE:
        raise DeviceProtocolError("证件文字信息长度异常", f"text block of {sizes[0]} bytes, expected 256")
    offset = 2 * count
    text = data[offset : offset + sizes[0]]
    photo = data[offset + sizes[0] : offset + sizes[0] + sizes[1]]
    fingerprint = data[offset + sizes[0] + sizes[1] :] if with_fingerprint else None
    return ReadPayload(text, photo, fingerprint or None)


def decode_read_response(frame: Frame, with_fingerprint: bool) -> IdCard:
    """A successful read answer → IdCard; DeviceProtocolError or SamStatusError otherwise."""
    payload = split_read_response(frame, with_fingerprint)
    return decode_text_block(payload.text, payload.photo, payload.fingerprint)


def build_read_response(text: bytes, photo: bytes, fingerprint: bytes | None) -> bytes:
    """A successful read answer (simulator side): 30 01 when ``fingerprint`` is None, else 30 10."""
    sizes = [len(text), len(photo)] + ([] if fingerprint is None else [len(fingerprint)])
    head = b"".join(size.to_bytes(2, "big") for size in sizes)
    return build_response(SW3_OK, head + text + photo + (fingerprint or b""))
