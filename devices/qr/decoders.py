"""Byte-exact wrappers around zbar (binary mode) and zxing-cpp for grayscale images (research §3.1–3.3)."""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from devices.errors import DeviceUnavailableFeature

_log = logging.getLogger(__name__)

GrayImage = npt.NDArray[np.uint8]

QR_FORMATS: frozenset[str] = frozenset({"QRCODE"})
# 1-D codes met at a government counter: Code 128/39 (出生医学证明 number, §5), EAN (retail). Interleaved
# 2 of 5 ("I25") has no mandatory check digit and is prone to false reads: decoded only when asked for.
LINEAR_FORMATS: frozenset[str] = frozenset({"CODE128", "CODE39", "EAN13", "EAN8"})
ALL_FORMATS: frozenset[str] = QR_FORMATS | LINEAR_FORMATS

# zbar <-> our names (zbar's spelling is ours). ZBAR_CFG_BINARY is 4 in zbar >= 0.23 include/zbar.h
# but missing from pyzbar's ZBarConfig enum (§3.3); ZBAR_FMT "Y800" = 8-bit grayscale.
_ZBAR_CFG_ENABLE = 0
_ZBAR_CFG_BINARY = 4
_ZBAR_Y800 = 0x30303859
_ZBAR_SYMBOLS = {"QRCODE": 64, "CODE128": 128, "CODE39": 39, "EAN13": 13, "EAN8": 8, "I25": 25}
_ZBAR_NAMES = {v: k for k, v in _ZBAR_SYMBOLS.items()}

# zxing-cpp BarcodeFormat names -> ours; everything else is upper-cased without punctuation.
_ZXING_NAMES = {"QRCode": "QRCODE", "ITF": "I25", "DataMatrix": "DATAMATRIX"}
_ZXING_FROM_OURS = {
    "QRCODE": "QRCode",
    "CODE128": "Code128",
    "CODE39": "Code39",
    "EAN13": "EAN13",
    "EAN8": "EAN8",
    "I25": "ITF",
    "DATAMATRIX": "DataMatrix",  # zxing only
    "PDF417": "PDF417",  # zxing only
}


@dataclass(frozen=True, slots=True)
class RawCode:
    """A code found in an image: format, payload bytes, and its bounding box (x, y, w, h) in that image."""

    format: str
    raw: bytes
    box: tuple[int, int, int, int]


class ZbarDecoder:
    """zbar through pyzbar's ctypes layer, in binary mode so QR bytes come back unconverted (§3.3).

    Stateless apart from the library handle; each call creates and destroys its own zbar scanner,
    so one instance may be used from any single thread at a time.
    """

    name = "pyzbar"

    def __init__(self) -> None:
        try:
            from pyzbar import wrapper  # deferred: loading libzbar may fail
        except ImportError as exc:  # pyzbar raises ImportError when libzbar0 is missing (§3.1)
            raise DeviceUnavailableFeature(
                "未找到 zbar 库（Debian/UOS 请安装 libzbar0），无法用 pyzbar 识别二维码。",
                f"pyzbar/libzbar not importable: {exc}",
            ) from exc
        self._w: Any = wrapper

    def decode(self, gray: GrayImage, formats: Iterable[str] = ALL_FORMATS) -> list[RawCode]:
        w = self._w
        pixels = np.ascontiguousarray(gray, dtype=np.uint8)
        height, width = pixels.shape[:2]
        scanner = w.zbar_image_scanner_create()
        if not scanner:
            raise MemoryError("zbar_image_scanner_create failed")
        try:
            w.zbar_image_scanner_set_config(scanner, 0, _ZBAR_CFG_ENABLE, 0)  # symbology 0 = all: off
            for name in formats:
                if name in _ZBAR_SYMBOLS:
                    w.zbar_image_scanner_set_config(scanner, _ZBAR_SYMBOLS[name], _ZBAR_CFG_ENABLE, 1)
            w.zbar_image_scanner_set_config(scanner, _ZBAR_SYMBOLS["QRCODE"], _ZBAR_CFG_BINARY, 1)
            image = w.zbar_image_create()
            try:
                # zbar reads the numpy buffer in place; ``pixels`` outlives the image (no cleanup handler)
                w.zbar_image_set_format(image, _ZBAR_Y800)
                w.zbar_image_set_size(image, width, height)
                w.zbar_image_set_data(image, pixels.ctypes.data_as(ctypes.c_void_p), pixels.nbytes, None)
                if w.zbar_scan_image(scanner, image) < 0:
                    raise ValueError("zbar rejected the image format")
                return list(self._symbols(image))
            finally:
                w.zbar_image_destroy(image)
        finally:
            w.zbar_image_scanner_destroy(scanner)

    def _symbols(self, image: Any) -> Iterable[RawCode]:
        w = self._w
        symbol = w.zbar_image_first_symbol(image)
        while symbol:
            raw = ctypes.string_at(w.zbar_symbol_get_data(symbol), w.zbar_symbol_get_data_length(symbol))
            points = [
                (w.zbar_symbol_get_loc_x(symbol, i), w.zbar_symbol_get_loc_y(symbol, i))
                for i in range(w.zbar_symbol_get_loc_size(symbol))
            ]
            fmt = _ZBAR_NAMES.get(symbol.contents.type, f"ZBAR{symbol.contents.type}")
            yield RawCode(fmt, raw, _box(points))
            symbol = w.zbar_symbol_next(symbol)


