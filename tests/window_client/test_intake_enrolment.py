"""出生一件事 at the window after 出生即参保 at the hospital: the platform's 办件进度 for the applicant shows
the hospital case, so "已在医院办理出生即参保？" is answered yes and 医保 is not enrolled a second time
(core/flows/newborn_handover.py; 医保办函〔2021〕11号 第十条: the hospital enrolment is the newborn's).
Real parts: the window app, its store, the embedded reference platform, the sync round."""

from __future__ import annotations

from datetime import date, timedelta

from pytestqt.qtbot import QtBot

from core.cases.intake import IntakeRequest
from core.flows.intake import Step
from core.flows.kiosk import Citizen
from core.flows.newborn import NewbornForm
from core.flows.newborn_payment import PaymentChannel
from services.sandbox import EmbeddedPlatform
from tests.window_client.conftest import AppFactory, logged_in
from tests.window_client.intake_steps import WAIT
from tests.window_client.test_main_window import on_store
from window_client.driver import NEWBORN_FORM

MOTHER = Citizen(
    name="林晓雨",
    id_number=NEWBORN_FORM["mother.id_number"],
    id_kind="resident",
    sex="女",
    nation="汉",
)


def hospital_request(today_: date) -> IntakeRequest:
    """The mother's 出生即参保, as the hospital kiosk builds it (core.flows.newborn)."""
    form = NewbornForm(MOTHER, today_)
    assert form.set_certificate("Q320123456") is None and form.set_name("周子墨") is None
    assert form.set_sex("男") is None and form.set_birth_date(today_ - timedelta(days=3)) is None
    assert form.set_phone("13912345678") is None and form.set_payment(PaymentChannel.NOT_YET) is None
    return form.request()


def test_the_hospital_enrolment_answers_the_question(
    qtbot: QtBot, make_app: AppFactory, platform: EmbeddedPlatform
) -> None:
    app = make_app(platform=platform, sync_interval_ms=1_000)
    d = logged_in(qtbot, app)
    today = app.clock.now().date()
    request = hospital_request(today)
    case = on_store(qtbot, app, lambda store: app.ctx.case_service(store, "window01").accept(request))  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: any(c["case_number"] == case.number for c in platform.cases()), timeout=60_000)

    d.place_card(0)  # 林晓雨, the mother
    qtbot.waitUntil(lambda: d.flow.applicant.get("name") == "林晓雨", timeout=WAIT)
    d.next()
    qtbot.waitUntil(lambda: d.on(Step.BUNDLE), timeout=WAIT)
    d.flow.choose_bundle("newborn")
    assert d.flow.answer("born_in_province_hospital", True) is None  # the question becomes open
    qtbot.waitUntil(lambda: d.flow.answers.get("mi_enrolled_at_birth") is True, timeout=WAIT)
    assert "mi_enrol" not in [m.id for m in d.flow.checklist().matters]
    assert case.number in d.intake.banner.message.text  # type: ignore[union-attr]
    assert d.flow.answer("mi_enrolled_at_birth", False) is None  # staff may change it (another child)
    assert "mi_enrol" in [m.id for m in d.flow.checklist().matters]
