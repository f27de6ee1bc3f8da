"""The 出生即参保 form rules (core.flows.newborn): values, steps, the request the case service accepts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from core.cases.intake import IntakeContext, build_case
from core.cases.model import ItemState, MatterStatus
from core.catalog.loader import load_catalog
from core.catalog.model import Catalog
from core.errors import NotFoundError, ValidationError
from core.flows.kiosk import Citizen
from core.flows.newborn import (
    BIRTH_CERT,
    BUNDLE_ID,
    GUARDIAN_ID,
    NewbornForm,
    NewbornStep,
    check_catalog,
    enrolment_outcome,
    one_year_before,
    receipt_notes,
    shift_date,
)
from core.flows.newborn_payment import PaymentChannel

TODAY = date(2026, 3, 10)
FATHER = Citizen(
    name="周建国",
    id_number="320115198805120036",
    id_kind="resident",
    sex="男",
    birth_date=date(1988, 5, 12),
    address="南京市江宁区东山街道竹山路8号",
    nation="汉",
)
LICENCE = {
    "found": True,
    "licence": "birth_medical_cert",
    "holder_name": "周子墨",
    "licence_number": "Q320123456",
    "issued_by": "南京市江宁区妇幼保健院",
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def filled(form: NewbornForm) -> NewbornForm:
    assert form.set_certificate("q320123456") is None
    assert form.set_name("周子墨") is None
    assert form.set_sex("男") is None
    assert form.set_birth_date(TODAY - timedelta(days=2)) is None
    assert form.set_phone("138 1234 5678") is None
    assert form.set_payment(PaymentChannel.NOT_YET) is None
    return form


def test_the_bundle_has_what_the_flow_fills(catalog: Catalog) -> None:
    check_catalog(catalog)
    bundle = catalog.bundle(BUNDLE_ID)
    broken = replace(catalog, bundles={**catalog.bundles, BUNDLE_ID: replace(bundle, materials={})})
    with pytest.raises(NotFoundError, match="医保经办窗口"):
        check_catalog(broken)


def test_the_certificate_number_is_checked_and_normalised() -> None:
    form = NewbornForm(FATHER, TODAY)
    problem = form.set_certificate("Q12345")
    assert problem is not None and "10 位" in problem.message and form.cert_no == ""
    problem = form.set_certificate("3201234567")
    assert problem is not None and "字母" in problem.message
    assert form.set_certificate(" q320123456 ") is None and form.cert_no == "Q320123456"


def test_the_e_licence_verifies_the_number_and_names_the_baby() -> None:
    form = NewbornForm(FATHER, TODAY)
    form.set_certificate("Q320123456")
    assert form.apply_licence(LICENCE) is None
    assert form.licence.verified and form.child_name == "周子墨"
    form.set_certificate("Q320123457")  # another number: the look-up no longer counts
    assert not form.licence.checked


def test_an_e_licence_with_another_number_or_none_is_not_verified() -> None:
    form = NewbornForm(FATHER, TODAY)
    form.set_certificate("Q320123457")
    problem = form.apply_licence(LICENCE)
    assert problem is not None and "Q320123456" in problem.message and "不一致" in problem.message
    assert not form.licence.verified and form.child_name == ""
    problem = form.apply_licence({"found": False, "licence": "birth_medical_cert"})
    assert problem is not None and "暂未查到" in problem.message and form.licence.checked


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (TODAY + timedelta(days=1), "不能晚于今天"),
        (date(1988, 5, 12), "不能早于您本人"),
        (date(2025, 3, 10), "已满一周岁"),
        (None, "请选择"),
    ],
)
def test_impossible_birth_dates_are_refused_in_chinese(day: date | None, words: str) -> None:
    form = NewbornForm(FATHER, TODAY)
    problem = form.birth_date_problem(day)
    assert problem is not None and words in problem.message and problem.field == "child.birth_date"


def test_a_baby_one_day_short_of_a_year_may_still_enrol() -> None:
    form = NewbornForm(FATHER, TODAY)
    assert form.set_birth_date(date(2025, 3, 11)) is None and form.birth_date == date(2025, 3, 11)
    assert form.set_birth_date(TODAY) is None


def test_names_sexes_and_phones_are_validated() -> None:
    form = NewbornForm(FATHER, TODAY)
    assert form.set_name("") is not None and form.set_name("周子墨1") is not None
    assert form.set_sex("未知") is not None
    problem = form.set_phone("1381234")
    assert problem is not None and "11 位" in problem.message


def test_steps_go_one_at_a_time_and_back() -> None:
    form = NewbornForm(FATHER, TODAY)
    assert form.current is NewbornStep.CERTIFICATE
    assert form.next() and form.current is NewbornStep.CERTIFICATE  # nothing entered yet
    assert not form.back()  # the first step: the screen leaves the service
    form.set_certificate("Q320123456")
    assert form.next() == [] and form.current is NewbornStep.NAME
    assert form.back() and form.current is NewbornStep.CERTIFICATE
    filled(form)
    for _ in range(6):
        assert form.next() == []
    assert form.current is NewbornStep.CONFIRM
    assert form.next() == [] and form.current is NewbornStep.DONE
    assert not form.back()


def test_every_step_is_one_the_form_walks_through() -> None:
    """NewbornStep lists the screens the form shows, no more (the parent's card comes before it)."""
    form = filled(NewbornForm(FATHER, TODAY))
    visited = [form.current]
    while form.current is not NewbornStep.DONE:
        assert form.next() == []
        visited.append(form.current)
    assert visited == list(NewbornStep)


def test_the_request_is_a_valid_case_offline(catalog: Catalog) -> None:
    form = filled(NewbornForm(FATHER, TODAY))
    request = form.request()
    assert request.bundle_id == BUNDLE_ID and request.applicant_source == "id_card"
    case = build_case(catalog, request, IntakeContext("3" * 20, "dev", "kiosk", datetime(2026, 3, 10, 9)))
    assert case.form["child.name"] == "周子墨" and case.form["child.birth_cert_no"] == "Q320123456"
    assert case.form["applicant.id_number"] == FATHER.id_number  # from the card
    assert case.applicant.phone == "13812345678"
    assert case.item(GUARDIAN_ID).state is ItemState.E_LICENCE
    assert case.item(BIRTH_CERT).note == "出生医学证明编号 Q320123456，待联网核验"
    assert case.item(BIRTH_CERT).licence_number == ""  # not verified: no 电子证照编号 is claimed
    assert [m.matter_id for m in case.matters] == ["mi_enrol"]
    assert case.promised_date == date(2026, 3, 11)


def test_the_request_names_the_verified_licence(catalog: Catalog) -> None:
    form = filled(NewbornForm(FATHER, TODAY))
    form.apply_licence(LICENCE)
    material = form.request().materials[BIRTH_CERT]
    assert material.note == "Q320123456 南京市江宁区妇幼保健院"
    assert (
        material.licence_number == "Q320123456"
    )  # the 电子证照编号 the 办件 record carries (docs/banjian.md)


def test_an_incomplete_form_builds_no_request() -> None:
    form = NewbornForm(FATHER, TODAY)
    form.set_certificate("Q320123456")
    with pytest.raises(ValidationError) as raised:
        form.request()
    assert raised.value.field == "child.name"


def test_the_outcome_and_the_receipt_lines_say_when_it_completes(catalog: Catalog) -> None:
    request = filled(NewbornForm(FATHER, TODAY)).request()
    case = build_case(catalog, request, IntakeContext("3" * 20, "dev", "kiosk", datetime(2026, 3, 10, 9)))
    outcome = enrolment_outcome(case)
    assert outcome.status is MatterStatus.PENDING and not outcome.settled
    queued = "".join(receipt_notes(outcome, submitted=False))
    assert "联网后自动提交医保部门" in queued and "2026-03-11" in queued
    assert "稍后返回" in "".join(receipt_notes(outcome, submitted=True))
    done = replace(
        case, matters=(replace(case.matters[0], status=MatterStatus.DONE, result="参保登记成功，编号 1"),)
    )
    assert enrolment_outcome(done).confirmed
    assert receipt_notes(enrolment_outcome(done), submitted=True) == (
        "医保参保：已确认参保。",
        "参保登记成功，编号 1",
    )


def test_dates_shift_by_days_and_calendar_months() -> None:
    assert shift_date(date(2026, 3, 31), months=-1) == date(2026, 2, 28)
    assert shift_date(date(2026, 1, 15), months=-1) == date(2025, 12, 15)
    assert shift_date(date(2025, 12, 15), months=1) == date(2026, 1, 15)
    assert shift_date(date(2026, 3, 1), days=-1) == date(2026, 2, 28)
    assert one_year_before(date(2028, 2, 29)) == date(2027, 2, 28)
