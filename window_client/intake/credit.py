"""``CreditCheck``: the 信用核查 at intake — asks the platform whether the applicant is 失信 and tells the flow.

A 失信 applicant may use neither 告知承诺 nor 容缺受理 (国办发〔2020〕42号; core/cases/commitments.py).
The question is online only (sync/contract.py ``P_CREDIT``); offline the standing stays "not
checked", which the checklist says and the case records, and it is asked again once the platform
answers a sync round.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from core.cases.model import CreditStanding
from core.flows.intake import Step
from core.masking import mask_for_log
from services.credit import check_credit, standing_of
from sync import contract
from window_client.context import WindowContext
from window_client.intake.model import IntakeModel

logger = logging.getLogger(__name__)


class CreditCheck(QObject):
    """Lives on the GUI thread; the question runs on the runner's general pool. ``fetch()`` after
    any change of the intake asks once per applicant; ``dishonest`` when the platform says so."""

    dishonest = Signal()

    def __init__(self, ctx: WindowContext, model: IntakeModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._model = model
        self._asked = ""  # the ID number asked about (or being asked about)
        model.restarted.connect(self._on_model_restarted)
        if ctx.sync is not None:
            ctx.sync.online_changed.connect(self._on_online_changed)

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
            or flow.problems(Step.APPLICANT)
        ):
            return
        self._asked = id_number

        def answered(reply: contract.CreditResponse) -> None:
            if self._model.flow is not flow:
                return  # a new intake began meanwhile
            standing = standing_of(reply)
            flow.set_credit(standing, id_number)
            if standing is CreditStanding.DISHONEST and flow.credit is standing:
                self.dishonest.emit()

        def failed(exc: BaseException) -> None:
            logger.info("credit check for %s not answered: %s", mask_for_log(id_number), exc)
            if self._asked == id_number:
                self._asked = ""  # ask again when the platform is back

        self._ctx.runner.run_with(
            self._ctx.store_key,
            lambda store: check_credit(store, id_number),
            on_done=answered,
            on_error=failed,
            executor="general",
        )

    def _on_model_restarted(self) -> None:
        self._asked = ""

    def _on_online_changed(self, online: bool) -> None:
        if online:
            self.fetch()
