"""Step 1, the applicant (申请人): from the ID card at once, or typed with inline validation; the ID masked."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from core.errors import ValidationError
from core.flows.intake import Problem, Step
from core.masking import mask_id_number
from core.store.records import AuditEntry
from core.store.store import Store
from core.validation import parse_id_number
from devices.manager import DeviceHealth
from qtkit.i18n import fill
from qtkit.messages import describe
from qtkit.theme import current_scale
from qtkit.widgets import MaskedIdLabel
from window_client.context import WindowContext
from window_client.intake.model import IntakeModel
from window_client.intake.page import IntakePage
from window_client.intake.widgets import card, heading, hint, problem_label, show_problem

FIELDS = ("name", "id_number", "nation", "address", "phone")


class ApplicantPage(IntakePage):
    """Lives on the GUI thread. The screen hands it card reads (``card_applied``)."""

    step = Step.APPLICANT

    def __init__(self, ctx: WindowContext, model: IntakeModel, parent: QWidget | None = None) -> None:
        super().__init__(ctx, model, parent)
        s = current_scale().spacing_px
        self.set_titles(
            QCoreApplication.translate("ApplicantPage", "申请人"),
            QCoreApplication.translate(
                "ApplicantPage", "请申请人把居民身份证放在阅读器上，信息自动填入；没有证件时可手工录入。"
            ),
        )
        reader, reader_layout = card(self)
        self.reader_title = heading(QCoreApplication.translate("ApplicantPage", "读取身份证"), reader)
        self.reader_state = hint("", reader)
        self.source = QLabel(reader)
        self.source.setProperty("status", "ok")
        reader_layout.addWidget(self.reader_title)
        reader_layout.addWidget(self.reader_state)
        reader_layout.addWidget(self.source)
        self.body.addWidget(reader)

        form, form_layout = card(self)
        form_layout.addWidget(heading(QCoreApplication.translate("ApplicantPage", "申请人信息"), form))
        grid = QGridLayout()
        grid.setHorizontalSpacing(2 * s)
        grid.setVerticalSpacing(s // 2)
        form_layout.addLayout(grid)
        labels = {
            "name": QCoreApplication.translate("ApplicantPage", "姓名"),
            "id_number": QCoreApplication.translate("ApplicantPage", "证件号码"),
            "nation": QCoreApplication.translate("ApplicantPage", "民族"),
            "address": QCoreApplication.translate("ApplicantPage", "住址"),
            "phone": QCoreApplication.translate("ApplicantPage", "手机号码"),
        }
        placeholders = {
            "name": QCoreApplication.translate("ApplicantPage", "与证件一致"),
            "id_number": QCoreApplication.translate("ApplicantPage", "18 位居民身份证号码或居住证号码"),
            "nation": QCoreApplication.translate("ApplicantPage", "如：汉"),
            "address": QCoreApplication.translate("ApplicantPage", "证件住址或现住址"),
            "phone": QCoreApplication.translate("ApplicantPage", "11 位手机号码（选填）"),
        }
        self.edits: dict[str, QLineEdit] = {}
        self.problems: dict[str, QLabel] = {}
        for row, key in enumerate(FIELDS):
            label = QLabel(labels[key], form)
            edit = QLineEdit(form)
            edit.setObjectName(f"applicant_{key}")
            edit.setPlaceholderText(placeholders[key])
            edit.setAccessibleName(labels[key])
            label.setBuddy(edit)
            edit.textEdited.connect(lambda text, k=key: self._on_text_edited(k, text))
            edit.editingFinished.connect(lambda k=key: self._on_editing_finished(k))
            self.edits[key] = edit
            self.problems[key] = problem_label(form)
            grid.addWidget(label, 2 * row, 0, Qt.AlignmentFlag.AlignVCenter)
            if key == "id_number":
                grid.addLayout(self._id_row(form, edit), 2 * row, 1)
            else:
                grid.addWidget(edit, 2 * row, 1)
            grid.addWidget(self.problems[key], 2 * row + 1, 1)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)  # an empty column: the fields stay a readable width on wide screens
        self.body.addWidget(form)
        self.body.addStretch(1)
        ctx.devices.device_health_changed.connect(self._on_device_health_changed)
        self._show_reader(next((h for h in ctx.devices.health() if h.role == "id_reader"), None))

    def _id_row(self, parent: QWidget, edit: QLineEdit) -> QHBoxLayout:
        row = QHBoxLayout()
        self.masked = MaskedIdLabel("", parent)
        self.masked.setObjectName("applicant_id_masked")
        self.masked.revealed.connect(self._on_masked_revealed)
        self.reveal = QPushButton(QCoreApplication.translate("ApplicantPage", "核验完整号码"), parent)
        self.reveal.setProperty("variant", "link")
        self.reveal.clicked.connect(self.masked.reveal)
        self.retype = QPushButton(QCoreApplication.translate("ApplicantPage", "修改"), parent)
        self.retype.setProperty("variant", "link")
        self.retype.clicked.connect(self._on_retype_clicked)
        row.addWidget(edit, 1)
        row.addWidget(self.masked, 1)
        row.addWidget(self.reveal)
        row.addWidget(self.retype)
        return row

    # -- refresh from the flow ----------------------------------------------------------------

    def enter(self) -> None:
        applicant = self.flow.applicant
        for key, edit in self.edits.items():
            if edit.text() != applicant.get(key, ""):
                edit.setText(applicant.get(key, ""))
        number = applicant.get("id_number", "")
        masked = bool(number) and self._id_problem() is None
        self._masked_mode(masked, number)
        from_card = self.flow.applicant_source == "id_card" and bool(number)
        self.source.setText(
            QCoreApplication.translate("ApplicantPage", "✓ 已从身份证读取，请核对人证是否一致")
            if from_card
            else ""
        )
        self.source.setVisible(from_card)
        for key in FIELDS:
            show_problem(self.problems[key], None)

    def _masked_mode(self, on: bool, number: str) -> None:
        self.masked.set_id_number(number if on else "")
        self.edits["id_number"].setVisible(not on)
        for widget in (self.masked, self.reveal, self.retype):
            widget.setVisible(on)

    def first_focus(self) -> QWidget | None:
        return self.edits["phone"] if self.flow.applicant_source == "id_card" else self.edits["name"]

    def show_problems(self, problems: Sequence[Problem]) -> None:
        for problem in problems:
            key = problem.field.removeprefix("applicant.")
            if key in self.problems:
                if key == "id_number":
                    self._masked_mode(False, "")
                show_problem(self.problems[key], describe(problem))
                self.edits[key].setFocus()

    # -- typing -------------------------------------------------------------------------------

    def _on_text_edited(self, key: str, text: str) -> None:
        problem = self.flow.set_applicant_field(key, text.strip())
        quiet = key == "id_number" and len(text.strip()) < 18  # not yet: it is still being typed
        show_problem(self.problems[key], describe(problem) if problem and not quiet else None)
        self.source.setVisible(False)

    def _on_editing_finished(self, key: str) -> None:
        edit = self.edits[key]
        if not edit.isVisible():
            return
        text = edit.text().strip()
        if not text:
            show_problem(self.problems[key], None)
            return
        if text != self.flow.applicant.get(key, ""):
            problem = self.flow.set_applicant_field(key, text)
        else:  # leaving an unchanged field must not turn a card's data into typed data
            problem = self._problem_of(key)
        show_problem(self.problems[key], describe(problem) if problem else None)
        if key == "id_number" and problem is None:
            self._masked_mode(True, text)

    def _problem_of(self, key: str) -> Problem | None:
        try:
            self.flow.applicant_value()
        except ValidationError as exc:
            return Problem.of(exc) if exc.field == f"applicant.{key}" else None
        return None

    def _id_problem(self) -> Problem | None:
        """The ID number's own problem, without touching the flow (a check must not change the source)."""
        number = self.flow.applicant.get("id_number", "")
        try:
            parse_id_number(number, field="applicant.id_number", today=self.flow.today)
        except ValidationError as exc:
            return Problem.of(exc)
        return None

    def _on_retype_clicked(self) -> None:
        self._masked_mode(False, "")
        self.edits["id_number"].setText(self.flow.applicant.get("id_number", ""))
        self.edits["id_number"].setFocus()
        self.edits["id_number"].selectAll()

    def _on_masked_revealed(self) -> None:
        """Staff looked at the full number: that is written to the audit log (DESIGN.md: masking)."""
        operator = self.ctx.session.operator
        stamp = self.ctx.clock.now().isoformat(timespec="seconds")
        detail = {"applicant": mask_id_number(self.model.applicant_id), "purpose": "intake"}

        def audit(store: Store) -> None:
            store.append_audit(AuditEntry(operator, "applicant.reveal", stamp, None, detail))

        self.ctx.operations.run_store(self, audit)

    # -- the reader ---------------------------------------------------------------------------

    def _on_device_health_changed(self, health: DeviceHealth) -> None:
        if health.role == "id_reader":
            self._show_reader(health)

    def _show_reader(self, health: DeviceHealth | None) -> None:
        if health is not None and health.ok is None and health.uri:
            text = QCoreApplication.translate("ApplicantPage", "阅读器正在启动…")
        elif health is None or health.ok is None:
            text = QCoreApplication.translate("ApplicantPage", "身份证阅读器未配置：请手工录入。")
        elif health.ok:
            text = fill(QCoreApplication.translate("ApplicantPage", "阅读器：%1"), describe(health))
        else:
            text = fill(
                QCoreApplication.translate("ApplicantPage", "阅读器故障：%1。可手工录入。"), describe(health)
            )
        self.reader_state.setText(text)
