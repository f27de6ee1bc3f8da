"""二手房转移登记 situations the review found missing (../shared/research/domain-review.md §2.3): the buyer's
loan needs 抵押权首次登记 with the lender as co-applicant (not a contract attached to 转移登记); the tax
situations 满二, 满五唯一 and the buyer's first or second home; the buyer's 共有方式."""

from __future__ import annotations

from typing import Any

import pytest

from core.catalog import build_checklist, load_catalog
from core.catalog.answers import answers_from_json
from core.catalog.checklist import Checklist

BASE: dict[str, Any] = {
    "seller_married": False, "has_mortgage": False, "buyer_loan": "none", "held_years": "lt2",
    "buyer_home": "more", "buyer_share": "sole", "utilities": ["water"],
}  # fmt: skip


def checklist(**answers: Any) -> Checklist:
    catalog = load_catalog()
    bundle = catalog.bundle("used_home_transfer")
    result = build_checklist(catalog, bundle.id, answers_from_json(bundle, {**BASE, **answers}))
    assert result.complete
    return result


def needs(c: Checklist, matter: str) -> list[str]:
    return [i.material.id for i in c.items if matter in i.matters]


@pytest.mark.parametrize("loan", ["commercial", "hpf", "combo"])
def test_a_buyers_loan_is_registered_as_a_mortgage(loan: str) -> None:
    c = checklist(buyer_loan=loan)
    assert "buyer_mortgage" in [m.id for m in c.matters]
    assert {"loan_contract", "lender_docs"} <= set(needs(c, "buyer_mortgage"))
    assert "loan_contract" not in needs(c, "transfer")  # not the transfer's material any more
    assert "mortgage" not in [m.id for m in c.matters]  # the seller's 带押过户 is another matter


def test_paying_in_full_needs_no_mortgage() -> None:
    c = checklist()
    assert "buyer_mortgage" not in [m.id for m in c.matters]
    assert "loan_contract" not in [i.material.id for i in c.items]


def test_the_tax_situations() -> None:
    assert "purchase_proof" not in needs(checklist(), "tax")  # under two years: nothing to prove
    two = checklist(held_years="from2")
    assert "purchase_proof" in needs(two, "tax") and "only_home_statement" not in needs(two, "tax")
    only = checklist(held_years="from5", only_home=True)
    statement = next(i.material for i in only.items if i.material.id == "only_home_statement")
    assert statement.commitment_ok and "唯一的生活用房" in (statement.commitment_text or "")
    assert "only_home_statement" not in needs(checklist(held_years="from5", only_home=False), "tax")
    for home in ("first", "second"):
        assert "buyer_housing" in needs(checklist(buyer_home=home), "tax")
    assert "buyer_housing" not in needs(checklist(), "tax")


def test_the_buyers_way_of_owning() -> None:
    assert not {"co_owner_ids", "share_agreement"} & set(needs(checklist(), "transfer"))
    joint = needs(checklist(buyer_share="joint"), "transfer")
    assert "co_owner_ids" in joint and "buyer_marriage_cert" in joint and "share_agreement" not in joint
    shares = needs(checklist(buyer_share="shares"), "transfer")
    assert "share_agreement" in shares and "buyer_marriage_cert" not in shares
