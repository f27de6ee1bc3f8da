"""The bundle step's search box: Up and Down move through the results without leaving the keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from core.flows.intake import Step
from tests.core.flows.test_intake_flow import MOTHER
from tests.window_client.conftest import AppFactory, logged_in
from tests.window_client.test_intake_card import QUIET_READER, WINDOW_STAFF, add_staff
from window_client.intake.bundle_page import BundlePage

WAIT = 20_000
QUERY = "登记"  # several bundles match


def test_up_and_down_in_the_search_box_move_through_the_results(
    qtbot: QtBot, make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(reader=QUIET_READER)
    add_staff(tmp_path / "data")
    d = logged_in(qtbot, app, *WINDOW_STAFF[::2])
    d.flow.set_applicant_from_card(MOTHER)
    assert d.flow.go(Step.BUNDLE) == []
    qtbot.waitUntil(lambda: d.on(Step.BUNDLE), timeout=WAIT)
    page = d.intake.pages[Step.BUNDLE]
    assert isinstance(page, BundlePage)
    page.search.setText(QUERY)
    qtbot.waitUntil(lambda: page.results.count() >= 2, timeout=WAIT)
    page.results.setCurrentRow(0)
    QTest.keyClick(page.search, Qt.Key.Key_Down)
    assert page.results.currentRow() == 1
    QTest.keyClick(page.search, Qt.Key.Key_Up)
    QTest.keyClick(page.search, Qt.Key.Key_Up)
    assert page.results.currentRow() == 0  # not above the first
    assert page.search.text() == QUERY
