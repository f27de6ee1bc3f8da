"""PrintableReceipt → ESC/POS bytes, pure (no I/O): GB18030/GBK text, raster fallback per line, QR, CODE128, cut."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from escpos.constants import QR_ECLEVEL_M, QR_MODEL_2
from escpos.printer import Dummy
from PIL import Image

from devices.errors import DeviceError
from devices.printer import PrintableReceipt
from devices.printer.profiles import PrinterProfile
from devices.printer.raster import (
    FontFace,
    TextStyle,
    code128_modules,
    draw_barcode,
    draw_qr,
    draw_text_line,
    find_cjk_fonts,
    qr_module_dots,
    stack,
)
from devices.printer.textlayout import line_printable_as_text, sanitize, text_columns, wrap

log = logging.getLogger(__name__)

ESC, GS, FS, LF = b"\x1b", b"\x1d", b"\x1c", b"\n"
CHINESE_MODE_ON = FS + b"&"  # FS &: select Kanji/Chinese character mode (research/devices.md §2.3)
REPRINT_MARK = "** 补打 REPRINT **"
_ALIGN = {"left": 0, "center": 1, "right": 2}  # ESC a n
_EMPHASIS = {
    "normal": TextStyle(),
    "bold": TextStyle(bold=True),
    # double height only: a 20-digit case number still fits one line
    "large": TextStyle(width=1, height=2, bold=True),
    "title": TextStyle(width=2, height=2, bold=True),
}
_FEED_AT_END = 6  # ESC d 6, as Escpos.cut() does: moves the last line past the cutter / tear bar
_MAX_FEED = 10


class ReceiptLayoutError(DeviceError):
    """The receipt holds something no printer profile can print (unknown block kind, barcode too long …)."""


@dataclass(frozen=True, slots=True)
class RenderedReceipt:
    """The bytes of one receipt, how many text lines fell back to images, and the characters no
    installed font could draw (they print as a box: staff should be told)."""

    data: bytes
    raster_lines: int
    missing_glyphs: tuple[str, ...] = ()


def render_receipt(
    receipt: PrintableReceipt, profile: PrinterProfile, fonts: Sequence[FontFace] | None = None
) -> RenderedReceipt:
    """Render ``receipt`` for ``profile``. ``fonts`` are looked up (find_cjk_fonts) only if a line
    needs the raster fallback and none were given."""
    composer = _Composer(profile, fonts)
    composer.start()
    if receipt.reprint:
        composer.text(REPRINT_MARK, "center", "large")
    for block in receipt.blocks:
        kind = block.kind
        if kind == "text":
            composer.text(block.text, block.align, block.emphasis)
        elif kind == "rule":
            composer.rule(block.text)
        elif kind == "feed":
            composer.feed(block.text)
        elif kind == "qr":
            composer.qr(block.text)
        elif kind == "barcode":
            composer.barcode(block.text)
        else:
            raise ReceiptLayoutError(
                f"回执中有无法打印的内容（{kind}）", f"unknown receipt block kind {kind!r}"
            )
    return composer.finish()


class _EscposProfile:
    """Duck-types escpos's BaseProfile for the lookups Escpos.image() and Escpos.cut() make, so no
    profile is written into escpos's shared class-level profile data."""

    def __init__(self, profile: PrinterProfile) -> None:
        features = {"paperFullCut": profile.cutter, "paperPartCut": profile.cutter and profile.partial_cut}
        self.profile_data: dict[str, Any] = {
            "name": profile.name,
            "media": {"width": {"pixels": profile.dots, "mm": profile.paper_mm}, "dpi": 203},
            "features": features,
        }

    def supports(self, feature: str) -> bool:
        return bool(self.profile_data["features"].get(feature, False))


