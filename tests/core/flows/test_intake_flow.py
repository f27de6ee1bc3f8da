"""The window intake as a Qt-free step machine, end to end into a real store."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from core.cases.intake import MaterialInput
from core.cases.model import CaseStatus, ItemState
from core.cases.service import CaseService
from core.catalog import load_catalog
from core.catalog.model import Catalog, FieldType, MaterialSource
from core.config import DeviceConfig
from core.flows.intake import CardData, IntakeFlow, Step
from core.store.store import Store

TODAY = date(2026, 11, 23)
MOTHER = CardData(
    "林晓雨", "320115199003070043", "女", "汉", date(1990, 3, 7), "南京市江宁区东山街道竹山路 8 号"
)
PNG = b"\x89PNG\r\n\x1a\n signature"
VALUES: dict[FieldType, Any] = {
    FieldType.NAME: "周子墨",
    FieldType.ID_NUMBER: "320115198805120036",
    FieldType.PHONE: "13912345678",
    FieldType.DATE: "2026-11-18",
    FieldType.SEX: "男",
    FieldType.ADDRESS: "南京市江宁区东山街道竹山路 8 号",
    FieldType.BIRTH_CERT_NO: "Q320123456",
    FieldType.BANK_ACCOUNT: "6222021001123456789",
    FieldType.TEXT: "汉",
    FieldType.INT: 1,
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def newborn_answers(flow: IntakeFlow, **overrides: Any) -> None:
    answers = {
        "born_in_province_hospital": True, "age_band": "lt_1m", "married": True, "follow": "father",
        "hukou_type": "family", "same_ethnicity": True, "surname": "father", "want_sscard": False,
        "want_maternity": True, "mother_scheme": "employee", "maternity_claim": "allowance",
        "birth_cert_issued": False, "mi_enrolled_at_birth": False,
    } | overrides  # fmt: skip
    for key, value in answers.items():
        if key in {q.id for q in flow.questions()}:
            assert flow.answer(key, value) is None


def fill_everything(flow: IntakeFlow) -> None:
    for item in flow.items():
        m = item.material
        if m.source is MaterialSource.GENERATED:
            continue
        state = ItemState.E_LICENCE if m.licence else ItemState.PAPER
        assert flow.set_material(m.id, MaterialInput(state)) is None
    for field in flow.fields():
        if not flow.field_value(field):
            value = field.options[0].value if field.options else VALUES[field.type]
            if field.id == "mother.id_number":
                value = MOTHER.id_number  # the catalog checks that a mother's number is a woman's
            assert flow.set_form_value(field.id, value) is None, field.id


def test_steps_and_the_rail(catalog: Catalog) -> None:
    flow = IntakeFlow(catalog, today=TODAY)
    assert flow.steps == (
        Step.APPLICANT, Step.BUNDLE, Step.QUESTIONS, Step.CHECKLIST, Step.FORM, Step.SIGNATURE, Step.REVIEW, Step.DONE,
    )  # fmt: skip
    assert IntakeFlow(catalog, today=TODAY, proxy=True).steps[1] is Step.PROXY
    assert flow.reachable(Step.APPLICANT) and not flow.reachable(Step.BUNDLE)
    problems = flow.go(Step.FORM)
    assert flow.current is Step.APPLICANT and problems[0].field == "applicant.name"


def test_inline_validation_of_typed_applicant(catalog: Catalog) -> None:
    flow = IntakeFlow(catalog, today=TODAY)
    assert flow.set_applicant_field("name", "林晓雨") is None
    problem = flow.set_applicant_field("id_number", "320115199003070044")
    assert problem is not None and problem.field == "applicant.id_number" and "校验" in problem.message
    assert flow.set_applicant_field("id_number", "320115199003070043") is None
    assert flow.applicant_source == "typed"
    assert flow.next() == [] and flow.current is Step.BUNDLE


def test_questions_follow_the_answers_and_the_checklist_follows_them(catalog: Catalog) -> None:
    flow = IntakeFlow(catalog, today=TODAY)
    flow.set_applicant_from_card(MOTHER)
    flow.choose_bundle(flow.search("cs", kind="bundle")[0].id)
    assert flow.bundle.id == "newborn" and flow.recent[0] == "newborn"
    assert "late_reason" not in [q.id for q in flow.questions()]
    flow.answer("age_band", "1m_to_1y")
    assert "late_reason" in [q.id for q in flow.questions()]
    flow.answer("age_band", "lt_1m")
    assert "late_reason" not in [q.id for q in flow.questions()]
    flow.answer("married", False)
    flow.answer("follow", "father")
    ids = [i.material.id for i in flow.items()]
    assert "dna" in ids and "marriage_cert" not in ids
    assert flow.set_material("dna", MaterialInput(ItemState.PAPER)) is None
    flow.answer("married", True)
    ids = [i.material.id for i in flow.items()]
    assert "dna" not in ids and "marriage_cert" in ids
    assert "dna" not in flow.materials  # dropped with the answer that needed it
    assert flow.answer("married", "perhaps") is not None


def test_material_rules_are_told_at_once(catalog: Catalog) -> None:
    flow = IntakeFlow(catalog, today=TODAY)
    flow.set_applicant_from_card(MOTHER)
    flow.choose_bundle("newborn")
    newborn_answers(flow)
    problem = flow.set_material("mother_id", MaterialInput(ItemState.DEFICIENT))
    assert problem is not None and "核心材料" in problem.message
    assert ItemState.DEFICIENT in flow.allowed_states("bank_card")
    assert ItemState.DEFICIENT not in flow.allowed_states("mother_id")
    limit = flow.deficiency_limit("bank_card")
    assert flow.set_material("bank_card", MaterialInput(ItemState.DEFICIENT, deadline=limit)) is None
    late = MaterialInput(ItemState.DEFICIENT, deadline=date(2027, 6, 1))
    assert flow.set_material("bank_card", late) is not None
    assert flow.add_page("host_hukou", b"\xff\xd8page1") is None
    assert flow.add_page("host_hukou", b"\xff\xd8page2") is None
    assert len(flow.materials["host_hukou"].pages) == 2


def test_form_prefills_from_the_card_and_history(catalog: Catalog) -> None:
    flow = IntakeFlow(catalog, today=TODAY)
    flow.set_applicant_from_card(MOTHER)
    flow.choose_bundle("newborn")
    newborn_answers(flow)
    by_id = {f.id: f for f in flow.fields()}
    assert flow.field_value(by_id["applicant.name"]) == "林晓雨"
    flow.prefill_from_history({"hukou.address": "南京市江宁区东山街道竹山路 8 号", "not.a.field": "x"})
    assert flow.field_value(by_id["hukou.address"]) == "南京市江宁区东山街道竹山路 8 号"
    problem = flow.set_form_value("applicant.phone", "12345")
    assert problem is not None and problem.field == "form.applicant.phone"
    assert flow.set_form_value("applicant.phone", "13912345678") is None


def test_a_whole_intake_into_the_store(catalog: Catalog, tmp_path: Path, clock: Any) -> None:
    flow = IntakeFlow(catalog, today=clock.now().date())
    flow.set_applicant_from_card(MOTHER)
    assert flow.next() == []
    flow.choose_bundle("newborn")
    assert flow.next() == []
    newborn_answers(flow)
    assert flow.next() == []
    fill_everything(flow)
    assert flow.set_material("bank_card", MaterialInput(ItemState.DEFICIENT)) is None
    assert flow.next() == [] and flow.current is Step.FORM
    assert flow.next() == [] and flow.current is Step.SIGNATURE
    assert flow.next()[0].field == "signature"
    flow.set_signature(PNG)
    assert flow.next() == [] and flow.current is Step.REVIEW
    preview = flow.preview()
    assert preview.status is CaseStatus.ACCEPTED_DEFICIENT and preview.applicant.source == "id_card"
    with Store.open(tmp_path / "data", clock=clock) as store:
        case = CaseService(catalog, store, clock, DeviceConfig.demo(), "window07").accept(flow.request())
        assert store.has_attachment(case.signature or "")
    flow.accepted(case)
    assert flow.current is Step.DONE and flow.reachable(Step.DONE) and not flow.reachable(Step.FORM)
    assert flow.go(Step.FORM)[0].field == "case"


def test_proxy_step_blocks_until_the_authorisation_is_complete(catalog: Catalog) -> None:
    flow = IntakeFlow(catalog, today=TODAY, proxy=True)
    flow.set_applicant_from_card(MOTHER)
    assert flow.next() == [] and flow.current is Step.PROXY
    assert flow.next()[0].field == "proxy.valid_until"
    flow.set_proxy_field("valid_until", date(2026, 12, 31))
    assert flow.next()[0].field == "proxy.helper_name"
    for key, value in {
        "helper_name": "赵帮办", "helper_id_number": "320115198805120036", "scope": "代办出生一件事",
        "signature": PNG, "photo": b"\xff\xd8photo",
    }.items():  # fmt: skip
        flow.set_proxy_field(key, value)
    assert flow.next() == [] and flow.current is Step.BUNDLE
    proxy = flow.proxy_input()
    assert proxy is not None and proxy.helper_name == "赵帮办"
