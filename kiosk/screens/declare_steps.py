"""The material and form-field steps of 自助申报 (GUI thread, driven by the DeclareScreen).

Materials: the applicant's own ID card counts at once; e-licences are fetched in one go on the
``net`` worker; what is left gets a page of its own (the other person's ID card on the reader,
a photo on the kiosk camera, 告知承诺), or stops the declaration when none of those is open — saying
where 容缺 could be asked for at a staffed window. The platform's 信用核查 is asked in the same call as
the e-licences, as the window asks it (services.credit).
Fields: filled from the card, the e-licences, the cards read and what the citizen typed earlier
(e.g. in 出生即参保); the required ones still empty are asked one per page.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from core.cases.intake import MaterialInput
from core.cases.model import CreditStanding, ItemState
from core.catalog.model import FieldType, Material
from core.errors import TongbanError, ValidationError
from core.flows.kiosk import Citizen, citizen_from_card
from kiosk.keypad import KeypadKind
from kiosk.screens.declare_materials import (
    MaterialPlan,
    expected_sex,
    licence_input,
    licence_prefill,
    other_card_input,
    own_card_input,
    person_prefix,
    plan_material,
)
from kiosk.screens.declare_pages import CameraPage, ChoicePage, DatePage, KeypadPage, SummaryPage, TextPage
from qtkit.i18n import fill
from qtkit.messages import describe
from qtkit.widgets.banner import BannerLevel
from services.credit import ask_credit

if TYPE_CHECKING:
    from core.flows.intake import CardData, IntakeFlow
    from devices.camera import CapturedPage
    from kiosk.screens.declare import DeclareScreen
    from sync.adapter import PlatformAdapter

logger = logging.getLogger(__name__)

LOOKUP_TIMEOUT_MS = 20_000
CAPTURE_TIMEOUT_MS = 25_000
KEYPADS = {
    FieldType.PHONE: (KeypadKind.DIGITS, 11),
    FieldType.INT: (KeypadKind.DIGITS, 9),
    FieldType.ID_NUMBER: (KeypadKind.ID_NUMBER, 18),
    FieldType.BANK_ACCOUNT: (KeypadKind.DIGITS, 30),
    FieldType.BIRTH_CERT_NO: (KeypadKind.BIRTH_CERT, 10),
}


class Entry(NamedTuple):
    """One page of a declaration: ``kind`` bundle | question | material | commit | field | review |
    stop | done; ``key`` the question, material or field id."""

    kind: str
    key: str = ""


def credit_of(client: PlatformAdapter, id_number: str) -> CreditStanding:
    """On the ``net`` worker: the applicant's credit standing (services.credit), UNKNOWN when the
    platform does not answer — what the window records offline too."""
    try:
        return ask_credit(client, id_number)
    except TongbanError as exc:
        logger.info("credit check not answered: %s", exc.detail)
        return CreditStanding.UNKNOWN


def lookup_all(
    client: PlatformAdapter, id_number: str, wanted: Sequence[tuple[str, str]]
) -> dict[str, Mapping[str, Any] | None]:
    """On the ``net`` worker: each wanted e-licence; one that fails is None (the others still count)."""
    answers: dict[str, Mapping[str, Any] | None] = {}
    for material_id, licence in wanted:
        try:
            answers[material_id] = dict(client.lookup_licence(id_number, licence))
        except TongbanError as exc:
            logger.info("e-licence %s not fetched: %s", licence, exc.detail)
            answers[material_id] = None
    return answers


class DeclareSteps:
    """The material and field pages of one declaration. GUI thread."""

    def __init__(self, screen: DeclareScreen, flow: IntakeFlow, citizen: Citizen) -> None:
        self.screen = screen
        self.flow = flow
        self.citizen = citizen
        self.plans: dict[str, MaterialPlan] = {}
        self.auto: set[str] = set()  # satisfied without a page: own card, fetched e-licence
        self.looked_up: set[str] = set()
        self.tasks: list[str] = []
        self.impossible: list[Material] = []
        self.deferrable: list[Material] = []  # of those: 容缺 may be asked for at a staffed window
        self.prefill: dict[str, Any] = {}
        self.typed: set[str] = set()  # fields typed or from an e-licence: shown in full on review
        self.field_tasks: list[str] = []

    # -- materials -----------------------------------------------------------------------------

    def start_materials(self) -> None:
        ctx, flow = self.screen.ctx, self.flow
        self.plans = self._plans()
        for material_id, plan in self.plans.items():
            if plan.own_card and material_id not in flow.materials:
                flow.set_material(material_id, own_card_input())
                self.auto.add(material_id)
            prefix = person_prefix(plan.material)
            if plan.own_card and prefix:  # e.g. father_id read from the father's own card
                self.prefill.setdefault(f"{prefix}.name", self.citizen.name)
                self.prefill.setdefault(f"{prefix}.id_number", self.citizen.id_number)
        wanted = [
            (mid, str(p.material.licence))
            for mid, p in self.plans.items()
            if p.lookup and mid not in self.looked_up and mid not in flow.materials
        ]
        # 信用核查 as at the window (services.credit): asked when a 告知承诺 or 容缺 could be open.
        ask = (
            ctx.online
            and flow.credit is CreditStanding.UNKNOWN
            and any(p.commitment or p.window_deferral for p in self.plans.values())
        )
        if not wanted and not ask:
            self._plan_tasks()
            return
        id_number = self.citizen.id_number
        waiting = self.screen.nav.wait(
            QCoreApplication.translate("DeclareScreen", "正在从政务服务平台调取您的电子证照…")
            if wanted
            else QCoreApplication.translate("DeclareScreen", "正在向政务服务平台核验…"),
            timeout_ms=LOOKUP_TIMEOUT_MS,
            on_give_up=lambda _reason: self._after_lookups({}),
        )
        ctx.online_call(
            lambda client, _store: (
                credit_of(client, id_number) if ask else CreditStanding.UNKNOWN,
                lookup_all(client, id_number, wanted),
            ),
            on_done=waiting.guard(self._after_answers),
            on_error=waiting.guard(lambda _exc: self._after_lookups({})),
        )

    def _plans(self) -> dict[str, MaterialPlan]:
        ctx, flow = self.screen.ctx, self.flow
        camera = ctx.devices.manager.uri("camera") is not None
        return {
            i.material.id: plan_material(
                i.material,
                applicant_sex=self.citizen.sex,
                by_card=self.citizen.source == "id_card",
                online=ctx.online,
                camera=camera,
                allowed=flow.allowed_states(i.material.id),
            )
            for i in flow.items()
        }

    def _after_answers(self, answers: tuple[CreditStanding, Mapping[str, Mapping[str, Any] | None]]) -> None:
        standing, licences = answers
        if standing is not CreditStanding.UNKNOWN:
            self.flow.set_credit(standing, self.citizen.id_number)
            self.plans = self._plans()  # 失信: no 告知承诺, no 容缺 (the flow's allowed states)
        self._after_lookups(licences)

    def _after_lookups(self, answers: Mapping[str, Mapping[str, Any] | None]) -> None:
        for material_id, answer in answers.items():
            if answer is None:
                continue
            self.looked_up.add(material_id)
            given = licence_input(answer)
            if given is not None and self.flow.set_material(material_id, given) is None:
                self.auto.add(material_id)
                given_values = licence_prefill(str(self.plans[material_id].material.licence), answer)
                self.prefill.update(given_values)
                self.typed.update(given_values)  # the baby's name and number: the citizen must check them
        self._plan_tasks()

    def _plan_tasks(self) -> None:
        self.tasks, self.impossible = [], []
        for item in self.flow.items():
            material_id, plan = item.material.id, self.plans[item.material.id]
            if plan.generated or material_id in self.auto:
                continue
            if plan.interactive:
                self.tasks.append(material_id)
            else:
                self.impossible.append(item.material)
        self.deferrable = [m for m in self.impossible if self.plans[m.id].window_deferral]
        if self.impossible:
            self.screen.show_entry(Entry("stop"))
        elif self.tasks:
            self.screen.show_entry(Entry("material", self.tasks[0]))
        else:
            self.start_fields()

    def next_material(self, material_id: str) -> None:
        if material_id not in self.flow.materials:
            return
        index = self.tasks.index(material_id) + 1 if material_id in self.tasks else len(self.tasks)
        if index < len(self.tasks):
            self.screen.show_entry(Entry("material", self.tasks[index]))
        else:
            self.start_fields()

    def material_page(self, material_id: str) -> QWidget:
        plan, flow, scale = self.plans[material_id], self.flow, self.screen.scale
        material = plan.material
        given = flow.materials.get(material_id)
        options: list[tuple[Any, str]] = []
        if plan.window_deferral:  # 容缺 is 认定 by staff (declare_materials.py): the kiosk only says where
            options.append(
                (
                    "defer",
                    QCoreApplication.translate("DeclareScreen", "暂时没有这份材料：到人工窗口申请容缺受理"),
                )
            )
        if plan.commitment:
            options.append(
                ("commit", QCoreApplication.translate("DeclareScreen", "签署告知承诺，代替这份材料"))
            )
        options.append(("window", QCoreApplication.translate("DeclareScreen", "不办了，到人工窗口办理")))
        if plan.camera:
            page = CameraPage(
                scale,
                fill(QCoreApplication.translate("DeclareScreen", "请拍摄：%1"), material.name),
                fill(
                    QCoreApplication.translate("DeclareScreen", "把材料平放在拍摄区，对准后点“拍照”。%1"),
                    material.note,
                ),
                [("clear", QCoreApplication.translate("DeclareScreen", "清除重拍")), *options],
                self.screen.pages,
            )
            page.show_pages(given.pages if given is not None and given.state is ItemState.SCANNED else [])
            page.capture_clicked.connect(lambda: self._capture(material_id, page))
            page.alternative_chosen.connect(lambda key: self._alternative(material_id, key, page))
            page.next_clicked.connect(lambda: self._forward(material_id))
            return page
        if plan.card:
            heading = fill(QCoreApplication.translate("DeclareScreen", "请把%1放在读卡区"), material.name)
            hint = QCoreApplication.translate(
                "DeclareScreen", "把这张居民身份证平放在屏幕下方的读卡区，听到“嘀”声后稍等。"
            )
            if given is not None and given.state is ItemState.E_LICENCE:
                options.insert(0, ("keep", QCoreApplication.translate("DeclareScreen", "已读取，下一步")))
        else:
            heading = material.name
            hint = QCoreApplication.translate("DeclareScreen", "本机无法调取或拍摄这份材料。")
        choice = ChoicePage(scale, heading, hint, options, self.screen.pages, primary=False)
        choice.chosen.connect(lambda key: self._alternative(material_id, str(key), choice))
        return choice

    def _forward(self, material_id: str) -> None:
        self.screen.forward(Entry("material", material_id))

    def _alternative(self, material_id: str, key: str, page: QWidget) -> None:
        flow = self.flow
        if key == "defer":
            self.impossible = [self.plans[material_id].material]
            self.deferrable = [self.plans[material_id].material]
            self.screen.show_entry(Entry("stop"))
        elif key == "commit":
            self.screen.show_entry(Entry("commit", material_id))
        elif key == "window":
            self.impossible = [self.plans[material_id].material]
            self.deferrable = [m for m in self.impossible if self.plans[m.id].window_deferral]
            self.screen.show_entry(Entry("stop"))
        elif key == "keep":
            self._forward(material_id)
        elif key == "clear" and isinstance(page, CameraPage):
            flow.clear_material(material_id)
            page.show_pages([])

    def _record(self, material_id: str, given: MaterialInput) -> None:
        problem = self.flow.set_material(material_id, given)
        if problem is not None:
            self.screen.show_message(BannerLevel.ERROR, describe(problem))
            return
        self._forward(material_id)

    def commitment_page(self, material_id: str) -> QWidget:
        material = self.plans[material_id].material
        page = SummaryPage(
            self.screen.scale,
            fill(QCoreApplication.translate("DeclareScreen", "告知承诺：%1"), material.name),
            material.commitment_text or "",
            QCoreApplication.translate("DeclareScreen", "我已阅读，承诺以上内容属实"),
            QCoreApplication.translate("DeclareScreen", "不承诺，返回"),
            parent=self.screen.pages,
        )
        page.primary_clicked.connect(lambda: self._record(material_id, MaterialInput(ItemState.COMMITMENT)))
        page.secondary_clicked.connect(self.screen.go_back)
        return page

    def _capture(self, material_id: str, page: CameraPage) -> None:
        nav = self.screen.nav
        waiting = nav.wait(
            QCoreApplication.translate("DeclareScreen", "正在拍照，请不要移动材料…"),
            timeout_ms=CAPTURE_TIMEOUT_MS,
            on_give_up=lambda _reason: self._capture_failed(None),
        )
        self.screen.ctx.devices.capture_page(
            on_done=waiting.guard(lambda captured: self._captured(material_id, page, captured)),
            on_error=waiting.guard(self._capture_failed),
        )

    def _captured(self, material_id: str, page: CameraPage, captured: CapturedPage) -> None:
        problem = self.flow.add_page(material_id, captured.jpeg)
        if problem is not None:
            self.screen.show_message(BannerLevel.ERROR, describe(problem))
            return
        if shiboken6.isValid(page):
            page.show_pages(self.flow.materials[material_id].pages)
        if not captured.found_page:
            self.screen.show_message(
                BannerLevel.WARNING,
                QCoreApplication.translate(
                    "DeclareScreen", "没有找到材料的边缘。请看照片是否清楚完整；不清楚请点“清除重拍”。"
                ),
            )

    def _capture_failed(self, exc: BaseException | None) -> None:
        reason = describe(exc) if isinstance(exc, TongbanError) else ""
        text = QCoreApplication.translate(
            "DeclareScreen", "拍照没有成功，请把材料放平后再点“拍照”；仍不成功请到人工窗口办理。"
        )
        self.screen.show_message(BannerLevel.ERROR, f"{reason}。{text}" if reason else text)

    def card_placed(self, material_id: str, card: CardData) -> bool:
        """An ID card on the reader while a card material is asked for: used here, never a new session."""
        plan = self.plans.get(material_id)
        if plan is None or not plan.card:
            return False
        try:
            person = citizen_from_card(card, self.flow.today)
        except ValidationError as exc:
            self.screen.show_message(BannerLevel.ERROR, describe(exc))
            return True
        material = plan.material
        sex = expected_sex(material)
        if person.id_number == self.citizen.id_number:
            message = fill(
                QCoreApplication.translate("DeclareScreen", "这是您本人的身份证。请放%1。"), material.name
            )
        elif sex and person.sex != sex:
            message = fill(
                QCoreApplication.translate("DeclareScreen", "这张身份证与“%1”不符，请核对后再放。"),
                material.name,
            )
        else:
            message = ""
        if message:
            self.screen.show_message(BannerLevel.WARNING, message)
            return True
        self._record(material_id, other_card_input(person.id_number))
        prefix = person_prefix(material)
        if prefix:
            self.prefill[f"{prefix}.name"] = person.name
            self.prefill[f"{prefix}.id_number"] = person.id_number
        return True

    # -- form fields ---------------------------------------------------------------------------

    def start_fields(self) -> None:
        flow = self.flow
        for field in flow.fields():
            value = self.prefill.get(field.id)
            # A carried value that does not fit is not kept: the field is asked for.
            if value and not flow.form.get(field.id) and flow.form_value_problem(field.id, value) is None:
                flow.set_form_value(field.id, value)
        self.field_tasks = [f.id for f in flow.fields() if f.required and not flow.field_value(f)]
        if self.field_tasks:
            self.screen.show_entry(Entry("field", self.field_tasks[0]))
        else:
            self.screen.review()

    def next_field(self, field_id: str) -> None:
        tasks = self.field_tasks
        index = tasks.index(field_id) + 1 if field_id in tasks else len(tasks)
        if index < len(tasks):
            self.screen.show_entry(Entry("field", tasks[index]))
        else:
            self.screen.review()

    def field_page(self, field_id: str) -> QWidget:
        field = self.screen.ctx.catalog.fields[field_id]
        scale, parent = self.screen.scale, self.screen.pages
        value = str(self.flow.form.get(field_id) or self.prefill.get(field_id) or "")
        if field.type in (FieldType.SEX, FieldType.ENUM):
            options = (
                [
                    ("男", QCoreApplication.translate("DeclareScreen", "男")),
                    ("女", QCoreApplication.translate("DeclareScreen", "女")),
                ]
                if field.type is FieldType.SEX
                else [(o.value, o.label) for o in field.options]
            )
            choice = ChoicePage(scale, field.label, field.help, options, parent)
            choice.chosen.connect(lambda chosen: self._field_given(field_id, chosen))
            return choice
        page: KeypadPage | DatePage | TextPage
        if field.type in KEYPADS:
            kind, length = KEYPADS[field.type]
            page = KeypadPage(scale, field.label, field.help, kind, length, value, parent)
        elif field.type is FieldType.DATE:
            initial = date.fromisoformat(value) if _is_iso(value) else self.flow.today
            page = DatePage(scale, field.label, field.help, initial, parent)
        else:
            page = TextPage(
                scale,
                field.label,
                field.help or QCoreApplication.translate("DeclareScreen", "用屏幕键盘输入。"),
                value,
                parent,
            )
        page.next_clicked.connect(lambda: self._field_given(field_id, page.value()))
        return page

    def _field_given(self, field_id: str, value: Any) -> None:
        problem = self.flow.set_form_value(field_id, value)
        if problem is not None:
            self.screen.show_message(BannerLevel.ERROR, describe(problem))
            return
        self.typed.add(field_id)
        self.screen.forward(Entry("field", field_id))


def _is_iso(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
