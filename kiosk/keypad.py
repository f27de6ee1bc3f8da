"""Tap-only input for a kiosk: an on-screen keypad (digits, ID numbers, 出生医学证明 numbers, pinyin letters) and a date picker.

A kiosk has no keyboard, and the OS on-screen keyboard is small and full of keys a phone number
does not need. These widgets show only what the value can contain, as BigButtons, with the value
in large type above them. Both live on the GUI thread and do no validation of their own: the
screen validates through core and shows the Chinese message.
"""

from __future__ import annotations

import string
from datetime import date
from enum import StrEnum
from functools import partial
from typing import Final

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from core.flows.newborn import shift_date
from qtkit.i18n import fill
from qtkit.theme import ThemeScale, current_scale
from qtkit.widgets.big_button import BigButton

DIGIT_ROWS: Final = ("123", "456", "789")
LETTER_COLUMNS: Final = 7
QWERTY_ROWS: Final = ("QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM")  # as a phone's pinyin keyboard has them


def day_text(day: date) -> str:
    """A date as people read it: 2026年3月5日."""
    return fill(QCoreApplication.translate("DatePicker", "%1年%2月%3日"), day.year, day.month, day.day)


class KeypadKind(StrEnum):
    DIGITS = "digits"  # phone numbers, counts
    ID_NUMBER = "id_number"  # digits and the check character X
    BIRTH_CERT = "birth_cert"  # one letter, then nine digits
    LETTERS = "letters"  # pinyin or its initials, to search (csdj → 出生登记)


