"""A matter's ``accepted_documents`` (assets/catalog/README.md): read into the matter and its bundle's
sub-matter, unknown document kinds refused by the loader, and what the shipped catalog says."""

from __future__ import annotations

from pathlib import Path

from core.catalog import load_catalog
from tests.core.catalog.catalog_testkit import CatalogDir


def test_accepted_documents_reach_the_sub_matter(tmp_path: Path) -> None:
    cat = CatalogDir(tmp_path)
    cat.matters[0]["accepted_documents"] = ["resident", "foreign_passport"]
    assert cat.problems() == []
    catalog = load_catalog(cat.write())
    assert catalog.matters["hrss_main"].accepted_documents == ("resident", "foreign_passport")
    main = next(s for s in catalog.bundle("demo").sub_matters if s.code == catalog.matters["hrss_main"].code)
    assert main.accepted_documents == ("resident", "foreign_passport")
    assert catalog.matters["hrss_main"].as_bundle().sub_matters[0].accepted_documents == (
        "resident",
        "foreign_passport",
    )


def test_an_unknown_document_kind_is_a_catalog_problem(tmp_path: Path) -> None:
    cat = CatalogDir(tmp_path)
    cat.matters[0]["accepted_documents"] = ["military_id"]
    problems = cat.problems()  # (the bundle then misses the refused matter, too)
    assert problems[0].startswith(
        "matters/demo.jsonl:1: $.accepted_documents: 'military_id' is not one of: resident"
    )


def test_the_shipped_hukou_and_id_card_matters_take_the_resident_id_only() -> None:
    catalog = load_catalog()
    for matter_id in (
        "police_hukou_move_in",
        "police_id_card_renew_replace",
        "police_temp_id_card",
        "police_idcard",
    ):
        assert catalog.matters[matter_id].accepted_documents == ("resident",), matter_id
    assert catalog.matters["pbc_personal_credit_report"].accepted_documents == ()  # every document
