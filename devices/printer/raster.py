"""Drawing receipt parts with Pillow for raster printing (GS v 0): CJK font lookup, text lines, QR, barcodes.

Font faces are loaded once per process and shared: draw from one thread at a time (the printer's worker).
"""

from __future__ import annotations

import logging
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import barcode  # type: ignore[import-untyped]
import qrcode  # type: ignore[import-untyped]
import qrcode.constants  # type: ignore[import-untyped]
import qrcode.exceptions  # type: ignore[import-untyped]
import qrcode.util  # type: ignore[import-untyped]
from PIL import Image, ImageDraw, ImageFont

from devices.errors import DeviceUnavailableFeature
from devices.printer.textlayout import char_columns, text_columns

log = logging.getLogger(__name__)

# Searched in order, so the same machine always picks the same face (golden tests depend on it).
# Debian/UOS/Kylin (fonts-noto-cjk), Arch, Fedora, WenQuanYi, Droid, then Windows kiosks.
KNOWN_FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
    "C:/Windows/Fonts/simhei.ttf",
)
# Inside a .ttc, prefer the monospaced Simplified Chinese face: half-width Latin, full-width CJK,
# the same 12/24-dot grid as the printer's own font.
_FACE_PREFERENCE = ("Mono CJK SC", "CJK SC", " SC", "GB", "Hei", "Song")
_ASSET_FONTS = Path(__file__).resolve().parents[2] / "assets" / "fonts"
_NO_GLYPH_PROBE = "\U000f0000"  # a private-use code no font maps: what "missing" looks like
_BASE_SIZE = 24  # dots: the printer's 24×24 Chinese cell (research/devices.md §2.3 rule 3)
_BASELINE = 21  # dots from the cell top: Noto CJK's ideographic box is 0.88 em above the baseline


@dataclass(frozen=True, slots=True)
class FontFace:
    path: Path
    index: int
    family: str


@dataclass(frozen=True, slots=True)
class TextStyle:
    """Size and weight as the printer does them: GS ! multipliers, ESC E (emphasised = double strike)."""

    width: int = 1
    height: int = 1
    bold: bool = False