class Keypad(QWidget):
    """``text_changed(text)`` after every tap. GUI thread."""

    text_changed = Signal(str)

    def __init__(
        self,
        kind: KeypadKind,
        max_length: int,
        parent: QWidget | None = None,
        *,
        scale: ThemeScale | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.max_length = max_length
        self._scale = scale or current_scale()
        self._text = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(self._scale.spacing_px)
        self.display = QLabel(self)
        self.display.setObjectName("keypad-display")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setTextFormat(Qt.TextFormat.PlainText)
        self.display.setProperty("role", "title")
        self.display.setMinimumHeight(self._scale.touch_px)
        layout.addWidget(self.display)
        self.digit_keys = QWidget(self)
        digits = QGridLayout(self.digit_keys)
        digits.setContentsMargins(0, 0, 0, 0)
        digits.setSpacing(self._scale.spacing_px)
        for row, keys in enumerate(DIGIT_ROWS):
            for column, key in enumerate(keys):
                digits.addWidget(self._key(key, self.digit_keys), row, column)
        if kind is KeypadKind.ID_NUMBER:
            digits.addWidget(self._key("X", self.digit_keys), 3, 0)
        digits.addWidget(self._key("0", self.digit_keys), 3, 1)
        self.letter_keys = QWidget(self)
        if kind is KeypadKind.LETTERS:
            self._qwerty(self.letter_keys)
        else:
            letters = QGridLayout(self.letter_keys)
            letters.setContentsMargins(0, 0, 0, 0)
            letters.setSpacing(self._scale.spacing_px)
            for index, letter in enumerate(string.ascii_uppercase):
                letters.addWidget(self._key(letter, self.letter_keys), *divmod(index, LETTER_COLUMNS))
        layout.addWidget(self.letter_keys)
        layout.addWidget(self.digit_keys)
        edit = QHBoxLayout()
        edit.setSpacing(self._scale.spacing_px)
        self.delete_button = BigButton(
            QCoreApplication.translate("Keypad", "⌫ 删除"), self, scale=self._scale
        )
        self.delete_button.setAccessibleName(QCoreApplication.translate("Keypad", "删除最后一位"))
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.clear_button = BigButton(QCoreApplication.translate("Keypad", "清空"), self, scale=self._scale)
        self.clear_button.setAccessibleName(QCoreApplication.translate("Keypad", "清空重新输入"))
        self.clear_button.clicked.connect(self.clear)
        edit.addWidget(self.delete_button)
        edit.addWidget(self.clear_button)
        layout.addLayout(edit)
        self._refresh()

    def _qwerty(self, parent: QWidget) -> None:
        """Three rows of letters of one width, staggered as on a phone: each key spans two of twenty
        half-columns, the second row starts half a key in, the third one and a half."""
        grid = QGridLayout(parent)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(self._scale.spacing_px)
        for column in range(2 * len(QWERTY_ROWS[0])):
            grid.setColumnStretch(column, 1)
        for row, (keys, indent) in enumerate(zip(QWERTY_ROWS, (0, 1, 3), strict=True)):
            for n, key in enumerate(keys):
                button = self._key(key, parent)
                # The style's side padding would leave a 长辈版 key too narrow for its letter.
                button.setStyleSheet("padding-left: 0px; padding-right: 0px;")
                grid.addWidget(button, row, indent + 2 * n, 1, 2)

    def _key(self, key: str, parent: QWidget) -> BigButton:
        button = BigButton(key, parent, scale=self._scale)
        button.setObjectName(f"key-{key}")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the OS keyboard must not pop up for a key
        button.clicked.connect(partial(self.press, key))
        return button

    # -- value ---------------------------------------------------------------------------------

    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        keep = str.isalpha if self.kind is KeypadKind.LETTERS else str.isalnum
        self._text = "".join(ch for ch in text.upper() if ch.isascii() and keep(ch))[: self.max_length]
        self._refresh()
        self.text_changed.emit(self._text)

    def press(self, key: str) -> None:
        """One key tap (what a key's button does)."""
        if len(self._text) >= self.max_length:
            return
        self._text += key
        self._refresh()
        self.text_changed.emit(self._text)

    def clear(self) -> None:
        self.set_text("")

    def _on_delete_clicked(self) -> None:
        self.set_text(self._text[:-1])

    def _refresh(self) -> None:
        letters_now = self.kind is KeypadKind.LETTERS or (
            self.kind is KeypadKind.BIRTH_CERT and not self._text
        )
        self.letter_keys.setVisible(letters_now)
        self.digit_keys.setVisible(not letters_now)
        shown = self._grouped(self._text)
        if shown:
            self.display.setText(shown)
        elif self.kind is KeypadKind.BIRTH_CERT:
            self.display.setText(QCoreApplication.translate("Keypad", "先点编号开头的字母"))
        elif self.kind is KeypadKind.LETTERS:
            self.display.setText(QCoreApplication.translate("Keypad", "请点拼音首字母，如“出生”点 C S"))
        else:
            self.display.setText(QCoreApplication.translate("Keypad", "请点下方数字"))
        self.display.setAccessibleName(shown or self.display.text())
        self.delete_button.setEnabled(bool(self._text))
        self.clear_button.setEnabled(bool(self._text))

    def _grouped(self, text: str) -> str:
        """Easier to check by eye: 138 0013 8000, Q 320123456."""
        if self.kind is KeypadKind.DIGITS and self.max_length == 11:
            return " ".join(part for part in (text[:3], text[3:7], text[7:]) if part)
        if self.kind is KeypadKind.BIRTH_CERT and text:
            return f"{text[0]} {text[1:]}".strip()
        return text


class DatePicker(QWidget):
    """A date chosen with big 前/后 buttons (days, months, optionally years): no tiny calendar.

    ``date_changed(date)`` after every tap. GUI thread.
    """

    date_changed = Signal(object)

    def __init__(
        self,
        initial: date,
        parent: QWidget | None = None,
        *,
        years: bool = False,
        scale: ThemeScale | None = None,
    ) -> None:
        super().__init__(parent)
        self._scale = scale or current_scale()
        self._date = initial
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(self._scale.spacing_px)
        self.display = QLabel(self)
        self.display.setObjectName("date-display")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setProperty("role", "title")
        self.display.setMinimumHeight(self._scale.touch_px)
        layout.addWidget(self.display)
        self.buttons: dict[str, BigButton] = {}
        rows = [
            (
                ("day-", QCoreApplication.translate("DatePicker", "‹ 前一天"), {"days": -1}),
                ("day+", QCoreApplication.translate("DatePicker", "后一天 ›"), {"days": 1}),
            ),
            (
                ("month-", QCoreApplication.translate("DatePicker", "‹ 前一个月"), {"months": -1}),
                ("month+", QCoreApplication.translate("DatePicker", "后一个月 ›"), {"months": 1}),
            ),
        ]
        if years:
            rows.append(
                (
                    ("year-", QCoreApplication.translate("DatePicker", "‹ 前一年"), {"months": -12}),
                    ("year+", QCoreApplication.translate("DatePicker", "后一年 ›"), {"months": 12}),
                )
            )
        for pair in rows:
            row = QHBoxLayout()
            row.setSpacing(self._scale.spacing_px)
            for key, text, step in pair:
                button = BigButton(text, self, scale=self._scale)
                button.setObjectName(f"date-{key}")
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                button.clicked.connect(partial(self._step, step.get("days", 0), step.get("months", 0)))
                self.buttons[key] = button
                row.addWidget(button)
            layout.addLayout(row)
        self._refresh()

    def day(self) -> date:
        return self._date

    def set_day(self, day: date) -> None:
        self._date = day
        self._refresh()
        self.date_changed.emit(day)

    def _step(self, days: int, months: int) -> None:
        self.set_day(shift_date(self._date, days=days, months=months))

    def _refresh(self) -> None:
        weekdays = (
            QCoreApplication.translate("DatePicker", "星期一"),
            QCoreApplication.translate("DatePicker", "星期二"),
            QCoreApplication.translate("DatePicker", "星期三"),
            QCoreApplication.translate("DatePicker", "星期四"),
            QCoreApplication.translate("DatePicker", "星期五"),
            QCoreApplication.translate("DatePicker", "星期六"),
            QCoreApplication.translate("DatePicker", "星期日"),
        )
        day = self._date
        text = fill(
            QCoreApplication.translate("DatePicker", "%1年%2月%3日 %4"),
            day.year,
            day.month,
            day.day,
            weekdays[day.weekday()],
        )
        self.display.setText(text)
        self.display.setAccessibleName(text)
