"""差评处置 on the case desk (GB/T 39734-2020 §9.3; domain review §5 E1): a bad rating's 整改 deadline
in the list (red once overdue), and its 回访 and 整改结果 recorded from the case's detail."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from core.cases.ratings import RatingStage
from qtkit.i18n import install_translator
from qtkit.theme import current_scale
from tests.conftest import CHINA
from tests.window_client.cases.kit import Desk, make_request
from tests.window_client.cases.test_actions import OpenPanel, open_case, succeed
from window_client.cases.models import Column
from window_client.cases.rating_dialog import FollowUpDialog


def test_a_bad_rating_is_a_rectification_item_on_the_desk(
    qtbot: QtBot, make_desk: Callable[..., Desk], open_panel: OpenPanel
) -> None:
    desk = make_desk()
    desk.clock.set(datetime(2026, 11, 9, 10, 0, tzinfo=CHINA))  # rated two weeks ago: overdue now
    case = desk.accept(make_request(desk.catalog))
    desk.cases(lambda service, _store: service.evaluate(case.number, 1, "等候时间太长"))
    desk.clock.set(datetime(2026, 11, 23, 9, 30, tzinfo=CHINA))
    desk.login()
    panel = open_panel(desk)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=10_000)
    due = date(2026, 11, 16)  # 2026-11-09 + 5 working days
    cell = panel.model.index(0, Column.DEADLINE)
    assert cell.data() == f"整改 {due.isoformat()}"
    assert cell.data(Qt.ItemDataRole.ForegroundRole) == QColor(current_scale().colors.error_text)
    open_case(qtbot, panel, case.number)
    pane = panel.detail_pane
    assert f"整改期限 {due.isoformat()}" in pane.evaluation_value.text()
    assert pane.follow_up_button.isVisible() and pane.follow_up_button.isEnabled()

    pane.follow_up_button.click()
    dialog = panel.case_actions.dialog
    assert isinstance(dialog, FollowUpDialog) and dialog.ratings.count() == 1
    assert not dialog.confirm_button.isEnabled()  # nothing written yet
    dialog.visit.setChecked(True)
    assert dialog.visit_date.isVisible() and not dialog.voided.isVisible()
    dialog.staff_edit.setText("王科长")
    dialog.text_edit.setPlainText("申请人表示理解，建议增开窗口")
    assert "回访" in succeed(qtbot, panel, dialog.confirm_button.click)
    qtbot.waitUntil(lambda: "已回访" in pane.evaluation_value.text(), timeout=10_000)
    assert pane.follow_up_button.isEnabled()  # the 整改 is still open

    pane.follow_up_button.click()
    dialog = panel.case_actions.dialog
    assert isinstance(dialog, FollowUpDialog)
    assert not dialog.visit.isEnabled() and dialog.rectify.isChecked()  # visited already
    dialog.text_edit.setPlainText("已增开一个窗口，高峰时段分流")
    assert "整改结果" in succeed(qtbot, panel, dialog.confirm_button.click)
    qtbot.waitUntil(lambda: not pane.follow_up_button.isEnabled(), timeout=10_000)
    stored = desk.cases(lambda service, _store: service.get(case.number))
    rating = stored.rating(RatingStage.INTAKE)
    assert rating is not None and rating.visit is not None and rating.rectification is not None
    assert (rating.visit.on, rating.visit.staff) == (date(2026, 11, 23), "王科长")
    assert rating.rectification.done and stored.next_deadline is None
    qtbot.waitUntil(lambda: panel.model.index(0, Column.DEADLINE).data() in ("", None), timeout=10_000)


def test_the_follow_up_speaks_english(
    qtbot: QtBot, qapp: QApplication, make_desk: Callable[..., Desk], open_panel: OpenPanel
) -> None:
    desk = make_desk()
    case = desk.accept(make_request(desk.catalog))
    desk.cases(lambda service, _store: service.evaluate(case.number, 2, "等候时间太长"))
    desk.login()
    panel = open_panel(desk)
    open_case(qtbot, panel, case.number)
    try:
        assert install_translator(qapp, "en")
        pane = panel.detail_pane
        qtbot.waitUntil(lambda: pane.follow_up_button.text() == "Bad rating follow-up", timeout=5000)
        assert panel.model.index(0, Column.DEADLINE).data() == "Rectify 2026-11-30"
        assert pane.evaluation_value.text() == "At intake: Dissatisfied, rectify by 2026-11-30"
        pane.follow_up_button.click()
        dialog = panel.case_actions.dialog
        assert isinstance(dialog, FollowUpDialog)
        dialog.appeal.setChecked(True)
        texts = [dialog.windowTitle(), dialog.ratings.item(0).text(), dialog.text_edit.placeholderText()]
        texts += [
            b.text() for b in (dialog.rectify, dialog.visit, dialog.appeal, dialog.upheld, dialog.voided)
        ]
        assert not [t for t in texts if re.search(r"[\u4e00-\u9fff]", t)], texts
        dialog.reject()
    finally:
        install_translator(qapp, "zh_CN")
