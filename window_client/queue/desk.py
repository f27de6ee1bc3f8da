"""The queue panel joined to the intake: a called ticket belongs to the next intake begun (at once
when none is in progress, else when staff start a new one), which a ticket taken by ID card
pre-fills; SERVING when staff go on from that intake's applicant step; DONE with the case number
when its case is accepted; RATED with the level the citizen gave on the evaluation screen. The
ticket ↔ case join lives in the queue ledger (the DONE event), so core/cases is untouched. GUI thread."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject

from core.cases.model import Case
from core.flows.intake import IntakeFlow, Step
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
        self.bound: tuple[Current, IntakeFlow] | None = None  # the called ticket and its intake
        self.serving = False  # SERVING recorded for the bound ticket
        self.done: dict[str, Current] = {}  # case number → its ticket, until rated
        panel.called.connect(self._on_called)
        intake.model.restarted.connect(self._on_restarted)
        intake.model.step_changed.connect(self._on_step_changed)
        intake.case_accepted.connect(self._on_case_accepted)
        intake.evaluated.connect(self._on_evaluated)

    def _on_called(self, _current: Current) -> None:
        self.bound, self.serving = None, False
        if self.intake.model.in_progress:  # another citizen's intake: never replaced, never joined
            self.panel.say(
                QCoreApplication.translate(
                    "QueuePanel", "当前受理尚未完成：新建受理（Ctrl+N）后再带入叫到的申请人"
                )
            )
            return
        self.intake.model.restart()  # binds the ticket to the new intake (_on_restarted)

    def _on_restarted(self) -> None:
        current = self.panel.current
        if current is None or self.serving or (self.bound is not None and self.bound[0] is current):
            return
        model = self.intake.model
        self.bound = (current, model.flow)
        applicant = current.applicant
        if applicant is not None:
            model.flow.set_applicant_field("name", applicant.name)
            model.flow.set_applicant_field("id_number", applicant.id_number)
            logger.info("ticket %s pre-fills %s", current.number, mask_for_log(applicant.id_number))

    def _ticket_of_intake(self) -> Current | None:
        """The bound ticket, while it is still at the window and its intake is the one shown."""
        if self.bound is None or self.bound[0] is not self.panel.current:
            return None
        return self.bound[0] if self.bound[1] is self.intake.model.flow else None

    def _on_step_changed(self, step: Step) -> None:
        if step is Step.APPLICANT:
            return  # pre-filled (restart tells the page after _on_restarted) but not begun
        if not self.serving and self._ticket_of_intake() is not None and self.intake.model.flow.case is None:
            self.serving = True
            self.panel.serving()

    def _on_case_accepted(self, case: Case) -> None:
        if not self.serving or self._ticket_of_intake() is None:
            return
        ticket = self.panel.done(case.number)
        if ticket is not None:
            self.done[case.number] = ticket
        self.bound, self.serving = None, False

    def _on_evaluated(self, case: Case) -> None:
        ticket = self.done.pop(case.number, None)
        if ticket is not None and case.evaluation is not None:
            self.panel.record([(EventKind.RATED, {"level": case.evaluation.level})], ticket)
