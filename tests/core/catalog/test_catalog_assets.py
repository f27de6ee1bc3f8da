"""The shipped catalog: the 13 first-batch bundles and 出生即参保 load and follow the domain rules (domain.md §2–§6)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from core.catalog import (
    Catalog,
    MaterialSource,
    QuestionType,
    Subject,
    build_checklist,
    check_catalog,
    default_root,
    load_catalog,
)
from tests.core.catalog.catalog_testkit import CatalogDir

FIRST_BATCH = [
    "newborn", "school_entry", "sscard_onecard", "retirement", "disability", "veteran", "used_home_transfer",
    "change_company_info", "open_transport_company", "open_restaurant", "bankruptcy_info_check",
    "utilities_joint_connection", "ipo_compliance_check",
]  # fmt: skip
# Bundles of later national batches (assets/catalog/national-batches.md), and one without a batch.
LATER = {
    "childcare_subsidy": "2026-1",
    "credit_info_query": "2025-2",
    "elderly_welfare_subsidy": "2026-1",
    "enterprise_deregistration": "",
    "flexible_employment_insurance": "2026-1",
    "person_after_death": "2025-1",
    "sports_event": "2026-1",
    "tech_sme_support": "2026-1",
    "enterprise_migration": "2024-2",
    "hpf_housing_loan": "2025-1",
    "individual_to_enterprise": "2025-1",
    "veteran_services": "2024-2",
}
# 出生即参保 (a single-matter flow of the newborn bundle) sits after it in display order.
ALL_BUNDLES = [*FIRST_BATCH[:1], "newborn_insurance", *FIRST_BATCH[1:], *LATER]
ENTITY = {"change_company_info", "open_transport_company", "open_restaurant", "bankruptcy_info_check"}
ENTITY |= {"utilities_joint_connection", "ipo_compliance_check"}


@cache
def catalog() -> Catalog:
    return load_catalog()


def test_the_shipped_catalog_has_no_problems() -> None:
    assert check_catalog() == []


def test_it_holds_exactly_the_first_batch_and_the_later_bundles_in_order() -> None:
    assert list(catalog().bundles) == ALL_BUNDLES
    assert re.fullmatch(r"\d{4}\.\d+-r\d+", catalog().version)


@pytest.mark.parametrize(("bundle_id", "batch"), LATER.items())
def test_later_bundles_say_their_batch_and_cite_their_sources(bundle_id: str, batch: str) -> None:
    bundle = catalog().bundle(bundle_id)
    assert bundle.batch == batch and bundle.sources
    assert all(s.url.startswith(("http://", "https://")) and s.title for s in bundle.sources)
    assert bundle.eligibility and bundle.keywords


def test_the_demo_county_has_over_80_sourced_matters_of_over_15_departments() -> None:
    matters = catalog().matters.values()
    sourced = [m for m in matters if m.sources]
    assert len(sourced) >= 80 and len({m.dept for m in sourced}) >= 15
    # A code not seen in a source says so; every matter is reachable by its code.
    assert all(m.code_constructed for m in matters if not m.sources)
    assert all(catalog().bundle(m.code).matter == m.id for m in matters)


def test_bundle_sub_matters_take_name_department_and_limit_from_their_matter() -> None:
    by_code = {m.code: m for m in catalog().matters.values()}
    for bundle in catalog().bundles.values():
        for sub in bundle.sub_matters:
            matter = by_code[sub.code]
            assert (sub.name, sub.dept, sub.promise_days) == (matter.name, matter.dept, matter.limit_days)


@pytest.mark.parametrize("bundle_id", FIRST_BATCH)
def test_every_bundle_is_described_for_browsing_and_search(bundle_id: str) -> None:
    bundle = catalog().bundle(bundle_id)
    assert bundle.subject is (Subject.ENTITY if bundle_id in ENTITY else Subject.PERSON)
    assert bundle.category and bundle.eligibility and len(bundle.keywords) >= 5
    assert "“一件事”" in bundle.name or "一卡通" in bundle.name
    assert len(bundle.sub_matters) >= 2
    assert len({m.dept for m in bundle.sub_matters}) >= 2 or bundle_id == "sscard_onecard"
    assert all(q.text.endswith("？") for q in bundle.questions)


def test_citizens_may_self_serve_newborn_and_social_security_card() -> None:
    assert catalog().bundle("newborn").self_service
    assert catalog().bundle("sscard_onecard").self_service
    assert not any(catalog().bundle(b).self_service for b in ENTITY)


def test_newborn_insurance_is_one_instant_matter_with_no_questions() -> None:
    # 出生即参保: a hospital self-service point enrols the newborn in 医保 from shared e-licences.
    bundle = catalog().bundle("newborn_insurance")
    assert bundle.self_service and bundle.subject is Subject.PERSON and bundle.lead == "medical_insurance"
    assert bundle.category == "出生" and bundle.questions == () and bundle.eligibility
    assert {"出生", "新生儿", "医保", "参保", "出生即参保"} <= set(bundle.keywords)
    (matter,) = bundle.sub_matters
    assert (matter.id, matter.dept, matter.promise_days) == ("mi_enrol", "medical_insurance", 1)
    assert matter.name == "城乡居民基本医疗保险参保登记（新生儿）" and matter.when is None
    sources = {
        bundle.materials[r.material].name: bundle.materials[r.material].source for r in matter.requirements
    }
    assert sources == {
        "监护人居民身份证": MaterialSource.SHARED,
        "出生医学证明（电子证照）": MaterialSource.SHARED,
        "新生儿参保登记申请表": MaterialSource.GENERATED,
    }
    assert set(matter.fields) == {
        "child.name", "child.sex", "child.birth_date", "child.birth_cert_no",
        "applicant.name", "applicant.id_number", "applicant.phone",
        # the contribution as the parent states it (core/flows/newborn_payment.py): optional fields
        "payment.status", "payment.channel", "payment.amount", "payment.receipt_no",
    }  # fmt: skip
    assert not any(f.required for f in catalog().fields.values() if f.id.startswith("payment."))
    checklist = build_checklist(catalog(), "newborn_insurance", {})
    assert not checklist.unanswered and [m.id for m in checklist.matters] == ["mi_enrol"]
    assert {i.material.licence for i in checklist.items} == {"id_card", "birth_medical_cert", None}


def test_newborn_questions_and_their_chain() -> None:
    bundle = catalog().bundle("newborn")
    married, follow = bundle.question("married"), bundle.question("follow")
    assert married.type is QuestionType.BOOL and married.when is None
    assert follow.type is QuestionType.ENUM and [o.value for o in follow.options] == ["father", "mother"]
    assert str(bundle.question("late_reason").when) == "age_band != lt_1m"
    assert bundle.question("father_info").when is not None
    names = {m.name for m in bundle.materials.values()}
    assert any("亲子鉴定证明" in n for n in names) and "结婚证" in names


def test_proofs_of_identity_birth_and_status_are_core() -> None:
    # domain.md §6.2: the main materials must be complete; only secondary ones may be 容缺.
    proofs = ("居民身份证", "出生医学证明", "亲子鉴定证明", "结婚证", "不动产权证书", "落户方居民户口簿")
    checked = 0
    for bundle in catalog().bundles.values():
        for m in bundle.materials.values():
            if any(word in m.name for word in proofs) and "相片" not in m.name:
                assert m.core and not m.deferrable and not m.commitment_ok, (bundle.id, m.id)
                checked += 1
    assert checked >= 15


def test_safety_critical_materials_are_never_a_commitment() -> None:
    # domain.md §6.3: 告知承诺 does not apply where public safety, life or health is at stake.
    safety = ("安全", "消防", "危险", "身体条件", "鉴定", "交通组织", "排水")
    for bundle in catalog().bundles.values():
        for m in bundle.materials.values():
            if any(word in m.name for word in safety):
                assert not m.commitment_ok and not m.deferrable, (bundle.id, m.id)


def test_commitments_have_wording_and_shared_materials_name_licences_where_one_exists() -> None:
    catalog_ = catalog()
    commitments = [m for b in catalog_.bundles.values() for m in b.materials.values() if m.commitment_ok]
    assert len(commitments) >= 6
    assert all(m.commitment_text and "承诺" in m.commitment_text for m in commitments)
    licensed = [m for b in catalog_.bundles.values() for m in b.materials.values() if m.licence]
    assert all(m.source is MaterialSource.SHARED for m in licensed)
    assert {m.licence for m in licensed} <= set(catalog_.licences)
    deferrable = [b.id for b in catalog_.bundles.values() if any(m.deferrable for m in b.materials.values())]
    assert len(deferrable) >= 10


def test_applicant_fields_prefill_from_the_id_card() -> None:
    fields = catalog().fields
    assert fields["applicant.name"].prefill == "id_card.name"
    assert fields["applicant.id_number"].prefill == "id_card.id_number"
    assert fields["applicant.birth_date"].prefill == "id_card.birth_date"
    assert fields["applicant.address"].prefill == "id_card.address"
    assert fields["applicant.nation"].prefill == "id_card.nation"


def test_entity_bundles_ask_for_the_entity() -> None:
    for bundle_id in ENTITY:
        wanted = {f for m in catalog().bundle(bundle_id).sub_matters for f in m.fields}
        assert {"entity.name", "applicant.phone"} <= wanted, bundle_id


def test_default_root_is_the_assets_folder() -> None:
    assert default_root() == Path(__file__).resolve().parents[3] / "assets" / "catalog"


def test_the_readme_example_is_a_valid_bundle(cat: CatalogDir) -> None:
    readme = (default_root() / "README.md").read_text(encoding="utf-8")
    line = re.search(r"```jsonl\n(.*?)```", readme, re.S)
    block = re.search(r"```json\n(.*?)```", readme, re.S)
    assert block is not None and line is not None
    example = json.loads(block.group(1))
    cat.header = json.loads((default_root() / "catalog.json").read_text(encoding="utf-8"))
    cat.header["bundles"] = [example["id"]]
    cat.matters = [json.loads(line.group(1))]
    cat.bundles = {example["id"]: example}
    assert cat.problems() == []
    assert load_catalog(cat.root).bundle("hrss_demo_card").sub_matters[0].promise_days == 5
