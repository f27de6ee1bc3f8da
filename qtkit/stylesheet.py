"""The Qt style sheet and palette of a scale, with every (text, background) colour pair they draw."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from qtkit.scales import ColorPair, ThemeColors, ThemeScale, scale_named


class _SheetBuilder:
    """Collects rules and, with every colour it sets, the (foreground, background) pair drawn."""

    def __init__(self) -> None:
        self.rules: list[str] = []
        self.pairs: list[ColorPair] = []

    def rule(
        self,
        selector: str,
        *,
        fg: str | None = None,
        bg: str | None = None,
        on: str | None = None,
        name: str = "",
        **props: str | int | float,
    ) -> None:
        """``fg``/``bg`` are set; ``on`` is the background ``fg`` sits on when the rule sets none."""
        if fg is not None and not (bg or on):
            raise ValueError(f"{selector}: say which background the text colour sits on")
        body = [f"{key.replace('_', '-')}: {value};" for key, value in props.items()]
        if fg is not None:
            body.insert(0, f"color: {fg};")
        if bg is not None:
            body.insert(1 if fg else 0, f"background-color: {bg};")
        if fg is not None and (bg or on):
            self.pairs.append(ColorPair(name or selector, fg, bg or on or ""))
        self.rules.append(f"{selector} {{ {' '.join(body)} }}")

    def pair(self, name: str, fg: str, bg: str) -> None:
        """Record a pair drawn by an earlier rule on another background."""
        self.pairs.append(ColorPair(name, fg, bg))


def _sheet(scale: ThemeScale) -> _SheetBuilder:
    c, s = scale.colors, scale
    b = _SheetBuilder()
    pad_v = max(2, s.spacing_px // 2)
    inner = s.control_px - 2 * s.border_px - 2 * pad_v  # QSS min-height is the content box
    b.rule("QToolTip", fg=c.text, bg=c.surface, border=f"{s.border_px}px solid {c.border}", padding="4px")
    b.rule("QLabel", fg=c.text, on=c.window, name="label on window")
    b.pair("label on surface", c.text, c.surface)
    b.rule('QLabel[role="title"]', font_size=f"{s.title_pt}pt", font_weight=600)
    b.rule('QLabel[role="heading"]', font_size=f"{s.heading_pt}pt", font_weight=600)
    b.rule('QLabel[role="muted"]', fg=c.text_muted, on=c.window, font_size=f"{s.small_pt}pt")
    b.pair("muted label on surface", c.text_muted, c.surface)
    b.rule(
        'QFrame[role="card"]',
        bg=c.surface,
        border=f"{s.border_px}px solid {c.surface_alt}",
        border_radius=f"{s.radius_px}px",
    )
    button = "QPushButton, QToolButton"
    b.rule(
        button,
        fg=c.text,
        bg=c.surface,
        border=f"{s.border_px}px solid {c.border}",
        border_radius=f"{s.radius_px}px",
        padding=f"{pad_v}px {2 * s.spacing_px}px",
        min_height=f"{inner}px",
    )
    b.rule("QPushButton:hover, QToolButton:hover", fg=c.text, bg=c.surface_alt)
    b.rule("QPushButton:pressed, QToolButton:pressed", fg=c.text, bg=c.pressed)
    b.rule("QPushButton:focus, QToolButton:focus", border=f"{s.focus_px}px solid {c.focus}")
    b.rule(
        "QPushButton:disabled, QToolButton:disabled",
        fg=c.disabled_text,
        bg=c.disabled_bg,
        border=f"{s.border_px}px solid {c.disabled_bg}",
    )
    primary = 'QPushButton[variant="primary"]'
    b.rule(primary, fg=c.on_accent, bg=c.accent, border=f"{s.border_px}px solid {c.accent}", font_weight=600)
    b.rule(f"{primary}:hover", fg=c.on_accent, bg=c.accent_hover)
    b.rule(f"{primary}:pressed", fg=c.on_accent, bg=c.accent_pressed)
    b.rule(f"{primary}:focus", fg=c.on_accent, bg=c.accent_pressed, border=f"{s.focus_px}px solid {c.text}")
    b.rule(f"{primary}:disabled", fg=c.disabled_text, bg=c.disabled_bg)
    link = 'QPushButton[variant="link"]'
    b.rule(
        link, fg=c.accent, on=c.window, background="transparent", border="none", text_decoration="underline"
    )
    b.pair("link on surface", c.accent, c.surface)
    fieldsel = "QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QSpinBox, QDoubleSpinBox, QDateEdit"
    b.rule(
        fieldsel,
        fg=c.text,
        bg=c.surface,
        border=f"{s.border_px}px solid {c.border}",
        border_radius=f"{s.radius_px}px",
        padding=f"{pad_v}px {s.spacing_px}px",
        min_height=f"{inner}px",
        selection_background_color=c.accent,
        selection_color=c.on_accent,
    )
    b.pair("selected text", c.on_accent, c.accent)
    b.rule(
        "QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus, QSpinBox:focus",
        border=f"{s.focus_px}px solid {c.accent}",
    )
    b.rule("QLineEdit:disabled, QComboBox:disabled, QSpinBox:disabled", fg=c.disabled_text, bg=c.disabled_bg)
    b.rule(
        "QComboBox QAbstractItemView",
        fg=c.text,
        bg=c.surface,
        selection_background_color=c.accent,
        selection_color=c.on_accent,
    )
    b.rule("QCheckBox, QRadioButton", fg=c.text, on=c.window, spacing=f"{s.spacing_px}px")
    b.rule(
        "QCheckBox::indicator, QRadioButton::indicator",
        width=f"{s.indicator_px}px",
        height=f"{s.indicator_px}px",
    )
    b.rule(
        "QProgressBar",
        fg=c.text,
        bg=c.surface_alt,
        border="none",
        border_radius=f"{s.radius_px}px",
        text_align="center",
        min_height=f"{max(s.spacing_px, s.icon_px // 2)}px",
    )
    b.rule("QProgressBar::chunk", background_color=c.accent, border_radius=f"{s.radius_px}px")
    b.rule("QScrollBar:vertical", width=f"{s.scrollbar_px}px")
    b.rule("QScrollBar:horizontal", height=f"{s.scrollbar_px}px")
    for level in ("info", "warning", "error", "success"):
        bg, fg = getattr(c, f"{level}_bg"), getattr(c, f"{level}_text")
        b.rule(
            f'QFrame[banner="{level}"]',
            bg=bg,
            border=f"{s.border_px}px solid {fg}",
            border_radius=f"{s.radius_px}px",
        )
        b.rule(f'QFrame[banner="{level}"] QLabel', fg=fg, on=bg, name=f"{level} banner text")
        b.rule(
            f'QFrame[banner="{level}"] QPushButton',
            fg=fg,
            bg=c.surface,
            border=f"{s.border_px}px solid {fg}",
            name=f"{level} banner button",
        )
    b.rule('QLabel[status="ok"]', fg=c.success_text, on=c.surface, name="status ok")
    b.rule('QLabel[status="fault"]', fg=c.error_text, on=c.surface, name="status fault")
    b.rule('QLabel[status="unknown"]', fg=c.text_muted, on=c.surface, name="status unknown")
    b.pair("status ok on window", c.success_text, c.window)
    b.pair("status fault on window", c.error_text, c.window)
    b.pair("status unknown on window", c.text_muted, c.window)
    step = 'QToolButton[step="{}"]'
    b.rule(step.format("done"), fg=c.accent, bg=c.surface, border=f"{s.border_px}px solid {c.accent}")
    b.rule(
        step.format("current"),
        fg=c.on_accent,
        bg=c.accent,
        border=f"{s.border_px}px solid {c.accent}",
        font_weight=600,
    )
    b.rule(
        step.format("upcoming"),
        fg=c.text_muted,
        bg=c.surface_alt,
        border=f"{s.border_px}px solid {c.surface_alt}",
    )
    b.rule('QWidget[role="overlay"]', background="transparent")
    b.rule(
        'QFrame[role="overlay-card"]',
        fg=c.text,
        bg=c.surface,
        border=f"{s.border_px}px solid {c.border}",
        border_radius=f"{s.radius_px}px",
    )
    return b


def build_stylesheet(scale: str | ThemeScale) -> str:
    """The Qt style sheet of a scale."""
    return "\n".join(_sheet(scale_named(scale)).rules)


def build_palette(scale: str | ThemeScale) -> QPalette:
    """The QPalette behind the style sheet (what unstyled widgets and Fusion draw with)."""
    c = scale_named(scale).colors
    palette = QPalette()
    for role, color in _palette_roles(c):
        palette.setColor(QPalette.ColorGroup.All, role, QColor(color))
    disabled = QPalette.ColorGroup.Disabled
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(disabled, role, QColor(c.disabled_text))
    palette.setColor(disabled, QPalette.ColorRole.Base, QColor(c.disabled_bg))
    palette.setColor(disabled, QPalette.ColorRole.Button, QColor(c.disabled_bg))
    return palette


def _palette_roles(c: ThemeColors) -> list[tuple[QPalette.ColorRole, str]]:
    r = QPalette.ColorRole
    return [
        (r.Window, c.window), (r.WindowText, c.text), (r.Base, c.surface), (r.AlternateBase, c.surface_alt),
        (r.Text, c.text), (r.PlaceholderText, c.text_muted), (r.Button, c.surface), (r.ButtonText, c.text),
        (r.Highlight, c.accent), (r.HighlightedText, c.on_accent), (r.ToolTipBase, c.surface),
        (r.ToolTipText, c.text), (r.Link, c.accent), (r.BrightText, c.on_accent),
    ]  # fmt: skip


def color_pairs(scale: str | ThemeScale) -> list[ColorPair]:
    """Every (foreground, background) pair the scale's style sheet and palette draw text with."""
    s = scale_named(scale)
    c = s.colors
    pairs = list(_sheet(s).pairs)
    pairs += [
        ColorPair("palette window text", c.text, c.window),
        ColorPair("palette text", c.text, c.surface),
        ColorPair("palette alternate rows", c.text, c.surface_alt),
        ColorPair("palette placeholder", c.text_muted, c.surface),
        ColorPair("palette link", c.accent, c.surface),
        ColorPair("palette link on window", c.accent, c.window),
        ColorPair("palette disabled", c.disabled_text, c.disabled_bg),
        ColorPair("palette highlight", c.on_accent, c.accent),
        ColorPair("status icon mark ok", c.on_accent, c.success_text),
        ColorPair("status icon mark fault", c.on_accent, c.error_text),
        ColorPair("status icon mark unknown", c.on_accent, c.text_muted),
        ColorPair("signature hint", c.text_muted, c.surface),
    ]
    return pairs
