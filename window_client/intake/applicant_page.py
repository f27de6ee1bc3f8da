"""Step 1, the applicant (申请人): from the ID card at once, or typed with inline validation; the ID masked."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from core.cases.applicants import PASSPORT_KEYS, TYPED_DOCUMENT_KEYS, document_keys
from core.errors import ValidationError
from core.flows.intake import Problem, Step
from core.masking import mask_id_number
from core.store.records import AuditEntry
from core.store.store import Store
from core.validation import parse_id_number
from core.validation.idnumbers import IdKind
from core.validation.travel_documents import TYPED_KINDS, parse_document_number
from devices.manager import DeviceHealth
from qtkit.i18n import fill
from qtkit.messages import describe
from qtkit.theme import current_scale
from qtkit.widgets import MaskedIdLabel
from window_client.context import WindowContext
from window_client.intake.document_fields import (
    document_combo,
    document_labels,
    number_placeholders,
    sex_combo,
)
from window_client.intake.model import IntakeModel
from window_client.intake.page import IntakePage
from window_client.intake.widgets import card, heading, hint, problem_label, show_problem

FIELDS = (
    "name",
    "latin_name",
    "id_number",
    "sex",
    "birth_date",
    "nationality",
    "residence_permit",
    "nation",
    "address",
    "phone",
)
# Where each field stands: (row, label column); a typed document's own rows in the right half.
_PLACES = {
    "name": (1, 0),
    "id_number": (2, 0),
    "nation": (3, 0),
    "address": (4, 0),
    "phone": (5, 0),
    "latin_name": (1, 2),
    "sex": (2, 2),
    "birth_date": (3, 2),
    "nationality": (4, 2),
    "residence_permit": (5, 2),
}
# Shown only for the documents that ask for them (core.cases.applicants.document_keys).
_DOCUMENT_ONLY = frozenset((*TYPED_DOCUMENT_KEYS, *PASSPORT_KEYS))


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
            **document_labels(),
            "name": QCoreApplication.translate("ApplicantPage", "姓名"),
            "id_number": QCoreApplication.translate("ApplicantPage", "证件号码"),
            "nation": QCoreApplication.translate("ApplicantPage", "民族"),
            "address": QCoreApplication.translate("ApplicantPage", "住址"),
            "phone": QCoreApplication.translate("ApplicantPage", "手机号码"),
        }
        placeholders = {
            "latin_name": QCoreApplication.translate("ApplicantPage", "按证件上的英文字母填写"),
            "birth_date": QCoreApplication.translate("ApplicantPage", "年-月-日，如 1990-03-07"),
            "nationality": QCoreApplication.translate("ApplicantPage", "护照上的三位字母代码，如 USA"),
            "residence_permit": QCoreApplication.translate("ApplicantPage", "护照内居留许可的号码（选填）"),
            "name": QCoreApplication.translate("ApplicantPage", "与证件一致"),
            "id_number": QCoreApplication.translate("ApplicantPage", "18 位居民身份证号码或居住证号码"),
            "nation": QCoreApplication.translate("ApplicantPage", "如：汉"),
            "address": QCoreApplication.translate("ApplicantPage", "证件住址或现住址"),
            "phone": QCoreApplication.translate("ApplicantPage", "11 位手机号码（选填）"),
        }
        kind_label = QLabel(QCoreApplication.translate("ApplicantPage", "证件类型"), form)
        self.kind = document_combo(form)
        self.kind.setObjectName("applicant_id_kind")
        self.kind.setAccessibleName(kind_label.text())
        kind_label.setBuddy(self.kind)
        self.kind.activated.connect(self._on_kind_activated)
        grid.addWidget(kind_label, 0, 0, Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(self.kind, 0, 1)
        self.sex = sex_combo(form)
        self.sex.setObjectName("applicant_sex")
        self.sex.activated.connect(lambda _index: self._on_sex_activated())
        self.edits: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        self.problems: dict[str, QLabel] = {}
        for key in FIELDS:
            row, column = _PLACES[key]
            label = QLabel(labels[key], form)
            self.labels[key] = label
            self.problems[key] = problem_label(form)
            grid.addWidget(label, 2 * row, column, Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(self.problems[key], 2 * row + 1, column + 1)
            if key == "sex":
                self.sex.setAccessibleName(labels[key])
                label.setBuddy(self.sex)
                grid.addWidget(self.sex, 2 * row, column + 1)
                continue
            edit = QLineEdit(form)
            edit.setObjectName(f"applicant_{key}")
            edit.setPlaceholderText(placeholders[key])
            edit.setAccessibleName(labels[key])
            label.setBuddy(edit)
            edit.textEdited.connect(lambda text, k=key: self._on_text_edited(k, text))
            edit.editingFinished.connect(lambda k=key: self._on_editing_finished(k))
            self.edits[key] = edit
            if key == "id_number":
                grid.addLayout(self._id_row(form, edit), 2 * row, column + 1)
            else:
                grid.addWidget(edit, 2 * row, column + 1)
        # The typed document's rows stand beside the others (columns 2–3), so the page keeps its
        # height at 1366×768; without them those columns stay empty and the fields a readable width.
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
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
        kind = applicant.get("id_kind", "")
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        self.sex.setCurrentIndex(max(self.sex.findData(applicant.get("sex", "")), 0))
        self._show_document_rows(kind)
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

    def _show_document_rows(self, kind: str) -> None:
        """The rows the chosen document asks for; the number's hint says its shape."""
        wanted = set(document_keys(kind))
        for key in _DOCUMENT_ONLY:
            shown = key in wanted
            self.labels[key].setVisible(shown)
            (self.sex if key == "sex" else self.edits[key]).setVisible(shown)
            if not shown:
                show_problem(self.problems[key], None)
        self.edits["nation"].setVisible(not wanted)  # 民族 is on the resident ID card only
        self.labels["nation"].setVisible(not wanted)
        self.edits["id_number"].setPlaceholderText(number_placeholders().get(kind, ""))

    def _on_kind_activated(self, index: int) -> None:
        kind = str(self.kind.itemData(index) or "")
        if kind == self.flow.applicant.get("id_kind", ""):
            return
        self.flow.set_applicant_field("id_kind", kind)
        self.enter()
        self.edits["id_number"].setFocus()

    def _on_sex_activated(self) -> None:
        problem = self.flow.set_applicant_field("sex", str(self.sex.currentData() or ""))
        show_problem(self.problems["sex"], describe(problem) if problem else None)

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
                (self.sex if key == "sex" else self.edits[key]).setFocus()
            elif key == "id_kind":  # a matter that takes another document (catalog accepted_documents)
                show_problem(self.problems["id_number"], describe(problem))
                self.kind.setFocus()

    # -- typing -------------------------------------------------------------------------------

    def _on_text_edited(self, key: str, text: str) -> None:
        problem = self.flow.set_applicant_field(key, text.strip())
        # Not yet: the number is still being typed (a typed document's is checked when staff leave it).
        typed_document = self.flow.applicant.get("id_kind", "") in TYPED_KINDS
        quiet = key == "id_number" and (typed_document or len(text.strip()) < 18)
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
        if key == "id_number" and problem is None and self._id_problem() is None:
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
        kind = self.flow.applicant.get("id_kind", "")
        try:
            if kind:
                parse_document_number(
                    IdKind(kind), number, field="applicant.id_number", today=self.flow.today
                )
            else:
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
