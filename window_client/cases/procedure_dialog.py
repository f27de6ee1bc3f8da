"""特别程序 on the case desk: start one (kind, scope, reason, expected days) or end the open one, and the
words the desk shows for a paused case (core/cases/special_procedures.py). GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from core.cases.model import Case
from core.cases.special_procedures import MAX_EXPECTED_DAYS, ProcedureKind, SpecialProcedure
from qtkit.i18n import fill
from qtkit.labels import promised_label
from qtkit.theme import current_scale
from window_client.cases.dialogs import ActionDialog

_KINDS = {
    ProcedureKind.HEARING: QT_TRANSLATE_NOOP("CaseProcedures", "听证"),
    ProcedureKind.TENDER: QT_TRANSLATE_NOOP("CaseProcedures", "招标"),
    ProcedureKind.AUCTION: QT_TRANSLATE_NOOP("CaseProcedures", "拍卖"),
    ProcedureKind.INSPECTION: QT_TRANSLATE_NOOP("CaseProcedures", "检验"),
    ProcedureKind.TESTING: QT_TRANSLATE_NOOP("CaseProcedures", "检测"),
    ProcedureKind.QUARANTINE: QT_TRANSLATE_NOOP("CaseProcedures", "检疫"),
    ProcedureKind.APPRAISAL: QT_TRANSLATE_NOOP("CaseProcedures", "鉴定"),
    ProcedureKind.EXPERT_REVIEW: QT_TRANSLATE_NOOP("CaseProcedures", "专家评审"),
    ProcedureKind.PUBLICITY: QT_TRANSLATE_NOOP("CaseProcedures", "公示"),
    ProcedureKind.SITE_SURVEY: QT_TRANSLATE_NOOP("CaseProcedures", "现场勘查"),
}


def kind_label(kind: ProcedureKind) -> str:
    return QCoreApplication.translate("CaseProcedures", str(_KINDS[kind]))


def scope_label(case: Case, matter_id: str | None) -> str:
    if matter_id is None:
        return QCoreApplication.translate("CaseProcedures", "整个办件")
    return next((m.name for m in case.matters if m.matter_id == matter_id), matter_id)


def paused_text(case: Case) -> str:
    """``特别程序中：公示（出生登记）`` for a case whose clock is paused, else ""."""
    running = case.open_procedures
    if not running:
        return ""
    kinds = "、".join(
        fill(
            QCoreApplication.translate("CaseProcedures", "%1（%2）"),
            kind_label(p.kind),
            scope_label(case, p.matter_id),
        )
        for p in running
    )
    return fill(QCoreApplication.translate("CaseProcedures", "特别程序中：%1"), kinds)


def due_text(case: Case) -> str:
    """承诺办结 as the desk's detail shows it: the date, moved by 特别程序 (whose time is not counted,
    §45) — ``2026-12-03（预计顺延）`` while one runs, ``（已顺延）`` once ended; ``moved_text`` says more."""
    due = case.due_date
    if due is None or due == case.promised_date:
        return promised_label(case.promised_date)
    template = (
        QCoreApplication.translate("CaseProcedures", "%1（预计顺延）")
        if case.open_procedures
        else QCoreApplication.translate("CaseProcedures", "%1（已顺延）")
    )
    return fill(template, due.isoformat())


def moved_text(case: Case) -> str:
    """Where 特别程序 moved the due date from and to, or "" when they moved nothing."""
    due = case.due_date
    if due is None or case.promised_date is None or due == case.promised_date:
        return ""
    return fill(
        QCoreApplication.translate("CaseProcedures", "办结期限顺延至 %1（原承诺 %2，特别程序时间不计入）"),
        due.isoformat(),
        case.promised_date.isoformat(),
    )


def procedure_line(case: Case, p: SpecialProcedure) -> str:
    """One procedure for the case's notes: kind, scope, dates, and the days left out once ended."""
    if p.ended_on is None:
        return fill(
            QCoreApplication.translate("CaseProcedures", "特别程序 %1（%2）：%3 起，进行中。原因：%4"),
            kind_label(p.kind),
            scope_label(case, p.matter_id),
            p.started_on.isoformat(),
            p.reason,
        )
    return fill(
        QCoreApplication.translate(
            "CaseProcedures", "特别程序 %1（%2）：%3 至 %4，不计时 %5 个工作日。原因：%6"
        ),
        kind_label(p.kind),
        scope_label(case, p.matter_id),
        p.started_on.isoformat(),
        p.ended_on.isoformat(),
        p.paused_days or 0,
        p.reason,
    )


