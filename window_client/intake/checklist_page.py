"""Step "材料清单": every material once, with exactly the states the catalog allows (照单抓药)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from core.cases.intake import MaterialInput
from core.cases.model import CreditStanding, ItemState
from core.catalog.model import MaterialSource
from core.flows.intake import Problem, Step
from devices.camera import CapturedPage
from qtkit.i18n import fill
from qtkit.messages import describe
from qtkit.widgets import BannerLevel
from sync.contract import LicenceLookupResponse
from window_client.context import WindowContext
from window_client.dialogs.commitment import CommitmentDialog
from window_client.dialogs.deficiency import DeficiencyDialog
from window_client.dialogs.holder import LicenceHolderDialog
from window_client.intake.licences import holder_is_ambiguous, lookup_licence
from window_client.intake.material_row import MaterialRow, thumbnail
from window_client.intake.model import IntakeModel
from window_client.intake.page import IntakePage

THUMB_PX = 72


class ChecklistPage(IntakePage):
    """Lives on the GUI thread. Camera captures and e-licence look-ups run on workers; their
    results come back here. ``dialog`` is the dialog on show (for tests and the walk-through)."""

    step = Step.CHECKLIST

    def __init__(self, ctx: WindowContext, model: IntakeModel, parent: QWidget | None = None) -> None:
        super().__init__(ctx, model, parent)
        self.set_titles(
            QCoreApplication.translate("ChecklistPage", "材料清单"),
            QCoreApplication.translate(
                "ChecklistPage",
                "按清单逐项收取：每份材料只收一次。按钮只给出本材料允许的方式；核心材料不能容缺。",
            ),
        )
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.body.addWidget(self.summary)
        self.rows: dict[str, MaterialRow] = {}
        self.images: dict[str, list[QImage]] = {}
        self.dialog: QWidget | None = None
        self._shown_for: tuple[Any, ...] | None = None
        self.body.addStretch(1)
        model.restarted.connect(self._on_model_restarted)
        model.changed.connect(self._on_model_changed)
        if ctx.sync is not None:
            ctx.sync.online_changed.connect(lambda _online: self._refresh_licences())

    # -- building -----------------------------------------------------------------------------

    def enter(self) -> None:
        items = self.flow.items()
        key = (self.flow.bundle_id, tuple(i.material.id for i in items), self.flow.credit)
        if key != self._shown_for:
            for row in self.rows.values():
                row.deleteLater()
            self.rows = {}
            matters = {m.id: m.name for m in self.flow.checklist().matters}
            for index, item in enumerate(items):
                served = "、".join(matters.get(mid, mid) for mid in item.matters)
                row = MaterialRow(item, served, self.flow.allowed_states(item.material.id), self)
                row.state_requested.connect(self._on_state_requested)
                row.clear_requested.connect(self._on_clear_requested)
                self.body.insertWidget(1 + index, row)
                self.rows[item.material.id] = row
            self._shown_for = key
        self.refresh()

    def refresh(self) -> None:
        flow = self.flow
        done = deficient = 0
        for material_id, row in self.rows.items():
            given = flow.materials.get(material_id)
            generated = row.item.material.source is MaterialSource.GENERATED
            row.show_input(given, generated)
            if given is not None and given.state is ItemState.SCANNED:
                row.set_thumbnails(self.images.get(material_id, []))
            done += given is not None or generated
            deficient += given is not None and given.state is ItemState.DEFICIENT
        self._refresh_licences()
        text = fill(QCoreApplication.translate("ChecklistPage", "已处理 %1/%2 项材料"), done, len(self.rows))
        if deficient:
            text += fill(
                QCoreApplication.translate("ChecklistPage", "，其中容缺 %1 项（受理后打印容缺受理通知书）"),
                deficient,
            )
        self.summary.setText(text + "\n" + self._credit_text())

    def _credit_text(self) -> str:
        """The 信用核查's answer: a 失信 applicant may use neither 告知承诺 nor 容缺 (国办发〔2020〕42号)."""
        credit = self.flow.credit
        if credit is CreditStanding.DISHONEST:
            return QCoreApplication.translate(
                "ChecklistPage", "信用核查：有失信记录，不适用告知承诺和容缺受理，须提交全部材料。"
            )
        if credit is CreditStanding.GOOD:
            return QCoreApplication.translate("ChecklistPage", "信用核查：无失信记录。")
        return QCoreApplication.translate(
            "ChecklistPage", "信用核查：未核验（需联网）。适用告知承诺或容缺受理前，请按规定核实申请人信用。"
        )

    def _on_model_changed(self) -> None:
        """The platform's credit answer may arrive while this step is shown: its buttons follow it."""
        if self.isVisible() and self._shown_for is not None and self._shown_for[-1] is not self.flow.credit:
            self.enter()

    def _refresh_licences(self) -> None:
        if self.ctx.sync is None or self.ctx.sync.online is False:
            available, why = False, QCoreApplication.translate("ChecklistPage", "需联网")
        else:
            available, why = True, ""
        for row in self.rows.values():
            row.set_licence_available(available, why)

    def row(self, material_id: str) -> MaterialRow:
        return self.rows[material_id]

    def show_problems(self, problems: Sequence[Problem]) -> None:
        for problem in problems:
            material_id = problem.field.removeprefix("materials.")
            if material_id in self.rows:
                self.scroll_area.ensureWidgetVisible(self.rows[material_id])
                break

    # -- actions ------------------------------------------------------------------------------

    def _record(self, material_id: str, given: MaterialInput) -> bool:
        problem = self.flow.set_material(material_id, given)
        if problem is not None:
            self.say(BannerLevel.ERROR, describe(problem))
        self.refresh()
        return problem is None

    def _on_clear_requested(self, material_id: str) -> None:
        self.flow.clear_material(material_id)
        self.images.pop(material_id, None)
        self.refresh()

    def _on_state_requested(self, material_id: str, state_value: str) -> None:
        state = ItemState(state_value)
        item = self.rows[material_id].item
        if state is ItemState.PAPER:
            self._record(material_id, MaterialInput(ItemState.PAPER))
        elif state is ItemState.SCANNED:
            self._capture(material_id)
        elif state is ItemState.E_LICENCE:
            self._ask_holder(material_id)
        elif state is ItemState.COMMITMENT:
            commitment = CommitmentDialog(
                item.material.name,
                item.material.commitment_text or "",
                self,
                check=self.flow.commitment_check(material_id),
            )
            commitment.signed.connect(
                lambda png: self._record(material_id, MaterialInput(ItemState.COMMITMENT, pages=(png,)))
            )
            self._open(commitment)
        elif state is ItemState.DEFICIENT:
            limit = self.flow.deficiency_limit(material_id)
            deficiency = DeficiencyDialog(item.material.name, self.flow.today, limit, self)
            deficiency.decided.connect(
                lambda day, note: self._record(
                    material_id, MaterialInput(ItemState.DEFICIENT, deadline=day, note=note)
                )
            )
            self._open(deficiency)
        self.refresh()  # a dialog cancelled leaves the buttons as the flow says

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._on_dialog_finished(dialog))
        dialog.open()

    def _on_dialog_finished(self, dialog: QWidget) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.refresh()

    # -- the document camera (高拍仪) -----------------------------------------------------------

    def _capture(self, material_id: str) -> None:
        row = self.rows[material_id]
        row.set_busy(QCoreApplication.translate("ChecklistPage", "正在拍摄，请保持材料平整…"))
        flow = self.flow

        def captured(page: CapturedPage) -> None:
            row_now = self.rows.get(material_id)
            if row_now is not None:
                row_now.set_busy(None)
            if self.flow is not flow:
                return  # a new intake began meanwhile
            if self._record(material_id, self._with_page(material_id, page.jpeg)):
                if not page.found_page:
                    self.say(
                        BannerLevel.WARNING,
                        QCoreApplication.translate(
                            "ChecklistPage", "没有找到纸张边缘，已保存整幅画面：请核对扫描件是否清晰完整。"
                        ),
                    )
                self.ctx.runner.run(
                    lambda: thumbnail(page.jpeg, THUMB_PX),
                    on_done=lambda image: self._add_thumbnail(material_id, flow, image),
                )

        def failed(exc: BaseException) -> None:
            row.set_busy(None)
            self.refresh()
            message = describe(exc)
            self.say(
                BannerLevel.ERROR,
                fill(QCoreApplication.translate("ChecklistPage", "高拍仪没有拍到：%1"), message),
            )

        self.ctx.devices.capture_page(on_done=captured, on_error=failed)

    def _with_page(self, material_id: str, jpeg: bytes) -> MaterialInput:
        given = self.flow.materials.get(material_id)
        pages = given.pages if given is not None and given.state is ItemState.SCANNED else ()
        if not pages:
            self.images.pop(material_id, None)
        return MaterialInput(ItemState.SCANNED, pages=(*pages, jpeg))

    def _add_thumbnail(self, material_id: str, flow: object, image: QImage) -> None:
        if self.flow is flow:
            self.images.setdefault(material_id, []).append(image)
            self.refresh()

    # -- e-licences (电子证照, online only) -------------------------------------------------------

    def _ask_holder(self, material_id: str) -> None:
        item = self.rows[material_id].item
        applicant = self.flow.applicant_value()
        if holder_is_ambiguous(item.material.name, applicant.sex):
            dialog = LicenceHolderDialog(item.material.name, self.flow.today, self)
            dialog.chosen.connect(lambda number: self._lookup(material_id, number))
            self._open(dialog)
        else:
            self._lookup(material_id, applicant.id_number)

    def _lookup(self, material_id: str, id_number: str) -> None:
        item = self.rows[material_id].item
        licence = item.material.licence or ""
        row = self.rows[material_id]
        row.set_busy(QCoreApplication.translate("ChecklistPage", "正在向省级平台查询电子证照…"))
        flow = self.flow

        def found(reply: LicenceLookupResponse) -> None:
            row.set_busy(None)
            if self.flow is not flow:
                return
            if not reply["found"]:
                self.refresh()
                self.say(
                    BannerLevel.WARNING,
                    fill(
                        QCoreApplication.translate(
                            "ChecklistPage", "平台上没有查到“%1”的电子证照：请收取纸质材料或用高拍仪扫描。"
                        ),
                        item.material.name,
                    ),
                )
                return
            note = " ".join(part for part in (reply.get("licence_number"), reply.get("issued_by")) if part)
            self._record(material_id, MaterialInput(ItemState.E_LICENCE, note=note))

        def failed(exc: BaseException) -> None:
            row.set_busy(None)
            self.refresh()
            message = describe(exc)
            self.say(
                BannerLevel.ERROR,
                fill(
                    QCoreApplication.translate(
                        "ChecklistPage",
                        "电子证照查询没有成功（%1）。电子证照需要联网：请收取纸质材料或扫描。",
                    ),
                    message,
                ),
            )

        self.ctx.runner.run_with(
            self.ctx.store_key,
            lambda store: lookup_licence(store, id_number, licence),
            on_done=found,
            on_error=failed,
            executor="general",
        )

    # -- helpers ------------------------------------------------------------------------------

    def _on_model_restarted(self) -> None:
        self.images = {}
        self._shown_for = None
