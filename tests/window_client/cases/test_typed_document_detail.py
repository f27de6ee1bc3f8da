"""The case detail of a passport holder at 1366×768 in the real theme: the document and nationality
beside the masked name, the masked number, nothing cut (/tmp/idtypes-case-detail.png, looked at)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from qtkit.screenshots import save_screenshot
from qtkit.theme import SCALE_PROPERTY, apply_theme
from tests.window_client.cases.kit import PASSPORT_HOLDER, Desk, make_request
from window_client.cases import CaseDeskPanel


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[None]:
    style, sheet, palette, font = qapp.style().name(), qapp.styleSheet(), qapp.palette(), qapp.font()
    apply_theme(qapp, "standard")
    yield
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setFont(font)
    qapp.setProperty(SCALE_PROPERTY, None)


def test_a_passport_holders_case_detail(qtbot: QtBot, themed: None, make_desk: Callable[..., Desk]) -> None:
    desk = make_desk()
    case = desk.accept(make_request(desk.catalog, applicant=PASSPORT_HOLDER))
    desk.login()
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    layout.setContentsMargins(0, 0, 0, 0)
    panel = CaseDeskPanel(desk.ctx, window)
    layout.addWidget(panel)
    window.resize(1366, 768)
    with qtbot.waitSignal(panel.results_shown, timeout=10_000):
        window.show()
    with qtbot.waitSignal(panel.case_opened, timeout=10_000):
        panel.results.table.selectRow(panel.model.row_of(case.number))
    pane = panel.detail_pane
    qtbot.waitUntil(lambda: pane.name_value.width() >= pane.name_value.sizeHint().width(), timeout=5000)
    assert pane.name_value.text() == "A*** ******T（外国护照 DEU）"
    assert pane.id_label.text() == "E******7A"
    save_screenshot(window, "/tmp/idtypes-case-detail.png")
