"""The intake flow's 补正告知 / 不予受理 (行政许可法 §32) and its 信用核查 (失信: no 告知承诺, no 容缺,
国办发〔2020〕42号), Qt-free, into a real store."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from core.cases.intake import MaterialInput
from core.cases.model import CaseStatus, CreditStanding, ItemState, RefusalKind
from core.cases.refusal import missing_items
from core.cases.service import CaseService
from core.catalog import load_catalog
from core.catalog.model import Catalog, MaterialSource
from core.config import DeviceConfig
from core.errors import ValidationError
from core.flows.intake import CardData, IntakeFlow, Part, Step
from core.store.store import Store

TODAY = date(2026, 11, 23)
MOTHER = CardData(
    "林晓雨", "320115199003070043", "女", "汉", date(1990, 3, 7), "南京市江宁区东山街道竹山路 8 号"
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def _flow(catalog: Catalog, changes: list[Part] | None = None) -> IntakeFlow:
    flow = IntakeFlow(
        catalog, today=TODAY, on_change=lambda c: changes.append(c.part) if changes is not None else None
    )
    flow.set_applicant_from_card(MOTHER)
    flow.choose_bundle("newborn")
    while flow.checklist().unanswered:
        q = flow.checklist().unanswered[0]
        value: Any = {"bool": True, "int": 1}.get(q.type.value, q.options[0].value if q.options else None)
        if q.id == "age_band":
            value = "gt_1y"  # a child over one: 未在其他地方登记户口 may rest on a commitment
        assert flow.answer(q.id, value) is None
    return flow


def _some_materials(flow: IntakeFlow, leave_out: int) -> list[str]:
    """Record every material but the first ``leave_out``; returns the ones left out."""
    left = []
    for item in flow.items():
        m = item.material
        if m.source is MaterialSource.GENERATED:
            continue
        if len(left) < leave_out:
            left.append(m.id)
            continue
        assert (
            flow.set_material(m.id, MaterialInput(ItemState.E_LICENCE if m.licence else ItemState.PAPER))
            is None
        )
    return left


def test_a_supplement_from_the_checklist_lists_what_is_missing_and_ends_the_intake(
    catalog: Catalog, tmp_path: Path, clock: Any
) -> None:
    flow = _flow(catalog)
    missing = _some_materials(flow, 2)
    assert flow.go(Step.CHECKLIST) == []
    preview = flow.refusal_preview(RefusalKind.SUPPLEMENT)
    assert [i.material_id for i in missing_items(preview)] == missing
    with pytest.raises(ValidationError) as no_reason:
        flow.refusal_preview(RefusalKind.REJECT)
    assert no_reason.value.code == "refusal.no_reason"
    with Store.open(tmp_path / "data", clock=clock) as store:
        service = CaseService(catalog, store, clock, DeviceConfig.demo(), "window01")
        case = service.refuse(
            flow.refusal_request(RefusalKind.SUPPLEMENT, defects={missing[0]: "复印件不清晰"})
        )
    assert case.status is CaseStatus.SUPPLEMENT_NOTIFIED and case.item(missing[0]).note == "复印件不清晰"
    flow.accepted(case)
    assert flow.current is Step.DONE and flow.case == case
    assert flow.go(Step.CHECKLIST) != []  # nothing more to do in this intake


def test_a_dishonest_applicant_is_offered_neither_commitment_nor_deferral(catalog: Catalog) -> None:
    changes: list[Part] = []
    flow = _flow(catalog, changes)
    commit = next(i.material for i in flow.items() if i.material.commitment_ok)
    defer = next(i.material for i in flow.items() if i.material.deferrable and not i.material.core)
    assert ItemState.COMMITMENT in flow.allowed_states(commit.id)
    assert flow.set_material(defer.id, MaterialInput(ItemState.DEFICIENT)) is None
    flow.set_credit(CreditStanding.DISHONEST, "110101199003070000")  # someone else's answer: ignored
    assert flow.credit is CreditStanding.UNKNOWN
    flow.set_credit(CreditStanding.DISHONEST, MOTHER.id_number)
    assert flow.credit is CreditStanding.DISHONEST and changes[-1] is Part.CREDIT
    assert ItemState.COMMITMENT not in flow.allowed_states(commit.id)
    assert ItemState.DEFICIENT not in flow.allowed_states(defer.id)
    problem = flow.set_material(commit.id, MaterialInput(ItemState.COMMITMENT))
    assert problem is not None and problem.code == "credit.no_commitment"
    codes = [p.code for p in flow.problems(Step.CHECKLIST)]
    assert "credit.no_deferral" in codes  # the 容缺 recorded before the answer is now a problem
    flow.set_applicant_from_card(
        CardData("周建国", "320115198805120036", "男", "汉", date(1988, 5, 12), "南京")
    )
    assert flow.credit is CreditStanding.UNKNOWN  # another applicant: the answer no longer holds


def test_the_commitment_dialog_is_told_what_is_checked_and_by_when(catalog: Catalog) -> None:
    flow = _flow(catalog)
    commit = next(i for i in flow.items() if i.material.commitment_ok)
    check = flow.commitment_check(commit.material.id)
    assert check.what and check.outcome is None
    limits = [m.promise_days for m in flow.checklist().matters if m.id in commit.matters]
    assert (check.deadline is None) == (None in limits)
