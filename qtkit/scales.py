"""The theme's values: named colours, the scales (standard, elderly 长辈版, kiosk) and WCAG 2.x contrast."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Final

from PySide6.QtGui import QColor


@dataclass(frozen=True, slots=True)
class ThemeColors:
    """Named colours (#RRGGBB); ``*_text`` sits on its ``*_bg`` partner. Immutable: any thread."""

    window: str
    surface: str
    surface_alt: str  # hover, alternate rows, progress trough
    pressed: str
    border: str  # control outlines (non-text, ≥ 3:1 against surface)
    text: str
    text_muted: str
    accent: str
    accent_hover: str
    accent_pressed: str
    on_accent: str
    focus: str
    info_bg: str
    info_text: str
    warning_bg: str
    warning_text: str
    error_bg: str
    error_text: str
    success_bg: str
    success_text: str
    disabled_bg: str
    disabled_text: str


@dataclass(frozen=True, slots=True)
class ThemeScale:
    """Type sizes in points, lengths in logical pixels (never device pixels: Qt scales them for
    high-DPI screens). Elderly: research/domain.md §8. Immutable: any thread."""

    name: str
    body_pt: float
    small_pt: float
    heading_pt: float
    title_pt: float
    control_px: int  # minimum height of every button, field and combo box
    touch_px: int  # minimum height and width of BigButton and other primary touch targets
    spacing_px: int
    radius_px: int
    border_px: int
    focus_px: int
    indicator_px: int  # check box / radio button indicators
    icon_px: int
    scrollbar_px: int
    colors: ThemeColors


# A restrained government-service look: light neutral surfaces and ONE accent (政务蓝); status
# colours appear only with a word or a shaped icon beside them (MIIT 适老化: colour is never the
# only cue). Every text pair is ≥ 4.5:1 in both scales (tests/qtkit/test_theme.py checks each one).
STANDARD_COLORS: Final = ThemeColors(
    window="#F3F5F8",
    surface="#FFFFFF",
    surface_alt="#E9EDF2",
    pressed="#DCE3EC",
    border="#6B7585",
    text="#1D2129",
    text_muted="#4E5969",
    accent="#1456A8",
    accent_hover="#0F4A91",
    accent_pressed="#0B3C78",
    on_accent="#FFFFFF",
    focus="#0B3C78",
    info_bg="#E8F1FB",
    info_text="#0B3C78",
    warning_bg="#FFF4E0",
    warning_text="#7A4100",
    error_bg="#FDECEC",
    error_text="#A8071A",
    success_bg="#E8F6EE",
    success_text="#1E6B3A",
    disabled_bg="#E5E8ED",
    disabled_text="#5C6370",
)

# 长辈版: the same hues, darker text and stronger outlines for tired eyes at arm's length.
ELDERLY_COLORS: Final = replace(
    STANDARD_COLORS,
    window="#F5F7FA",
    border="#4E5969",
    text="#0F1419",
    text_muted="#323A46",
    accent="#0E4C96",
    accent_hover="#0B3F7D",
    accent_pressed="#082F5E",
    focus="#082F5E",
    disabled_text="#454C57",
)

STANDARD: Final = ThemeScale(
    name="standard",  # the window client at 1366×768 and 1920×1080
    body_pt=11,
    small_pt=10,
    heading_pt=14,
    title_pt=18,
    control_px=36,
    touch_px=48,
    spacing_px=8,
    radius_px=6,
    border_px=1,
    focus_px=2,
    indicator_px=18,
    icon_px=20,
    scrollbar_px=14,
    colors=STANDARD_COLORS,
)

ELDERLY: Final = ThemeScale(
    name="elderly",  # 长辈版 kiosk and the window client's large mode
    body_pt=22,
    small_pt=18,
    heading_pt=26,
    title_pt=32,  # MIIT: the largest main-function text ≥ 30 pt
    control_px=64,
    touch_px=80,
    spacing_px=16,
    radius_px=10,
    border_px=2,
    focus_px=4,
    indicator_px=36,
    icon_px=36,
    scrollbar_px=28,
    colors=ELDERLY_COLORS,
)

KIOSK: Final = replace(
    STANDARD,
    name="kiosk",  # a citizen at a touch screen at arm's length (portrait 1080×1920 or 1920×1080)
    body_pt=16,
    small_pt=14,
    heading_pt=20,
    title_pt=28,
    control_px=56,
    touch_px=64,
    spacing_px=12,
    radius_px=8,
    border_px=2,
    focus_px=3,
    indicator_px=28,
    icon_px=28,
    scrollbar_px=20,
)

SCALES: Final = {STANDARD.name: STANDARD, ELDERLY.name: ELDERLY, KIOSK.name: KIOSK}


def scale_named(scale: str | ThemeScale) -> ThemeScale:
    """``"standard"`` / ``"elderly"`` (or a ThemeScale itself)."""
    if isinstance(scale, ThemeScale):
        return scale
    try:
        return SCALES[scale]
    except KeyError:
        raise ValueError(f"unknown theme scale {scale!r} (have: {', '.join(SCALES)})") from None


@dataclass(frozen=True, slots=True)
class ColorPair:
    """One foreground drawn on one background, named by where it is used. Immutable: any thread."""

    name: str
    foreground: str
    background: str

    @property
    def ratio(self) -> float:
        return contrast_ratio(QColor(self.foreground), QColor(self.background))


def relative_luminance(color: QColor) -> float:
    """WCAG 2.x relative luminance of an sRGB colour (alpha ignored)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(color.redF()) + 0.7152 * linear(color.greenF()) + 0.0722 * linear(color.blueF())


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG 2.x contrast ratio, 1.0 … 21.0, whichever colour is lighter."""
    a, b = relative_luminance(first), relative_luminance(second)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


def color_names() -> tuple[str, ...]:
    """The field names of ThemeColors, for documentation and tests."""
    return tuple(f.name for f in fields(ThemeColors))
