"""The 核查 of a 告知承诺 on the case desk: its deadline in the list, and the outcome recorded
(国办发〔2020〕42号: 事中事后核查; 不实 needs what was found)."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from core.cases.intake import IntakeRequest, MaterialInput
from core.cases.model import CheckOutcome, ItemState
from core.catalog import build_checklist
from core.catalog.answers import answers_from_json
from core.catalog.model import Catalog, MaterialSource
from tests.intake_samples import complete_answers, sample_value
from tests.window_client.cases.kit import MOTHER, Desk
from tests.window_client.cases.test_actions import OpenPanel, open_case, succeed
from window_client.cases.dialogs import VerifyDialog
from window_client.cases.models import Column


def committed_request(catalog: Catalog) -> IntakeRequest:
    """A newborn intake for a child over one whose "not registered elsewhere" is promised (告知承诺)."""
    given = {"married": True, "follow": "father", "age_band": "gt_1y"}
    answers = complete_answers(catalog, "newborn", given)
    checklist = build_checklist(catalog, "newborn", answers_from_json(catalog.bundle("newborn"), answers))
    materials = {}
    for item in checklist.items:
        m = item.material
        if m.source is MaterialSource.GENERATED:
            continue
        state = (
            ItemState.COMMITMENT if m.commitment_ok else ItemState.E_LICENCE if m.licence else ItemState.PAPER
        )
        materials[m.id] = MaterialInput(state)
    form = {f.id: sample_value(f) for f in checklist.fields if f.prefill is None}
    form["child.birth_date"] = "2024-05-01"
    return IntakeRequest("newborn", dict(MOTHER), answers, materials, form)


def test_the_desk_lists_a_check_and_records_its_outcome(
    qtbot: QtBot, make_desk: Callable[..., Desk], open_panel: OpenPanel
) -> None:
    desk = make_desk()
    case = desk.accept(committed_request(desk.catalog))
    (item,) = case.open_checks
    assert item.check is not None and item.check.deadline is not None
    desk.login()
    panel = open_panel(desk)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=10_000)
    assert panel.model.index(0, Column.DEADLINE).data() == f"核查 {item.check.deadline.isoformat()}"
    open_case(qtbot, panel, case.number)
    pane = panel.detail_pane
    assert pane.verify_button.isVisible() and pane.verify_button.isEnabled()
    line = next(li for li in pane.items_model.lines if li.cells[0] == item.name)
    assert line.cells[2] == f"核查 {item.check.deadline.isoformat()}" and line.alert
    pane.verify_button.click()
    dialog = panel.case_actions.dialog
    assert isinstance(dialog, VerifyDialog) and dialog.materials.count() == 1
    dialog.false.setChecked(True)
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: "写明核查发现的情况" in dialog.error_text, timeout=10_000)
    dialog.note_edit.setPlainText("户籍系统显示已在外地登记")
    message = succeed(qtbot, panel, dialog.confirm_button.click)
    assert "不实" in message and item.name in message
    qtbot.waitUntil(lambda: not pane.verify_button.isEnabled(), timeout=10_000)
    stored = desk.cases(lambda service, _store: service.get(case.number))
    check = stored.item(item.material_id).check
    assert check is not None and check.outcome is CheckOutcome.FALSE and stored.check_deadline is None
