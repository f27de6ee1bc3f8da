"""The desk follows a language switch on a running screen (tongban_en.qm) and back."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from qtkit.i18n import install_translator
from tests.window_client.cases.kit import Desk, make_request
from window_client.cases import CaseDeskPanel
from window_client.cases.models import Column


@pytest.fixture
def back_to_chinese(qapp: QApplication) -> Iterator[None]:
    yield
    install_translator(qapp, "zh_CN")


def test_switching_to_english_and_back(
    qtbot: QtBot,
    qapp: QApplication,
    back_to_chinese: None,
    make_desk: Callable[..., Desk],
    open_panel: Callable[[Desk], CaseDeskPanel],
) -> None:
    desk = make_desk()
    case = desk.accept(make_request(desk.catalog, defer=True))
    desk.login()
    panel = open_panel(desk)
    with qtbot.waitSignal(panel.case_opened, timeout=10_000):
        panel.open_case(case.number)
    assert install_translator(qapp, "en")
    qtbot.waitUntil(lambda: panel.search_button.text() == "Find", timeout=5000)
    assert panel.filter_bar.status_combo.itemText(0) == "All statuses"
    assert panel.model.headerData(Column.SYNC, Qt.Orientation.Horizontal) == "Sync"
    assert panel.model.index(0, Column.STATUS).data() == "Accepted, materials missing"
    pane = panel.detail_pane
    assert pane.supplement_button.text() == "Supply materials"
    assert pane.status_label.text() == "Accepted, materials missing"
    assert pane.tabs.tabText(2) == "Timeline"
    install_translator(qapp, "zh_CN")
    qtbot.waitUntil(lambda: panel.search_button.text() == "查找", timeout=5000)
    assert pane.supplement_button.text() == "补齐材料" and pane.status_label.text() == "容缺受理"
