"""Step "签名确认": the applicant signs on the citizen-facing screen (a second screen, else a dialog)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from core.flows.intake import Step
from window_client.context import WindowContext
from window_client.intake.citizen_display import CitizenDisplay
from window_client.intake.model import IntakeModel
from window_client.intake.page import IntakePage
from window_client.intake.summary import citizen_summary
from window_client.intake.widgets import card, heading, hint


class SignaturePage(IntakePage):
    """Lives on the GUI thread. Entering the step puts the signature request up at once; ``signed``
    asks the screen to go on to the review."""

    step = Step.SIGNATURE
    signed = Signal()

    def __init__(
        self, ctx: WindowContext, model: IntakeModel, citizen: CitizenDisplay, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, model, parent)
        self.citizen = citizen
        self.set_titles(QCoreApplication.translate("SignaturePage", "签名确认"))
        info, info_layout = card(self)
        info_layout.addWidget(heading(QCoreApplication.translate("SignaturePage", "申请人核对的内容"), info))
        self.summary = QLabel(info)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        info_layout.addWidget(self.summary)
        self.body.addWidget(info)
        sign, sign_layout = card(self)
        self.where = hint("", sign)
        sign_layout.addWidget(self.where)
        self.preview = QLabel(sign)
        self.preview.setObjectName("signature_preview")
        self.preview.setMinimumHeight(96)
        sign_layout.addWidget(self.preview)
        row = QHBoxLayout()
        self.ask = QPushButton(QCoreApplication.translate("SignaturePage", "请申请人签名"), sign)
        self.ask.setObjectName("signature_ask")
        self.ask.setProperty("variant", "primary")
        self.ask.clicked.connect(self.request_signature)
        row.addWidget(self.ask)
        row.addStretch(1)
        sign_layout.addLayout(row)
        self.body.addWidget(sign)
        self.body.addStretch(1)

    def enter(self) -> None:
        self.summary.setText(citizen_summary(self.flow))
        if self.citizen.uses_second_screen:
            text = QCoreApplication.translate(
                "SignaturePage", "已在申请人面前的签名屏上显示，请申请人核对后签名。"
            )
        else:
            text = QCoreApplication.translate("SignaturePage", "请把签名板（或屏幕）转向申请人，核对后签名。")
        self.where.setText(text)
        self._show_signature()
        if self.flow.signature is None:
            self.request_signature()

    def _show_signature(self) -> None:
        png = self.flow.signature
        pixmap = QPixmap()
        if png and pixmap.loadFromData(png):
            self.preview.setPixmap(pixmap.scaledToHeight(96, Qt.TransformationMode.SmoothTransformation))
            self.ask.setText(QCoreApplication.translate("SignaturePage", "重新签名"))
        else:
            self.preview.setText(QCoreApplication.translate("SignaturePage", "尚未签名"))
            self.ask.setText(QCoreApplication.translate("SignaturePage", "请申请人签名"))

    def request_signature(self) -> None:
        self.citizen.ask_signature(citizen_summary(self.flow), self._on_signed)

    def _on_signed(self, png: bytes) -> None:
        self.flow.set_signature(png)
        self._show_signature()
        self.signed.emit()

    def first_focus(self) -> QWidget | None:
        return self.ask
