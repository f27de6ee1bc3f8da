"""``OnlineQuestion``: a question the intake asks the platform about its applicant — once per
applicant, on the runner's general pool, never blocking staff. Offline nothing is asked; a question
that was not answered may be asked again (and, where ``asks_again_online``, is asked once the
platform answers a sync round). A new intake forgets what was asked. The credit check
(credit.py) and the 出生即参保 look-up (enrolment.py) are two of them.
"""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from PySide6.QtCore import QObject

from core.flows.intake import IntakeFlow
from core.masking import mask_for_log
from core.store.store import Store
from window_client.context import WindowContext
from window_client.intake.model import IntakeModel

logger = logging.getLogger(__name__)


class OnlineQuestion(QObject):
    """Lives on the GUI thread. Subclasses say when the question is open (``is_open``), how it is
    asked (``ask``, on a worker with that worker's Store) and what its answer does (``answered``,
    on the GUI thread, only while the intake asked about is still the one shown)."""

    what: ClassVar[str] = "question"  # for the log
    asks_again_online: ClassVar[bool] = False

    def __init__(self, ctx: WindowContext, model: IntakeModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._model = model
        self._asked = ""  # the ID number asked about (or being asked about)
        model.restarted.connect(self._on_model_restarted)
        if self.asks_again_online and ctx.sync is not None:
            ctx.sync.online_changed.connect(self._on_online_changed)

    def is_open(self, flow: IntakeFlow) -> bool:
        raise NotImplementedError

    def ask(self, store: Store, id_number: str) -> Any:
        raise NotImplementedError

    def answered(self, flow: IntakeFlow, id_number: str, reply: Any) -> None:
        raise NotImplementedError

    def fetch(self) -> None:
        """Ask, if the question is open for this applicant and not asked yet (call after any change)."""
        flow = self._model.flow
        id_number = self._model.applicant_id
        sync = self._ctx.sync
        if (
            sync is None
            or sync.online is False
            or not id_number
            or id_number == self._asked
            or flow.case is not None
            or not self.is_open(flow)
        ):
            return
        self._asked = id_number

        def done(reply: Any) -> None:
            if self._model.flow is flow:  # else a new intake began meanwhile
                self.answered(flow, id_number, reply)

        def failed(exc: BaseException) -> None:
            logger.info("%s for %s not answered: %s", self.what, mask_for_log(id_number), exc)
            if self._asked == id_number:
                self._asked = ""  # may be asked again

        self._ctx.runner.run_with(
            self._ctx.store_key,
            lambda store: self.ask(store, id_number),
            on_done=done,
            on_error=failed,
            executor="general",
        )

    def _on_model_restarted(self) -> None:
        self._asked = ""

    def _on_online_changed(self, online: bool) -> None:
        if online:
            self.fetch()
