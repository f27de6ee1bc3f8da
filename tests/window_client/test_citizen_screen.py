"""The citizen-facing second screen: signature and 好差评 on a frameless window, the rules of a bad rating."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from core.cases.ratings import REASONS_FILE
from tests.window_client.conftest import AppFactory, logged_in
from window_client.dialogs.citizen import CitizenWindow, EvaluationPanel, SignaturePanel
from window_client.intake.citizen_display import CitizenDisplay


def test_second_screen_shows_the_signature_frameless_and_goes_back_to_its_welcome(
    qtbot: QtBot, restore_app: QApplication
) -> None:
    staff = QWidget()
    qtbot.addWidget(staff)
    display = CitizenDisplay("江宁区政务服务中心", staff, second_screen=True)
    signed: list[bytes] = []
    panel = display.ask_signature("事项：新生儿出生“一件事”", signed.append)
    window = panel.window()
    assert isinstance(window, CitizenWindow) and window.isVisible()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert not panel.confirm.isEnabled()  # nothing signed yet
    QTest.mousePress(panel.pad, Qt.MouseButton.LeftButton, pos=panel.pad.rect().center())
    QTest.mouseRelease(panel.pad, Qt.MouseButton.LeftButton, pos=panel.pad.rect().center())
    QTest.mouseClick(panel.confirm, Qt.MouseButton.LeftButton)
    assert signed and signed[0].startswith(b"\x89PNG")
    assert display.current is None and window.stack.currentWidget() is window.welcome
    display.shutdown()


def test_a_bad_rating_needs_a_reason(qtbot: QtBot, restore_app: QApplication) -> None:
    panel = EvaluationPanel()
    qtbot.addWidget(panel)
    panel.show()
    rated: list[tuple[int, str]] = []
    panel.rated.connect(lambda level, reason, _categories: rated.append((level, reason)))
    QTest.mouseClick(panel.buttons[2], Qt.MouseButton.LeftButton)
    assert not rated and panel.why.isVisible() and not panel.submit.isEnabled()
    panel.reason.setPlainText("材料要求没有一次说清")
    QTest.mouseClick(panel.submit, Qt.MouseButton.LeftButton)
    assert rated == [(2, "材料要求没有一次说清")]
    QTest.mouseClick(panel.buttons[5], Qt.MouseButton.LeftButton)
    assert rated[-1] == (5, "")
    assert isinstance(SignaturePanel("x"), QWidget)


def test_the_interface_in_english(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app(lang="en")
    qtbot.waitUntil(lambda: app.login_window is not None and app.login_window.isVisible(), timeout=20_000)
    assert app.login_window is not None and app.login_window.button.text() == "Log in"
    d = logged_in(qtbot, app, "admin", "Admin@local2026")
    assert d.window.tabs.tabText(0) == "Intake (Ctrl+N)"
    assert d.intake.next.text() == "Next (Alt+→)"


def test_a_bad_rating_may_name_the_shipped_categories(
    qtbot: QtBot, restore_app: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The GB/T 39734 附录A categories, when shipped (assets/rules/bad-rating-reasons.json; none are
    confirmed yet), are offered beside the free text; one chosen is enough to send a 差评."""
    assets = tmp_path / "assets"
    (assets / "rules").mkdir(parents=True)
    (assets / "rules" / REASONS_FILE).write_text(
        json.dumps({"categories": [{"name": "（测试）甲类"}, {"name": "（测试）乙类"}]}), encoding="utf-8"
    )
    monkeypatch.setenv("TONGBAN_ASSETS", str(assets))
    panel = EvaluationPanel()
    qtbot.addWidget(panel)
    panel.show()
    rated: list[tuple[int, str, tuple[str, ...]]] = []
    panel.rated.connect(lambda level, reason, categories: rated.append((level, reason, categories)))
    assert list(panel.category_buttons) == ["（测试）甲类", "（测试）乙类"]
    QTest.mouseClick(panel.buttons[1], Qt.MouseButton.LeftButton)
    assert not panel.submit.isEnabled()
    panel.category_buttons["（测试）乙类"].click()
    assert panel.submit.isEnabled()
    QTest.mouseClick(panel.submit, Qt.MouseButton.LeftButton)
    assert rated == [(1, "", ("（测试）乙类",))]
