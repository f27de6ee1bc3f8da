"""The last page of 取号: the number large, what it is for, how long to wait, and the two ways on.

TicketScreen (kiosk/screens/ticket.py) fills the labels; this module only lays them out. GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.screens.base import KioskScreen


class NumberPage(QWidget):
    """``number``, ``service``, ``ahead``, ``note``; 继续办理其他业务 and 完成."""

    def __init__(
        self, screen: KioskScreen, on_more: Callable[[], None], on_finish: Callable[[], None]
    ) -> None:
        super().__init__(screen)
        scale = screen.scale
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(scale.spacing_px * 2)
        layout.addStretch(1)
        self.number = self._label(screen, scale.title_pt * 5, bold=True)
        self.number.setObjectName("ticket-number")
        self.service = self._label(screen, scale.heading_pt)
        self.ahead = self._label(screen, scale.title_pt, bold=True)
        self.note = self._label(screen, scale.heading_pt)
        for label in (self.number, self.service, self.ahead, self.note):
            layout.addWidget(label)
        layout.addStretch(2)
        row = QHBoxLayout()
        self.more_button = screen.big_button(
            QCoreApplication.translate("TicketScreen", "继续办理其他业务"), on_more
        )
        self.finish_button = screen.big_button(
            QCoreApplication.translate("TicketScreen", "完成"), on_finish, primary=True
        )
        self.finish_button.setObjectName("ticket-finish")
        for button in (self.more_button, self.finish_button):
            button.setMinimumHeight(int(scale.touch_px * 1.4))
            row.addWidget(button)
        layout.addLayout(row)

    @staticmethod
    def _label(screen: KioskScreen, size: float, *, bold: bool = False) -> QLabel:
        label = screen.big_label(size=size)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if bold:
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        return label
