"""The intake flow owns its state: read-only views, one notification per change, and the rule
"what was signed changed → the applicant signs again" inside the flow (no Qt)."""

from __future__ import annotations

from datetime import date

import pytest

from core.cases.intake import MaterialInput
from core.cases.model import ItemState
from core.catalog import load_catalog
from core.catalog.model import Catalog
from core.flows.intake import Change, IntakeFlow, Part, Step
from tests.core.flows.test_intake_flow import MOTHER, PNG, fill_everything, newborn_answers

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def seen() -> list[Change]:
    return []


def signed_flow(catalog: Catalog, seen: list[Change]) -> IntakeFlow:
    """A newborn intake complete up to the review, signed; ``seen`` collects its notifications."""
    flow = IntakeFlow(catalog, today=TODAY, on_change=seen.append)
    flow.set_applicant_from_card(MOTHER)
    flow.choose_bundle("newborn")
    newborn_answers(flow)
    fill_everything(flow)
    flow.set_signature(PNG)
    assert flow.go(Step.REVIEW) == [] and flow.signature == PNG
    seen.clear()
    return flow


def test_the_views_are_read_only(catalog: Catalog) -> None:
    flow = IntakeFlow(catalog, today=TODAY)
    flow.set_applicant_from_card(MOTHER)
    with pytest.raises(TypeError):
        flow.applicant["name"] = "周建国"  # type: ignore[index]
    with pytest.raises(AttributeError):
        flow.current = Step.REVIEW  # type: ignore[misc]
    with pytest.raises(AttributeError):
        flow.signature = PNG  # type: ignore[misc]
    flow.choose_bundle("newborn")
    with pytest.raises(TypeError):
        flow.form["applicant.phone"] = "13912345678"  # type: ignore[index]
    with pytest.raises(TypeError):
        flow.materials["bank_card"] = MaterialInput(ItemState.PAPER)  # type: ignore[index]
    assert flow.applicant["name"] == "林晓雨" and flow.current is Step.APPLICANT


def test_every_change_is_told_once_and_what_it_touched(catalog: Catalog, seen: list[Change]) -> None:
    flow = IntakeFlow(catalog, today=TODAY, on_change=seen.append)
    flow.set_applicant_from_card(MOTHER)
    assert seen == [Change(Part.APPLICANT)]
    flow.set_applicant_from_card(MOTHER)  # the same card read again changes nothing
    assert seen == [Change(Part.APPLICANT)]
    assert flow.next() == []
    assert seen[-1] == Change(Part.STEP) and len(seen) == 2
    flow.choose_bundle("newborn")
    assert seen[-1] == Change(Part.BUNDLE)
    flow.answer("married", True)
    assert seen[-1] == Change(Part.ANSWERS)
    count = len(seen)
    assert flow.answer("married", "perhaps") is not None  # refused: nothing changed
    flow.back()
    flow.back()  # already on the first step: no move, no notification
    assert seen[count:] == [Change(Part.STEP)] and flow.current is Step.APPLICANT


def test_a_change_after_signing_voids_the_signature(catalog: Catalog, seen: list[Change]) -> None:
    flow = signed_flow(catalog, seen)
    assert flow.set_form_value("applicant.phone", "13800138000") is None
    assert flow.signature is None
    assert seen == [Change(Part.FORM, signature_voided=True)]
    assert flow.go(Step.REVIEW)[0].field == "signature" and flow.current is Step.SIGNATURE


@pytest.mark.parametrize(
    "change",
    [
        lambda f: f.set_applicant_field("phone", "13800138000"),
        lambda f: f.answer("want_sscard", not f.answers["want_sscard"]),
        lambda f: f.set_material("bank_card", MaterialInput(ItemState.DEFICIENT)),
        lambda f: f.clear_material("maternity_bills"),
        lambda f: f.add_page("maternity_bills", b"\xff\xd8page"),
        lambda f: f.set_form_value("bank.name", "中国银行南京分行"),
        lambda f: f.prefill_from_history({"applicant.name": "林晓雨"}),  # blank until now: the card filled it
    ],
    ids=["applicant", "answers", "material", "cleared", "page", "form", "history"],
)  # fmt: skip
def test_any_content_change_voids_it(catalog: Catalog, seen: list[Change], change: object) -> None:
    flow = signed_flow(catalog, seen)
    change(flow)  # type: ignore[operator]
    assert flow.signature is None and seen and seen[0].signature_voided


def test_what_changes_nothing_keeps_the_signature(catalog: Catalog, seen: list[Change]) -> None:
    flow = signed_flow(catalog, seen)
    field = next(iter(flow.form))
    assert flow.set_form_value(field, flow.form[field]) is None  # the same value again
    flow.prefill_from_history({field: "something else"})  # typed values win: nothing to fill
    flow.set_applicant_from_card(MOTHER)  # the same card read again
    flow.choose_bundle("newborn")  # the same bundle
    assert flow.signature == PNG and seen == []
    flow.back()
    assert flow.signature == PNG and seen == [Change(Part.STEP)]  # moving is not changing


def test_signing_again_and_accepting_are_not_content(catalog: Catalog, seen: list[Change]) -> None:
    flow = signed_flow(catalog, seen)
    flow.set_signature(PNG + b"again")
    assert seen == [Change(Part.SIGNATURE)] and flow.signature == PNG + b"again"
    case = flow.preview()
    flow.accepted(case)
    assert seen[-1] == Change(Part.CASE) and flow.current is Step.DONE and flow.case is case
    flow.set_form_value("applicant.phone", "13800138000")  # nothing voids an accepted case's signature
    assert flow.signature == PNG + b"again"


def test_the_kiosk_names_how_the_applicant_was_identified(catalog: Catalog) -> None:
    flow = IntakeFlow(catalog, today=TODAY)
    flow.set_applicant_from_card(MOTHER, source="token")
    assert flow.applicant_source == "token" and flow.applicant["name"] == "林晓雨"


def test_a_form_value_is_checked_without_being_kept(catalog: Catalog) -> None:
    flow = IntakeFlow(catalog, today=TODAY)
    flow.set_applicant_from_card(MOTHER)
    flow.choose_bundle("newborn")
    newborn_answers(flow)
    problem = flow.form_value_problem("applicant.phone", "12345")
    assert problem is not None and problem.field == "form.applicant.phone"
    assert "applicant.phone" not in flow.form
    assert flow.form_value_problem("applicant.phone", "13912345678") is None
