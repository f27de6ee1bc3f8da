"""Cross-field checks declared in a bundle (``checks``): what the loader refuses, what ships.

The grammar is assets/catalog/README.md "Cross-field checks"; evaluation at intake is tested in
tests/core/cases/test_intake_checks.py.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from core.catalog import check_catalog, load_catalog
from core.catalog.answer_checks import AnswersCheck, ContributionCheck
from core.catalog.checks import AgeBandCheck, AgeLimitCheck, RetirementCheck, Severity, SexCheck
from core.catalog.loader import default_root

Edit = Callable[[dict[str, Any]], None]


def problems_after(tmp_path: Path, bundle_id: str, edit: Edit) -> list[str]:
    """The problems of the shipped catalog once ``edit`` has changed one bundle's JSON."""
    root = tmp_path / "catalog"
    shutil.copytree(default_root(), root)
    path = root / "bundles" / f"{bundle_id}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return check_catalog(root)


def test_the_shipped_bundles_declare_their_checks() -> None:
    catalog = load_catalog()
    newborn = catalog.bundle("newborn").checks
    assert [type(c) for c in newborn] == [SexCheck, AgeBandCheck, AgeLimitCheck, AnswersCheck, AnswersCheck]
    assert newborn[2].severity is Severity.WARN
    assert [c.question for c in newborn[3:] if isinstance(c, AnswersCheck)] == [
        "mother_scheme",
        "maternity_claim",
    ]
    retirement = catalog.bundle("retirement").checks
    assert [type(c) for c in retirement] == [
        RetirementCheck,
        RetirementCheck,
        ContributionCheck,
        ContributionCheck,
    ]
    assert [str(c.when) for c in retirement][:2] == ["insured_as == employee", "insured_as == flexible"]
    (late,) = catalog.bundle("newborn_insurance").checks  # 出生即参保 past 90 days: a warning
    assert isinstance(late, AgeLimitCheck) and late.days == 90 and late.severity is Severity.WARN
    with_checks = {"newborn", "newborn_insurance", "retirement"}
    assert all(b.checks == () for b in catalog.bundles.values() if b.id not in with_checks)


def _set(index: int, **changes: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        data["checks"][index].update(changes)

    return edit


def _add(check: dict[str, Any]) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        data["checks"].append(check)

    return edit


@pytest.mark.parametrize(
    ("bundle_id", "edit", "expected"),
    [
        ("newborn", _set(0, rule="gender"), "$.checks[0].rule: expected one of: sex, age_band, age_limit, retirement_age, answers, min_contribution"),
        ("newborn", _set(0, colour="red"), "$.checks[0].colour: unknown key"),
        ("newborn", _set(0, field="mother.shoe_size"), "$.checks[0].field: unknown field 'mother.shoe_size'"),
        ("newborn", _set(0, field="child.birth_date"), "'child.birth_date' is a date field, not id_number"),
        ("newborn", _set(0, field="seller.id_number"), "'seller.id_number' is in the form of no sub-matter"),
        ("newborn", _set(0, sex="woman"), "$.checks[0].sex: expected male or female"),
        ("newborn", _set(0, severity="maybe"), "$.checks[0].severity: expected refuse or warn"),
        ("newborn", _set(0, when="married and colour"), "unknown question 'colour'"),
        ("newborn", _set(1, question="shoe"), "$.checks[1].question: unknown question 'shoe'"),
        ("newborn", _set(1, question="married"), "'married' must be a single-choice question"),
        ("newborn", _set(1, bands={"lt_1m": {"under": "1m"}}), "give one band for each option of 'age_band'"),
        ("newborn", _set(1, bands={"lt_1m": {"under": "a month"}, "1m_to_1y": {"from": "1m"}, "gt_1y": {"from": "1y"}}),
         "'a month' is not an age like 90d, 1m or 1y"),
        ("newborn", _set(1, bands={"lt_1m": {}, "1m_to_1y": {"from": "1m"}, "gt_1y": {"from": "1y"}}),
         "a band needs 'from', 'under' or both"),
        ("newborn", _set(1, bands={"lt_1m": {"under": "1m"}, "1m_to_1y": {"from": "1y", "under": "1m"}, "gt_1y": {"from": "1y"}}),
         "'under' must be later than 'from'"),
        ("newborn", _set(2, days=0), "$.checks[2].days: expected a positive whole number"),
        # a question asked only sometimes must be answered wherever the check applies
        ("newborn", _add({"rule": "age_band", "field": "child.birth_date", "question": "mother_scheme",
                          "bands": {"employee": {"under": "1y"}, "resident": {"from": "1y"}, "none": {"from": "2y"}}}),
         "$.checks[5].question: 'mother_scheme in [employee, resident, none]' is undecided"),
        ("newborn", _set(3, when=None), "$.checks[3].when: an answers check needs the condition it refuses"),
        ("newborn", _set(3, question="shoe"), "$.checks[3].question: unknown question 'shoe'"),
        ("newborn", _set(3, question="maternity_claim"), "$.checks[3].question: 'maternity_claim in [medical, allowance]' is undecided"),
        ("retirement", _set(2, months="category"), "$.checks[2].months: 'category' must be a int question"),
        ("retirement", _set(2, date="applicant.phone"), "'applicant.phone' is a phone field, not date"),
        ("retirement", _set(3, note=7), "$.checks[3].note"),
        ("retirement", _set(0, when=None), "$.checks[0].kind: 'kind in ["),
        ("retirement", _set(0, kinds={"normal": "statutory"}), "give a meaning to each option of 'kind'"),
        ("retirement", _set(1, kinds={"normal": "statutory", "flexible_early": "sooner", "special_job_early": "early",
                                      "disability_early": "early"}), "$.checks[1].kinds.flexible_early: expected one of"),
        ("retirement", _set(0, category="insured_as"), "the options of 'insured_as' must be among: female50, female55, male"),
        ("retirement", _set(0, date="applicant.phone"), "'applicant.phone' is a phone field, not date"),
    ],
)  # fmt: skip
def test_the_loader_names_every_broken_check(
    tmp_path: Path, bundle_id: str, edit: Edit, expected: str
) -> None:
    problems = problems_after(tmp_path, bundle_id, edit)
    assert any(expected in p and f"bundles/{bundle_id}.json" in p for p in problems), problems


def test_a_bundle_without_checks_is_fine(tmp_path: Path) -> None:
    assert problems_after(tmp_path, "newborn", lambda data: data.pop("checks")) == []


def test_a_feed_carries_the_checks(tmp_path: Path) -> None:
    from core.catalog.feed import feed_text, read_raw

    sink: list[str] = []
    raw = read_raw(default_root(), sink)
    assert raw is not None and not sink
    feed = tmp_path / "catalog.jsonl"
    feed.write_text(feed_text(raw.records()), encoding="utf-8")
    assert load_catalog(feed).bundle("newborn").checks == load_catalog().bundle("newborn").checks
