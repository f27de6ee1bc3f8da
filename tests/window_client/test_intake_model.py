"""The window's intake screen is a view of the flow: what changes the flow (any page, or the flow
itself) comes back through IntakeModel, and the flow's own rule voids a signature that no longer fits."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from core.flows.intake import Step
from tests.core.flows.test_intake_flow import MOTHER, PNG, fill_everything, newborn_answers
from tests.window_client.conftest import AppFactory, logged_in
from tests.window_client.test_intake_card import QUIET_READER, WINDOW_STAFF, add_staff, shown
from window_client.intake.form_page import FormPage

WAIT = 20_000


def test_the_screen_follows_the_flow_and_a_change_after_signing_asks_for_a_new_signature(
    qtbot: QtBot, make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(reader=QUIET_READER)
    add_staff(tmp_path / "data")
    d = logged_in(qtbot, app, *WINDOW_STAFF[::2])
    flow = d.flow
    flow.set_applicant_from_card(MOTHER)  # through no page: the flow tells the screen itself
    qtbot.waitUntil(lambda: "林晓雨" in d.intake.who.text(), timeout=WAIT)
    flow.choose_bundle("newborn")
    newborn_answers(flow)
    fill_everything(flow)
    qtbot.waitUntil(lambda: "事项" in d.intake.who.text(), timeout=WAIT)
    flow.set_signature(PNG)
    assert flow.go(Step.REVIEW) == []
    qtbot.waitUntil(lambda: d.on(Step.REVIEW), timeout=WAIT)

    d.intake.rail.step_chosen.emit(flow.steps.index(Step.FORM))  # back to the form on the rail
    qtbot.waitUntil(lambda: d.on(Step.FORM), timeout=WAIT)
    assert flow.signature == PNG and "重新签名" not in shown(d)  # looking is not changing
    page = d.intake.pages[Step.FORM]
    assert isinstance(page, FormPage)
    target = page.editors["bank.name"].focus_target()
    page.scroll_area.ensureWidgetVisible(target)
    d.type_into(target, "中国银行南京分行")
    qtbot.waitUntil(lambda: flow.form.get("bank.name") == "中国银行南京分行", timeout=WAIT)
    assert flow.signature is None and "重新签名" in shown(d)
    problems = d.intake.model.move("go", Step.REVIEW)
    assert problems[0].field == "signature"
    qtbot.waitUntil(lambda: d.on(Step.SIGNATURE), timeout=WAIT)
