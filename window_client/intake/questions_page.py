"""Step "情形问题": only the questions that apply, in plain Chinese; each answer may bring or drop later ones."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.catalog.model import Question, QuestionType
from core.flows.intake import Problem, Step
from qtkit.i18n import fill
from qtkit.messages import describe
from qtkit.theme import current_scale
from window_client.context import WindowContext
from window_client.intake.model import IntakeModel
from window_client.intake.page import IntakePage
from window_client.intake.widgets import hint, problem_label, show_problem


class QuestionCard(QFrame):
    """One situation question with its choices. Lives on the GUI thread; ``answered(qid, value)``."""

    def __init__(self, question: Question, on_answer: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self._on_answer = on_answer
        self.setProperty("role", "card")
        s = current_scale().spacing_px
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2 * s, s, 2 * s, s)
        layout.setSpacing(s // 2)
        frame = self
        self.label = QLabel(question.text, frame)
        self.label.setWordWrap(True)
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        layout.addWidget(self.label)
        if question.help:
            layout.addWidget(hint(question.help, frame))
        row = QHBoxLayout()
        row.setSpacing(4 * s)
        layout.addLayout(row)
        self.group = QButtonGroup(self)
        self.buttons: dict[Any, QAbstractButton] = {}
        self.spin: QSpinBox | None = None
        if question.type is QuestionType.BOOL:
            for value, text in (
                (True, QCoreApplication.translate("QuestionsPage", "是")),
                (False, QCoreApplication.translate("QuestionsPage", "否")),
            ):
                self._add(row, QRadioButton(text, frame), value)
        elif question.type is QuestionType.ENUM:
            for option in question.options:
                self._add(row, QRadioButton(option.label, frame), option.value)
        elif question.type is QuestionType.MULTI:
            self.group.setExclusive(False)
            for option in question.options:
                self._add(row, QCheckBox(option.label, frame), option.value)
        else:
            self.spin = QSpinBox(frame)
            self.spin.setRange(0, 99)
            self.spin.setAccessibleName(question.text)
            self.spin.valueChanged.connect(lambda value: self._on_answer(question.id, int(value)))
            row.addWidget(self.spin)
        row.addStretch(1)
        self.group.buttonClicked.connect(self._on_button_clicked)
        self.problem = problem_label(frame)
        layout.addWidget(self.problem)

    def _add(self, row: QHBoxLayout, button: QAbstractButton, value: Any) -> None:
        button.setObjectName(f"answer_{self.question.id}_{str(value).lower()}")
        button.setAccessibleDescription(self.question.text)
        self.group.addButton(button)
        self.buttons[value] = button
        row.addWidget(button)

    def show_answer(self, value: Any) -> None:
        if self.spin is not None:
            if isinstance(value, int) and self.spin.value() != value:
                self.spin.blockSignals(True)
                self.spin.setValue(value)
                self.spin.blockSignals(False)
            return
        chosen = set(value) if isinstance(value, frozenset | list | set) else {value}
        for option, button in self.buttons.items():
            button.setChecked(option in chosen)

    def _on_button_clicked(self, button: QAbstractButton) -> None:
        if self.question.type is QuestionType.MULTI:
            value: Any = [v for v, b in self.buttons.items() if b.isChecked()]
        else:
            value = next(v for v, b in self.buttons.items() if b is button)
        self._on_answer(self.question.id, value)

    def first_button(self) -> QWidget | None:
        if self.spin is not None:
            return self.spin
        return next(iter(self.buttons.values()), None)


class QuestionsPage(IntakePage):
    """Lives on the GUI thread. Cards for the questions that apply now; the checklist follows live."""

    step = Step.QUESTIONS

    def __init__(self, ctx: WindowContext, model: IntakeModel, parent: QWidget | None = None) -> None:
        super().__init__(ctx, model, parent)
        self.set_titles(
            QCoreApplication.translate("QuestionsPage", "情形问题"),
            QCoreApplication.translate(
                "QuestionsPage", "请逐一询问申请人；只显示与本次情形有关的问题，回答后清单随之确定。"
            ),
        )
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.body.addWidget(self.summary)
        self.cards: dict[str, QuestionCard] = {}
        self._bundle: str | None = None
        self._refused: set[str] = set()  # questions showing a catalog refusal (core.catalog.checks)
        self.body.addStretch(1)

    def enter(self) -> None:
        if self.flow.bundle_id != self._bundle:
            for question_card in self.cards.values():
                question_card.deleteLater()
            self.cards = {}
            self._bundle = self.flow.bundle_id
        self._sync()

    def first_focus(self) -> QWidget | None:
        for question in self.flow.checklist().unanswered[:1]:
            return self.cards[question.id].first_button()
        return None

    def _sync(self) -> None:
        if self.flow.bundle_id is None:
            return
        checklist = self.flow.checklist()
        wanted = [q.id for q in checklist.questions]
        for qid in list(self.cards):
            if qid not in wanted:
                self.cards.pop(qid).deleteLater()
        for index, question in enumerate(checklist.questions):
            question_card = self.cards.get(question.id)
            if question_card is None:
                question_card = QuestionCard(question, self._on_answer, self)
                self.cards[question.id] = question_card
            self.body.insertWidget(1 + index, question_card)
            if question.id in self.flow.answers:
                question_card.show_answer(self.flow.answers[question.id])
        left = len(checklist.unanswered)
        materials = sum(1 for _ in checklist.items)
        text = fill(
            QCoreApplication.translate(
                "QuestionsPage", "还有 %1 个问题未回答。目前：并联办理 %2 个事项，需 %3 项材料。"
            ),
            left,
            len(checklist.matters),
            materials,
        )
        refused = self._show_refusals(complete=not left)
        if not left and not refused:
            text = fill(
                QCoreApplication.translate(
                    "QuestionsPage", "✓ 问题已全部回答：并联办理 %1 个事项，需 %2 项材料。"
                ),
                len(checklist.matters),
                materials,
            )
        elif refused:
            text = fill(
                QCoreApplication.translate(
                    "QuestionsPage", "问题已全部回答，但有 %1 处回答不符合办理条件，请按问题下方的提示修改。"
                ),
                refused,
            )
        self.summary.setText(text)
        self.summary.setProperty("status", "ok" if not left and not refused else "")
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)

    def _show_refusals(self, *, complete: bool) -> int:
        """The flow's refusals of the complete answers (e.g. 生育津贴 for a mother in 城乡居民医保) under
        their questions; a refusal no longer there is cleared. Returns how many there are."""
        problems = self.flow.problems(Step.QUESTIONS) if complete else []
        refusals = {p.field.removeprefix("answers."): p for p in problems if p.field.startswith("answers.")}
        for qid in self._refused - set(refusals):
            if qid in self.cards:
                show_problem(self.cards[qid].problem, None)
        for qid, problem in refusals.items():
            if qid in self.cards:
                show_problem(self.cards[qid].problem, describe(problem))
        self._refused = set(refusals)
        return len(refusals)

    def _on_answer(self, question_id: str, value: Any) -> None:
        problem = self.flow.answer(question_id, value)
        question_card = self.cards.get(question_id)
        if question_card is not None:
            show_problem(question_card.problem, describe(problem) if problem else None)
        self._sync()

    def show_problems(self, problems: Sequence[Problem]) -> None:
        for problem in problems:
            qid = problem.field.removeprefix("answers.")
            if qid in self.cards:
                show_problem(self.cards[qid].problem, describe(problem))
                self.scroll_area.ensureWidgetVisible(self.cards[qid])
                break
