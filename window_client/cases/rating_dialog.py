"""差评处置 at the case desk: record a bad rating's 整改结果, 回访 or 申诉复核 (core/cases/ratings.py).
GUI thread; the desk does the work (window_client/cases/actions.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QDate, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from core.cases.model import Case, Evaluation
from core.cases.ratings import AppealOutcome, FollowUp, RatingStage, open_actions, open_follow_ups
from qtkit.i18n import fill
from qtkit.labels import evaluation_label
from qtkit.theme import current_scale
from window_client.cases.dialogs import ActionDialog
from window_client.dialogs.citizen import EvaluationPanel

STAGE_ROLE = Qt.ItemDataRole.UserRole + 2


def stage_label(stage: RatingStage, *, short: bool = False) -> str:
    if short:
        if stage is RatingStage.INTAKE:
            return QCoreApplication.translate("RatingFollowUp", "受理时")
        return QCoreApplication.translate("RatingFollowUp", "办结后")
    if stage is RatingStage.INTAKE:
        return QCoreApplication.translate("RatingFollowUp", "一次一评（受理时）")
    return QCoreApplication.translate("RatingFollowUp", "一事一评（办结后）")


def rating_line(rating: Evaluation, *, short: bool = False) -> str:
    """One rating as the dialog and the detail pane list it: stage, level, what is still open."""
    fix = rating.rectification
    text = fill(
        QCoreApplication.translate("RatingFollowUp", "%1：%2"),
        stage_label(rating.stage, short=short),
        evaluation_label(rating.level),
    )
    if fix is not None and not fix.done:
        voided = rating.appeal is not None and rating.appeal.outcome is AppealOutcome.VOIDED
        if not voided:
            text += fill(
                QCoreApplication.translate("RatingFollowUp", "，整改期限 %1"), fix.deadline.isoformat()
            )
    elif fix is not None:
        text += QCoreApplication.translate("RatingFollowUp", "，已整改")
    if rating.visit is not None:
        text += QCoreApplication.translate("RatingFollowUp", "，已回访")
    if rating.appeal is not None:
        if rating.appeal.outcome is AppealOutcome.VOIDED:
            text += QCoreApplication.translate("RatingFollowUp", "，复核：差评不成立")
        else:
            text += QCoreApplication.translate("RatingFollowUp", "，复核：差评成立")
    return text


class CitizenAsker(Protocol):
    """The window's citizen screen as the case desk uses it (window_client.intake.citizen_display.
    CitizenDisplay, handed in by the main window: the desk sits below the intake screens)."""

    @property
    def current(self) -> QWidget | None: ...

    def ask_evaluation(
        self, on_rated: Callable[[int, str, tuple[str, ...]], None], *, title: str = ""
    ) -> EvaluationPanel: ...

    def close(self) -> None: ...


def result_rating_title() -> str:
    """The citizen screen's heading when the decided case is rated (一事一评)."""
    return QCoreApplication.translate("RatingFollowUp", "请您对本办件的办理结果作出评价")


def result_rated_text(case: Case) -> str:
    """What the desk says once the result rating is recorded (with the 整改 a 差评 opened)."""
    rating = case.rating(RatingStage.RESULT)
    assert rating is not None
    if rating.rectification is not None:
        return fill(
            QCoreApplication.translate("RatingFollowUp", "已记录办结评价：%1。差评须在 %2 前整改并回访。"),
            evaluation_label(rating.level),
            rating.rectification.deadline.isoformat(),
        )
    return fill(
        QCoreApplication.translate("RatingFollowUp", "已记录办结评价：%1。"), evaluation_label(rating.level)
    )


THANKS_SHOWN_MS = 2500  # the citizen reads the thanks, then the second screen goes back to its welcome


def thank_and_close(citizen: CitizenAsker, owner: QObject) -> None:
    """The rating is recorded: thank the applicant, then take the panel down (``owner`` alive)."""
    panel = citizen.current
    if isinstance(panel, EvaluationPanel):
        panel.show_thanks()
    QTimer.singleShot(THANKS_SHOWN_MS, owner, citizen.close)


def follow_up_done_text(action: FollowUp) -> str:
    return {
        FollowUp.RECTIFY: QCoreApplication.translate("RatingFollowUp", "已记录差评的整改结果。"),
        FollowUp.VISIT: QCoreApplication.translate("RatingFollowUp", "已记录差评回访。"),
        FollowUp.APPEAL: QCoreApplication.translate("RatingFollowUp", "已记录申诉复核结论。"),
    }[action]


