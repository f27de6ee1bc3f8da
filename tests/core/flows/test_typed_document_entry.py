"""The applicant step with a typed document (core.flows.applicant): what another document does not
ask for is dropped, a card read replaces the typed document, a card-only rule stays with the card."""

from __future__ import annotations

from datetime import date

from core.flows.applicant import ApplicantEntry
from core.flows.cards import CardData

TODAY = date(2026, 12, 7)
MOTHER = CardData(
    "林晓雨", "320115199003070043", "女", "汉", date(1990, 3, 7), "南京市江宁区东山街道竹山路 8 号"
)


def passport_entry() -> ApplicantEntry:
    entry = ApplicantEntry(TODAY, proxy=False)
    for key, value in {
        "id_kind": "foreign_passport",
        "latin_name": "anna schmidt",
        "id_number": "E1234567A",
        "sex": "女",
        "birth_date": "1990-03-07",
        "nationality": "DEU",
        "residence_permit": "Y12345678",
    }.items():
        entry.set_field(key, value)
    return entry


def test_a_typed_passport_is_a_valid_applicant() -> None:
    entry = passport_entry()
    assert entry.problems() == []
    applicant = entry.value()
    assert (applicant.name, applicant.id_kind, applicant.nationality) == (
        "ANNA SCHMIDT",
        "foreign_passport",
        "DEU",
    )


def test_another_document_drops_what_it_does_not_ask_for() -> None:
    entry = passport_entry()
    assert entry.set_field("id_kind", "tw_travel_permit")
    assert "nationality" not in entry.fields and "residence_permit" not in entry.fields
    assert entry.fields["sex"] == "女"  # a 台胞证 asks for sex and birth date too
    problem = entry.field_problem("id_number")
    assert problem is not None and problem.message.startswith("台湾居民来往大陆通行证号码应为 8 位数字")
    entry.set_field("id_number", "12345678")
    assert entry.problems() == []
    entry.set_field("id_kind", "")  # back to a card: the typed holder data goes
    assert set(entry.fields) == {"id_number"}


def test_reading_a_card_replaces_the_typed_document() -> None:
    entry = passport_entry()
    assert entry.from_card(MOTHER, "id_card")
    assert "id_kind" not in entry.fields and "nationality" not in entry.fields and "sex" not in entry.fields
    assert entry.value().id_kind == "resident"
    assert entry.source == "id_card"


def test_choosing_a_typed_document_drops_the_card() -> None:
    entry = ApplicantEntry(TODAY, proxy=False)
    entry.from_card(MOTHER, "id_card")
    entry.set_field("id_kind", "hk_mo_travel_permit")
    assert entry.card is None and entry.source == "typed"


def test_a_matter_that_takes_only_the_resident_id_says_so_before_the_materials() -> None:
    from core.catalog import load_catalog
    from core.flows.intake import IntakeFlow, Step

    flow = IntakeFlow(load_catalog(), today=TODAY)
    for key, value in {
        "id_kind": "hk_mo_travel_permit",
        "name": "陈美玲",
        "id_number": "H1234567801",
        "sex": "女",
        "birth_date": "1988-05-12",
    }.items():
        flow.set_applicant_field(key, value)
    assert flow.problems(Step.APPLICANT) == []
    flow.choose_bundle("police_hukou_move_in")
    (problem,) = flow.go(Step.CHECKLIST)
    assert flow.current is Step.QUESTIONS
    assert problem.field == "applicant.id_kind"
    assert problem.message == "“户口迁移（迁入）”须持居民身份证办理，不能使用港澳居民来往内地通行证"
    flow.choose_bundle("pbc_personal_credit_report")  # this matter lists 港澳居民来往内地通行证
    flow.answer("by_agent", False)
    assert flow.go(Step.CHECKLIST) == [] and flow.current is Step.CHECKLIST
