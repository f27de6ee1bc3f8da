"""Committing a newborn enrolment and, online, waiting for the 医保 department's answer.

``EnrolmentSubmission`` lives on the GUI thread. ``submit(request)`` commits the case on the store
worker (durable before anything says "accepted"); then, when the kiosk is online, it starts a sync
round and, after each round (ctx.operations says when one ended, and what it changed), reads the
case back from the local store until the ``mi_enrol``
matter is settled — a round or two, since the platform decides the enrolment at dispatch (即办件).
The citizen sees a spinner with a cancel button; after ``SETTLE_TIMEOUT_MS`` or 取消 the case
simply stays queued and the screen says so. ``finished(Submitted)`` in every case once accepted;
``failed(message)`` when the case could not be saved.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from core.cases.model import Case, EventKind
from core.errors import TongbanError
from core.flows.newborn import EnrolmentOutcome, enrolment_outcome
from qtkit.messages import describe
from services.changes import Changes

if TYPE_CHECKING:
    from core.cases.intake import IntakeRequest
    from core.store.store import Store
    from kiosk.context import KioskContext
    from kiosk.screens.base import Navigator, Waiting

logger = logging.getLogger(__name__)

COMMIT_TIMEOUT_MS: Final = 15_000
SETTLE_TIMEOUT_MS: Final = 20_000
ROUND_GAP_MS: Final = 400  # between sync rounds while the department decides


@dataclass(frozen=True, slots=True)
class Submitted:
    """The stored case after the wait: ``uploaded`` when the platform acknowledged its intake."""

    case: Case
    outcome: EnrolmentOutcome
    uploaded: bool
    waited: bool  # the kiosk was online and waited for the department


def read_case(ctx: KioskContext, store: Store, number: str) -> tuple[Case, bool]:
    """On the store worker: the case as stored now, and whether its intake reached the platform."""
    case = ctx.case_service(store).get(number)
    uploaded = any(e.kind == EventKind.ACCEPTED.value and e.acked_at for e in store.events_for(case.number))
    return case, uploaded


class EnrolmentSubmission(QObject):
    """One submission (GUI thread); ``accepted(case)`` as soon as it is durable."""

    accepted = Signal(object)
    finished = Signal(object)  # Submitted
    failed = Signal(str)

    def __init__(self, ctx: KioskContext, nav: Navigator, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.nav = nav
        self.case: Case | None = None
        self._waiting: Waiting | None = None
        self._reading = False
        self._connected = False
        self._round_timer = QTimer(self)
        self._round_timer.setSingleShot(True)
        self._round_timer.setInterval(ROUND_GAP_MS)
        self._round_timer.timeout.connect(self._on_round_timer_timeout)

    def submit(self, request: IntakeRequest) -> None:
        ctx = self.ctx
        # Not cancellable: once the store worker has the commit, it happens; the screen must know.
        waiting = self.nav.wait(
            QCoreApplication.translate("NewbornScreen", "正在保存您的申请…"),
            timeout_ms=COMMIT_TIMEOUT_MS,
            on_give_up=self._on_commit_given_up,
            cancellable=False,
        )
        ctx.operations.run_store(
            self,
            lambda store: ctx.case_service(store).accept(request),
            waiting.guard(self._on_accepted),
            waiting.guard(self._on_commit_failed),
            changes=Changes.of_case,
        )

    # -- the commit ----------------------------------------------------------------------------

    def _on_accepted(self, case: Case) -> None:
        self.case = case
        logger.info("newborn enrolment accepted as case %s", case.number)
        self.accepted.emit(case)
        sync = self.ctx.sync
        if sync is None or not self.ctx.online:
            self._settle(waited=False)
            return
        self._waiting = self.nav.wait(
            QCoreApplication.translate("NewbornScreen", "已保存。正在提交医保部门确认参保，请稍候…"),
            timeout_ms=SETTLE_TIMEOUT_MS,
            on_give_up=self._on_settle_given_up,
            cancellable=True,
        )
        self.ctx.operations.operation_did_execute.connect(self._on_operation_did_execute)
        self._connected = True
        if not sync.sync_now():
            logger.debug("a sync round is running; another follows it")

    def _on_commit_failed(self, exc: BaseException) -> None:
        logger.error("newborn enrolment not saved: %s", getattr(exc, "detail", exc))
        if isinstance(exc, TongbanError):
            self.failed.emit(describe(exc))
        else:
            self.failed.emit(
                QCoreApplication.translate(
                    "NewbornScreen", "申请没有保存成功，请再点一次“提交”；仍不成功请到医保经办窗口办理。"
                )
            )

    def _on_commit_given_up(self, _reason: str) -> None:
        self.failed.emit(
            QCoreApplication.translate(
                "NewbornScreen",
                "保存用时过长。请不要重复提交：请点“结束办理”后重新放身份证，在“办件进度查询”中查看是否已受理。",
            )
        )

    # -- waiting for the department ------------------------------------------------------------

    def _on_operation_did_execute(self, changes: Changes, initiator: object) -> None:
        """After each sync round (it records its status, whatever it brought) or another change of
        the case: read it back. Its own acceptance is not news."""
        if initiator is self or not (changes.sync_status or changes.any_case):
            return
        if self._waiting is None or not self._waiting.live or self.case is None or self._reading:
            return
        self._reading = True
        ctx, number = self.ctx, self.case.number
        ctx.operations.run_store(
            self, lambda store: read_case(ctx, store, number), self._on_case_read, self._on_case_read_failed
        )

    def _on_case_read(self, state: tuple[Case, bool]) -> None:
        self._reading = False
        if not self._live():
            return
        case, uploaded = state
        self.case = case
        if enrolment_outcome(case).settled and self._waiting is not None:
            self._waiting.finish()
            self._done(case, uploaded, waited=True)
        else:
            self._round_timer.start()

    def _on_case_read_failed(self, exc: BaseException) -> None:
        self._reading = False
        logger.warning("reading the case back failed: %s", getattr(exc, "detail", exc))
        if self._live():
            self._round_timer.start()

    def _on_round_timer_timeout(self) -> None:
        if self._live() and self.ctx.sync is not None:
            self.ctx.sync.sync_now()

    def _live(self) -> bool:
        """Still waiting for the department, and this object not deleted with its screen."""
        return shiboken6.isValid(self) and self._waiting is not None and self._waiting.live

    def _on_settle_given_up(self, _reason: str) -> None:
        self._settle(waited=True)

    def _settle(self, *, waited: bool) -> None:
        """Read the case once more and finish with whatever it says now."""
        self._disconnect()
        assert self.case is not None
        ctx, case = self.ctx, self.case

        def failed(exc: BaseException) -> None:
            logger.warning("reading the case back failed: %s", getattr(exc, "detail", exc))
            self._done(case, False, waited=waited)

        ctx.operations.run_store(
            self,
            lambda store: read_case(ctx, store, case.number),
            lambda state: self._done(state[0], state[1], waited=waited),
            failed,
        )

    def _done(self, case: Case, uploaded: bool, *, waited: bool) -> None:
        if not shiboken6.isValid(self):
            return  # the session ended meanwhile: the case is stored and syncs on its own
        self._disconnect()
        self._round_timer.stop()
        self.case = case
        self.finished.emit(Submitted(case, enrolment_outcome(case), uploaded, waited))

    def _disconnect(self) -> None:
        if not self._connected:
            return
        self._connected = False
        self.ctx.operations.operation_did_execute.disconnect(self._on_operation_did_execute)