@lru_cache(maxsize=32)
def _truetype(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    # BASIC layout: glyph by glyph, identical output with or without libraqm (golden bytes).
    return ImageFont.truetype(path, size, index=index, layout_engine=ImageFont.Layout.BASIC)


def _faces_in(path: Path) -> list[FontFace]:
    faces: list[FontFace] = []
    for index in range(32):
        try:
            family = _truetype(str(path), index, _BASE_SIZE).getname()[0] or ""
        except OSError:
            break
        faces.append(FontFace(path, index, family))
    return faces


def best_face(path: Path) -> FontFace | None:
    """The face of a font file to draw Chinese receipts with (the monospaced SC one in a .ttc)."""
    faces = _faces_in(path)
    for wanted in _FACE_PREFERENCE:
        for face in faces:
            if wanted in face.family:
                return face
    return faces[0] if faces else None


def _fontconfig_faces() -> list[FontFace]:
    try:
        done = subprocess.run(
            ["fc-match", "-f", "%{file}|%{index}|%{family}\n", ":lang=zh-cn"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.debug("fc-match unavailable: %s", exc)
        return []
    faces = []
    for row in done.stdout.splitlines():
        file, _, rest = row.partition("|")
        index, _, family = rest.partition("|")
        if file and index.isdigit():
            faces.append(FontFace(Path(file), int(index), family.split(",")[0]))
    return faces


def find_cjk_fonts(extra: Sequence[str | Path] = ()) -> tuple[FontFace, ...]:
    """Fonts that can draw Chinese, best first: ``extra`` (URI ``?font=``), assets/fonts, the known
    system files, then fontconfig's choice for zh-cn. Raises DeviceUnavailableFeature if none.
    The answer is cached per process (fonts are installed, not changed, while the app runs)."""
    return _find_cjk_fonts(tuple(str(path) for path in extra))


@lru_cache(maxsize=8)
def _find_cjk_fonts(extra: tuple[str, ...]) -> tuple[FontFace, ...]:
    candidates: list[FontFace] = []
    assets = sorted(_ASSET_FONTS.glob("*.tt[fc]")) + sorted(_ASSET_FONTS.glob("*.otf"))
    for missing in (path for path in extra if not Path(path).is_file()):
        log.warning("configured receipt font %s does not exist; using the system fonts", missing)
    for path in [*map(Path, extra), *assets, *map(Path, KNOWN_FONT_FILES)]:
        if path.is_file():
            face = best_face(path)
            if face is not None:
                candidates.append(face)
    candidates += _fontconfig_faces()
    found: list[FontFace] = []
    for face in candidates:
        if face not in found and face.path.is_file() and _covers(face, "中"):
            found.append(face)
    if not found:
        raise DeviceUnavailableFeature(
            "未找到中文字体，无法把生僻字或整张回执打印成图片。请安装 fonts-noto-cjk，"
            "或在打印机地址中用 ?font=字体文件 指定字体。",
            "no CJK font found (searched ?font=, assets/fonts, "
            + ", ".join(KNOWN_FONT_FILES)
            + ", fc-match)",
        )
    log.info("receipt raster fonts: %s", ", ".join(f"{f.family} ({f.path}#{f.index})" for f in found))
    return tuple(found)


@lru_cache(maxsize=65536)
def _covers(face: FontFace, ch: str) -> bool:
    try:
        font = _truetype(str(face.path), face.index, _BASE_SIZE)
    except OSError:
        return False
    return bytes(font.getmask(ch)) != bytes(font.getmask(_NO_GLYPH_PROBE))


def face_for(ch: str, fonts: Sequence[FontFace]) -> FontFace | None:
    """The first face that has a glyph for ``ch``; None when none has (it will print as a box)."""
    return next((face for face in fonts if _covers(face, ch)), None)


def draw_text_line(
    line: str, align: str, style: TextStyle, dots: int, line_gap: int, fonts: Sequence[FontFace]
) -> tuple[Image.Image, frozenset[str]]:
    """One printed line as a ``dots``-wide bitmap on the printer's column grid, and the characters no
    font could draw. The glyphs are drawn at 24 dots and scaled like GS ! does."""
    columns = max(text_columns(line), 1)
    cell = Image.new("L", (columns * _BASE_SIZE // 2, _BASE_SIZE), 255)
    pen = ImageDraw.Draw(cell)
    missing: set[str] = set()
    x = 0
    for ch in line:
        width = char_columns(ch) * _BASE_SIZE // 2
        if ch != " " and width:
            face = face_for(ch, fonts)
            if face is None:
                missing.add(ch)
                face = fonts[0]
            font = _truetype(str(face.path), face.index, _BASE_SIZE)
            centre = x + width // 2
            for dx in (0, 1) if style.bold else (0,):  # ESC E: the printer strikes twice, one dot apart
                pen.text((centre + dx, _BASELINE), ch, font=font, fill=0, anchor="ms")
        x += width
    scaled = cell.resize((cell.width * style.width, cell.height * style.height), Image.Resampling.NEAREST)
    return _place(scaled, align, dots, line_gap), frozenset(missing)


def _place(image: Image.Image, align: str, dots: int, gap: int) -> Image.Image:
    canvas = Image.new("L", (dots, image.height + gap), 255)
    if image.width > dots:
        image = image.crop((0, 0, dots, image.height))
    left = {"left": 0, "center": (dots - image.width) // 2, "right": dots - image.width}[align]
    canvas.paste(image, (left, 0))
    return canvas


def qr_modules(payload: str) -> int:
    """Modules per side of the QR symbol for ``payload`` (model 2, EC level M, byte mode);
    ValueError when it is more than a version-40 symbol holds."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(qrcode.util.QRData(payload.encode("utf-8"), mode=qrcode.util.MODE_8BIT_BYTE))
    try:
        code.make(fit=True)
    except qrcode.exceptions.DataOverflowError as exc:
        raise ValueError(f"{len(payload.encode())} bytes do not fit a QR code") from exc
    return int(code.modules_count)


def qr_module_dots(payload: str, preferred: int, dots: int) -> int:
    """The module size: ``preferred`` unless the symbol and its 4-module quiet zones would not fit."""
    return max(1, min(preferred, dots // (qr_modules(payload) + 8), 16))


def draw_qr(payload: str, module: int, dots: int) -> Image.Image:
    """The QR symbol (model 2, EC M, UTF-8 bytes like GS ( k sends them) centred on a full-width line."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=module, border=0)
    code.add_data(qrcode.util.QRData(payload.encode("utf-8"), mode=qrcode.util.MODE_8BIT_BYTE))
    code.make(fit=True)
    symbol = Image.new("L", (code.modules_count * module,) * 2, 255)
    pen = ImageDraw.Draw(symbol)
    for row, cells in enumerate(code.modules):
        for col, dark in enumerate(cells):
            if dark:
                x, y = col * module, row * module
                pen.rectangle((x, y, x + module - 1, y + module - 1), fill=0)
    quiet = 4 * module  # ISO/IEC 18004 quiet zone above and below; left and right is blank paper
    line = _place(symbol, "center", dots, quiet)
    padded = Image.new("L", (dots, line.height + quiet), 255)
    padded.paste(line, (0, quiet))
    return padded


def code128_modules(data: str) -> str:
    """CODE128 bars as "1"/"0" modules, with python-barcode's code-set switching (set C for digits)."""
    return str(barcode.get("code128", data).build()[0])


def draw_barcode(modules: str, module: int, height: int, dots: int) -> Image.Image:
    """CODE128 bars centred on a full-width line, 10-module quiet zones included."""
    bars = Image.new("L", (len(modules) * module, height), 255)
    pen = ImageDraw.Draw(bars)
    for i, bit in enumerate(modules):
        if bit == "1":
            pen.rectangle((i * module, 0, (i + 1) * module - 1, height - 1), fill=0)
    return _place(bars, "center", dots, 4)


def stack(images: Iterable[Image.Image], dots: int) -> Image.Image:
    """Images one below the other on a ``dots``-wide strip."""
    parts = list(images)
    sheet = Image.new("L", (dots, sum(p.height for p in parts) or 1), 255)
    top = 0
    for part in parts:
        sheet.paste(part, (0, top))
        top += part.height
    return sheet
