"""Every control of the desk, the status bar and the dialogs has an accessible name and is reached by Tab."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QWidget
from pytestqt.qtbot import QtBot

from core.staff import Role
from tests.window_client.cases.kit import Desk, make_request
from window_client.cases import CaseDeskPanel
from window_client.status import StatusBarPanel


def controls(root: QWidget) -> list[QWidget]:
    """Visible widgets that take keyboard focus (the viewport of a view is the view itself)."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or not widget.isEnabled():
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        parent = widget.parentWidget()
        if isinstance(parent, QAbstractScrollArea) and widget is parent.viewport():
            continue
        found.append(widget)
    return found


def unnamed(root: QWidget) -> list[str]:
    return [
        f"{type(w).__name__}:{w.objectName() or getattr(w, 'text', lambda: '')()}"
        for w in controls(root)
        if not w.accessibleName()
    ]


def tab_chain(start: QWidget, limit: int = 200) -> list[QWidget]:
    chain, widget = [], start
    for _ in range(limit):
        chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is start:
            break
    return chain


def test_desk_controls_are_named_and_in_the_tab_chain(
    qtbot: QtBot, make_desk: Callable[..., Desk], open_panel: Callable[[Desk], CaseDeskPanel]
) -> None:
    desk = make_desk()
    case = desk.accept(make_request(desk.catalog, defer=True))
    desk.login(Role.WINDOW)
    panel = open_panel(desk)
    with qtbot.waitSignal(panel.case_opened, timeout=10_000):
        panel.open_case(case.number)
    assert unnamed(panel) == []
    focusable = controls(panel)
    chain = [w for w in tab_chain(panel.search_edit) if w in focusable]
    missing = [type(w).__name__ for w in focusable if w not in chain]
    assert missing == []
    pane = panel.detail_pane
    order = [
        panel.search_edit,
        panel.search_button,
        *panel.filter_bar.combos,
        panel.terminate_button,
        panel.results.table,
        pane.reveal_button,
        pane.supplement_button,
        pane.procedure_button,
        pane.reprint_button,
        pane.withdraw_button,
    ]
    assert chain[: len(order)] == order
    panel.detail_pane.supplement_button.click()
    dialog = panel.case_actions.dialog
    assert dialog is not None and unnamed(dialog) == []
    dialog.close()
    panel.detail_pane.withdraw_button.click()
    dialog = panel.case_actions.dialog
    assert dialog is not None and unnamed(dialog) == []
    dialog.close()
    panel.detail_pane.procedure_button.click()  # 特别程序
    dialog = panel.case_actions.dialog
    assert dialog is not None and unnamed(dialog) == []
    dialog.close()


def test_status_bar_and_device_test_controls_are_named(qtbot: QtBot, make_desk: Callable[..., Desk]) -> None:
    desk = make_desk()
    status = StatusBarPanel(desk.ctx)
    qtbot.addWidget(status)
    with qtbot.waitSignal(status.counts_refreshed, timeout=10_000):
        status.show()
    assert unnamed(status) == []
    for role in ("id_reader", "printer", "scanner", "camera"):
        status.device_widget.button(role).click()
        dialog = status.dialog(role)
        assert dialog is not None and unnamed(dialog) == [], role
        dialog.close_button.click()
