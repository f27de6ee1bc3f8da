"""At 1366×768 (a common window PC) the chrome is compact: the header shares the tab row, so the
intake's step area gets the room; a taller window keeps the roomy layout."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.window_client.conftest import LOCAL_ADMIN, AppFactory, logged_in
from window_client.main_window import MainWindow


def settle_layouts() -> None:
    for _ in range(4):  # the window, its central widget, the tabs, the intake screen
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)


def rect_in(window: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def step_area(window: MainWindow) -> int:
    settle_layouts()
    return window.intake.stack.height()


def test_at_1366_by_768_the_header_shares_the_tab_row(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app(size=(1366, 768))
    window = logged_in(qtbot, app, *LOCAL_ADMIN[::2]).window
    settle_layouts()
    assert window.compact
    header, tab_bar = rect_in(window, window.header), rect_in(window, window.tabs.tabBar())
    assert tab_bar.top() <= header.top() and header.bottom() <= tab_bar.bottom()  # one row,
    assert header.left() > tab_bar.right()  # beside the tabs
    assert window.header.height() >= window.header.sizeHint().height()  # not cut by the tab row
    assert window.lock_button.isVisible() and window.logout_button.isVisible()
    compact = step_area(window)
    window.set_compact(False)
    roomy = step_area(window)
    window.set_compact(True)
    assert step_area(window) == compact
    assert compact - roomy >= 40  # 451 → 499 px with the applicant line showing (fonts of the tests)


def test_a_tall_window_keeps_the_header_above_the_tabs(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app(size=(1366, 900))
    window = logged_in(qtbot, app, *LOCAL_ADMIN[::2]).window
    settle_layouts()
    assert not window.compact
    assert rect_in(window, window.header).bottom() < rect_in(window, window.tabs.tabBar()).top()