class FollowUpDialog(ActionDialog):
    """Pick the bad rating (when two), what to record, and its text; 回访 takes its date and who
    visited, 申诉复核 its conclusion. ``confirmed(stage, action, text, visit_on, outcome, staff)``."""

    confirmed = Signal(object, object, str, object, object, str)

    def __init__(self, case: Case, today: date, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("RatingFollowUp", "差评处置"),
            QCoreApplication.translate(
                "RatingFollowUp",
                "差评须在整改期限内整改并回访申请人。恶意或误评的差评可申诉复核；复核认定不成立的，无需整改。",
            ),
            QCoreApplication.translate("RatingFollowUp", "记录"),
            parent,
        )
        self.ratings = QListWidget(self)
        self.ratings.setAccessibleName(QCoreApplication.translate("RatingFollowUp", "待处置的差评"))
        self._open: dict[str, Evaluation] = {}
        for rating in open_follow_ups(case):
            self._open[rating.stage.value] = rating
            entry = QListWidgetItem(rating_line(rating), self.ratings)
            entry.setData(STAGE_ROLE, rating.stage.value)
            entry.setToolTip(rating.reason)
        self.ratings.setCurrentRow(0)
        self.ratings.setMaximumHeight(current_scale().touch_px * 2)
        self.rectify = QRadioButton(QCoreApplication.translate("RatingFollowUp", "整改结果"), self)
        self.visit = QRadioButton(QCoreApplication.translate("RatingFollowUp", "回访"), self)
        self.appeal = QRadioButton(QCoreApplication.translate("RatingFollowUp", "申诉复核"), self)
        self.action_group = QButtonGroup(self)
        row = QHBoxLayout()
        for button in (self.rectify, self.visit, self.appeal):
            self.action_group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        self.rectify.setChecked(True)

        visit_row = QHBoxLayout()
        self.visit_date_label = QLabel(QCoreApplication.translate("RatingFollowUp", "回访日期"), self)
        self.visit_date = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.visit_date.setCalendarPopup(True)
        self.visit_date.setDisplayFormat("yyyy-MM-dd")
        self.visit_date.setAccessibleName(self.visit_date_label.text())
        self.staff_edit = QLineEdit(self)
        self.staff_edit.setPlaceholderText(QCoreApplication.translate("RatingFollowUp", "回访人（默认本人）"))
        self.staff_edit.setAccessibleName(QCoreApplication.translate("RatingFollowUp", "回访人"))
        for widget in (self.visit_date_label, self.visit_date, self.staff_edit):
            visit_row.addWidget(widget)

        appeal_row = QHBoxLayout()
        self.upheld = QRadioButton(QCoreApplication.translate("RatingFollowUp", "差评成立"), self)
        self.voided = QRadioButton(
            QCoreApplication.translate("RatingFollowUp", "差评不成立（恶意或误评）"), self
        )
        self.outcomes = QButtonGroup(self)
        for button in (self.upheld, self.voided):
            self.outcomes.addButton(button)
            appeal_row.addWidget(button)
        appeal_row.addStretch(1)
        self.upheld.setChecked(True)

        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMaximumHeight(current_scale().touch_px * 2)
        self._body.addWidget(self.ratings)
        self._body.addLayout(row)
        self._body.addLayout(visit_row)
        self._body.addLayout(appeal_row)
        self._body.addWidget(self.text_edit)
        self.action_group.buttonToggled.connect(lambda *_: self._on_action_changed())
        self.text_edit.textChanged.connect(self._update_confirm)
        self.ratings.currentRowChanged.connect(lambda _row: self._on_rating_changed())
        self._on_rating_changed()

    @property
    def action(self) -> FollowUp:
        if self.visit.isChecked():
            return FollowUp.VISIT
        return FollowUp.APPEAL if self.appeal.isChecked() else FollowUp.RECTIFY

    def _on_rating_changed(self) -> None:
        """Offer only what is still open for the chosen rating (the rest is recorded already)."""
        current = self.ratings.currentItem()
        rating = None if current is None else self._open.get(str(current.data(STAGE_ROLE)))
        allowed = set() if rating is None else set(open_actions(rating))
        for action, button in (
            (FollowUp.RECTIFY, self.rectify),
            (FollowUp.VISIT, self.visit),
            (FollowUp.APPEAL, self.appeal),
        ):
            button.setEnabled(action in allowed)
        if self.action not in allowed:
            first = next(
                (
                    b
                    for a, b in (
                        (FollowUp.RECTIFY, self.rectify),
                        (FollowUp.VISIT, self.visit),
                        (FollowUp.APPEAL, self.appeal),
                    )
                    if a in allowed
                ),
                None,
            )
            if first is not None:
                first.setChecked(True)
        self._on_action_changed()

    def _on_action_changed(self) -> None:
        action = self.action
        for widget in (self.visit_date_label, self.visit_date, self.staff_edit):
            widget.setVisible(action is FollowUp.VISIT)
        for radio in (self.upheld, self.voided):
            radio.setVisible(action is FollowUp.APPEAL)
        hint = {
            FollowUp.RECTIFY: QCoreApplication.translate("RatingFollowUp", "整改措施和结果"),
            FollowUp.VISIT: QCoreApplication.translate("RatingFollowUp", "回访情况（申请人的意见）"),
            FollowUp.APPEAL: QCoreApplication.translate("RatingFollowUp", "申诉理由和复核情况"),
        }[action]
        self.text_edit.setPlaceholderText(hint)
        self.text_edit.setAccessibleName(hint)
        self._update_confirm()

    def _inputs(self) -> list[QWidget]:
        return [
            self.ratings,
            self.rectify,
            self.visit,
            self.appeal,
            self.visit_date,
            self.staff_edit,
            self.upheld,
            self.voided,
            self.text_edit,
        ]

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        if not busy:
            self._on_rating_changed()  # set_busy enabled every input again

    def _ready(self) -> bool:
        current = self.ratings.currentItem()
        rating = None if current is None else self._open.get(str(current.data(STAGE_ROLE)))
        return (
            rating is not None
            and self.action in open_actions(rating)
            and bool(self.text_edit.toPlainText().strip())
        )

    def _emit_confirmed(self) -> None:
        current = self.ratings.currentItem()
        assert current is not None
        action = self.action
        picked = self.visit_date.date()
        visit_on = date(picked.year(), picked.month(), picked.day()) if action is FollowUp.VISIT else None
        outcome = None
        if action is FollowUp.APPEAL:
            outcome = AppealOutcome.VOIDED if self.voided.isChecked() else AppealOutcome.UPHELD
        self.confirmed.emit(
            RatingStage(str(current.data(STAGE_ROLE))),
            action,
            self.text_edit.toPlainText(),
            visit_on,
            outcome,
            self.staff_edit.text().strip(),
        )
