"""``HospitalEnrolment``: at a 出生一件事 intake, asks the platform whether the baby was already enrolled
in 医保 at the hospital (出生即参保) and, if so, answers "已在医院办理出生即参保？" yes, so the bundle
does not enrol the baby a second time (core/flows/newborn_handover.py). Staff see the answer on the
questions page and may change it. Online only; offline the question is simply asked.
"""

from __future__ import annotations

import logging
from typing import Final

from PySide6.QtCore import Signal

from core.flows.intake import IntakeFlow
from core.flows.newborn_handover import ENROLLED_QUESTION, enrolled_case
from core.masking import mask_for_log
from core.store.store import Store
from sync import contract
from sync.enrollment import client_for
from window_client.intake.online_question import OnlineQuestion

logger = logging.getLogger(__name__)

PROGRESS_TIMEOUT: Final = (3.0, 8.0)  # (connect, read) seconds: asked while staff go on with the intake
BUNDLE: Final = "newborn"


def progress_of(store: Store, id_number: str) -> contract.ProgressResponse:
    """The platform's 办件进度 for ``id_number`` (on a worker, with that worker's Store); SyncError offline."""
    with client_for(store, timeout=PROGRESS_TIMEOUT) as client:
        return client.progress(id_number=id_number)


class HospitalEnrolment(OnlineQuestion):
    """``fetch()`` after any change of the intake asks once per applicant, while the question is open;
    ``found(number)`` when a 出生即参保 case answered it."""

    found = Signal(str)
    what = "progress look-up"

    def is_open(self, flow: IntakeFlow) -> bool:
        return (
            flow.bundle_id == BUNDLE
            and ENROLLED_QUESTION in {q.id for q in flow.questions()}
            and ENROLLED_QUESTION not in flow.answers
        )

    def ask(self, store: Store, id_number: str) -> contract.ProgressResponse:
        return progress_of(store, id_number)

    def answered(self, flow: IntakeFlow, id_number: str, reply: contract.ProgressResponse) -> None:
        if ENROLLED_QUESTION in flow.answers:
            return  # staff answered first
        number = enrolled_case(reply["cases"], self._ctx.clock.now().date())
        if number is not None and flow.answer(ENROLLED_QUESTION, True) is None:
            logger.info("出生即参保 case %s found for %s", number, mask_for_log(id_number))
            self.found.emit(number)
