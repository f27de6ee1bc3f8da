"""Cases → 办件 records: a newborn bundle and a single matter, through their lives, with their codes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from core.banjian import BanjianRecord, HandleState, banjian_records
from core.cases.intake import IntakeRequest, MaterialInput
from core.cases.model import CaseStatus, ItemState, MatterStatus, RefusalKind
from core.cases.refusal import RefusalRequest
from core.cases.service import CaseService
from core.catalog.model import Catalog
from core.errors import ValidationError
from tests.core.banjian.conftest import MOTHER, SINGLE

H = HandleState
Make = Callable[..., IntakeRequest]


def _codes(record: BanjianRecord) -> list[str]:
    return [p.state.value for p in record.process]


def test_a_newborn_bundle_becomes_one_record_per_matter_with_the_catalogs_codes(
    service: CaseService, make_request: Make, catalog: Catalog
) -> None:
    case = service.accept(make_request("newborn"))
    records = banjian_records(case, catalog)

    assert [r.matter_id for r in records] == [m.matter_id for m in case.matters]
    assert len(records) >= 3
    for record, m in zip(records, case.matters, strict=True):
        matter = catalog.matter_by_code(m.code)
        assert matter is not None
        assert record.implementation_code == m.code == matter.code
        assert record.basic_code == matter.basic_code
        assert record.agency == matter.agency
        assert record.org_code == matter.code[:18]  # the 实施主体编码 inside a national-shape 实施编码
        assert record.official_number is None  # not bound yet
        assert record.local_number == case.number
        assert record.state is H.ACCEPTED
        assert _codes(record) == ["1", "3"]
        assert record.process[0].handler == "window07"
        assert record.area_code == case.number[:6]
        assert record.accepted_at == case.created_at
        assert record.project_name == f"{case.bundle_name}：{m.name}"
        assert record.applicant.name == MOTHER["name"] and record.applicant.kind == "1"
        assert record.settlement is None
        # Each record carries the materials its matter needs, and only those.
        wanted = {i.material_id for i in case.items if not i.matters or m.matter_id in i.matters}
        assert {x.material_id for x in record.materials} == wanted
        assert [x.sort for x in record.materials] == list(range(1, len(record.materials) + 1))
    licensed = [x for r in records for x in r.materials if x.provided is ItemState.E_LICENCE]
    assert licensed and all(x.licence_type and x.taken for x in licensed)


def test_the_bundles_records_follow_dispatch_results_and_the_official_number(
    service: CaseService, make_request: Make, catalog: Catalog, clock: Any
) -> None:
    case = service.accept(make_request("newborn"))
    clock.advance(hours=1)
    case = service.dispatch(case.number)
    assert {r.state for r in banjian_records(case, catalog)} == {H.DEPARTMENT_STARTED}
    assert all(_codes(r) == ["1", "3", "8"] for r in banjian_records(case, catalog))

    first, second, *rest = case.matters
    clock.advance(hours=1)
    service.record_matter_result(case.number, first.matter_id, MatterStatus.DONE, "出生医学证明已签发")
    clock.advance(hours=1)
    case = service.record_matter_result(case.number, second.matter_id, MatterStatus.REJECTED, "材料不符")
    records = {r.matter_id: r for r in banjian_records(case, catalog)}
    done, refused = records[first.matter_id], records[second.matter_id]
    assert done.state is H.SETTLED and _codes(done) == ["1", "3", "11"]
    assert done.settlement is not None and done.settlement.result == "出生医学证明已签发"
    assert done.settlement.handler == first.dept_name
    assert refused.state is H.SETTLED_DENIED and refused.settlement is not None
    assert refused.process[-1].opinion == "材料不符"
    assert all(records[m.matter_id].state is H.DEPARTMENT_STARTED for m in rest)

    case = service.bind_official_number(case.number, "11320115TB000001XX432900090000120261123000001", "r-1")
    records_now = banjian_records(case, catalog)
    assert {r.official_number for r in records_now} == {case.official_number}
    assert {r.local_number for r in records_now} == {case.number}  # the local number stays on every record


def test_a_single_matter_becomes_one_record_with_its_handling_item(
    service: CaseService, make_request: Make, catalog: Catalog
) -> None:
    case = service.accept(make_request(SINGLE))
    (record,) = banjian_records(case, catalog)
    matter = catalog.matters[SINGLE]
    assert record.implementation_code == matter.code
    assert record.handling_item_code == matter.items[0].code  # the one 业务办理项
    assert record.project_name == matter.name
    assert record.promise_days == case.matters[0].promise_days


def test_a_deficient_acceptance_is_accepted_and_settles_as_deficient(
    service: CaseService, make_request: Make, catalog: Catalog
) -> None:
    case = service.accept(make_request("newborn", defer=True))
    assert case.status is CaseStatus.ACCEPTED_DEFICIENT
    records = banjian_records(case, catalog)
    assert {r.state for r in records} == {H.ACCEPTED}
    assert all(r.process[1].opinion == "容缺受理" for r in records)
    deficient = [x for r in records for x in r.materials if x.provided is ItemState.DEFICIENT]
    assert deficient and all(not x.taken and x.taken_at is None and x.deficiency_deadline for x in deficient)

    holder = next(r for r in records if any(x.provided is ItemState.DEFICIENT for x in r.materials))
    case = service.dispatch(case.number)
    case = service.record_matter_result(case.number, holder.matter_id, MatterStatus.DONE, "已办结")
    settled = next(r for r in banjian_records(case, catalog) if r.matter_id == holder.matter_id)
    assert settled.state is H.SETTLED_DEFICIENT and settled.process[-1].state is H.SETTLED_DEFICIENT


def test_an_overdue_deficiency_terminates_every_open_matter(
    service: CaseService, make_request: Make, catalog: Catalog, clock: Any
) -> None:
    case = service.accept(make_request("newborn", defer=True))
    deadline = case.deficiency_deadline
    assert deadline is not None
    clock.advance(days=(deadline - clock.now().date()).days + 1)
    (case,) = service.terminate_overdue()
    for record in banjian_records(case, catalog):
        assert record.state is H.SETTLED_DENIED
        assert record.process[-1].node == "终止办理" and "容缺材料逾期未补齐" in record.process[-1].opinion
        assert record.settlement is not None and record.settlement.at == case.status_changed_at


def test_a_withdrawal_is_reported_as_withdrawn(
    service: CaseService, make_request: Make, catalog: Catalog
) -> None:
    case = service.withdraw(service.accept(make_request(SINGLE)).number, "申请人不再办理")
    (record,) = banjian_records(case, catalog)
    assert record.state is H.WITHDRAWN and _codes(record) == ["1", "3", "14"]
    assert "申请人不再办理" in record.process[-1].opinion
    assert record.process[-1].handler == ""  # the case does not keep who withdrew it: nobody is named
    assert record.settlement is None


@pytest.mark.parametrize(
    ("kind", "state"), [(RefusalKind.SUPPLEMENT, H.SUPPLEMENT_STARTED), (RefusalKind.REJECT, H.REFUSED)]
)
def test_an_application_not_accepted_is_received_then_refused(
    service: CaseService, make_request: Make, catalog: Catalog, kind: RefusalKind, state: HandleState
) -> None:
    intake = make_request(SINGLE)
    missing = dict(list(intake.materials.items())[1:])  # one material not brought
    request = RefusalRequest(kind, replace(intake, materials=missing), reason="申请材料不齐全")
    case = service.refuse(request)
    (record,) = banjian_records(case, catalog)
    assert record.state is state and _codes(record) == ["1", state.value]
    assert record.accepted_at is None
    assert record.process[-1].opinion == "申请材料不齐全"
    assert record.process[-1].node == kind.label


def test_a_helper_is_the_agent_and_ratings_travel_with_every_record(
    service: CaseService, make_request: Make, catalog: Catalog
) -> None:
    case = service.accept(make_request("newborn", proxy=True))
    case = service.evaluate(case.number, 2, "等候时间太长", helper_present=True)
    for record in banjian_records(case, catalog):
        assert record.agent is not None
        assert record.agent.name == "周帮办" and record.agent.organisation == "东山街道便民服务中心"
        assert record.agent.valid_until.isoformat() == "2027-01-31"
        (rating,) = record.ratings
        assert (rating.number, rating.level, rating.text, rating.helper_present) == (
            1,
            2,
            "等候时间太长",
            True,
        )
        rectification = case.evaluations[0].rectification
        assert rating.follow_up is not None and rectification is not None  # a 差评 opens its 整改
        assert rating.follow_up.rectify_by == rectification.deadline


def test_a_draft_is_not_a_banjian(service: CaseService, make_request: Make, catalog: Catalog) -> None:
    case = replace(service.accept(make_request(SINGLE)), status=CaseStatus.DRAFT)
    with pytest.raises(ValidationError) as raised:
        banjian_records(case, catalog)
    assert raised.value.field == "status" and raised.value.code == "banjian.draft"


def test_an_e_licence_number_is_kept_with_the_case_and_sent_in_the_record(
    service: CaseService, make_request: Make, catalog: Catalog
) -> None:
    request = make_request("newborn")
    licensed = next(k for k, v in request.materials.items() if v.state is ItemState.E_LICENCE)
    materials = {
        **request.materials,
        licensed: replace(request.materials[licensed], licence_number=" Q320123456 "),
    }
    number = service.accept(replace(request, materials=materials)).number
    case = service.get(number)  # read back from the encrypted store
    assert case.item(licensed).licence_number == "Q320123456"
    sent = [x for r in banjian_records(case, catalog) for x in r.materials if x.material_id == licensed]
    assert sent and all(x.licence_number == "Q320123456" and x.licence_type for x in sent)


@pytest.mark.parametrize(
    ("state", "number", "code"),
    [
        (ItemState.PAPER, "Q320123456", "material.licence_number_unexpected"),
        (ItemState.E_LICENCE, "Q3201\n23456", "material.licence_number_invalid"),
        (ItemState.E_LICENCE, "Q" * 65, "material.licence_number_invalid"),
    ],
)
def test_a_licence_number_only_for_an_e_licence_and_only_one_line(
    service: CaseService, make_request: Make, state: ItemState, number: str, code: str
) -> None:
    request = make_request("newborn")
    licensed = next(k for k, v in request.materials.items() if v.state is ItemState.E_LICENCE)
    given = MaterialInput(state, licence_number=number)
    with pytest.raises(ValidationError) as raised:
        service.accept(replace(request, materials={**request.materials, licensed: given}))
    assert raised.value.field == f"materials.{licensed}" and raised.value.code == code
