"""``BigButton``: the touch-first button of kiosks and the elderly mode, never smaller than the scale's target."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from qtkit.theme import ThemeScale, current_scale


class BigButton(QPushButton):
    """Lives on the GUI thread. At least ``scale.touch_px`` high and wide (≥ 60 px in 长辈版,
    research/domain.md §8), text one step larger than body text. ``primary`` gives the accent fill."""

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        primary: bool = False,
        scale: ThemeScale | None = None,
    ) -> None:
        super().__init__(text, parent)
        self._floor = 0  # a taller minimum than the scale's (setMinimumHeight)
        self.setProperty("variant", "primary" if primary else "")
        self.setProperty("big", True)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(text)
        self.apply_scale(scale or current_scale())

    @property
    def scale(self) -> ThemeScale:
        return self._scale

    def apply_scale(self, scale: ThemeScale) -> None:
        self._scale = scale
        self.setMinimumSize(QSize(scale.touch_px, max(scale.touch_px, self._floor)))
        font = self.font()
        font.setPointSizeF(scale.heading_pt)
        self.setFont(font)
        self.updateGeometry()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.Polish:
            # A style sheet's min-height, applied while polishing, would lower the floor again.
            self.setMinimumSize(QSize(self._scale.touch_px, max(self._scale.touch_px, self._floor)))
        return handled

    def setMinimumHeight(self, minh: int) -> None:
        """A taller button than the scale's floor (e.g. the attract screen's 开始办理); kept when polished."""
        self._floor = minh
        super().setMinimumHeight(max(minh, self._scale.touch_px))

    def setText(self, text: str) -> None:
        """Also the accessible name, so a screen reader says what the button says."""
        super().setText(text)
        self.setAccessibleName(text)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        height = max(hint.height(), self._scale.touch_px, self._floor)
        return QSize(max(hint.width(), self._scale.touch_px * 2), height)
