"""Valid sample input for intake tests: a value of every form field type and complete situation answers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.catalog import build_checklist
from core.catalog.answers import answers_from_json
from core.catalog.model import Catalog, FieldDef, FieldType

FATHER_ID = "320115198805120036"
MOTHER_ID = "320115199003070043"  # a woman's number: the catalog checks a mother's (core.catalog.checks)


def _luhn(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return body + str((10 - total % 10) % 10)


def sample_value(f: FieldDef) -> str | int:
    """A valid value of each field type, for filling forms in tests."""
    if f.options:
        return f.options[0].value
    if f.id == "mother.id_number":
        return MOTHER_ID
    return {
        FieldType.NAME: "王小明",
        FieldType.ID_NUMBER: FATHER_ID,
        FieldType.PHONE: "13800138000",
        FieldType.DATE: "2026-11-20",
        FieldType.SEX: "男",
        FieldType.ADDRESS: "南京市江宁区东山街道竹山路 8 号",
        FieldType.BIRTH_CERT_NO: "Q320123456",
        FieldType.USCC: "91350100M000100Y43",
        FieldType.INT: 1,
        FieldType.BANK_ACCOUNT: _luhn("622202100112345678"),
        FieldType.TEXT: "情况说明",
    }.get(f.type, "情况说明")


# 孩子出生日期 that agrees with the newborn bundle's age answer (its age_band check) on the days the
# tests take cases (late 2026; a child over one stays over one).
CHILD_BIRTH_DATES = {"lt_1m": "2026-11-20", "1m_to_1y": "2026-08-20", "gt_1y": "2025-06-18"}


def agreeing_form(form: Mapping[str, str | int], answers: Mapping[str, Any]) -> dict[str, str | int]:
    """``form`` with the child's birth date the age answer asks for (the catalog checks them together)."""
    band = answers.get("age_band")
    if "child.birth_date" in form and band in CHILD_BIRTH_DATES:
        return {**form, "child.birth_date": CHILD_BIRTH_DATES[str(band)]}
    return dict(form)


# Number answers that must be realistic for the cross-field checks to pass: 20 years of pension
# contributions reach the minimum of every year of the 2025 retirement law (15 → 20 years).
SAMPLE_INTS: dict[str, int] = {"contribution_months": 240}


def complete_answers(catalog: Catalog, bundle_id: str, given: Mapping[str, Any]) -> dict[str, Any]:
    """Answer every relevant question: the given answers, else the first option / yes / 1."""
    answers = dict(given)
    bundle = catalog.bundle(bundle_id)
    while True:
        checklist = build_checklist(catalog, bundle_id, answers_from_json(bundle, answers))
        if not checklist.unanswered:
            return answers
        q = checklist.unanswered[0]
        if q.type.value == "bool":
            answers[q.id] = False
        elif q.type.value == "int":
            answers[q.id] = SAMPLE_INTS.get(q.id, 1)
        elif q.type.value == "multi":
            answers[q.id] = [q.options[0].value]
        else:
            answers[q.id] = q.options[0].value
