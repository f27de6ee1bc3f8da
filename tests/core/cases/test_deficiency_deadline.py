"""容缺 at intake under the rule of core/rules/deficiency.py (深圳市政务服务容缺办理管理办法: the 补齐期限 at
least 2 working days short of the promised limit, the clock running from acceptance), on a real store."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from core.assets import assets_dir
from core.cases.intake import IntakeRequest, MaterialInput
from core.cases.model import EventKind, ItemState
from core.cases.service import CaseService
from core.catalog import load_catalog
from core.config import DeviceConfig
from core.errors import ValidationError
from core.flows.intake import IntakeFlow
from core.receipts import deficiency_notice, render_text
from core.store.store import Store
from tests.conftest import CHINA, FakeClock
from tests.core.flows.test_intake_flow import newborn_answers


def _maternity(make_request: Callable[..., IntakeRequest]) -> IntakeRequest:
    answers = {
        "married": True,
        "follow": "father",
        "want_maternity": True,
        "mother_scheme": "employee",
        "maternity_claim": "allowance",  # the bank card is asked only when the 生育津贴 is claimed
    }
    request = make_request(answers=answers)
    return replace(request, materials={**request.materials, "bank_card": MaterialInput(ItemState.DEFICIENT)})


def test_a_deferred_bank_card_is_due_two_working_days_before_the_promised_date(
    service: CaseService, make_request: Callable[..., IntakeRequest], clock: FakeClock, store: Store
) -> None:
    clock.set(datetime(2026, 9, 30, 10, 0, tzinfo=CHINA))
    case = service.accept(_maternity(make_request))
    assert case.promised_date == date(2026, 10, 27)
    assert case.item("bank_card").deadline == date(2026, 10, 23) == case.deficiency_deadline
    notice = render_text(deficiency_notice(case, DeviceConfig.demo()), width=400)
    assert (
        "补齐期限：2026-10-23 前" in notice
        and "补齐材料后不重新计算" in notice
        and "至少提前 2 个工作日" in notice
    )
    # A deadline staff type past 10-23 is refused, with the latest allowed date.
    late = replace(_maternity(make_request).materials["bank_card"], deadline=date(2026, 10, 26))
    request = _maternity(make_request)
    with pytest.raises(ValidationError, match="最晚为 2026-10-23") as err:
        service.accept(replace(request, materials={**request.materials, "bank_card": late}))
    assert err.value.code == "deficiency.deadline_late"
    # It arrives on 10-09: the clock is not restarted, so the department has until 10-27: 13 working days.
    clock.set(datetime(2026, 10, 9, 15, 0, tzinfo=CHINA))
    done = service.supplement(case.number, ["bank_card"])
    assert done.due_date == date(2026, 10, 27)
    event = [e for e in store.pending_events(100) if e.case_number == case.number][-1]
    assert event.kind == EventKind.SUPPLEMENTED.value and event.payload["department_days"] == 13


def test_a_matter_too_short_to_leave_the_department_time_takes_no_deferral(
    tmp_path: Path, store: Store, clock: FakeClock, make_request: Callable[..., IntakeRequest]
) -> None:
    # 户口登记 promised in 2 working days instead of 5: nothing is left for a 容缺 material it needs.
    root = tmp_path / "catalog"
    shutil.copytree(assets_dir() / "catalog", root)
    items = root / "matters" / "bundle_items.jsonl"
    lines = []
    for line in items.read_text(encoding="utf-8").splitlines():
        row = json.loads(line) if line.strip() else None
        if row is not None and row.get("code") == "11320115TB0000036Q4329000900003":
            row["promise_days"] = 2
        lines.append(line if row is None else json.dumps(row, ensure_ascii=False))
    items.write_text("\n".join(lines) + "\n", encoding="utf-8")
    catalog = load_catalog(root)
    service = CaseService(catalog, store, clock, DeviceConfig.demo(), "window07")
    with pytest.raises(ValidationError) as err:
        service.check(make_request(defer=True))
    assert err.value.code == "material.limit_too_short_for_deferral"
    assert "承诺 2 个工作日办结" in err.value.message and "早 2 个工作日以上" in err.value.message
    assert service.check(make_request()).deficient_items == ()  # brought, it is accepted
    # The window's buttons and the kiosk's pages follow the flow, which offers no 容缺 for it any more.
    for source, offered in ((catalog, False), (load_catalog(), True)):
        flow = IntakeFlow(source, today=clock.now().date())
        flow.choose_bundle("newborn")
        newborn_answers(flow)
        assert (ItemState.DEFICIENT in flow.allowed_states("other_hukou")) is offered
