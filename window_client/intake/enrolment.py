"""``HospitalEnrolment``: at a 出生一件事 intake, asks the platform whether the baby was already enrolled
in 医保 at the hospital (出生即参保) and, if so, answers "已在医院办理出生即参保？" yes, so the bundle
does not enrol the baby a second time (core/flows/newborn_handover.py). Staff see the answer on the
questions page and may change it. Online only; offline the question is simply asked.
"""

from __future__ import annotations

import logging
from typing import Final

from PySide6.QtCore import QObject, Signal

from core.flows.newborn_handover import ENROLLED_QUESTION, enrolled_case
from core.masking import mask_for_log
from core.store.store import Store
from sync import contract
from sync.enrollment import client_for
from window_client.context import WindowContext
from window_client.intake.model import IntakeModel

logger = logging.getLogger(__name__)

PROGRESS_TIMEOUT: Final = (3.0, 8.0)  # (connect, read) seconds: asked while staff go on with the intake
BUNDLE: Final = "newborn"


def progress_of(store: Store, id_number: str) -> contract.ProgressResponse:
    """The platform's 办件进度 for ``id_number`` (on a worker, with that worker's Store); SyncError offline."""
    with client_for(store, timeout=PROGRESS_TIMEOUT) as client:
        return client.progress(id_number=id_number)


class HospitalEnrolment(QObject):
    """Lives on the GUI thread; the question runs on the runner's general pool. ``fetch()`` after
    any change of the intake asks once per applicant, when the question is open; ``found(number)``
    when a 出生即参保 case answered it."""

    found = Signal(str)

    def __init__(self, ctx: WindowContext, model: IntakeModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._model = model
        self._asked = ""  # the ID number asked about (or being asked about)
        model.restarted.connect(self._on_model_restarted)

    def fetch(self) -> None:
        flow = self._model.flow
        id_number = self._model.applicant_id
        sync = self._ctx.sync
        if (
            sync is None
            or sync.online is False
            or not id_number
            or id_number == self._asked
            or flow.case is not None
            or flow.bundle_id != BUNDLE
            or ENROLLED_QUESTION not in {q.id for q in flow.questions()}
            or ENROLLED_QUESTION in flow.answers
        ):
            return
        self._asked = id_number
        today = self._ctx.clock.now().date()

        def answered(reply: contract.ProgressResponse) -> None:
            if self._model.flow is not flow or ENROLLED_QUESTION in flow.answers:
                return  # a new intake began meanwhile, or staff answered first
            number = enrolled_case(reply["cases"], today)
            if number is not None and flow.answer(ENROLLED_QUESTION, True) is None:
                logger.info("出生即参保 case %s found for %s", number, mask_for_log(id_number))
                self.found.emit(number)

        def failed(exc: BaseException) -> None:
            logger.info("progress look-up for %s not answered: %s", mask_for_log(id_number), exc)
            if self._asked == id_number:
                self._asked = ""

        self._ctx.runner.run_with(
            self._ctx.store_key,
            lambda store: progress_of(store, id_number),
            on_done=answered,
            on_error=failed,
            executor="general",
        )

    def _on_model_restarted(self) -> None:
        self._asked = ""
