"""An ID card's validity (有效期) is one core rule: the window, the kiosk and ``cases add`` ask it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from core.catalog import load_catalog
from core.catalog.model import Catalog
from core.flows.intake import CardData, IntakeFlow, Step, card_problems

TODAY = date(2026, 11, 23)
MOTHER = CardData(
    "林晓雨",
    "320115199003070043",
    "女",
    "汉",
    date(1990, 3, 7),
    "南京市江宁区东山街道竹山路 8 号",
    valid_from=date(2016, 4, 2),
    valid_to=date(2036, 4, 2),
)
EXPIRED = replace(MOTHER, valid_from=date(2006, 4, 2), valid_to=date(2016, 4, 2))
FATHER = CardData("周建国", "320115198805120036", valid_from=date(2018, 9, 15), valid_to=date(2038, 9, 15))


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def test_a_card_is_valid_through_its_last_day_and_long_term_never_ends() -> None:
    assert card_problems(MOTHER, TODAY) == []
    assert card_problems(replace(MOTHER, valid_to=TODAY), TODAY) == []
    assert card_problems(replace(MOTHER, valid_to=None), date(2099, 1, 1)) == []  # 长期


def test_an_expired_card_is_named_with_its_end_date_in_chinese_and_english() -> None:
    problems = card_problems(EXPIRED, TODAY)
    assert len(problems) == 1
    problem = problems[0]
    assert problem.field == "applicant.valid_to"
    assert "过有效期" in problem.message and "2016-04-02" in problem.message
    assert "expired" in problem.detail and "2016-04-02" in problem.detail


def test_a_card_not_yet_valid_is_a_problem_too() -> None:
    problems = card_problems(replace(MOTHER, valid_from=date(2026, 12, 1)), TODAY)
    assert [p.field for p in problems] == ["applicant.valid_from"]
    assert "尚未生效" in problems[0].message and "not valid before" in problems[0].detail


def test_an_expired_card_blocks_the_applicant_step_until_a_supervisor_authorises_it(catalog: Catalog) -> None:
    flow = IntakeFlow(catalog, today=TODAY)
    flow.set_applicant_from_card(EXPIRED)
    problems = flow.next()
    assert flow.current is Step.APPLICANT
    assert [p.field for p in problems] == ["applicant.valid_to"]
    assert not flow.reachable(Step.BUNDLE)
    assert flow.card_problems() == problems
    flow.set_applicant_field("phone", "13912345678")  # typing the phone does not lift it
    flow.set_applicant_field("name", "林晓雨")  # nor retyping the name of the same card's holder
    assert flow.next() == problems and flow.current is Step.APPLICANT

    flow.authorise_card("zb01")
    assert flow.card_authorised_by == "zb01"
    assert flow.card_problems() == []
    assert flow.next() == [] and flow.current is Step.BUNDLE


def test_the_authorisation_is_for_one_card_only(catalog: Catalog) -> None:
    flow = IntakeFlow(catalog, today=TODAY)
    flow.set_applicant_from_card(EXPIRED)
    flow.authorise_card("zb01")
    flow.set_applicant_from_card(FATHER)  # another person: a valid card, nothing authorised
    assert flow.card_authorised_by is None and flow.next() == []
    flow.back()
    flow.set_applicant_from_card(EXPIRED)  # the expired card again: asks again
    assert flow.card_authorised_by is None
    assert flow.next()[0].field == "applicant.valid_to"


def test_authorising_a_valid_card_is_refused(catalog: Catalog) -> None:
    flow = IntakeFlow(catalog, today=TODAY)
    flow.set_applicant_from_card(MOTHER)
    with pytest.raises(ValueError, match="nothing to authorise"):
        flow.authorise_card("zb01")


def test_a_typed_applicant_of_another_person_drops_the_card(catalog: Catalog) -> None:
    flow = IntakeFlow(catalog, today=TODAY)
    flow.set_applicant_from_card(EXPIRED)
    assert flow.set_applicant_field("name", "周建国") is None
    assert flow.set_applicant_field("id_number", FATHER.id_number) is None
    assert flow.card_problems() == [] and flow.applicant_source == "typed"
    assert flow.next() == []
