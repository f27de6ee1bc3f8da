"""值班长确认: a supervisor lets an intake go on with an ID card that core's card_problems refuses."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from core.errors import TongbanError
from core.flows.intake import IntakeFlow
from core.masking import mask_id_number
from core.staff import StaffDirectory, StaffSession
from qtkit.i18n import fill
from qtkit.messages import describe
from qtkit.operations import alive, while_alive
from window_client.cases.dialogs import ConfirmActionDialog
from window_client.context import WindowContext

logger = logging.getLogger(__name__)

ACTION = "expired_card"  # core.staff.PERMISSIONS: supervisors and admins


class CardAuthorisation(QObject):
    """Asks for a reason and, when the logged-in role may not decide, a supervisor's id and password
    (the dialog the case desk's 补打 uses); the supervisor's right is checked and the override written
    to the audit log on the store worker (StaffDirectory.override), then the flow is told.

    Lives on the GUI thread. ``authorised(staff_id)`` once the flow took the authorisation.
    """

    authorised = Signal(str)

    def __init__(self, ctx: WindowContext, parent: QWidget) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._parent = parent
        self._dialog: ConfirmActionDialog | None = None
        self._staff_key = ctx.staff_key
        if self._staff_key is None:  # a screen built without the app's directory (tests of one screen)
            runner, store_key, clock = ctx.runner, ctx.store_key, ctx.clock
            self._staff_key = runner.add_resource(
                f"intake-staff-{id(self):x}", open=lambda: StaffDirectory(runner.resource(store_key), clock)
            )

    @property
    def dialog(self) -> ConfirmActionDialog | None:
        """The dialog on show (tests answer it), if any."""
        return self._dialog if self._dialog is not None and alive(self._dialog) else None

    def ask(self, flow: IntakeFlow) -> None:
        """Open the dialog for the flow's card, when it has a problem and no dialog is open yet."""
        card, problems = flow.card, flow.card_problems()
        if card is None or not problems or self.dialog is not None or self._ctx.runner.is_shut_down:
            return
        session = self._ctx.session.session
        need_supervisor = session is None or not session.may(ACTION)
        dialog = ConfirmActionDialog(
            QCoreApplication.translate("CardAuthorisation", "值班长确认：继续受理"),
            fill(
                QCoreApplication.translate(
                    "CardAuthorisation",
                    "%1\n按规定须由值班长确认后才能继续受理。请写明原因（如持有效临时身份证）。",
                ),
                describe(problems[0]),
            ),
            confirm_text=QCoreApplication.translate("CardAuthorisation", "确认继续受理"),
            need_reason=True,
            need_supervisor=need_supervisor,
            parent=self._parent,
        )
        # The audit keeps why, whose card (masked) and what was wrong with it — never the full number.
        what = f"{mask_id_number(card.id_number)}：{describe(problems[0])}"

        def on_confirmed(reason: str, staff_id: str, password: str) -> None:
            def work(directory: StaffDirectory) -> str:
                who: StaffSession | None = directory.login(staff_id, password) if need_supervisor else session
                assert who is not None
                directory.override(who, ACTION, None, f"{reason}（{what}）")
                return who.staff_id

            def done(supervisor: str) -> None:
                if alive(dialog):
                    dialog.accept()
                if flow.card == card and flow.card_problems():  # still the card that was asked about
                    flow.authorise_card(supervisor)
                    self.authorised.emit(supervisor)

            def failed(error: BaseException) -> None:
                if isinstance(error, TongbanError):
                    dialog.show_error(describe(error))
                    return
                logger.error("supervisor authorisation failed", exc_info=error)
                dialog.show_error(
                    QCoreApplication.translate(
                        "CardAuthorisation", "没有完成：程序出错（已记入日志），请联系管理员。"
                    )
                )

            assert self._staff_key is not None
            self._ctx.operations.run_store(self, work, done, while_alive(dialog, failed), key=self._staff_key)

        dialog.confirmed.connect(on_confirmed)
        wedge = self._ctx.wedge
        if need_supervisor and wedge is not None:
            wedge.set_enabled(False)  # a fast typist's password is never a scan (qtkit.wedge)
            dialog.finished.connect(lambda _result: wedge.set_enabled(True))
        dialog.finished.connect(lambda _result: self._on_dialog_finished(dialog))
        self._dialog = dialog
        dialog.open()

    def _on_dialog_finished(self, dialog: ConfirmActionDialog) -> None:
        if self._dialog is dialog:
            self._dialog = None
        dialog.deleteLater()
