"""The pages of 自助申报, one decision each: a choice, a keypad, a text field, a date, a photo, a summary.

The DeclareScreen builds a fresh page for every step it shows (and drops the previous one), so a
page holds only what that step needs. Plain widgets on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QLineEdit, QScrollArea, QWidget

from kiosk.keypad import DatePicker, Keypad, KeypadKind
from kiosk.screens.newborn_pages import Page
from qtkit.i18n import fill
from qtkit.theme import ThemeScale
from qtkit.widgets.big_button import BigButton

Option = tuple[Any, str]  # (value, label)


class ChoicePage(Page):
    """Big buttons, one per option: a tap chooses (``chosen(value)``). ``multi``: buttons toggle and
    确定 sends the list of chosen values."""

    chosen = Signal(object)

    def __init__(
        self,
        scale: ThemeScale,
        heading: str,
        hint: str,
        options: Sequence[Option],
        parent: QWidget | None = None,
        *,
        multi: bool = False,
        selected: Iterable[Any] = (),
        primary: bool = True,
    ) -> None:
        super().__init__(scale, parent, with_next=multi)
        self.set_texts(heading, hint)
        self.multi = multi
        self.buttons: dict[Any, BigButton] = {}
        chosen = set(selected)
        for value, label in options:
            button = BigButton(label, self, primary=primary and not multi)
            button.setMinimumHeight(int(scale.touch_px * 1.3))
            if multi:
                button.setCheckable(True)
                button.setChecked(value in chosen)
            else:
                button.clicked.connect(lambda _checked=False, v=value: self.chosen.emit(v))
            self.buttons[value] = button
            self.layout_.addWidget(button)
        self.finish_layout()
        if self.next_button is not None:
            self.next_button.setText(QCoreApplication.translate("DeclareScreen", "选好了，下一步"))
            self.next_clicked.connect(self._on_multi_done)

    def _on_multi_done(self) -> None:
        self.chosen.emit([v for v, b in self.buttons.items() if b.isChecked()])


class KeypadPage(Page):
    def __init__(
        self,
        scale: ThemeScale,
        heading: str,
        hint: str,
        kind: KeypadKind,
        max_length: int,
        value: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(scale, parent)
        self.set_texts(heading, hint)
        self.keypad = Keypad(kind, max_length, self, scale=scale)
        self.keypad.setAccessibleName(heading)
        self.keypad.set_text(value)
        self.layout_.addWidget(self.keypad)
        self.finish_layout()

    def value(self) -> str:
        return self.keypad.text()


class TextPage(Page):
    """A text field for the OS on-screen keyboard (names, addresses)."""

    def __init__(
        self, scale: ThemeScale, heading: str, hint: str, value: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(scale, parent)
        self.set_texts(heading, hint)
        self.edit = QLineEdit(value, self)
        self.edit.setObjectName("declare-text")
        self.edit.setAccessibleName(heading)
        self.edit.setPlaceholderText(QCoreApplication.translate("DeclareScreen", "点这里，用屏幕键盘输入"))
        self.edit.setMinimumHeight(scale.touch_px)
        font = self.edit.font()
        font.setPointSizeF(scale.heading_pt)
        self.edit.setFont(font)
        self.edit.returnPressed.connect(self.next_clicked)
        self.layout_.addWidget(self.edit)
        self.finish_layout()

    def value(self) -> str:
        return self.edit.text()


class DatePage(Page):
    def __init__(
        self, scale: ThemeScale, heading: str, hint: str, value: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(scale, parent)
        self.set_texts(heading, hint)
        self.picker = DatePicker(value, self, years=True, scale=scale)
        self.picker.setAccessibleName(heading)
        self.layout_.addWidget(self.picker)
        self.finish_layout()

    def value(self) -> str:
        return self.picker.day().isoformat()


class CameraPage(Page):
    """Photograph a paper material: 拍照 (again for more pages), then 下一步; or another way out."""

    capture_clicked = Signal()
    alternative_chosen = Signal(str)

    def __init__(
        self,
        scale: ThemeScale,
        heading: str,
        hint: str,
        alternatives: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(scale, parent)
        self.set_texts(heading, hint)
        self.preview = QLabel(self)
        self.preview.setObjectName("declare-photo")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumHeight(scale.touch_px * 3)
        self.preview.setAccessibleName(QCoreApplication.translate("DeclareScreen", "拍摄的材料照片"))
        self.count = self.label(role="muted")
        self.capture_button = BigButton(
            QCoreApplication.translate("DeclareScreen", "拍照"), self, primary=True
        )
        self.capture_button.setAccessibleName(QCoreApplication.translate("DeclareScreen", "拍照"))
        self.capture_button.clicked.connect(self.capture_clicked)
        self.layout_.addWidget(self.preview)
        self.layout_.addWidget(self.count)
        self.layout_.addWidget(self.capture_button)
        for key, label in alternatives:
            button = BigButton(label, self)
            button.clicked.connect(lambda _checked=False, k=key: self.alternative_chosen.emit(k))
            self.layout_.addWidget(button)
        self.finish_layout()
        self.show_pages([])

    def show_pages(self, pages: Sequence[bytes]) -> None:
        if pages:
            pixmap = QPixmap()
            pixmap.loadFromData(pages[-1])
            side = self.scale.touch_px * 4
            self.preview.setPixmap(
                pixmap.scaled(
                    side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )
            self.count.setText(
                fill(
                    QCoreApplication.translate("DeclareScreen", "已拍 %1 页。还有下一页请再点“拍照”。"),
                    len(pages),
                )
            )
            self.capture_button.setText(QCoreApplication.translate("DeclareScreen", "再拍一页"))
        else:
            self.preview.clear()
            self.preview.setText(QCoreApplication.translate("DeclareScreen", "（还没有拍照）"))
            self.count.clear()
        if self.next_button is not None:
            self.next_button.setEnabled(bool(pages))


class SummaryPage(Page):
    """A text to read (review, result, why not here) and up to two buttons."""

    primary_clicked = Signal()
    secondary_clicked = Signal()

    def __init__(
        self,
        scale: ThemeScale,
        heading: str,
        text: str,
        primary: str,
        secondary: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(scale, parent, with_next=False)
        self.set_texts(heading)
        self.text = self.label(text, size=scale.body_pt)
        self.text.setObjectName("declare-summary")
        self.text.setAccessibleName(text)
        self.text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.text)
        self.layout_.addWidget(scroll, 1)
        self.status = self.label(role="muted")
        self.status.setObjectName("declare-status")
        self.layout_.addWidget(self.status)
        self.secondary_button: BigButton | None = None
        if secondary:
            self.secondary_button = BigButton(secondary, self)
            self.secondary_button.clicked.connect(self.secondary_clicked)
            self.layout_.addWidget(self.secondary_button)
        self.primary_button = BigButton(primary, self, primary=True)
        self.primary_button.clicked.connect(self.primary_clicked)
        self.layout_.addWidget(self.primary_button)

    def set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setAccessibleName(text)
