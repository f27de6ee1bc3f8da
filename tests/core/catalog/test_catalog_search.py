"""Bundle search as window staff type it."""

from __future__ import annotations

import pytest

from core.catalog import load_catalog
from core.catalog.model import Catalog, Subject
from core.catalog.search import categories, normalise_query, search_bundles


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.mark.parametrize(
    "query",
    ["新生儿", "出生", "cs", "chusheng", "CHUSHENG", "ｃｓ", "xinshenger", "xse", "上户口", "shanghukou"],
)
def test_newborn_is_found_every_way(catalog: Catalog, query: str) -> None:
    found = [b.id for b in search_bundles(catalog, query)]
    assert found and found[0] == "newborn", (query, found)


@pytest.mark.parametrize(
    ("query", "bundle_id"),
    [("退休", "retirement"), ("tuixiu", "retirement"), ("cyd", "open_restaurant"), ("canyin", "open_restaurant"),
     ("二手房", "used_home_transfer"), ("esf", "used_home_transfer"), ("shebaoka", "sscard_onecard")],
)  # fmt: skip
def test_other_bundles(catalog: Catalog, query: str, bundle_id: str) -> None:
    assert bundle_id in [b.id for b in search_bundles(catalog, query)][:2]


@pytest.mark.parametrize("query", ["参保", "出生即参保", "canbao", "新生儿参保", "医保"])
def test_newborn_insurance_is_found_by_insurance_words(catalog: Catalog, query: str) -> None:
    found = [b.id for b in search_bundles(catalog, query)]
    assert "newborn_insurance" in found[:2], (query, found)
    if "参保" in query:  # in its name; newborn only lists 参保 and 医保 among its keywords
        assert found[0] == "newborn_insurance", (query, found)


def test_no_match_and_single_letters(catalog: Catalog) -> None:
    assert search_bundles(catalog, "zzzz") == []
    assert search_bundles(catalog, "火星移民") == []


def test_empty_query_lists_recent_first_and_subject_filters(catalog: Catalog) -> None:
    listed = [b.id for b in search_bundles(catalog, "", recent=["retirement", "newborn"])]
    assert listed[:2] == ["retirement", "newborn"] and len(listed) == len(catalog.bundles) == 26
    persons = search_bundles(catalog, "", subject=Subject.PERSON)
    assert persons and all(b.subject is Subject.PERSON for b in persons)


def test_categories_cover_every_bundle(catalog: Catalog) -> None:
    cats = categories(catalog)
    assert "出生" in cats[Subject.PERSON]
    listed = {c for cs in cats.values() for c in cs}
    assert {b.category for b in catalog.bundles.values()} == listed


def test_normalise_query() -> None:
    assert normalise_query(" Xi'an ") == "xian"
    assert normalise_query("ＣＳ") == "cs"
