"""Intake rules (pure): one set of rules for the GUIs and the CLI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from core.cases.intake import IntakeContext, IntakeRequest, MaterialInput, build_case
from core.cases.model import CaseStatus, ItemState
from core.catalog import build_checklist
from core.catalog.answers import answers_from_json
from core.catalog.model import Catalog
from core.errors import NotFoundError, ValidationError
from core.workdays import add_working_days

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=timezone(timedelta(hours=8)))
CTX = IntakeContext(number="32011526112300100013", device_id="dev1", operator="window07", now=NOW)

Make = Callable[..., IntakeRequest]


def test_a_complete_newborn_intake_is_accepted(catalog: Catalog, make_request: Make) -> None:
    case = build_case(catalog, make_request(), CTX)
    assert case.status is CaseStatus.ACCEPTED
    assert case.bundle_id == "newborn" and case.catalog_version == catalog.version
    assert case.applicant.sex == "女" and case.applicant.birth_date == date(1990, 3, 7)
    assert all(i.state.satisfied for i in case.items)
    checklist = build_checklist(
        catalog, "newborn", answers_from_json(catalog.bundle("newborn"), make_request().answers)
    )
    assert [i.material_id for i in case.items] == [i.material.id for i in checklist.items]
    assert {m.matter_id for m in case.matters} == {m.id for m in checklist.matters}
    assert case.promised_date == add_working_days(NOW.date(), checklist.promise_days)


def test_prefilled_fields_come_from_the_applicant(catalog: Catalog, make_request: Make) -> None:
    case = build_case(catalog, make_request(), CTX)
    bundle_fields = build_checklist(catalog, "newborn", case.answers).fields
    prefilled = [f for f in bundle_fields if f.prefill == "id_card.name"]
    assert prefilled, "the newborn form should take a name from the ID card"
    for f in prefilled:
        assert case.form[f.id] == "林晓雨"


def test_wrong_check_digit_names_the_field_in_chinese(catalog: Catalog, make_request: Make) -> None:
    request = make_request(applicant={"name": "林晓雨", "id_number": "320115199003070044"})
    with pytest.raises(ValidationError) as info:
        build_case(catalog, request, CTX)
    assert info.value.field == "applicant.id_number"
    assert "校验" in info.value.message


def test_unknown_bundle(catalog: Catalog, make_request: Make) -> None:
    with pytest.raises(NotFoundError, match="没有找到"):
        build_case(catalog, replace(make_request(), bundle_id="wedding"), CTX)


def test_every_material_must_be_handled(catalog: Catalog, make_request: Make) -> None:
    request = make_request()
    first = next(iter(request.materials))
    materials = {k: v for k, v in request.materials.items() if k != first}
    with pytest.raises(ValidationError) as info:
        build_case(catalog, replace(request, materials=materials), CTX)
    assert info.value.field == f"materials.{first}"


def test_a_material_outside_the_checklist_is_refused(catalog: Catalog, make_request: Make) -> None:
    request = make_request()  # married: the paternity test is not on the list
    materials = {**request.materials, "dna": MaterialInput(ItemState.PAPER)}
    with pytest.raises(ValidationError, match="本情形不需要材料"):
        build_case(catalog, replace(request, materials=materials), CTX)


def test_core_materials_cannot_be_deficient(catalog: Catalog, make_request: Make) -> None:
    request = make_request()
    checklist = build_checklist(
        catalog, "newborn", answers_from_json(catalog.bundle("newborn"), request.answers)
    )
    core = next(i.material for i in checklist.items if i.material.core)
    materials = {**request.materials, core.id: MaterialInput(ItemState.DEFICIENT)}
    with pytest.raises(ValidationError, match="核心材料，不能容缺"):
        build_case(catalog, replace(request, materials=materials), CTX)


def test_deficiency_gets_a_deadline_that_leaves_the_department_time(
    catalog: Catalog, make_request: Make
) -> None:
    # 深圳市政务服务容缺办理管理办法 (core/rules/deficiency.py): 2 working days shorter than the promised limit.
    case = build_case(catalog, make_request(defer=True), CTX)
    assert case.status is CaseStatus.ACCEPTED_DEFICIENT
    (item,) = case.deficient_items
    limit = min(m.promise_days for m in case.matters if m.matter_id in item.matters)
    assert (item.material_id, limit) == ("other_hukou", 5)  # 户口登记: due Mon 11-30
    assert item.deadline == date(2026, 11, 26) == add_working_days(NOW.date(), limit - 2)
    assert case.deficiency_deadline == item.deadline


def test_a_deficiency_deadline_past_the_promised_days_is_refused(
    catalog: Catalog, make_request: Make
) -> None:
    request = make_request(defer=True)
    material_id, given = next((k, v) for k, v in request.materials.items() if v.state is ItemState.DEFICIENT)
    late = replace(given, deadline=NOW.date() + timedelta(days=400))
    with pytest.raises(ValidationError, match="须在承诺办结前留给部门办理时间"):
        build_case(catalog, replace(request, materials={**request.materials, material_id: late}), CTX)
    past = replace(given, deadline=NOW.date())
    with pytest.raises(ValidationError, match="应晚于今天"):
        build_case(catalog, replace(request, materials={**request.materials, material_id: past}), CTX)


def test_commitment_only_where_the_catalog_allows(catalog: Catalog, make_request: Make) -> None:
    request = make_request()
    checklist = build_checklist(
        catalog, "newborn", answers_from_json(catalog.bundle("newborn"), request.answers)
    )
    not_ok = next(
        i.material
        for i in checklist.items
        if not i.material.commitment_ok and i.material.id in request.materials
    )
    materials = {**request.materials, not_ok.id: MaterialInput(ItemState.COMMITMENT)}
    with pytest.raises(ValidationError, match="不适用告知承诺"):
        build_case(catalog, replace(request, materials=materials), CTX)


def test_commitment_records_the_signed_text(catalog: Catalog, make_request: Make) -> None:
    for bundle in catalog.bundles.values():
        try:
            request = make_request(bundle.id, commit=True)
        except AssertionError:
            continue
        case = build_case(catalog, request, CTX)
        committed = [i for i in case.items if i.state is ItemState.COMMITMENT]
        if committed:
            assert all(i.commitment_text for i in committed)
            return
    pytest.fail("no bundle offers 告知承诺 in its default situation")


def test_scanned_needs_pages_and_records_their_digests(catalog: Catalog, make_request: Make) -> None:
    request = make_request(scan=True)
    case = build_case(catalog, request, CTX)
    scanned = [i for i in case.items if i.state is ItemState.SCANNED]
    assert scanned and all(len(i.attachments[0]) == 64 for i in scanned)
    material_id = scanned[0].material_id
    empty = replace(request.materials[material_id], pages=())
    with pytest.raises(ValidationError, match="没有扫描页"):
        build_case(catalog, replace(request, materials={**request.materials, material_id: empty}), CTX)


def test_unanswered_relevant_question_is_named(catalog: Catalog, make_request: Make) -> None:
    request = make_request()
    answers = {k: v for k, v in request.answers.items() if k != "married"}
    with pytest.raises(ValidationError) as info:
        build_case(catalog, replace(request, answers=answers), CTX)
    assert info.value.field == "answers.married"


def test_form_fields_are_validated_and_unknown_ones_refused(catalog: Catalog, make_request: Make) -> None:
    request = make_request()
    phone_field = next(k for k in request.form if k.endswith("phone"))
    with pytest.raises(ValidationError) as info:
        build_case(catalog, replace(request, form={**request.form, phone_field: "12345"}), CTX)
    assert info.value.field == f"form.{phone_field}"
    with pytest.raises(ValidationError, match="这一栏"):
        build_case(catalog, replace(request, form={**request.form, "child.shoe_size": "20"}), CTX)


@pytest.mark.parametrize(
    "bundle_id",
    [
        "newborn", "school_entry", "sscard_onecard", "retirement", "disability", "veteran", "used_home_transfer",
        "change_company_info", "open_transport_company", "open_restaurant", "bankruptcy_info_check",
        "utilities_joint_connection", "ipo_compliance_check",
    ],
)  # fmt: skip
def test_every_bundle_can_be_taken_in(catalog: Catalog, make_request: Make, bundle_id: str) -> None:
    case = build_case(catalog, make_request(bundle_id), CTX)
    assert case.status is CaseStatus.ACCEPTED
    assert case.matters and case.items
