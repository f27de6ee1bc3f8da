"""The queue panel joined to the intake: a called ticket taken by ID card pre-fills the applicant;
SERVING when staff go on from the applicant step; DONE with the case number when the case is
accepted; RATED with the level the citizen gave on the evaluation screen. The ticket ↔ case join
lives in the queue ledger (the DONE event), so core/cases is untouched. GUI thread."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject

from core.cases.model import Case
from core.flows.intake import Step
from core.masking import mask_for_log
from core.queue.model import EventKind
from window_client.intake.screen import IntakeScreen
from window_client.queue.calls import Current
from window_client.queue.panel import QueuePanel

logger = logging.getLogger(__name__)


class QueueDesk(QObject):
    def __init__(self, panel: QueuePanel, intake: IntakeScreen) -> None:
        super().__init__(panel)
        self.panel = panel
        self.intake = intake
        self.serving: Current | None = None  # the ticket whose SERVING is recorded
        self.done: dict[str, Current] = {}  # case number → its ticket, until rated
        panel.called.connect(self._on_called)
        intake.model.step_changed.connect(self._on_step_changed)
        intake.case_accepted.connect(self._on_case_accepted)
        intake.evaluated.connect(self._on_evaluated)

    def _on_called(self, current: Current) -> None:
        model = self.intake.model
        if model.in_progress:
            self.panel.say(
                QCoreApplication.translate("QueuePanel", "当前受理尚未完成：未自动带入叫到的申请人")
            )
            return
        model.restart()
        applicant = current.applicant
        if applicant is not None:
            model.flow.set_applicant_field("name", applicant.name)
            model.flow.set_applicant_field("id_number", applicant.id_number)
            self.intake.pages[Step.APPLICANT].enter()
            logger.info("ticket %s pre-fills %s", current.number, mask_for_log(applicant.id_number))

    def _on_step_changed(self, step: Step) -> None:
        current = self.panel.current
        if current is None or current is self.serving or step is Step.APPLICANT:
            return
        if self.intake.model.flow.case is None:
            self.serving = current
            self.panel.serving()

    def _on_case_accepted(self, case: Case) -> None:
        if self.panel.current is None or self.panel.current is not self.serving:
            return
        ticket = self.panel.done(case.number)
        if ticket is not None:
            self.done[case.number] = ticket
        self.serving = None

    def _on_evaluated(self, case: Case) -> None:
        ticket = self.done.pop(case.number, None)
        if ticket is not None and case.evaluation is not None:
            self.panel.record([(EventKind.RATED, {"level": case.evaluation.level})], ticket)
