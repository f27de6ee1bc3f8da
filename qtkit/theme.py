"""The one theme both GUIs share: ``apply_theme(app, scale)`` and what it applied."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication

from qtkit.fonts import find_cjk_family
from qtkit.scales import (
    ELDERLY,
    ELDERLY_COLORS,
    SCALES,
    STANDARD,
    STANDARD_COLORS,
    ColorPair,
    ThemeColors,
    ThemeScale,
    color_names,
    contrast_ratio,
    relative_luminance,
    scale_named,
)
from qtkit.stylesheet import build_palette, build_stylesheet, color_pairs

__all__ = [
    "ELDERLY",
    "ELDERLY_COLORS",
    "SCALES",
    "SCALE_PROPERTY",
    "STANDARD",
    "STANDARD_COLORS",
    "ColorPair",
    "Theme",
    "ThemeColors",
    "ThemeScale",
    "apply_theme",
    "build_palette",
    "build_stylesheet",
    "color_names",
    "color_pairs",
    "contrast_ratio",
    "current_scale",
    "relative_luminance",
    "scale_named",
]

logger = logging.getLogger(__name__)

SCALE_PROPERTY: Final = "tongban_theme_scale"  # the QApplication property naming the applied scale


@dataclass(frozen=True, slots=True)
class Theme:
    """What ``apply_theme`` applied. Immutable: any thread."""

    scale: ThemeScale
    font_family: str | None
    stylesheet: str

    @property
    def colors(self) -> ThemeColors:
        return self.scale.colors


def apply_theme(app: QApplication, scale: str | ThemeScale = STANDARD) -> Theme:
    """Fusion style, the palette, the CJK font at the body size and the style sheet, on ``app``."""
    chosen = scale_named(scale)
    family = find_cjk_family()
    app.setStyle("Fusion")
    app.setPalette(build_palette(chosen))
    font = QFont(family) if family else QFont(app.font())
    font.setPointSizeF(chosen.body_pt)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    app.setFont(font)
    stylesheet = build_stylesheet(chosen)
    app.setStyleSheet(stylesheet)
    app.setProperty(SCALE_PROPERTY, chosen.name)
    logger.info("theme %s applied (font %s, %.0f pt)", chosen.name, family or "default", chosen.body_pt)
    return Theme(chosen, family, stylesheet)


def current_scale() -> ThemeScale:
    """The scale ``apply_theme`` last applied to this application (standard if none)."""
    app = QCoreApplication.instance()
    name = app.property(SCALE_PROPERTY) if isinstance(app, QGuiApplication) else None
    return SCALES.get(str(name), STANDARD) if name else STANDARD
