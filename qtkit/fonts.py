"""Finding a font that draws Simplified Chinese, loading it from known files when fontconfig misses it."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

from PySide6.QtGui import QFontDatabase

from core.assets import assets_dir

logger = logging.getLogger(__name__)

# In order of preference: sans-serif faces with full GB 18030 coverage first (MIIT 适老化 guidance
# asks for sans-serif type), then what Windows and macOS kiosks carry.
CJK_FAMILIES: Final = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
)

# Where Debian/UOS/Kylin (fonts-noto-cjk, fonts-wqy-*), Fedora and Arch put those fonts.
CJK_FONT_FILES: Final = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
    Path("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/opentype/source-han-sans/SourceHanSansSC-Regular.otf"),
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
)


def bundled_font_files() -> list[Path]:
    """Fonts shipped under ``assets/fonts`` (a deployment may add one there)."""
    folder = assets_dir() / "fonts"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".otf", ".ttc"))


def draws_chinese(family: str) -> bool:
    """True when Qt's font database says ``family`` covers Simplified Chinese."""
    return QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)


def find_cjk_family(
    preferred: Sequence[str] = CJK_FAMILIES, files: Iterable[Path] | None = None
) -> str | None:
    """The family to draw Chinese with, or None (with a warning) when the machine has none.

    First a preferred family fontconfig already lists; else the first known font file that
    loads (``QFontDatabase.addApplicationFont``); else any installed family that covers Simplified
    Chinese. Needs a QGuiApplication.
    """
    installed = set(QFontDatabase.families())
    for family in preferred:
        if family in installed and draws_chinese(family):
            return family
    candidates = list(files) if files is not None else [*CJK_FONT_FILES, *bundled_font_files()]
    for path in candidates:
        loaded = _load(path, preferred)
        if loaded is not None:
            logger.info("loaded CJK font %s from %s", loaded, path)
            return loaded
    if files is None:
        for family in sorted(installed):
            if draws_chinese(family) and not QFontDatabase.isPrivateFamily(family):
                return family
    logger.warning(
        "no font for Chinese found (looked for %s and the files %s): Chinese text will show as boxes; "
        "install fonts-noto-cjk",
        ", ".join(preferred),
        ", ".join(str(p) for p in candidates) or "(none)",
    )
    return None


def _load(path: Path, preferred: Sequence[str]) -> str | None:
    if not path.is_file():
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        logger.info("font file %s could not be loaded", path)
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    # A .ttc holds several faces (Noto Sans CJK JP, KR, SC, TC, HK): take the Simplified one.
    for family in (*preferred, *(f for f in families if f.endswith(" SC")), *families):
        if family in families and draws_chinese(family):
            return family
    return None
