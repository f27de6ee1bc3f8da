"""ESC/POS bytes back into operations (init, text, QR payload, raster image, cut …) for tests, the simulator and the CLI."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PIL import Image, ImageOps

ESC, FS, GS, DLE = 0x1B, 0x1C, 0x1D, 0x10

# Parameter byte counts of the fixed-length commands we emit or printers commonly get (Epson
# ESC/POS reference); anything else is read as a two-byte command with no parameters.
_ESC_PARAMS = {
    ord("@"): ("init", 0), ord("a"): ("align", 1), ord("E"): ("bold", 1), ord("G"): ("double_strike", 1),
    ord("d"): ("feed_lines", 1), ord("J"): ("feed_dots", 1), ord("2"): ("line_spacing_default", 0),
    ord("3"): ("line_spacing", 1), ord("t"): ("code_page", 1), ord("!"): ("print_mode", 1),
    ord("-"): ("underline", 1), ord("M"): ("font", 1), ord("V"): ("rotate", 1), ord("{"): ("upside_down", 1),
    ord("R"): ("charset", 1), ord("p"): ("cash_drawer", 3), ord("c"): ("panel", 2), ord("="): ("select", 1),
    ord("$"): ("position", 2), ord("B"): ("buzzer", 2), ord("i"): ("cut", 0), ord("m"): ("cut", 0),
}  # fmt: skip
_FS_PARAMS = {
    ord("&"): ("chinese_on", 0), ord("."): ("chinese_off", 0), ord("!"): ("chinese_mode", 1),
    ord("-"): ("chinese_underline", 1), ord("C"): ("chinese_code_system", 1), ord("W"): ("chinese_double", 1),
    ord("S"): ("chinese_spacing", 2), ord("p"): ("nv_image", 2),
}  # fmt: skip
_GS_PARAMS = {
    ord("!"): ("size", 1), ord("B"): ("reverse", 1), ord("h"): ("barcode_height", 1),
    ord("w"): ("barcode_width", 1), ord("H"): ("hri_position", 1), ord("f"): ("hri_font", 1),
    ord("L"): ("left_margin", 2), ord("W"): ("print_width", 2), ord("a"): ("auto_status", 1),
    ord("r"): ("status_request", 1), ord("I"): ("printer_id", 1), ord("P"): ("motion_units", 2),
    ord("b"): ("smoothing", 1), ord("$"): ("vertical_position", 2),
}  # fmt: skip
_QR_FUNCTIONS = {65: "qr_model", 67: "qr_size", 69: "qr_ec", 80: "qr_store", 81: "qr_print"}


@dataclass(frozen=True, slots=True)
class EscPosOp:
    """One command. ``args`` are its numeric parameters, ``text`` decoded text / QR payload /
    barcode data, ``payload`` raw data bytes (raster rows, unknown commands)."""

    name: str
    args: tuple[int, ...] = ()
    text: str = ""
    payload: bytes = b""


class EscPosDecoder:
    """Incremental: ``feed`` bytes as they arrive (a TCP read can end anywhere, even inside a command),
    get the operations completed so far; ``finish`` flushes the rest. One instance per stream."""

    def __init__(self, encoding: str = "gb18030") -> None:
        self._encoding = encoding
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[EscPosOp]:
        self._buffer += data
        return self._drain(final=False)

    def finish(self) -> list[EscPosOp]:
        ops = self._drain(final=True)
        if self._buffer:
            ops.append(EscPosOp("truncated", payload=bytes(self._buffer)))
            self._buffer.clear()
        return ops

    def _drain(self, final: bool) -> list[EscPosOp]:
        ops: list[EscPosOp] = []
        buf, pos = self._buffer, 0
        while pos < len(buf):
            parsed = self._one(buf, pos, final)
            if parsed is None:
                break
            op, pos = parsed
            ops.append(op)
        del buf[:pos]
        return ops

    def _one(self, buf: bytearray, pos: int, final: bool) -> tuple[EscPosOp, int] | None:
        """The operation at ``pos`` and where the next starts; None if it is not complete yet."""
        first = buf[pos]
        if first >= 0x20 and first != 0x7F:
            end = pos
            while end < len(buf) and buf[end] >= 0x20 and buf[end] != 0x7F:
                end += 1
            if end == len(buf) and not final:
                return None  # the text may go on (and a GB18030 character may be cut in two)
            return EscPosOp("text", text=bytes(buf[pos:end]).decode(self._encoding, "replace")), end
        simple = {0x0A: "lf", 0x0D: "cr", 0x09: "ht", 0x0C: "ff"}.get(first)
        if simple:
            return EscPosOp(simple), pos + 1
        if first in (ESC, FS, GS, DLE):
            if pos + 1 >= len(buf):
                return None
            return _command(buf, pos)
        return EscPosOp("unknown", payload=bytes(buf[pos : pos + 1])), pos + 1


def _command(buf: bytearray, pos: int) -> tuple[EscPosOp, int] | None:
    prefix, code = buf[pos], buf[pos + 1]
    if prefix == DLE:
        if code in (0x04, 0x05):  # DLE EOT n (status), DLE ENQ n (recovery)
            if pos + 2 >= len(buf):
                return None
            name = "status_query" if code == 0x04 else "realtime_request"
            return EscPosOp(name, (buf[pos + 2],)), pos + 3
        return EscPosOp("unknown", payload=bytes(buf[pos : pos + 1])), pos + 1
    if prefix == ESC and code == ord("*"):  # ESC * m nL nH d…: column image, 3 bytes per column at m ≥ 32
        return _column_image(buf, pos)
    if prefix == GS and code == ord("v"):  # GS v 0 m xL xH yL yH d…: raster bit image
        return _raster(buf, pos)
    if prefix == GS and code == ord("("):  # GS ( X pL pH …: pL+pH·256 bytes follow
        return _paren(buf, pos)
    if prefix == GS and code == ord("k"):
        return _barcode(buf, pos)
    if prefix == GS and code == ord("V"):  # GS V m [n]: cut; m 65/66/97/98 take a feed amount
        if pos + 2 >= len(buf):
            return None
        mode = buf[pos + 2]
        if mode in (65, 66, 97, 98):
            if pos + 3 >= len(buf):
                return None
            return EscPosOp("cut", (mode, buf[pos + 3])), pos + 4
        return EscPosOp("cut", (mode,)), pos + 3
    table = {ESC: _ESC_PARAMS, FS: _FS_PARAMS, GS: _GS_PARAMS}[prefix]
    name, count = table.get(code, ("unknown", 0))
    if pos + 2 + count > len(buf):
        return None
    args = tuple(buf[pos + 2 : pos + 2 + count])
    payload = bytes(buf[pos : pos + 2]) if name == "unknown" else b""
    return EscPosOp(name, args, payload=payload), pos + 2 + count


def _column_image(buf: bytearray, pos: int) -> tuple[EscPosOp, int] | None:
    if pos + 5 > len(buf):
        return None
    mode, columns = buf[pos + 2], buf[pos + 3] + 256 * buf[pos + 4]
    end = pos + 5 + columns * (3 if mode >= 32 else 1)
    if end > len(buf):
        return None
    return EscPosOp("column_image", (mode, columns), payload=bytes(buf[pos + 5 : end])), end


def _raster(buf: bytearray, pos: int) -> tuple[EscPosOp, int] | None:
    if pos + 8 > len(buf):
        return None
    mode, width_bytes = buf[pos + 3], buf[pos + 4] + 256 * buf[pos + 5]
    height = buf[pos + 6] + 256 * buf[pos + 7]
    end = pos + 8 + width_bytes * height
    if end > len(buf):
        return None
    return EscPosOp("raster", (width_bytes, height, mode), payload=bytes(buf[pos + 8 : end])), end


def _paren(buf: bytearray, pos: int) -> tuple[EscPosOp, int] | None:
    if pos + 5 > len(buf):
        return None
    function, length = buf[pos + 2], buf[pos + 3] + 256 * buf[pos + 4]
    end = pos + 5 + length
    if end > len(buf):
        return None
    body = bytes(buf[pos + 5 : end])
    if function == ord("k") and len(body) >= 2 and body[0] == 0x31 and body[1] in _QR_FUNCTIONS:
        name = _QR_FUNCTIONS[body[1]]
        if name == "qr_store":  # cn fn m=48 data
            return EscPosOp(name, text=body[3:].decode("utf-8", "replace"), payload=body[3:]), end
        return EscPosOp(name, tuple(body[2:])), end
    return EscPosOp(f"gs_paren_{chr(function)}", payload=body), end


def _barcode(buf: bytearray, pos: int) -> tuple[EscPosOp, int] | None:
    if pos + 2 >= len(buf):
        return None
    kind = buf[pos + 2]
    if kind <= 6:  # function A: NUL-terminated
        end = buf.find(0, pos + 3)
        if end < 0:
            return None
        return EscPosOp("barcode", (kind,), bytes(buf[pos + 3 : end]).decode("ascii", "replace")), end + 1
    if pos + 3 >= len(buf):
        return None
    end = pos + 4 + buf[pos + 3]  # function B: a length byte, then the data
    if end > len(buf):
        return None
    return EscPosOp("barcode", (kind,), bytes(buf[pos + 4 : end]).decode("ascii", "replace")), end


def decode_escpos(data: bytes, encoding: str = "gb18030") -> list[EscPosOp]:
    """Every operation in ``data`` (a complete stream, e.g. a receipt file)."""
    decoder = EscPosDecoder(encoding)
    return decoder.feed(data) + decoder.finish()


def raster_image(op: EscPosOp) -> Image.Image:
    """A ``raster`` operation as a picture, black where the printer would burn a dot."""
    width_bytes, height, _mode = op.args
    bits = Image.frombytes("1", (width_bytes * 8, height), op.payload)
    return ImageOps.invert(bits.convert("L"))


def printed_lines(ops: Iterable[EscPosOp]) -> list[str]:
    """The text as printed, one string per line; an image stands in as ``[image WxH]`` on its own line."""
    lines, current = [], ""
    for op in ops:
        if op.name == "text":
            current += op.text
        elif op.name == "lf":
            lines.append(current)
            current = ""
        elif op.name == "raster":
            if current:
                lines.append(current)
                current = ""
            lines.append(f"[image {op.args[0] * 8}x{op.args[1]}]")
    if current:
        lines.append(current)
    return lines


def describe(ops: Iterable[EscPosOp]) -> list[str]:
    """One readable line per operation, for the CLI and for test failure messages."""
    out = []
    for op in ops:
        if op.name == "text":
            out.append(f"text {op.text!r}")
        elif op.name == "raster":
            out.append(f"raster {op.args[0] * 8}x{op.args[1]} dots")
        elif op.name in ("qr_store", "barcode"):
            out.append(f"{op.name} {op.text!r}" + (f" type={op.args[0]}" if op.args else ""))
        elif op.name in ("unknown", "truncated"):
            out.append(f"{op.name} {op.payload[:16].hex(' ')}")
        else:
            out.append(op.name + ("" if not op.args else " " + " ".join(map(str, op.args))))
    return out
