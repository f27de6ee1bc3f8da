"""The staff window around the intake: offline login, the screen lock, shortcuts, logout, a failed print."""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from core.flows.intake import Step
from tests.card_samples import VALID
from tests.window_client.conftest import LOCAL_ADMIN, AppFactory, logged_in
from tests.window_client.intake_steps import WAIT, collect_materials, form_sign_accept, identify_and_choose
from tests.window_client.test_intake_card import QUIET_READER
from window_client.app import WindowApp


def on_store(qtbot: QtBot, app: WindowApp, fn: Any) -> Any:
    future: Future[Any] = app.runner.run_with(app.store_key, fn)
    qtbot.waitUntil(future.done, timeout=WAIT)
    return future.result()


def key(app: WindowApp, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    assert app.main_window is not None
    QTest.keyClick(app.main_window, k, modifier)


def test_login_is_offline_audited_and_refuses_a_wrong_password(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app()
    qtbot.waitUntil(lambda: app.login_window is not None and app.login_window.isVisible(), timeout=WAIT)
    window = app.login_window
    assert window is not None
    staff_id, _name, password = LOCAL_ADMIN
    window.staff_id.setText(staff_id)
    window.password.setText("wrong-password")
    QTest.mouseClick(window.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "不正确" in window.error.text(), timeout=WAIT)
    assert app.main_window is None
    logged_in(qtbot, app, staff_id, password)
    assert app.session.operator == staff_id
    actions = on_store(qtbot, app, lambda store: [a.action for a in store.audit_entries()])
    assert "staff.login_failed" in actions and "staff.login" in actions


def test_lock_keeps_the_intake_and_unlocks_with_the_password(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app()
    d = logged_in(qtbot, app, *LOCAL_ADMIN[::2])
    d.place_card(0)
    qtbot.waitUntil(lambda: d.flow.applicant.get("name") == "林晓雨", timeout=WAIT)
    window = d.window
    key(app, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.locked and window.lock_overlay.isVisible()
    assert not window.next_action.isEnabled()  # nothing behind the lock reacts
    overlay = window.lock_overlay
    overlay.password.setText("not-it-at-all")
    QTest.mouseClick(overlay.unlock, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(overlay.error.text()), timeout=WAIT)
    assert window.locked
    overlay.password.setText(LOCAL_ADMIN[2])
    QTest.mouseClick(overlay.unlock, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.locked, timeout=WAIT)
    assert d.flow.applicant.get("name") == "林晓雨"  # the intake in progress survived the lock


def test_inactivity_locks_the_screen(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app(lock_minutes=0.01)  # 0.6 s
    d = logged_in(qtbot, app, *LOCAL_ADMIN[::2])
    qtbot.waitUntil(lambda: d.window.locked, timeout=WAIT)


def test_shortcuts_move_between_steps_tabs_and_intakes(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app(reader=QUIET_READER)  # no demo card may arrive before the test's own (it raced Alt+→)
    d = logged_in(qtbot, app, *LOCAL_ADMIN[::2])
    window = d.window
    key(app, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert d.on(Step.APPLICANT) and d.intake.banner.isVisible()  # the flow says what is missing
    assert "姓名" in (d.intake.banner.message.text if d.intake.banner.message else "")
    d.place_card(VALID)
    qtbot.waitUntil(lambda: d.flow.applicant.get("name") == "林晓雨", timeout=WAIT)
    key(app, Qt.Key.Key_PageDown)
    assert d.on(Step.BUNDLE)
    key(app, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert d.on(Step.APPLICANT)
    key(app, Qt.Key.Key_F2)
    assert window.tabs.currentWidget() is window.desk and not window.next_action.isEnabled()
    key(app, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.intake
    assert d.flow.applicant and "再按一次" in d.intake.banner.message.text  # type: ignore[union-attr]
    key(app, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert not d.flow.applicant and d.on(Step.APPLICANT)


def test_logout_returns_to_the_login_window(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app()
    d = logged_in(qtbot, app, *LOCAL_ADMIN[::2])
    QTest.mouseClick(d.window.logout_button, Qt.MouseButton.LeftButton)
    assert app.session.session is None and not d.window.isVisible()
    assert app.login_window is not None and app.login_window.isVisible()


def test_a_failed_print_keeps_the_case_and_prints_on_retry(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app()
    d = logged_in(qtbot, app, *LOCAL_ADMIN[::2])
    printer = app.devices.manager.simulators.printer  # type: ignore[union-attr]
    printer.set_paper("out")
    identify_and_choose(qtbot, d)
    collect_materials(qtbot, d, online=False)
    form_sign_accept(qtbot, d)
    case = d.flow.case
    assert case is not None
    page = d.intake.done_page
    qtbot.waitUntil(lambda: page.retry.isVisible(), timeout=WAIT)
    assert "缺纸" in page.printing.text() and d.intake.banner.message is not None
    assert d.intake.banner.message.action  # 重新打印, in the banner too
    stored = on_store(qtbot, app, lambda store: app.context().case_service(store, "t").get(case.number))
    assert stored.number == case.number
    printer.set_paper("ok")
    QTest.mouseClick(page.retry, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(d.printed, timeout=WAIT)
    jobs = on_store(
        qtbot, app, lambda store: [(j.kind, j.status.value) for j in store.print_jobs.jobs_for(case.number)]
    )
    assert sorted(jobs) == [("notice", "printed"), ("receipt", "printed")]
