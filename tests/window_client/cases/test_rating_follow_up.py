"""差评处置 on the case desk (GB/T 39734-2020 §9.3; domain review §5 E1): a bad rating's 整改 deadline
in the list (red once overdue), and its 回访 and 整改结果 recorded from the case's detail; the result of
a decided case rated by the applicant (一事一评, §7.1; domain review §5 E3)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from core.cases.model import MatterStatus
from core.cases.ratings import RatingChannel, RatingStage
from core.cases.service import CaseService
from qtkit.i18n import install_translator
from qtkit.theme import current_scale
from tests.conftest import CHINA
from tests.window_client.cases.kit import Desk, make_request
from tests.window_client.cases.test_actions import OpenPanel, open_case, succeed
from window_client.cases.models import Column
from window_client.cases.panel import CaseDeskPanel
from window_client.cases.rating_dialog import FollowUpDialog
from window_client.dialogs.citizen import EvaluationPanel
from window_client.intake.citizen_display import CitizenDisplay


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


def test_the_applicant_rates_the_decided_case_once_on_the_citizen_screen(
    qtbot: QtBot, make_desk: Callable[..., Desk]
) -> None:
    """一事一评 (GB/T 39734 §7.1): after 办结 the window records a second rating, of the result, once."""
    desk = make_desk()
    desk.clock.set(datetime(2026, 9, 30, 10, 0, tzinfo=CHINA))
    pending = desk.accept(make_request(desk.catalog))
    case = desk.accept(make_request(desk.catalog))
    desk.cases(lambda service, _store: service.evaluate(case.number, 5))  # 一次一评 at intake

    def complete(service: CaseService, _store: object) -> None:
        for matter in service.get(case.number).matters:
            service.record_matter_result(case.number, matter.matter_id, MatterStatus.DONE, "已出证")

    desk.cases(complete)
    desk.login()
    staff = QWidget()  # the intake screen the citizen display belongs to in the main window
    qtbot.addWidget(staff)
    panel = CaseDeskPanel(desk.ctx, citizen=CitizenDisplay("演示大厅", staff, second_screen=False))
    qtbot.addWidget(panel)
    panel.resize(1366, 768)
    with qtbot.waitSignal(panel.results_shown, timeout=10_000):
        panel.show()
    open_case(qtbot, panel, pending.number)
    pane = panel.detail_pane
    assert not pane.rate_result_button.isVisible()  # not decided yet: nothing to rate
    open_case(qtbot, panel, case.number)
    assert pane.rate_result_button.isVisible() and pane.rate_result_button.isEnabled()
    assert panel.citizen is not None

    pane.rate_result_button.click()
    rating_panel = panel.citizen.current
    assert isinstance(rating_panel, EvaluationPanel)
    assert rating_panel.findChildren(QLabel)[0].text() == "请您对本办件的办理结果作出评价"
    QTest.mouseClick(rating_panel.buttons[2], Qt.MouseButton.LeftButton)
    rating_panel.reason.setPlainText("承诺十个工作日，实际拖了一个月")
    message = succeed(qtbot, panel, lambda: rating_panel.submit.click())
    due = date(2026, 10, 13)  # 2026-09-30 + 5 working days (State Council 2026 holiday notice)
    assert message == f"已记录办结评价：不满意。差评须在 {due.isoformat()} 前整改并回访。"
    assert rating_panel.thanks.text() == "感谢您的评价！"
    qtbot.waitUntil(lambda: not pane.rate_result_button.isEnabled(), timeout=10_000)  # once per stage
    stored = desk.cases(lambda service, _store: service.get(case.number))
    result = stored.rating(RatingStage.RESULT)
    assert result is not None and result.rectification is not None
    assert (result.level, result.channel, result.rectification.deadline) == (2, RatingChannel.WINDOW, due)
    assert stored.rating(RatingStage.INTAKE) is not None and len(stored.evaluations) == 2
    assert "办结后：不满意" in pane.evaluation_value.text()
    qtbot.waitUntil(lambda: panel.citizen.current is None, timeout=10_000)  # the thanks, then closed
