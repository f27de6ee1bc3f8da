"""The inactivity countdown: a big number of seconds left and one large "continue" button."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from qtkit.i18n import fill
from qtkit.theme import current_scale
from qtkit.widgets.big_button import BigButton
from qtkit.widgets.busy import fit_overlay


class CountdownOverlay(QWidget):
    """Covers its parent (the kiosk window) while a session is about to time out. GUI thread.

    ``continue_clicked`` when the citizen taps 继续办理 (any tap counts as activity anyway);
    ``end_clicked`` when they choose to end now.
    """

    continue_clicked = Signal()
    end_clicked = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("countdown")
        self.setProperty("role", "overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        scale = current_scale()
        card = QFrame(self)
        card.setProperty("role", "overlay-card")
        self._card = card
        layout = QVBoxLayout(card)
        layout.setContentsMargins(*(scale.spacing_px * 4,) * 4)
        layout.setSpacing(scale.spacing_px * 3)
        self._question = QLabel(card)
        self._question.setWordWrap(True)
        self._question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self._question.font()
        font.setPointSizeF(scale.heading_pt)
        self._question.setFont(font)
        self._number = QLabel(card)
        self._number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self._number.font()
        font.setPointSizeF(scale.title_pt * 2.5)
        font.setBold(True)
        self._number.setFont(font)
        self._explain = QLabel(card)
        self._explain.setWordWrap(True)
        self._explain.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.continue_button = BigButton("", card, primary=True)
        self.continue_button.setMinimumHeight(scale.touch_px * 2)
        self.continue_button.clicked.connect(self.continue_clicked)
        self.end_button = BigButton("", card)
        self.end_button.clicked.connect(self.end_clicked)
        layout.addWidget(self._question)
        layout.addWidget(self._number)
        layout.addWidget(self._explain)
        layout.addWidget(self.continue_button)
        layout.addWidget(self.end_button)
        self._seconds = 0
        parent.installEventFilter(self)
        self.setVisible(False)
        self._retranslate()

    @property
    def seconds(self) -> int:
        return self._seconds

    def show_seconds(self, seconds: int) -> None:
        """Show (or update) the countdown at ``seconds`` left."""
        if seconds != self._seconds or not self.isVisible():
            self._seconds = seconds
            self._number.setText(str(seconds))
            self._number.setAccessibleName(
                fill(QCoreApplication.translate("CountdownOverlay", "还剩 %1 秒"), seconds)
            )
        if not self.isVisible():
            self._fit()
            self.setVisible(True)
            self.raise_()
            self.continue_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def dismiss(self) -> None:
        self.setVisible(False)

    def _retranslate(self) -> None:
        self._question.setText(QCoreApplication.translate("CountdownOverlay", "您还在办理吗？"))
        self._explain.setText(
            QCoreApplication.translate(
                "CountdownOverlay", "时间到后本次办理自动结束，屏幕上的个人信息会全部清除。"
            )
        )
        self.continue_button.setText(QCoreApplication.translate("CountdownOverlay", "继续办理"))
        self.end_button.setText(QCoreApplication.translate("CountdownOverlay", "结束办理"))
        self.setAccessibleName(QCoreApplication.translate("CountdownOverlay", "即将自动结束办理"))

    def _fit(self) -> None:
        fit_overlay(self, self._card, 3 / 4, current_scale().touch_px * 10)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            self._fit()
        return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
