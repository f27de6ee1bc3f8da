"""``MessageBanner``: one info / warning / error / success message in a strip, with an optional action."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from qtkit.i18n import fill
from qtkit.theme import current_scale


class BannerLevel(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"
    SUCCESS = "success"


@dataclass(frozen=True, slots=True)
class BannerMessage:
    """What a banner says; ``text`` is already in the interface language. Immutable: any thread."""

    level: BannerLevel
    text: str
    action: str | None = None  # the action button's label; None: no button


def _level_word(level: BannerLevel) -> str:
    """The word that says the level, so colour is never the only cue (MIIT 适老化)."""
    words = {
        BannerLevel.INFO: QCoreApplication.translate("MessageBanner", "提示"),
        BannerLevel.WARNING: QCoreApplication.translate("MessageBanner", "注意"),
        BannerLevel.ERROR: QCoreApplication.translate("MessageBanner", "错误"),
        BannerLevel.SUCCESS: QCoreApplication.translate("MessageBanner", "完成"),
    }
    return words[level]


class MessageBanner(QFrame):
    """Lives on the GUI thread. Hidden until ``show_message``; ``clear`` hides it again.

    ``action_triggered`` when the action button is pressed, ``dismissed`` when the person closes it.
    """

    action_triggered = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None, *, closable: bool = True) -> None:
        super().__init__(parent)
        self._message: BannerMessage | None = None
        spacing = current_scale().spacing_px
        layout = QHBoxLayout(self)
        layout.setContentsMargins(spacing * 2, spacing, spacing, spacing)
        layout.setSpacing(spacing * 2)
        self._level = QLabel(self)
        self._level.setObjectName("bannerLevel")
        font = self._level.font()
        font.setBold(True)
        self._level.setFont(font)
        self._text = QLabel(self)
        self._text.setWordWrap(True)
        self._text.setTextFormat(Qt.TextFormat.PlainText)
        self._text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._action = QPushButton(self)
        self._action.clicked.connect(self.action_triggered)
        self._close = QPushButton(self)
        self._close.clicked.connect(self._on_close_clicked)
        self._close.setVisible(closable)
        layout.addWidget(self._level, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self._text, 1)
        layout.addWidget(self._action, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self._close, 0, Qt.AlignmentFlag.AlignVCenter)
        self.setVisible(False)
        self._retranslate()

    @property
    def message(self) -> BannerMessage | None:
        return self._message

    @property
    def action_button(self) -> QPushButton:
        return self._action

    @property
    def close_button(self) -> QPushButton:
        return self._close

    def show_message(self, message: BannerMessage) -> None:
        self._message = message
        self.setProperty("banner", message.level.value)
        self.style().unpolish(self)
        self.style().polish(self)
        for child in self.findChildren(QWidget):
            child.style().unpolish(child)
            child.style().polish(child)
        self._text.setText(message.text)
        self._action.setVisible(message.action is not None)
        self._action.setText(message.action or "")
        self._retranslate()
        self.setVisible(True)
        if message.level in (BannerLevel.ERROR, BannerLevel.WARNING):
            QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))

    def clear(self) -> None:
        self._message = None
        self.setVisible(False)

    def _on_close_clicked(self) -> None:
        self.clear()
        self.dismissed.emit()

    def _retranslate(self) -> None:
        message = self._message
        self._close.setText(QCoreApplication.translate("MessageBanner", "关闭"))
        self._close.setAccessibleName(QCoreApplication.translate("MessageBanner", "关闭提示"))
        if message is None:
            self.setAccessibleName(QCoreApplication.translate("MessageBanner", "消息"))
            return
        word = _level_word(message.level)
        self._level.setText(word)
        self._text.setAccessibleName(message.text)
        self._action.setAccessibleName(message.action or "")
        self.setAccessibleName(
            fill(QCoreApplication.translate("MessageBanner", "%1：%2"), word, message.text)
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
