"""Step "委托代办" (outreach profile): the principal's authorisation of a helper (帮办代办), signed and photographed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta
from functools import partial

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDateEdit, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from core.flows.intake import Problem, Step
from core.masking import mask_id_number, mask_name
from devices.camera import CapturedPage
from devices.id_reader import IdCard
from qtkit.i18n import fill
from qtkit.messages import describe
from qtkit.theme import current_scale
from qtkit.widgets import BannerLevel
from services.cards import card_data
from window_client.context import WindowContext
from window_client.dialogs.deficiency import pydate, qdate
from window_client.intake.citizen_display import CitizenDisplay
from window_client.intake.material_row import thumbnail
from window_client.intake.model import IntakeModel
from window_client.intake.page import IntakePage
from window_client.intake.widgets import card, heading, hint, problem_label, show_problem

VALID_DAYS = 30
THUMB_PX = 64
_PAREN = re.compile(r"[（(].*?[)）]")


def plain_name(staff_name: str) -> str:
    """``赵芳（帮办代办，演示）`` → ``赵芳``: the person's name without the account's note."""
    return _PAREN.sub("", staff_name).strip()


class ProxyPage(IntakePage):
    """Lives on the GUI thread. The helper defaults to the logged-in outreach staff; placing the
    helper's ID card on this step fills name and number."""

    step = Step.PROXY

    def __init__(
        self, ctx: WindowContext, model: IntakeModel, citizen: CitizenDisplay, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, model, parent)
        self.citizen = citizen
        self.set_titles(
            QCoreApplication.translate("ProxyPage", "委托代办"),
            QCoreApplication.translate(
                "ProxyPage",
                "申请人（委托人）委托帮办代办人员办理：填写代办人、委托事项和有效期，委托人签名并拍摄现场照片。",
            ),
        )
        s = current_scale().spacing_px
        principal, principal_layout = card(self)
        principal_layout.addWidget(
            heading(QCoreApplication.translate("ProxyPage", "委托人（申请人）"), principal)
        )
        self.principal = QLabel(principal)
        principal_layout.addWidget(self.principal)
        self.body.addWidget(principal)

        helper, helper_layout = card(self)
        helper_layout.addWidget(heading(QCoreApplication.translate("ProxyPage", "代办人与委托内容"), helper))
        helper_layout.addWidget(
            hint(
                QCoreApplication.translate("ProxyPage", "放置代办人的身份证可自动填写姓名和证件号码。"),
                helper,
            )
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(2 * s)
        self.edits: dict[str, QLineEdit] = {}
        self.problems: dict[str, QLabel] = {}
        fields = (
            ("helper_name", QCoreApplication.translate("ProxyPage", "代办人姓名")),
            ("helper_id_number", QCoreApplication.translate("ProxyPage", "代办人证件号码")),
            ("organisation", QCoreApplication.translate("ProxyPage", "所在单位（选填）")),
            ("scope", QCoreApplication.translate("ProxyPage", "委托事项")),
        )
        for row, (key, text) in enumerate(fields):
            edit = QLineEdit(helper)
            edit.setObjectName(f"proxy_{key}")
            edit.setAccessibleName(text)
            edit.textEdited.connect(lambda value, k=key: self._on_text_edited(k, value))
            self.edits[key] = edit
            self.problems[key] = problem_label(helper)
            grid.addWidget(QLabel(text, helper), 2 * row, 0)
            grid.addWidget(edit, 2 * row, 1)
            grid.addWidget(self.problems[key], 2 * row + 1, 1)
        self.valid_until = QDateEdit(helper)
        self.valid_until.setObjectName("proxy_valid_until")
        self.valid_until.setCalendarPopup(True)
        self.valid_until.setDisplayFormat("yyyy-MM-dd")
        self.valid_until.dateChanged.connect(self._on_date_changed)
        self.problems["valid_until"] = problem_label(helper)
        row = len(fields)
        grid.addWidget(QLabel(QCoreApplication.translate("ProxyPage", "委托有效期至"), helper), 2 * row, 0)
        grid.addWidget(self.valid_until, 2 * row, 1, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.problems["valid_until"], 2 * row + 1, 1)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)  # the fields stay a readable width on wide screens
        helper_layout.addLayout(grid)
        self.body.addWidget(helper)

        evidence, evidence_layout = card(self)
        evidence_layout.addWidget(heading(QCoreApplication.translate("ProxyPage", "委托凭证"), evidence))
        line = QHBoxLayout()
        self.sign = QPushButton(QCoreApplication.translate("ProxyPage", "委托人签名"), evidence)
        self.sign.setObjectName("proxy_sign")
        self.sign.clicked.connect(self._on_sign_clicked)
        self.photo = QPushButton(QCoreApplication.translate("ProxyPage", "拍摄现场照片"), evidence)
        self.photo.setObjectName("proxy_photo")
        self.photo.clicked.connect(self._on_photo_clicked)
        self.signature_view = QLabel(evidence)
        self.photo_view = QLabel(evidence)
        for widget in (self.sign, self.signature_view, self.photo, self.photo_view):
            line.addWidget(widget)
        line.addStretch(1)
        evidence_layout.addLayout(line)
        self.problems["signature"] = problem_label(evidence)
        self.problems["photo"] = problem_label(evidence)
        evidence_layout.addWidget(self.problems["signature"])
        evidence_layout.addWidget(self.problems["photo"])
        self.body.addWidget(evidence)
        self.body.addStretch(1)
        self._thumbs: dict[str, tuple[bytes, QImage]] = {}

    def enter(self) -> None:
        flow = self.flow
        applicant = flow.applicant
        self.principal.setText(
            f"{mask_name(applicant.get('name', ''))}　{mask_id_number(applicant.get('id_number', ''))}"
        )
        session = self.ctx.session.session
        defaults = {
            "helper_name": plain_name(session.name) if session is not None else "",
            "organisation": self.ctx.config.hall_name,
            "scope": QCoreApplication.translate("ProxyPage", "代为申请本次事项，提交材料并签收相关文书"),
        }
        for key, value in defaults.items():
            if key not in flow.proxy and value:
                flow.set_proxy_field(key, value)
        for key, edit in self.edits.items():
            value = str(flow.proxy.get(key, ""))
            if edit.text() != value:
                edit.setText(value)
        today = flow.today
        self.valid_until.blockSignals(True)
        self.valid_until.setMinimumDate(qdate(today))
        if "valid_until" not in flow.proxy:
            flow.set_proxy_field("valid_until", today + timedelta(days=VALID_DAYS))
        self.valid_until.setDate(qdate(flow.proxy["valid_until"]))
        self.valid_until.blockSignals(False)
        self._show_evidence()
        for label in self.problems.values():
            show_problem(label, None)

    def _show_evidence(self) -> None:
        """Thumbnails are made on a worker (a camera JPEG takes tens of ms to decode)."""
        for key, view in (("signature", self.signature_view), ("photo", self.photo_view)):
            data = self.flow.proxy.get(key)
            if not data:
                view.setText(QCoreApplication.translate("ProxyPage", "（未完成）"))
                continue
            image = self._thumbs.get(key)
            if image is not None and image[0] == data:
                view.setPixmap(QPixmap.fromImage(image[1]))
                continue
            self.ctx.runner.run(
                partial(thumbnail, data, THUMB_PX), on_done=partial(self._on_thumbnail_made, key, data)
            )

    def _on_thumbnail_made(self, key: str, data: bytes, image: QImage) -> None:
        self._thumbs[key] = (data, image)
        if self.flow.proxy.get(key) == data:
            self._show_evidence()

    def _on_text_edited(self, key: str, value: str) -> None:
        self.flow.set_proxy_field(key, value.strip())
        show_problem(self.problems[key], None)

    def _on_date_changed(self) -> None:
        self.flow.set_proxy_field("valid_until", pydate(self.valid_until.date()))

    def card_read(self, card: IdCard) -> None:
        """The helper's card on the reader (not the principal's)."""
        if card.id_number == self.model.applicant_id:
            self.say(
                BannerLevel.INFO,
                QCoreApplication.translate("ProxyPage", "这是委托人的证件；请放置代办人的身份证。"),
            )
            return
        helper = card_data(card)
        self.flow.set_proxy_field("helper_name", helper.name)
        self.flow.set_proxy_field("helper_id_number", helper.id_number)
        self.enter()

    def _on_sign_clicked(self) -> None:
        applicant = self.flow.applicant
        summary = fill(
            QCoreApplication.translate("ProxyPage", "本人 %1 委托 %2 代为办理：%3。委托有效期至 %4。"),
            mask_name(applicant.get("name", "")),
            self.edits["helper_name"].text(),
            self.edits["scope"].text(),
            pydate(self.valid_until.date()).isoformat(),
        )
        self.citizen.ask_signature(summary, self._on_signed)

    def _on_signed(self, png: bytes) -> None:
        self.flow.set_proxy_field("signature", png)
        self._show_evidence()

    def _on_photo_clicked(self) -> None:
        self.photo.setEnabled(False)
        flow = self.flow

        def captured(page: CapturedPage) -> None:
            self.photo.setEnabled(True)
            if self.flow is flow:
                flow.set_proxy_field("photo", page.jpeg)
                self._show_evidence()

        def failed(exc: BaseException) -> None:
            self.photo.setEnabled(True)
            message = describe(exc)
            self.say(
                BannerLevel.ERROR, fill(QCoreApplication.translate("ProxyPage", "没有拍到照片：%1"), message)
            )

        self.ctx.devices.capture_page(on_done=captured, on_error=failed)

    def show_problems(self, problems: Sequence[Problem]) -> None:
        for problem in problems:
            key = problem.field.removeprefix("proxy.")
            if key in self.problems:
                show_problem(self.problems[key], describe(problem))

    def first_focus(self) -> QWidget | None:
        return self.edits["helper_id_number"]
