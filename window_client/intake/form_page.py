"""Step "填写表单": the unified form (多表合一), each field once, pre-filled from the card and earlier cases."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.catalog.model import FieldDef, FieldType
from core.flows.intake import Problem, Step
from qtkit.messages import describe
from qtkit.theme import current_scale
from qtkit.widgets import MaskedIdLabel
from window_client.context import WindowContext
from window_client.intake.model import IntakeModel
from window_client.intake.page import IntakePage
from window_client.intake.widgets import card, hint, problem_label, show_problem

GROUPS = {
    "applicant": QT_TRANSLATE_NOOP("FormPage", "申请人"),
    "child": QT_TRANSLATE_NOOP("FormPage", "孩子"),
    "mother": QT_TRANSLATE_NOOP("FormPage", "母亲"),
    "father": QT_TRANSLATE_NOOP("FormPage", "父亲"),
    "hukou": QT_TRANSLATE_NOOP("FormPage", "户口"),
    "residence": QT_TRANSLATE_NOOP("FormPage", "居住地"),
    "mail": QT_TRANSLATE_NOOP("FormPage", "证件邮寄"),
    "bank": QT_TRANSLATE_NOOP("FormPage", "银行账户"),
    "agent": QT_TRANSLATE_NOOP("FormPage", "代理人"),
}
OTHER_GROUP = QT_TRANSLATE_NOOP("FormPage", "其他信息")
SEXES = ("男", "女")


class FieldEditor(QWidget):
    """One form field's editor: a line, a choice, or a masked ID number with 修改. GUI thread.

    ``edited(text, final)``: typed (final False) or finished (final True).
    """

    edited = Signal(str, bool)

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo: QComboBox | None = None
        self.edit: QLineEdit | None = None
        self.masked: MaskedIdLabel | None = None
        options = [o.value for o in field.options] or (list(SEXES) if field.type is FieldType.SEX else [])
        labels = [o.label for o in field.options] or options
        if options:
            combo = self.combo = QComboBox(self)
            combo.addItem(QCoreApplication.translate("FormPage", "请选择"), "")
            for value, label in zip(options, labels, strict=True):
                combo.addItem(label, value)
            combo.setObjectName(f"form_{field.id}")
            combo.setAccessibleName(field.label)
            combo.activated.connect(lambda _i: self.edited.emit(str(combo.currentData()), True))
            layout.addWidget(combo, 1)
            return
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"form_{field.id}")
        self.edit.setAccessibleName(field.label)
        if field.type is FieldType.DATE:
            self.edit.setPlaceholderText("YYYY-MM-DD")
        elif field.help:
            self.edit.setPlaceholderText(field.help)
        self.edit.textEdited.connect(lambda text: self.edited.emit(text, False))
        self.edit.editingFinished.connect(self._on_editing_finished)
        layout.addWidget(self.edit, 1)
        if field.type is FieldType.ID_NUMBER:
            self.masked = MaskedIdLabel("", self)
            self.modify = QPushButton(QCoreApplication.translate("FormPage", "修改"), self)
            self.modify.setProperty("variant", "link")
            self.modify.clicked.connect(self._on_modify_clicked)
            layout.addWidget(self.masked, 1)
            layout.addWidget(self.modify)
            self._mask(False)

    def _mask(self, on: bool) -> None:
        if self.masked is None or self.edit is None:
            return
        self.masked.set_id_number(self.edit.text() if on else "")
        self.masked.setVisible(on)
        self.modify.setVisible(on)
        self.edit.setVisible(not on)

    def _on_modify_clicked(self) -> None:
        self._mask(False)
        if self.edit is not None:
            self.edit.setFocus()

    def _on_editing_finished(self) -> None:
        if self.edit is not None and self.edit.isVisible():
            self.edited.emit(self.edit.text(), True)

    def set_value(self, value: str, *, valid: bool, readonly: bool = False) -> None:
        if self.combo is not None:
            index = self.combo.findData(value)
            self.combo.setCurrentIndex(max(index, 0))
            self.combo.setEnabled(not readonly)
            return
        assert self.edit is not None
        if self.edit.text() != value:
            self.edit.setText(value)
        self.edit.setReadOnly(readonly)
        self._mask(bool(value) and valid and self.masked is not None)
        if self.masked is not None and readonly:
            self.modify.setVisible(False)

    def after_check(self, valid: bool, final: bool) -> None:
        """An ID number that checks out is masked once typing is finished."""
        if final and valid and self.edit is not None and self.edit.text():
            self._mask(True)

    def focus_target(self) -> QWidget:
        return self.combo or self.edit or self


class FormPage(IntakePage):
    """Lives on the GUI thread. Card values are read-only here (change them on the applicant step)."""

    step = Step.FORM

    def __init__(self, ctx: WindowContext, model: IntakeModel, parent: QWidget | None = None) -> None:
        super().__init__(ctx, model, parent)
        self.set_titles(
            QCoreApplication.translate("FormPage", "填写表单"),
            QCoreApplication.translate(
                "FormPage",
                "多表合一：各部门需要的信息只填一次。带 * 的必填；来自身份证和以往办件的信息已预先填好，请核对。",
            ),
        )
        self.editors: dict[str, FieldEditor] = {}
        self.problems: dict[str, QLabel] = {}
        self.sources: dict[str, QLabel] = {}
        self.from_history: set[str] = set()
        self._cards: list[QWidget] = []
        self._shown_for: tuple[str, ...] | None = None
        self.body.addStretch(1)
        model.restarted.connect(self._on_model_restarted)

    def enter(self) -> None:
        self._apply_history()
        fields = self.flow.fields()
        key = tuple(f.id for f in fields)
        if key != self._shown_for:
            self._build(fields)
            self._shown_for = key
        self._show_values()

    def _apply_history(self) -> None:
        phone = self.flow.applicant.get("phone")
        if phone:  # typed on the applicant step: not asked twice (blank fields only, as for history)
            self.flow.prefill_from_history({"applicant.phone": phone})
        model = self.model
        if model.history and not model.history_applied and model.history_for == model.applicant_id:
            before = {f.id for f in self.flow.fields() if self.flow.form.get(f.id)}
            # What the card says today wins over an earlier case (an address may have changed).
            from_card = {f.id for f in self.flow.fields() if f.prefill is not None}
            self.flow.prefill_from_history({k: v for k, v in model.history.items() if k not in from_card})
            model.history_applied = True
            after = {f.id for f in self.flow.fields() if self.flow.form.get(f.id)}
            self.from_history = after - before

    def _build(self, fields: Sequence[FieldDef]) -> None:
        for widget in self._cards:
            widget.deleteLater()
        self._cards, self.editors, self.problems, self.sources = [], {}, {}, {}
        groups: dict[str, list[FieldDef]] = {}
        for field in fields:
            prefix = field.id.split(".", 1)[0]
            groups.setdefault(prefix if prefix in GROUPS else "", []).append(field)
        s = current_scale().spacing_px
        # Every card's labels take the same width, so the fields line up down the whole form.
        label_px = max((self.fontMetrics().horizontalAdvance(f.label + " *") for f in fields), default=0) + s
        for index, (prefix, members) in enumerate(groups.items()):
            frame, layout = card(self)
            title = QLabel(
                QCoreApplication.translate("FormPage", str(GROUPS.get(prefix, OTHER_GROUP))), frame
            )
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            layout.addWidget(title)
            grid = QGridLayout()
            grid.setColumnMinimumWidth(0, label_px)
            grid.setColumnMinimumWidth(2, label_px)
            grid.setHorizontalSpacing(2 * s)
            grid.setVerticalSpacing(s // 2)
            for n, field in enumerate(members):
                row, column = divmod(n, 2)
                label = QLabel(field.label + (" *" if field.required else ""), frame)
                editor = FieldEditor(field, frame)
                editor.edited.connect(lambda text, final, f=field.id: self._on_edited(f, text, final))
                label.setBuddy(editor.focus_target())
                cell = QVBoxLayout()
                cell.setSpacing(2)
                cell.addWidget(editor)
                source = hint("", frame)
                source.setVisible(False)
                cell.addWidget(source)
                problem = problem_label(frame)
                cell.addWidget(problem)
                grid.addWidget(label, row, 2 * column)
                grid.addLayout(cell, row, 2 * column + 1)
                self.editors[field.id], self.problems[field.id], self.sources[field.id] = (
                    editor,
                    problem,
                    source,
                )
            grid.setColumnStretch(1, 1)
            grid.setColumnStretch(3, 1)
            layout.addLayout(grid)
            self.body.insertWidget(index, frame)
            self._cards.append(frame)

    def _show_values(self) -> None:
        flow = self.flow
        for field in flow.fields():
            editor = self.editors[field.id]
            typed = flow.form.get(field.id) not in (None, "")
            value = flow.field_value(field)
            from_card = not typed and bool(value) and field.prefill is not None
            readonly = from_card and field.prefill in ("id_card.name", "id_card.id_number")
            problem = flow.form_value_problem(field.id, flow.form[field.id]) if typed else None
            editor.set_value(value, valid=problem is None, readonly=readonly)
            source = ""
            if from_card:
                source = QCoreApplication.translate("FormPage", "来自身份证")
            elif field.id in self.from_history and typed:
                source = QCoreApplication.translate("FormPage", "来自以往办件，请核对")
            self.sources[field.id].setText(source)
            self.sources[field.id].setVisible(bool(source))
            show_problem(self.problems[field.id], None)

    def _on_edited(self, field_id: str, text: str, final: bool) -> None:
        value: Any = text.strip()
        problem = self.flow.set_form_value(field_id, value)
        editor = self.editors[field_id]
        short = editor.field.type in (FieldType.ID_NUMBER, FieldType.DATE) and len(value) < 10
        quiet = not final and (short or (editor.field.type is FieldType.ID_NUMBER and len(value) < 18))
        show_problem(self.problems[field_id], describe(problem) if problem and not quiet else None)
        editor.after_check(problem is None, final)
        self.sources[field_id].setVisible(False)

    def show_problems(self, problems: Sequence[Problem]) -> None:
        first = True
        for problem in problems:
            field_id = problem.field.removeprefix("form.")
            if field_id in self.problems:
                show_problem(self.problems[field_id], describe(problem))
                if first:
                    self.scroll_area.ensureWidgetVisible(self.editors[field_id])
                    self.editors[field_id].focus_target().setFocus()
                    first = False

    def first_focus(self) -> QWidget | None:
        for field in self.flow.fields():
            if not self.flow.field_value(field) and field.id in self.editors:
                return self.editors[field.id].focus_target()
        return None

    def editor(self, field_id: str) -> FieldEditor:
        return self.editors[field_id]

    def _on_model_restarted(self) -> None:
        self.from_history = set()
        self._shown_for = None