@dataclass
class _Composer:
    """Builds one receipt on an escpos Dummy (its ``_raw`` is the only way bytes get in), tracking the
    printer's mode so a command is sent only when it changes."""

    profile: PrinterProfile
    fonts: Sequence[FontFace] | None
    raster_lines: int = 0
    missing: set[str] = field(default_factory=set)
    _sink: Any = None
    _sheet: list[Image.Image] | None = None  # raster_only: the parts of the one image
    _align: str = "left"
    _style: TextStyle = _EMPHASIS["normal"]

    def start(self) -> None:
        self._sink = Dummy()
        self._sink.profile = _EscposProfile(self.profile)
        self._sink.hw("INIT")  # ESC @ on every receipt: python-escpos never sends it (§2.1)
        if self.profile.raster_only:
            self._sheet = []
        elif self.profile.chinese_mode_command:
            self._sink._raw(CHINESE_MODE_ON)
        self._align, self._style = "left", TextStyle()  # what ESC @ leaves

    def finish(self) -> RenderedReceipt:
        if self._sheet is not None:
            sheet, self._sheet = self._sheet, None
            self._image(stack(sheet, self.profile.dots))
        if self.profile.cutter:
            self._sink.cut(mode="PART" if self.profile.partial_cut else "FULL")  # ESC d 6, GS V 1 / GS V 0
        else:
            self._sink.print_and_feed(_FEED_AT_END)  # ESC d 6: tear bar
        data = bytes(self._sink.output)
        return RenderedReceipt(data, self.raster_lines, tuple(sorted(self.missing)))

    # --- blocks -------------------------------------------------------------------------------

    def text(self, text: str, align: str, emphasis: str) -> None:
        if align not in _ALIGN or emphasis not in _EMPHASIS:
            raise ReceiptLayoutError(
                "回执中有无法打印的排版设置", f"bad align {align!r} or emphasis {emphasis!r}"
            )
        style = _EMPHASIS[emphasis]
        for line in wrap(sanitize(text), self.profile.columns // style.width):
            self._line(line, align, style)

    def rule(self, text: str) -> None:
        fill = sanitize(text).replace("\n", "")[:1]
        if not text_columns(fill):
            fill = "-"
        self._line(fill * (self.profile.columns // text_columns(fill)), "left", TextStyle())

    def feed(self, text: str) -> None:
        lines = min(int(text), _MAX_FEED) if text.strip().isdigit() else 1
        if self._sheet is not None:
            height = lines * (self.profile.line_dots + self.profile.line_gap)
            self._sheet.append(Image.new("L", (self.profile.dots, height), 255))
        else:
            self._sink.print_and_feed(lines)  # ESC d n

    def qr(self, payload: str) -> None:
        if not payload:
            raise ReceiptLayoutError("回执二维码内容为空", "empty QR payload")
        try:
            module = qr_module_dots(payload, self.profile.qr_module_dots, self.profile.dots)
        except ValueError as exc:  # qrcode's DataOverflowError: more than a version-40 symbol holds
            raise ReceiptLayoutError("回执二维码内容过长", f"QR payload too long: {exc}") from exc
        if self.profile.native_qr and self._sheet is None:
            self._set_align("center")
            # GS ( k: model 2, module size, EC level M, store (UTF-8), print (§2.4)
            self._sink.qr(payload, ec=QR_ECLEVEL_M, size=module, model=QR_MODEL_2, native=True)
        else:
            self._image(draw_qr(payload, module, self.profile.dots))

    def barcode(self, data: str) -> None:
        if not data or not all(0x20 <= ord(ch) < 0x7F for ch in data):
            raise ReceiptLayoutError(
                "条码只能包含英文字母、数字和符号", f"CODE128 data must be printable ASCII: {data!r}"
            )
        # GS k m=73 with code set B: start + data + check = 11 modules each, stop 13; quiet zones 10 + 10.
        hw_modules = 11 * len(data) + 35 + 20
        width = next((w for w in (3, 2) if hw_modules * w <= self.profile.dots), 0)
        if self.profile.native_barcode and self._sheet is None and width:
            self._sink._hw_barcode(
                "{B" + data.replace("{", "{{"),  # "{" escapes a code-set switch in GS k function B
                "CODE128",
                height=self.profile.barcode_height,
                width=width,
                pos="BELOW",
                font="A",
                align_ct=True,  # sends ESC a 1
                function_type="B",
            )
            self._align = "center"
            return
        modules = code128_modules(data)
        width = next((w for w in (3, 2, 1) if (len(modules) + 20) * w <= self.profile.dots), 0)
        if not width:
            raise ReceiptLayoutError(
                "条码内容过长，纸宽放不下", f"CODE128 {data!r} wider than {self.profile.dots} dots"
            )
        self._image(draw_barcode(modules, width, self.profile.barcode_height, self.profile.dots))
        self.text(data, "center", "normal")  # the human-readable line GS H 2 would have printed

    # --- primitives ---------------------------------------------------------------------------

    def _line(self, line: str, align: str, style: TextStyle) -> None:
        printable = line_printable_as_text(line, self.profile.encoding, self.profile.font_charset)
        if self._sheet is None and printable:
            self._set_align(align)
            self._set_style(style)
            # Encoded here and sent through _raw: Escpos.text() would run MagicEncode (§2.3).
            self._sink._raw(line.encode(self.profile.encoding) + LF)
            return
        if self._sheet is None:
            self.raster_lines += 1
            outside = sum(
                not line_printable_as_text(ch, self.profile.encoding, self.profile.font_charset)
                for ch in line
            )
            log.debug(
                "a line falls back to raster: %d of its characters are outside the printer font", outside
            )
        image, missing = draw_text_line(
            line, align, style, self.profile.dots, self.profile.line_gap, self._raster_fonts()
        )
        self.missing |= missing
        self._image(image)

    def _image(self, image: Image.Image) -> None:
        if self._sheet is not None:
            self._sheet.append(image)
            return
        self._sink.image(image, impl="bitImageRaster", center=False)  # GS v 0, 960-row fragments

    def _raster_fonts(self) -> Sequence[FontFace]:
        if self.fonts is None:
            self.fonts = find_cjk_fonts()
        return self.fonts

    def _set_align(self, align: str) -> None:
        if align != self._align:
            self._sink._raw(ESC + b"a" + bytes((_ALIGN[align],)))
            self._align = align

    def _set_style(self, style: TextStyle) -> None:
        if style == self._style:
            return
        if (style.width, style.height) != (self._style.width, self._style.height):
            size = (style.width - 1) << 4 | (style.height - 1)
            self._sink._raw(GS + b"!" + bytes((size,)))  # GS ! n: width × (bits 4–7), height × (bits 0–3)
        if style.bold != self._style.bold:
            self._sink._raw(ESC + b"E" + bytes((int(style.bold),)))  # ESC E n: emphasised
        self._style = style