class StartProcedureDialog(ActionDialog):
    """Starts a 特别程序: kind, on which matter (or the whole case), reason, expected working days.
    ``confirmed(kind, matter_id or "", reason, days)`` (days 0: not known yet)."""

    confirmed = Signal(object, str, str, int)

    def __init__(self, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("CaseProcedures", "启动特别程序"),
            QCoreApplication.translate(
                "CaseProcedures",
                "听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审等所需时间不计入办理期限（行政许可法第四十五条），"
                "应将所需时间书面告知申请人。",
            ),
            QCoreApplication.translate("CaseProcedures", "启动，暂停计时"),
            parent,
        )
        self.kind_combo = QComboBox(self)
        for kind in ProcedureKind:
            self.kind_combo.addItem(kind_label(kind), kind.value)
        self.scope_combo = QComboBox(self)
        self.scope_combo.addItem(scope_label(case, None), "")
        for matter in case.matters:
            if not matter.status.final:
                self.scope_combo.addItem(matter.name, matter.matter_id)
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setMaximumHeight(current_scale().touch_px * 2)
        self.days_spin = QSpinBox(self)
        self.days_spin.setRange(0, MAX_EXPECTED_DAYS)
        self.days_spin.setSpecialValueText(QCoreApplication.translate("CaseProcedures", "暂不确定"))
        self.days_spin.setSuffix(QCoreApplication.translate("CaseProcedures", " 个工作日"))
        form = QFormLayout()
        for caption, widget in (
            (QCoreApplication.translate("CaseProcedures", "程序"), self.kind_combo),
            (QCoreApplication.translate("CaseProcedures", "范围"), self.scope_combo),
            (QCoreApplication.translate("CaseProcedures", "原因"), self.reason_edit),
            (QCoreApplication.translate("CaseProcedures", "预计所需时间"), self.days_spin),
        ):
            widget.setAccessibleName(caption)
            form.addRow(caption, widget)
        self.days_spin.lineEdit().setAccessibleName(self.days_spin.accessibleName())
        self._body.addLayout(form)
        self.reason_edit.textChanged.connect(self._update_confirm)
        self._update_confirm()

    def _inputs(self) -> list[QWidget]:
        return [self.kind_combo, self.scope_combo, self.reason_edit, self.days_spin]

    def _ready(self) -> bool:
        return bool(self.reason_edit.toPlainText().strip())

    def _emit_confirmed(self) -> None:
        kind = ProcedureKind(str(self.kind_combo.currentData()))
        scope = str(self.scope_combo.currentData() or "")
        self.confirmed.emit(kind, scope, self.reason_edit.toPlainText(), self.days_spin.value())


class EndProcedureDialog(ActionDialog):
    """Ends one of the case's open 特别程序 today, with its result. ``confirmed(matter_id or "", note)``."""

    confirmed = Signal(str, str)

    def __init__(self, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("CaseProcedures", "结束特别程序"),
            QCoreApplication.translate(
                "CaseProcedures", "特别程序今天结束，恢复计时；办结期限按所用工作日顺延。"
            ),
            QCoreApplication.translate("CaseProcedures", "结束，恢复计时"),
            parent,
        )
        self.procedure_combo = QComboBox(self)
        for p in case.open_procedures:
            self.procedure_combo.addItem(
                fill(
                    QCoreApplication.translate("CaseProcedures", "%1（%2，%3 起）"),
                    kind_label(p.kind),
                    scope_label(case, p.matter_id),
                    p.started_on.isoformat(),
                ),
                p.matter_id or "",
            )
        self.note_edit = QLineEdit(self)
        self.note_edit.setPlaceholderText(
            QCoreApplication.translate("CaseProcedures", "结果（如：公示无异议）")
        )
        form = QFormLayout()
        for caption, widget in (
            (QCoreApplication.translate("CaseProcedures", "特别程序"), self.procedure_combo),
            (QCoreApplication.translate("CaseProcedures", "结果"), self.note_edit),
        ):
            widget.setAccessibleName(caption)
            form.addRow(caption, widget)
        self._body.addLayout(form)
        self._update_confirm()

    def _inputs(self) -> list[QWidget]:
        return [self.procedure_combo, self.note_edit]

    def _ready(self) -> bool:
        return self.procedure_combo.count() > 0

    def _emit_confirmed(self) -> None:
        self.confirmed.emit(str(self.procedure_combo.currentData() or ""), self.note_edit.text())