class ZxingDecoder:
    """zxing-cpp, reading ``Barcode.bytes`` (never ``.text``) so GBK survives (§3.3); any one thread."""

    name = "zxing-cpp"

    def __init__(self) -> None:
        try:
            import zxingcpp  # optional dependency
        except ImportError as exc:
            raise DeviceUnavailableFeature(
                "未安装 zxing-cpp，改用 pyzbar 识别二维码（速度较慢）。", f"zxing-cpp not importable: {exc}"
            ) from exc
        self._z: Any = zxingcpp
        self._formats: dict[frozenset[str], Any] = {}

    def decode(
        self,
        gray: GrayImage,
        formats: Iterable[str] = ALL_FORMATS,
        *,
        thorough: bool = False,
        with_failures: bool = False,
    ) -> tuple[list[RawCode], list[tuple[int, int, int, int]]]:
        """Decoded codes, and boxes of symbols that were located but failed their checksum.

        ``thorough`` turns on zxing's rotate/invert passes (about 2× slower on 720p frames here);
        live frames use the fast setting and rely on the next frame.
        """
        z = self._z
        wanted = frozenset(formats)
        if wanted not in self._formats:
            known = sorted(f for f in wanted if f in _ZXING_FROM_OURS)  # unknown names are not ours to guess
            self._formats[wanted] = [getattr(z.BarcodeFormat, _ZXING_FROM_OURS[f]) for f in known]
        if not self._formats[wanted]:
            return [], []  # zxing reads an empty format list as "all formats"
        results = z.read_barcodes(
            gray,
            formats=self._formats[wanted],
            try_rotate=thorough,
            try_invert=thorough,
            try_downscale=True,
            return_errors=with_failures,
        )
        codes: list[RawCode] = []
        failures: list[tuple[int, int, int, int]] = []
        for result in results:
            p = result.position
            box = _box([(pt.x, pt.y) for pt in (p.top_left, p.top_right, p.bottom_right, p.bottom_left)])
            if result.valid:
                name = result.format.name
                codes.append(RawCode(_ZXING_NAMES.get(name, name.upper()), bytes(result.bytes), box))
            else:
                failures.append(box)
        return codes, failures


def zxing_decoder() -> ZxingDecoder | None:
    """A zxing-cpp decoder, or None (logged once per call) when the package cannot be imported."""
    try:
        return ZxingDecoder()
    except DeviceUnavailableFeature as exc:
        _log.warning("%s; falling back to pyzbar", exc.detail)
        return None


def _box(points: list[tuple[int, int]]) -> tuple[int, int, int, int]:
    if not points:
        return (0, 0, 0, 0)
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return (min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1)
