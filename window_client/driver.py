"""``IntakeDriver``: works the window client's real widgets the way staff do — for the walk-through and the tests.

Every method is one staff action (a click, keys typed, a card placed, strokes on a pad) and returns
at once; the matching ``…_done`` predicate says when the GUI has caught up (wait for it with a
QTimer poll or ``qtbot.waitUntil``: nothing here sleeps or pumps events).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QInputMethodEvent, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLineEdit, QWidget

from core.cases.model import ItemState
from core.flows.intake import IntakeFlow, Step
from devices.id_reader import IdCard
from window_client.app import WindowApp
from window_client.dialogs.citizen import EvaluationPanel, SignaturePanel
from window_client.intake.checklist_page import ChecklistPage
from window_client.intake.form_page import FormPage
from window_client.intake.questions_page import QuestionsPage
from window_client.intake.screen import IntakeScreen
from window_client.main_window import MainWindow

# The newborn situation the walk-through shows: a child over one year old (so "not registered
# elsewhere" may be a commitment) whose 出生医学证明 was issued, not enrolled in 医保 at the hospital,
# married parents, every extra matter wanted (the mother in 职工医保 claims 生育津贴).
NEWBORN_ANSWERS: tuple[tuple[str, Any], ...] = (
    ("born_in_province_hospital", True),
    ("age_band", "gt_1y"),
    ("late_reason", "documents"),
    ("birth_cert_issued", True),  # a one-year-old's certificate was issued at birth
    ("mi_enrolled_at_birth", False),  # not enrolled at the hospital: 出生一件事 enrols
    ("married", True),
    ("follow", "father"),
    ("hukou_type", "family"),
    ("same_ethnicity", True),
    ("surname", "father"),
    ("want_sscard", True),
    ("want_maternity", True),
    ("mother_scheme", "employee"),
    ("maternity_claim", "allowance"),
)
NEWBORN_FORM: dict[str, str] = {
    "child.name": "周子墨",
    "child.sex": "男",
    "child.birth_date": "2025-06-18",
    "child.birth_cert_no": "Q320123456",
    "child.nation": "汉",
    "mother.name": "林晓雨",
    "mother.id_number": "320115199003070043",
    "father.name": "周建国",
    "father.id_number": "320115198805120036",
    "applicant.phone": "13912345678",
    "residence.address": "南京市江宁区东山街道竹山路8号",
    "hukou.head_name": "周建国",
    "hukou.address": "南京市江宁区东山街道竹山路8号",
    "bank.account": "6222021001123456789",
    "bank.name": "中国工商银行南京江宁支行",
}
FATHER_ID = "320115198805120036"
HELPER_ID = "330106196810021370"  # a demo card's number: the proxy helper is not the applicant


class IntakeDriver:
    """Lives on the GUI thread, beside the WindowApp it drives."""

    def __init__(self, app: WindowApp) -> None:
        self.app = app

    # -- where things are ---------------------------------------------------------------------

    @property
    def window(self) -> MainWindow:
        assert self.app.main_window is not None, "not logged in"
        return self.app.main_window

    @property
    def intake(self) -> IntakeScreen:
        return self.window.intake

    @property
    def flow(self) -> IntakeFlow:
        return self.intake.flow

    def on(self, step: Step) -> bool:
        if self.app.main_window is None or not self.app.main_window.isVisible():
            return False
        return self.flow.current is step and self.intake.stack.currentWidget() is self.intake.pages[step]

    def find(self, name: str, kind: type[QWidget] = QWidget) -> Any:
        """A widget of the staff window or of a dialog on show, by object name."""
        for top in QApplication.topLevelWidgets():
            if top.isVisible():
                found = top.findChild(kind, name)
                if found is not None and found.isVisible():
                    return found
        raise LookupError(f"no visible widget named {name!r}")

    def visible(self, name: str) -> bool:
        try:
            self.find(name)
        except LookupError:
            return False
        return True

    # -- staff actions ------------------------------------------------------------------------

    def click(self, target: QWidget | str) -> None:
        widget = self.find(target) if isinstance(target, str) else target
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)

    def type_into(self, target: QLineEdit | str, text: str) -> None:
        """Keys as staff type them: ASCII as key presses (through the wedge filter, which lets human
        typing through after its gap), Chinese as an input method commits a phrase."""
        edit = self.find(target, QLineEdit) if isinstance(target, str) else target
        edit.setFocus()
        edit.selectAll()
        if text.isascii():
            QTest.keyClicks(edit, text)
            return
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(edit, event)

    def press_enter(self, target: QLineEdit | str) -> None:
        edit = self.find(target, QLineEdit) if isinstance(target, str) else target
        edit.setFocus()
        QTest.keyClick(edit, Qt.Key.Key_Return)

    def typed(self, target: QLineEdit | str, text: str) -> bool:
        edit = self.find(target, QLineEdit) if isinstance(target, str) else target
        return bool(edit.text() == text)

    def log_in(self, staff_id: str, password: str) -> None:
        window = self.app.login_window
        assert window is not None
        window.staff_id.setText(staff_id)
        window.password.setText(password)
        self.click(window.button)

    def place_card(self, card: int | IdCard = 0) -> None:
        rack = self.app.devices.simulators if self.app.devices is not None else None
        reader = rack.id_reader if rack is not None else None
        assert reader is not None, "the ID reader is not simulated"
        reader.place_card(card)

    def next(self) -> None:
        self.click(self.intake.next)

    def answer_all(self, answers: tuple[tuple[str, Any], ...] = NEWBORN_ANSWERS) -> None:
        page = self.intake.pages[Step.QUESTIONS]
        assert isinstance(page, QuestionsPage)
        for question_id, value in answers:
            if question_id in page.cards:
                button = page.cards[question_id].buttons[value]
                self.click(button)

    def answered(self) -> bool:
        return self.flow.bundle_id is not None and not self.flow.checklist().unanswered

    def material_button(self, material_id: str, state: ItemState) -> QAbstractButton:
        page = self.intake.pages[Step.CHECKLIST]
        assert isinstance(page, ChecklistPage)
        button = page.rows[material_id].buttons[state]
        page.scroll_area.ensureWidgetVisible(button)
        return button

    def set_material(self, material_id: str, state: ItemState) -> None:
        self.click(self.material_button(material_id, state))

    def material_state(self, material_id: str) -> ItemState | None:
        given = self.flow.materials.get(material_id)
        return given.state if given is not None else None

    def pages_of(self, material_id: str) -> int:
        given = self.flow.materials.get(material_id)
        return len(given.pages) if given is not None else 0

    def thumbnails(self, material_id: str) -> int:
        page = self.intake.pages[Step.CHECKLIST]
        assert isinstance(page, ChecklistPage)
        return len(page.images.get(material_id, []))

    def checklist_dialog(self) -> Any:
        page = self.intake.pages[Step.CHECKLIST]
        assert isinstance(page, ChecklistPage)
        return page.dialog

    def fill_form(self, values: dict[str, str] = NEWBORN_FORM) -> None:
        page = self.intake.pages[Step.FORM]
        assert isinstance(page, FormPage)
        for field_id, value in values.items():
            editor = page.editors.get(field_id)
            if editor is None or self.flow.field_value(editor.field) == value:
                continue
            target = editor.focus_target()
            page.scroll_area.ensureWidgetVisible(target)
            if isinstance(target, QComboBox):
                target.setCurrentIndex(target.findData(value))
                target.activated.emit(target.currentIndex())
            elif isinstance(target, QLineEdit):
                self.type_into(target, value)

    def form_done(self) -> bool:
        return not self.flow.problems(Step.FORM)

    def sign(self, pad: QWidget) -> None:
        """Three strokes across ``pad`` with the (left) mouse button held, as a finger or pen would."""
        w, h = max(pad.width(), 200), max(pad.height(), 100)
        strokes = [
            [(0.15, 0.6), (0.25, 0.35), (0.32, 0.62), (0.4, 0.4)],
            [(0.45, 0.55), (0.55, 0.3), (0.6, 0.65), (0.7, 0.45)],
            [(0.72, 0.5), (0.8, 0.38), (0.88, 0.6)],
        ]
        for stroke in strokes:
            points = [QPointF(x * w, y * h) for x, y in stroke]
            self._mouse(pad, QEvent.Type.MouseButtonPress, points[0], Qt.MouseButton.LeftButton)
            for point in points[1:]:
                self._mouse(pad, QEvent.Type.MouseMove, point, Qt.MouseButton.NoButton)
            self._mouse(pad, QEvent.Type.MouseButtonRelease, points[-1], Qt.MouseButton.LeftButton)

    @staticmethod
    def _mouse(widget: QWidget, kind: QEvent.Type, point: QPointF, button: Qt.MouseButton) -> None:
        held = (
            Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else Qt.MouseButton.LeftButton
        )
        global_point = QPointF(widget.mapToGlobal(QPoint(round(point.x()), round(point.y()))))
        event = QMouseEvent(kind, point, global_point, button, held, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(widget, event)

    def signature_panel(self) -> SignaturePanel | None:
        panel = self.intake.citizen.current
        return panel if isinstance(panel, SignaturePanel) else None

    def evaluation_panel(self) -> EvaluationPanel | None:
        panel = self.intake.citizen.current
        return panel if isinstance(panel, EvaluationPanel) else None

    def accept(self) -> None:
        self.click(self.intake.accept_button)

    def accepted(self) -> bool:
        return self.flow.case is not None and self.on(Step.DONE)

    def printed(self) -> bool:
        return bool(self.intake.done_page.printing.property("status") == "ok")

    def results_arrived(self) -> bool:
        """The departments decided every matter they can: those waiting for a 容缺 material stay
        processing until it is supplied (the platform holds them)."""
        case = self.intake.done_page.case
        if case is None or case.official_number is None:
            return False
        waiting = {m for item in case.deficient_items for m in item.matters}
        return all(
            m.status.final or (m.matter_id in waiting and m.status.value == "processing")
            for m in case.matters
        )
