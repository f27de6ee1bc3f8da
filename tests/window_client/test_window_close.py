"""Closing the staff window never drops an unsaved intake unasked: refused while the screen is
locked (the person at the desk may not be the one who locked it), asked about when unlocked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.window_client.conftest import LOCAL_ADMIN, AppFactory, logged_in
from tests.window_client.intake_steps import WAIT
from window_client.driver import IntakeDriver


def with_an_unsaved_intake(qtbot: QtBot, make_app: AppFactory) -> IntakeDriver:
    app = make_app()
    d = logged_in(qtbot, app, *LOCAL_ADMIN[::2])
    d.place_card(0)
    qtbot.waitUntil(lambda: d.flow.applicant.get("name") == "林晓雨", timeout=WAIT)
    assert d.intake.model.in_progress
    return d


def test_a_locked_window_with_an_unsaved_intake_does_not_close(qtbot: QtBot, make_app: AppFactory) -> None:
    d = with_an_unsaved_intake(qtbot, make_app)
    window = d.window
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.locked
    closed: list[bool] = []
    window.closed.connect(lambda: closed.append(True))
    assert not window.close()
    assert window.isVisible() and window.locked and not closed
    assert "请先解锁" in window.lock_overlay.error.text()
    assert window.close_question is None  # nothing to answer for whoever stands at the locked desk
    assert d.flow.applicant.get("name") == "林晓雨"


def test_an_unsaved_intake_is_dropped_only_when_staff_say_so(qtbot: QtBot, make_app: AppFactory) -> None:
    d = with_an_unsaved_intake(qtbot, make_app)
    window = d.window
    closed: list[bool] = []
    window.closed.connect(lambda: closed.append(True))
    assert not window.close()
    question = window.close_question
    assert question is not None and question.isVisible() and window.isVisible()
    assert "尚未完成" in question.text()
    keep = question.button(QMessageBox.StandardButton.Cancel)
    QTest.mouseClick(keep, Qt.MouseButton.LeftButton)  # 继续受理
    qtbot.waitUntil(lambda: window.close_question is None, timeout=WAIT)
    assert window.isVisible() and not closed and d.flow.applicant.get("name") == "林晓雨"
    assert not window.close()
    question = window.close_question
    assert question is not None
    with qtbot.waitSignal(window.closed, timeout=WAIT):
        QTest.mouseClick(question.button(QMessageBox.StandardButton.Discard), Qt.MouseButton.LeftButton)
    assert not window.isVisible()


def test_a_window_with_nothing_unsaved_closes_at_once(qtbot: QtBot, make_app: AppFactory) -> None:
    d = with_an_unsaved_intake(qtbot, make_app)
    d.app.devices.manager.simulators.id_reader.remove_card()  # type: ignore[union-attr]
    d.intake.model.restart()  # the intake given up on purpose (Ctrl+N twice)
    assert not d.intake.model.in_progress
    with qtbot.waitSignal(d.window.closed, timeout=WAIT):
        assert d.window.close()
    assert d.window.close_question is None


def test_locking_withdraws_an_open_close_question(qtbot: QtBot, make_app: AppFactory) -> None:
    d = with_an_unsaved_intake(qtbot, make_app)
    window = d.window
    assert not window.close()
    question = window.close_question
    assert question is not None
    window.lock()  # inactivity while the question waits: nobody answers it for the staff member
    qtbot.waitUntil(lambda: window.close_question is None, timeout=WAIT)
    assert window.isVisible() and window.locked and d.flow.applicant.get("name") == "林晓雨"
