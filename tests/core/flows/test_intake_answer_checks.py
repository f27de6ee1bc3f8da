"""Cross-field refusals decided by the answers alone are told at the questions step (core.flows.intake),
not first at acceptance: 生育津贴 only for a mother in 职工医保 (社会保险法 第五十四条、第五十六条,
http://szftgk.com/WuXianYiJin/401311.html), an uninsured mother gets no 生育待遇, and a retirement
category must fit the applicant's sex (domain-review.md §2.2)."""

from __future__ import annotations

from typing import Any

import pytest

from core.catalog.loader import load_catalog
from core.catalog.model import Catalog
from core.flows.intake import IntakeFlow, Step
from tests.core.flows.test_intake_flow import MOTHER, TODAY, newborn_answers


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def at_questions(catalog: Catalog, bundle_id: str, id_number: str = MOTHER.id_number) -> IntakeFlow:
    flow = IntakeFlow(catalog, today=TODAY)
    assert flow.set_applicant_field("name", "林晓雨") is None
    assert flow.set_applicant_field("id_number", id_number) is None
    assert flow.next() == []
    flow.choose_bundle(bundle_id)
    assert flow.next() == [] and flow.current is Step.QUESTIONS
    return flow


def test_the_allowance_for_a_mother_in_residents_insurance_stops_the_questions(catalog: Catalog) -> None:
    flow = at_questions(catalog, "newborn")
    newborn_answers(flow, mother_scheme="resident", maternity_claim="allowance")
    (problem,) = flow.next()
    assert flow.current is Step.QUESTIONS
    assert problem.field == "answers.maternity_claim" and problem.code == "check.answers"
    assert "生育津贴只发给参加职工基本医疗保险" in problem.message
    assert flow.answer("maternity_claim", "medical") is None
    assert flow.next() == [] and flow.current is Step.CHECKLIST


def test_an_uninsured_mother_is_told_at_the_questions(catalog: Catalog) -> None:
    flow = at_questions(catalog, "newborn")
    newborn_answers(flow, mother_scheme="none")
    assert [p.field for p in flow.problems(Step.QUESTIONS)] == ["answers.mother_scheme"]


def test_a_woman_answering_the_mens_category_is_told_at_the_questions(catalog: Catalog) -> None:
    flow = at_questions(catalog, "retirement")
    answers: dict[str, Any] = {
        "insured_as": "employee", "category": "male", "kind": "normal", "contribution_months": 240,
        "needs_file_review": False, "only_child": "none", "hukou_in_province": True, "med_years_ok": True,
        "has_hpf": False,
    }  # fmt: skip
    for key, value in answers.items():
        assert flow.answer(key, value) is None, key
    (problem,) = flow.problems(Step.QUESTIONS)
    assert problem.field == "answers.category" and "身份证显示申请人是女性" in problem.message
    assert flow.answer("category", "female55") is None
    assert flow.problems(Step.QUESTIONS) == []  # the minimum years need the retirement date: at acceptance
