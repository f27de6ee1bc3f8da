"""build_checklist: situations → materials once, fields once, the longest time limit (照单抓药)."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pytest

from core.catalog import Catalog, Checklist, build_checklist, load_catalog, parse_answers_text
from core.catalog.model import AnswerValue
from core.errors import NotFoundError, ValidationError
from tests.core.catalog.catalog_testkit import CatalogDir

DNA = "亲子鉴定证明"
MARRIAGE = "结婚证"


@cache
def catalog() -> Catalog:
    return load_catalog()


def newborn(*answers: str) -> Checklist:
    bundle = catalog().bundle("newborn")
    return build_checklist(catalog(), "newborn", parse_answers_text(bundle, list(answers)))


def names(checklist: Checklist) -> list[str]:
    return [item.material.name for item in checklist.items]


def test_unmarried_parents_registering_with_the_father_need_a_paternity_test() -> None:
    checklist = newborn("married=no", "follow=father")
    assert any(DNA in n for n in names(checklist))
    assert MARRIAGE not in names(checklist)
    dna = next(i for i in checklist.items if DNA in i.material.name)
    assert dna.matters == ("hukou_birth",) and dna.decided
    assert any(i.material.id == "nonmarital" and i.decided for i in checklist.items)


def test_married_parents_need_the_marriage_certificate_not_a_paternity_test() -> None:
    for answers in (["married=yes"], ["married=yes", "follow=father"], ["married=是", "follow=mother"]):
        checklist = newborn(*answers)
        assert MARRIAGE in names(checklist), answers
        assert not any(DNA in n for n in names(checklist)), answers
        assert not any(i.material.id == "nonmarital" for i in checklist.items)


def test_unmarried_parents_registering_with_the_mother_are_asked_about_the_father() -> None:
    asked = newborn("married=no", "follow=mother")
    assert "father_info" in [q.id for q in asked.unanswered]
    assert not any(DNA in n for n in names(asked))
    father_id = next(i for i in asked.items if i.material.id == "father_id")
    assert not father_id.decided  # depends on father_info
    without = newborn("married=no", "follow=mother", "father_info=no")
    assert not any(i.material.id == "father_id" for i in without.items)
    assert "same_ethnicity" not in [q.id for q in without.questions]


def test_late_reason_is_asked_only_after_the_first_month() -> None:
    on_time = newborn("age_band=lt_1m")
    assert "late_reason" not in [q.id for q in on_time.questions]
    assert not any(i.material.id == "late_explanation" for i in on_time.items)
    late = newborn("age_band=gt_1y")
    assert "late_reason" in [q.id for q in late.unanswered]
    ids = [i.material.id for i in late.items]
    assert "late_explanation" in ids and "not_registered" in ids
    hospital = next(i for i in late.items if i.material.id == "hospital_record")
    assert not hospital.decided
    assert any(
        i.material.id == "hospital_record" and i.decided
        for i in newborn("age_band=gt_1y", "late_reason=hospitalised").items
    )


def test_answers_to_questions_not_asked_are_ignored() -> None:
    plain = newborn("married=yes", "age_band=lt_1m")
    noisy = newborn("married=yes", "age_band=lt_1m", "father_info=no", "late_reason=other")
    assert noisy == plain
    assert "father_info" not in [q.id for q in noisy.questions]


FULL = [
    "born_in_province_hospital=yes", "age_band=lt_1m", "birth_cert_issued=no", "mi_enrolled_at_birth=no", "married=yes", "follow=father", "hukou_type=family",
    "same_ethnicity=yes", "surname=father", "want_sscard=no", "want_maternity=no",
]  # fmt: skip


def test_a_fully_answered_newborn_case_is_complete_and_decided() -> None:
    checklist = newborn(*FULL)
    assert checklist.complete and not checklist.unanswered
    assert all(item.decided for item in checklist.items)
    assert [m.id for m in checklist.matters] == ["birth_cert", "vaccine_cert", "hukou_birth", "mi_enrol"]
    assert checklist.promise_days == 5
    assert checklist.catalog_version == catalog().version
    ids = [i.material.id for i in checklist.items]
    assert ids == [
        "mother_id",
        "father_id",
        "app_form",
        "host_hukou",
        "other_hukou",
        "marriage_cert",
        "birth_cert_e",
    ]
    mother = checklist.items[0]
    assert mother.matters == ("birth_cert", "vaccine_cert", "hukou_birth")  # 材料一次提交


def test_optional_matters_join_when_chosen_and_the_longest_limit_wins() -> None:
    chosen = [a for a in FULL if not a.startswith("want_")] + ["want_sscard=yes", "want_maternity=yes"]
    checklist = newborn(*chosen)
    assert [m.id for m in checklist.matters][-2:] == ["ss_card", "maternity"]
    assert checklist.promise_days == 15
    assert any(i.material.id == "bank_card" for i in checklist.items)
    field_ids = [f.id for f in checklist.fields]
    assert len(field_ids) == len(set(field_ids))  # 多表合一
    assert field_ids[:3] == ["child.name", "child.sex", "child.birth_date"]
    assert {"bank.account", "mail.address", "hukou.address"} <= set(field_ids)


def test_nothing_answered_lists_only_what_every_situation_needs_for_sure() -> None:
    checklist = newborn()
    assert not checklist.complete
    assert [q.id for q in checklist.questions] == [q.id for q in checklist.unanswered]
    assert "late_reason" not in [q.id for q in checklist.questions]
    decided = [i.material.id for i in checklist.items if i.decided]
    assert decided == ["mother_id", "app_form"]
    assert "birth_cert" not in [m.id for m in checklist.matters]  # undecided: not (yet) applicable


def test_unknown_bundle() -> None:
    with pytest.raises(NotFoundError):
        build_checklist(catalog(), "moon_landing", {})


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"foo": True}, "answers.foo"),
        ({"follow": "uncle"}, "answers.follow"),
        ({"married": "yes"}, "answers.married"),
        ({"married": 1}, "answers.married"),
        ({"late_reason": "weather"}, "answers.late_reason"),  # invalid even where not asked
    ],
)
def test_unknown_questions_and_invalid_answers_are_validation_errors(
    answers: dict[str, AnswerValue], field: str
) -> None:
    with pytest.raises(ValidationError) as info:
        build_checklist(catalog(), "newborn", answers)
    assert info.value.field == field


def test_int_and_multi_answers_drive_conditions() -> None:
    small = build_checklist(
        catalog(),
        "open_transport_company",
        {"kind": "general_freight", "light_trucks_only": False, "fleet_size": 3},
    )
    big = build_checklist(
        catalog(),
        "open_transport_company",
        {"kind": "general_freight", "light_trucks_only": False, "fleet_size": 10},
    )
    assert "safety_officer" not in [i.material.id for i in small.items]
    assert "safety_officer" in [i.material.id for i in big.items]
    light = build_checklist(
        catalog(),
        "open_transport_company",
        {"kind": "general_freight", "light_trucks_only": True, "fleet_size": 3},
    )
    assert "permit" not in [m.id for m in light.matters]
    change = build_checklist(
        catalog(), "change_company_info", {"items": frozenset({"address"}), "cross_region": True}
    )
    assert {"premises", "migration_form"} <= {i.material.id for i in change.items}
    assert "seal" not in [m.id for m in change.matters]


def test_chinese_option_values_in_conditions() -> None:
    restaurant = build_checklist(catalog(), "open_restaurant", {"food_types": frozenset({"生食类"})})
    assert any(i.material.id == "special_room" and i.decided for i in restaurant.items)
    disability = build_checklist(catalog(), "disability", {"op": "new", "category": "精神"})
    assert any(i.material.id == "medical_history" and i.decided for i in disability.items)
    nursing = build_checklist(catalog(), "disability", {"op": "renew", "grade": "2"})
    assert "nursing" in [m.id for m in nursing.matters]


def test_undecided_matter_and_requirement_in_a_small_catalog(cat: CatalogDir) -> None:
    cat.write()
    small = load_catalog(cat.root)
    checklist = build_checklist(small, "demo", {"married": False, "follow": "mother"})
    assert [q.id for q in checklist.unanswered] == ["father_known", "items", "count"]
    assert [m.id for m in checklist.matters] == ["main"]  # "change" waits for items
    statement = next(i for i in checklist.items if i.material.id == "statement")
    assert not statement.decided and statement.matters == ("main",)
    done = build_checklist(
        small,
        "demo",
        {
            "married": False,
            "follow": "mother",
            "father_known": False,
            "items": frozenset({"name"}),
            "count": 3,
        },
    )
    assert done.complete
    assert [(i.material.id, i.matters) for i in done.items] == [
        ("id_card", ("main",)),
        ("statement", ("main",)),
        ("form", ("main", "change")),
        ("extra", ("change",)),
    ]
    assert [f.id for f in done.fields] == ["applicant.name", "applicant.phone", "x.kind"]
    assert done.promise_days == 5


def test_complete_also_requires_every_item_decided() -> None:
    # The loader proves this never happens with all relevant questions answered; the property
    # still refuses to call a checklist with an undecided item complete.
    decided = newborn(*FULL)
    assert decided.complete
    first = decided.items[0]
    undecided = replace(decided, items=(replace(first, decided=False), *decided.items[1:]))
    assert not undecided.unanswered and not undecided.complete
