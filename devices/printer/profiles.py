"""Receipt printer profiles: paper width, Chinese encoding and capabilities, chosen by ``?profile=``."""

from __future__ import annotations

from dataclasses import dataclass

from devices.errors import DeviceUriError
from devices.uri import DeviceUri

DEFAULT_PROFILE = "generic-80-gb18030"


@dataclass(frozen=True, slots=True)
class PrinterProfile:
    """What the renderer needs to know about one kind of printer.

    Widths are at 203 dpi (research/devices.md §2.2: 58 mm = 384 dots, 80 mm = 576 dots); a column
    is half of the 24×24 Chinese glyph, i.e. one 12×24 Font A character.
    ``encoding`` is the codec of the bytes sent as text; ``font_charset`` says which double-byte
    codes the printer's built-in font draws: the GBK area (lead 81–FE, trail 40–FE) or only the
    GB2312 area (A1–F7, A1–FE).
    Printer fonts stop at GBK even when the printer takes GB18030 bytes (§2.3 rule 2), so the
    4-byte GB18030 characters (CJK Ext-A/B such as 㐂 𠮷, or ``¥``) go through the raster fallback.
    """

    name: str
    description: str
    paper_mm: int
    dots: int  # printable width in dots
    columns: int  # Font A columns at normal size
    encoding: str  # "gb18030" | "gbk"
    font_charset: str  # "gbk" | "gb2312"
    chinese_mode_command: bool  # send FS & after ESC @ (some printers, e.g. ZJ-5890, need it: §2.3)
    native_qr: bool  # GS ( k, function 165–169 (QR model 2)
    native_barcode: bool  # GS k, function B (CODE128 = 73)
    cutter: bool
    partial_cut: bool  # GS V 1 rather than GS V 0
    qr_module_dots: int  # preferred QR module size; shrunk when the symbol would not fit
    barcode_height: int  # dots
    raster_only: bool = False  # print the whole receipt as one image (printers without a Chinese font)
    line_dots: int = 24  # glyph height of the built-in font
    line_gap: int = 6  # default line spacing (ESC 2) minus the glyph height


PROFILES: dict[str, PrinterProfile] = {
    p.name: p
    for p in (
        PrinterProfile(
            name="generic-80-gb18030",
            description="80 mm, GB18030, QR and CODE128 native, partial cut",
            paper_mm=80,
            dots=576,
            columns=48,
            encoding="gb18030",
            font_charset="gbk",
            chinese_mode_command=True,
            native_qr=True,
            native_barcode=True,
            cutter=True,
            partial_cut=True,
            qr_module_dots=8,
            barcode_height=80,
        ),
        PrinterProfile(
            name="generic-80-gbk",
            description="80 mm, GBK only (python-escpos#678), QR and CODE128 native, partial cut",
            paper_mm=80,
            dots=576,
            columns=48,
            encoding="gbk",
            font_charset="gbk",
            chinese_mode_command=True,
            native_qr=True,
            native_barcode=True,
            cutter=True,
            partial_cut=True,
            qr_module_dots=8,
            barcode_height=80,
        ),
        PrinterProfile(
            name="generic-58-gbk",
            description="58 mm, GBK, QR and CODE128 native, no cutter (tear bar)",
            paper_mm=58,
            dots=384,
            columns=32,
            encoding="gbk",
            font_charset="gbk",
            chinese_mode_command=True,
            native_qr=True,
            native_barcode=True,
            cutter=False,
            partial_cut=False,
            qr_module_dots=6,
            barcode_height=64,
        ),
        PrinterProfile(
            name="basic-58-gb2312",
            description="58 mm, GB2312 font, no native QR (capabilities.json ZJ-5870/POS-5890: qrCode false), no cutter",
            paper_mm=58,
            dots=384,
            columns=32,
            encoding="gbk",
            font_charset="gb2312",
            chinese_mode_command=True,
            native_qr=False,
            native_barcode=False,
            cutter=False,
            partial_cut=False,
            qr_module_dots=6,
            barcode_height=64,
        ),
        PrinterProfile(
            name="raster-80",
            description="80 mm, everything printed as images (no Chinese font, or a UTF-8-only printer)",
            paper_mm=80,
            dots=576,
            columns=48,
            encoding="gb18030",
            font_charset="gbk",
            chinese_mode_command=False,
            native_qr=False,
            native_barcode=False,
            cutter=True,
            partial_cut=True,
            qr_module_dots=8,
            barcode_height=80,
            raster_only=True,
        ),
    )
}


def get_profile(name: str) -> PrinterProfile:
    """The profile called ``name``; an unknown name is a DeviceUriError listing the known ones."""
    try:
        return PROFILES[name.strip().lower()]
    except KeyError:
        known = "、".join(PROFILES)
        raise DeviceUriError(
            f"不认识的打印机配置“{name}”，可选：{known}",
            f"unknown printer profile {name!r}; known: {', '.join(PROFILES)}",
        ) from None


def profile_for_uri(uri: DeviceUri, override: str | None = None) -> PrinterProfile:
    """``override`` if given, else the URI's ``?profile=``, else DEFAULT_PROFILE."""
    return get_profile(override or uri.options.get("profile") or DEFAULT_PROFILE)
