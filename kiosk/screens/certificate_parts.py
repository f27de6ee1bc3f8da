"""Parts of the certificate screen (证明打印): the preview paper, and the background confirmation.

The confirmation runs when the citizen already holds the paper; a network drop only delays the
platform's "issued" mark. After the last retry (core.flows.certificate.CONFIRM_RETRY_DELAYS_S)
the give-up goes to the audit log for staff to settle.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from core.errors import TongbanError
from core.flows.certificate import CERTIFICATE_KINDS, CertificateDocument, CertificateTransaction
from core.store.records import AuditEntry
from kiosk.context import KIOSK_OPERATOR
from qtkit.scales import ThemeScale
from sync.errors import SyncPermanentError, SyncTransientError

if TYPE_CHECKING:
    from kiosk.context import KioskContext
    from sync.contract import CertificateResponse

logger = logging.getLogger(__name__)


class CertificateConfirmer(QObject):
    """Tells the platform a certificate was printed, retrying after network failures
    (core.flows.certificate.CONFIRM_RETRY_DELAYS_S), then records a give-up in the audit log for
    staff. Lives on the GUI thread, parented to the task runner so it survives the session."""

    confirmed = Signal()
    retrying = Signal()
    gave_up = Signal()

    def __init__(self, ctx: KioskContext, tx: CertificateTransaction, *, delay_factor: float = 1.0) -> None:
        super().__init__(ctx.runner)
        self.ctx = ctx
        self.tx = tx
        self.delay_factor = delay_factor  # tests shorten the waits

    def start(self) -> None:
        if self.ctx.runner.is_shut_down:
            return
        body = self.tx.confirm_request()
        self.ctx.online_call(
            lambda client, _store: client.confirm_certificate_printed(
                body["certificate_id"], body["request_id"], body["printed_at"]
            ),
            on_done=self._on_done,
            on_error=self._on_error,
        )

    def _on_done(self, answer: CertificateResponse) -> None:
        try:
            self.tx.confirmed(answer)
        except TongbanError as exc:
            self._on_error(SyncPermanentError(exc.message, exc.detail))
            return
        logger.info("certificate %s issued", answer["certificate_id"])
        self.confirmed.emit()
        self.deleteLater()

    def _on_error(self, exc: BaseException) -> None:
        detail = str(getattr(exc, "detail", exc))
        delay = self.tx.confirm_failed(detail, permanent=not isinstance(exc, SyncTransientError))
        if delay is None:
            self._give_up(detail)
            return
        logger.warning("certificate print not confirmed yet (%s); again in %.0f s", detail, delay)
        self.retrying.emit()
        QTimer.singleShot(int(delay * 1000 * self.delay_factor), self, self.start)

    def _give_up(self, detail: str) -> None:
        certificate = self.tx.certificate
        assert certificate is not None
        logger.error("certificate %s printed but not confirmed: %s", certificate.certificate_id, detail)
        entry = AuditEntry(
            KIOSK_OPERATOR,
            "kiosk.certificate_unconfirmed",
            self.ctx.clock.now().isoformat(timespec="seconds"),
            None,
            {
                "certificate_id": certificate.certificate_id,
                "request_id": certificate.request_id,
                "printed_at": self.tx.printed_at,
                "error": detail,
            },
        )
        self.ctx.operations.run_store(self, lambda store: store.append_audit(entry))
        self.gave_up.emit()
        self.deleteLater()


class CertificatePaper(QFrame):
    """The certificate as the citizen checks it: white paper, title, lines, verification code.
    Shows what it is given (the screen masks the ID number first). GUI thread."""

    def __init__(self, scale: ThemeScale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("certificate-paper")
        pad = scale.spacing_px * 3
        self.setStyleSheet(
            f"QFrame#certificate-paper {{ background: #FFFFFF; border: {scale.border_px}px solid"
            f" {scale.colors.border}; }} QFrame#certificate-paper QLabel {{ color: #1A1A1A; }}"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(pad, pad, pad, pad)
        layout.setSpacing(scale.spacing_px * 2)
        self.title = self._label(scale.title_pt, bold=True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.body = self._label(scale.heading_pt)
        self.code = self._label(scale.heading_pt)
        for label in (self.title, self.body, self.code):
            layout.addWidget(label)

    def _label(self, size: float, *, bold: bool = False) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        font = label.font()
        font.setPointSizeF(size)
        font.setBold(bold)
        label.setFont(font)
        return label

    def in_scroll_area(self, parent: QWidget) -> QScrollArea:
        """The paper at the top of a frameless scroll area (a long certificate scrolls)."""
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self)
        layout.addStretch(1)
        scroll = QScrollArea(parent)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(holder)
        return scroll

    def show_document(self, document: CertificateDocument) -> None:
        self.title.setText(document.title)
        self.body.setText("\n".join(document.body))
        self.code.setText(document.verification_note)
        self.setAccessibleName(document.title)


def kind_label(kind: str) -> str:
    labels = {"no_criminal_record": QCoreApplication.translate("CertificateScreen", "无犯罪记录证明")}
    return labels.get(kind, CERTIFICATE_KINDS.get(kind, kind))


def purpose_labels() -> dict[str, str]:
    """The purposes (core.flows.certificate.PURPOSES, sent as written) and their button texts."""
    return {
        "就业": QCoreApplication.translate("CertificateScreen", "就业"),
        "入学": QCoreApplication.translate("CertificateScreen", "入学"),
        "出国": QCoreApplication.translate("CertificateScreen", "出国（境）"),
        "其他": QCoreApplication.translate("CertificateScreen", "其他"),
    }
