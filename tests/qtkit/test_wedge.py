"""WedgeFilter: scanner bursts become ``scanned`` and never reach a text field; human typing passes intact."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from qtkit.wedge import WedgeConfig, WedgeFilter


class Form(QWidget):
    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.first = QLineEdit(self)
        self.second = QLineEdit(self)
        layout.addWidget(self.first)
        layout.addWidget(self.second)


@pytest.fixture
def form(qtbot: QtBot) -> Form:
    widget = Form()
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    widget.first.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusObject() is widget.first, timeout=5000)
    return widget


class ManualClock:
    """Milliseconds moved by the test, so timing is exact whatever the machine's load."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def wedge(qapp: QApplication) -> Iterator[WedgeFilter]:
    # Wider thresholds than the 50 ms default: a loaded CI machine stretches QTest's 5 ms delays.
    wedge_filter = WedgeFilter(WedgeConfig(max_gap_ms=80))
    wedge_filter.install(qapp)
    yield wedge_filter
    wedge_filter.uninstall()
    wedge_filter.deleteLater()


def test_a_fast_burst_with_return_is_a_scan_and_the_field_stays_empty(
    qtbot: QtBot, form: Form, wedge: WedgeFilter
) -> None:
    returned: list[bool] = []
    form.first.returnPressed.connect(lambda: returned.append(True))
    with qtbot.waitSignal(wedge.scanned, timeout=5000) as scanned:
        QTest.keyClicks(form.first, "6901234567892", delay=5)
        QTest.keyClick(form.first, Qt.Key.Key_Return)
    assert scanned.args == ["6901234567892"]
    assert form.first.text() == ""
    assert returned == [], "the scanner's Return is swallowed too"
    assert wedge.pending == ""


def test_slow_typing_reaches_the_field_intact(qtbot: QtBot, form: Form, wedge: WedgeFilter) -> None:
    scans: list[str] = []
    wedge.scanned.connect(scans.append)
    returned: list[str] = []
    form.first.returnPressed.connect(lambda: returned.append(form.first.text()))
    QTest.keyClicks(form.first, "Ab3-x9", delay=200)
    qtbot.waitUntil(lambda: form.first.text() == "Ab3-x9", timeout=5000)
    QTest.keyClick(form.first, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: returned == ["Ab3-x9"], timeout=5000)
    assert scans == []


def test_deterministic_classification_with_an_injected_clock(
    qtbot: QtBot, form: Form, qapp: QApplication
) -> None:
    clock = ManualClock()
    wedge = WedgeFilter(WedgeConfig(), clock=clock)
    wedge.install(qapp)
    try:
        scans: list[str] = []
        wedge.scanned.connect(scans.append)
        for char in "TB1:32011526112200100019":
            QTest.keyClicks(form.first, char)
            clock.now += 10
        QTest.keyClick(form.first, Qt.Key.Key_Return)
        assert scans == ["TB1:32011526112200100019"] and form.first.text() == ""

        for char in "li":  # a person: 150 ms apart; each key is released once its gap has passed
            QTest.keyClicks(form.first, char)
            clock.now += 150
        QTest.keyClicks(form.first, "n")
        assert form.first.text() == "li" and wedge.pending == "n"
        clock.now += 100
        qtbot.waitUntil(lambda: form.first.text() == "lin", timeout=5000)  # the QTimer released it
        QTest.keyClick(form.first, Qt.Key.Key_Backspace)
        assert form.first.text() == "li"
    finally:
        wedge.uninstall()
        wedge.deleteLater()


def test_held_keys_go_to_the_widget_they_were_typed_into(
    qtbot: QtBot, form: Form, qapp: QApplication
) -> None:
    clock = ManualClock()
    wedge = WedgeFilter(WedgeConfig(), clock=clock)
    wedge.install(qapp)
    try:
        QTest.keyClicks(form.first, "ab")  # 0 ms apart: held as a possible burst
        form.second.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusObject() is form.second, timeout=5000)
        clock.now += 200
        QTest.keyClicks(form.second, "c")  # the gap ends the first burst: typing, back to `first`
        wedge.flush()
        assert form.first.text() == "ab" and form.second.text() == "c"
    finally:
        wedge.uninstall()
        wedge.deleteLater()


def test_a_disabled_filter_lets_everything_through(qtbot: QtBot, form: Form, wedge: WedgeFilter) -> None:
    wedge.set_enabled(False)
    scans: list[str] = []
    wedge.scanned.connect(scans.append)
    QTest.keyClicks(form.first, "6901234567892", delay=1)
    QTest.keyClick(form.first, Qt.Key.Key_Return)
    assert form.first.text() == "6901234567892" and scans == []


def test_shortcuts_and_modifiers_are_never_held(qtbot: QtBot, form: Form, wedge: WedgeFilter) -> None:
    form.first.setText("abc")
    QTest.keyClick(form.first, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # select all, at once
    assert form.first.selectedText() == "abc" and wedge.pending == ""
