"""Benefit rules at intake: 生育津贴, late 出生医学证明, 出生即参保 done once, the pension's minimum years.

Sources (each also in the bundle's ``sources``):
- 社会保险法 第五十四条、第五十六条: 生育保险待遇 (生育医疗费用 and 生育津贴) for 职工 whose employer pays
  生育保险; 生育津贴 for 女职工 on maternity leave (http://szftgk.com/WuXianYiJin/401311.html). A mother in
  城乡居民医保 has 生育医疗费用 at most (../shared/research/domain-review.md §2.1).
- 山东省《出生医学证明》首次签发告知 (https://wfgxph.cn/Info/Content1/793/260): applying after one month,
  a 个人承诺书; after a year, the 住院分娩病历 copy, a 逾期情况说明 and a 个人信息真实承诺, or failing the
  record a 亲子鉴定. 张家口 (http://jxsh365.com/7904275062) likewise asks for the record after a year.
- 医保办函〔2021〕11号 第十条 (https://hm0092.com/212-28/2421890.html): a newborn enrolled and paid within
  90 days is covered from birth; 出生即参保 at the hospital is that enrolment, so 出生一件事 does not
  enrol the baby again.
- 国务院关于渐进式延迟法定退休年龄的办法 第二条 (minimum 15 years until 2029, +6 months a year from 2030;
  延长缴费 or 一次性缴费 to reach it) and 第三条 (弹性提前退休 only with the minimum reached):
  https://jsychrss.yancheng.gov.cn/art/2024/9/24/art_45150_4238273.html,
  https://360.xilu.com/v/1000150004770746_5.html. Vectors from domain-review.md §2.2.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from core.cases.intake import build_case
from core.catalog import build_checklist
from core.catalog.answers import answers_from_json
from core.catalog.checks import APPLICANT_ID, run_checks
from core.catalog.model import Catalog
from tests.core.cases.test_intake_checks import CTX, NOW, Make, Take, refused, retirement

NEWBORN = {
    "born_in_province_hospital": True, "age_band": "lt_1m", "birth_cert_issued": False,
    "mi_enrolled_at_birth": False, "married": True, "follow": "father", "hukou_type": "family",
    "same_ethnicity": True, "surname": "father", "want_sscard": False, "want_maternity": False,
}  # fmt: skip


@pytest.fixture
def take(catalog: Catalog) -> Take:
    return lambda request: build_case(catalog, request, CTX)


def newborn_items(catalog: Catalog, **answers: Any) -> tuple[list[str], list[str]]:
    """(matter ids, material ids) of the newborn checklist for NEWBORN with ``answers`` changed."""
    checklist = build_checklist(
        catalog, "newborn", answers_from_json(catalog.bundle("newborn"), {**NEWBORN, **answers})
    )
    return [m.id for m in checklist.matters], [i.material.id for i in checklist.items]


# -- 生育津贴 -------------------------------------------------------------------------------


def test_maternity_allowance_asks_for_the_bank_card_only_when_claimed(catalog: Catalog) -> None:
    claim = {"want_maternity": True, "mother_scheme": "employee"}
    _, allowance = newborn_items(catalog, **claim, maternity_claim="allowance")
    _, medical = newborn_items(catalog, **claim, maternity_claim="medical")
    assert "bank_card" in allowance and "maternity_bills" in allowance
    assert "bank_card" not in medical and "maternity_bills" in medical


def test_a_mother_in_residents_insurance_is_refused_the_allowance(take: Take, make_request: Make) -> None:
    answers = {**NEWBORN, "want_maternity": True, "mother_scheme": "resident", "maternity_claim": "allowance"}
    error = refused(take, make_request("newborn", answers))
    assert error.field == "answers.maternity_claim" and error.code == "check.answers"
    assert "生育津贴只发给参加职工基本医疗保险" in error.message and "只报销生育医疗费用" in error.message
    case = take(make_request("newborn", {**answers, "maternity_claim": "medical"}))
    assert "maternity" in [m.matter_id for m in case.matters]


def test_an_uninsured_mother_is_refused_maternity_benefits(take: Take, make_request: Make) -> None:
    answers = {**NEWBORN, "want_maternity": True, "mother_scheme": "none"}
    error = refused(take, make_request("newborn", answers))
    assert error.field == "answers.mother_scheme" and "没有参加医疗保险" in error.message
    take(make_request("newborn", {**answers, "want_maternity": False}))


def test_an_employee_mother_may_claim_the_allowance(take: Take, make_request: Make) -> None:
    answers = {**NEWBORN, "want_maternity": True, "mother_scheme": "employee", "maternity_claim": "allowance"}
    case = take(make_request("newborn", answers))
    assert any(i.material_id == "bank_card" for i in case.items)


# -- late issue of 出生医学证明 ---------------------------------------------------------------


def test_a_certificate_already_issued_is_not_issued_again(catalog: Catalog) -> None:
    matters, items = newborn_items(catalog, age_band="gt_1y", late_reason="documents", birth_cert_issued=True)
    assert "birth_cert" not in matters and "birth_cert_e" in items  # the issued e-licence is used
    assert "cert_late_statement" not in items


def test_first_issue_within_a_month_needs_no_late_papers(catalog: Catalog) -> None:
    matters, items = newborn_items(catalog)
    assert "birth_cert" in matters
    assert not {"cert_late_statement", "delivery_record", "dna"} & set(items)


def test_first_issue_after_a_month_needs_the_late_statement(catalog: Catalog) -> None:
    _, items = newborn_items(catalog, age_band="1m_to_1y", late_reason="documents")
    assert "cert_late_statement" in items
    assert not {"delivery_record", "dna"} & set(items)


def test_first_issue_after_a_year_needs_the_delivery_record_or_a_paternity_test(catalog: Catalog) -> None:
    late = {"age_band": "gt_1y", "late_reason": "documents"}
    _, with_record = newborn_items(catalog, **late, delivery_record_kept=True)
    assert {"cert_late_statement", "delivery_record"} <= set(with_record) and "dna" not in with_record
    _, without = newborn_items(catalog, **late, delivery_record_kept=False)
    assert {"cert_late_statement", "dna"} <= set(without) and "delivery_record" not in without
    bundle = catalog.bundle("newborn")
    assert bundle.materials["delivery_record"].core and bundle.materials["dna"].core


def test_the_record_question_is_asked_only_for_a_first_issue_after_a_year(catalog: Catalog) -> None:
    def asked(**answers: Any) -> bool:
        bundle = catalog.bundle("newborn")
        checklist = build_checklist(catalog, "newborn", answers_from_json(bundle, {**NEWBORN, **answers}))
        return "delivery_record_kept" in [q.id for q in checklist.questions]

    assert asked(age_band="gt_1y", late_reason="other")
    assert not asked(age_band="1m_to_1y", late_reason="other")
    assert not asked(age_band="gt_1y", late_reason="other", birth_cert_issued=True)


# -- 出生即参保 done once -------------------------------------------------------------------


def test_a_baby_enrolled_at_the_hospital_is_not_enrolled_again(catalog: Catalog) -> None:
    enrolled, _ = newborn_items(catalog, mi_enrolled_at_birth=True)
    assert "mi_enrol" not in enrolled
    not_enrolled, _ = newborn_items(catalog, mi_enrolled_at_birth=False)
    assert "mi_enrol" in not_enrolled
    outside, _ = newborn_items(catalog, born_in_province_hospital=False)
    assert "mi_enrol" in outside  # no hospital enrolment possible: the bundle enrols


def test_no_90_day_warning_once_enrolled_at_the_hospital(
    catalog: Catalog, take: Take, make_request: Make
) -> None:
    answers = {**NEWBORN, "age_band": "1m_to_1y", "late_reason": "documents"}
    request = make_request("newborn", answers)
    form = {**request.form, "child.birth_date": "2026-09-07"}  # 91 days before NOW
    values = {**form, APPLICANT_ID: request.applicant["id_number"]}

    def findings(enrolled: bool) -> list[str]:
        given = {**request.answers, "mi_enrolled_at_birth": enrolled}
        checklist = build_checklist(catalog, "newborn", answers_from_json(catalog.bundle("newborn"), given))
        return [f.code for f in run_checks(checklist, given, values, NOW.date())]

    assert findings(False) == ["check.age_limit"]
    assert findings(True) == []
    case = take(replace(request, answers={**request.answers, "mi_enrolled_at_birth": True}, form=form))
    assert "mi_enrol" not in [m.matter_id for m in case.matters]


# -- the pension's minimum contribution ---------------------------------------------------------


def with_months(request: Any, months: int) -> Any:
    return replace(request, answers={**request.answers, "contribution_months": months})


@pytest.mark.parametrize(
    ("born", "female", "category", "retire_on", "minimum"),
    [
        ("19660615", False, "male", "2026-11-02", 180),  # 60y5m → 2026-11: 15 years
        ("19700115", False, "male", "2031-05-01", 192),  # 61y4m → 2031-05: 16 years
        ("19800115", True, "female50", "2032-08-01", 198),  # 52y7m → 2032-08: 16.5 years
        ("19760915", False, "male", "2039-09-01", 240),  # 63y → 2039-09: 20 years
    ],
)
def test_normal_retirement_needs_the_minimum_years_of_its_year(
    take: Take, make_request: Make, born: str, female: bool, category: str, retire_on: str, minimum: int
) -> None:
    request = retirement(make_request, born, female=female, category=category, date_=retire_on)
    assert take(with_months(request, minimum)).answers["contribution_months"] == minimum
    error = refused(take, with_months(request, minimum - 1))
    assert error.field == "answers.contribution_months" and error.code == "check.min_contribution"
    assert error.params["year"] == int(retire_on[:4]) and error.params["short"] == "1个月"
    assert "延长缴费或者一次性缴费" in error.message  # the law's alternative, 办法第二条


def test_the_message_names_the_years_in_chinese(take: Take, make_request: Make) -> None:
    request = retirement(make_request, "19800115", female=True, category="female50", date_="2032-08-01")
    error = refused(take, with_months(request, 150))
    assert "累计缴费 12年6个月" in error.message and "2032 年" in error.message
    assert "最低缴费年限为 16年6个月" in error.message and "还差 4年" in error.message


def test_flexible_early_retirement_needs_the_minimum_first(take: Take, make_request: Make) -> None:
    # man born 1970-01: statutory 2031-05; 弹性提前 from 2030-01 (never below 60)
    request = retirement(
        make_request, "19700115", female=False, category="male", date_="2030-06-01", kind="flexible_early"
    )
    take(with_months(request, 186))  # 2030: 15.5 years
    error = refused(take, with_months(request, 185))
    assert error.code == "check.min_contribution" and "弹性提前退休须已达到最低缴费年限" in error.message


def test_a_flexible_worker_is_held_to_the_same_minimum(take: Take, make_request: Make) -> None:
    request = retirement(
        make_request, "19660615", female=False, category="male", date_="2026-11-02", insured_as="flexible"
    )
    assert refused(take, with_months(request, 179)).field == "answers.contribution_months"


def test_early_retirement_for_special_jobs_is_not_checked_here(take: Take, make_request: Make) -> None:
    # 特殊工种 / 因病 early retirement follows its own rules (国家另有规定): no minimum check declared
    request = retirement(
        make_request, "19700115", female=False, category="male", date_="2026-11-02", kind="special_job_early"
    )
    take(with_months(request, 100))
