"""describe() of the catalog's cross-field refusals (core.catalog.checks) and the retirement rules' errors:
the Chinese template filled with the params is the message core printed; English has a translation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication

from core.catalog import build_checklist, load_catalog
from core.catalog.checks import APPLICANT_ID, Finding, run_checks
from core.errors import TongbanError
from core.rules.retirement import YearMonth
from qtkit.i18n import install_translator
from qtkit.message_texts import TEMPLATES
from qtkit.messages import describe

TODAY = date(2026, 12, 7)
PLACEHOLDER = re.compile(r"\{\w+\}")


def findings() -> list[Finding]:
    """One finding of each code: the review's probes (domain-review.md §2.1, §2.2) and their kin."""
    catalog = load_catalog()
    out: list[Finding] = []

    def run(bundle: str, answers: dict[str, object], values: dict[str, object]) -> None:
        checklist = build_checklist(catalog, bundle, answers)  # type: ignore[arg-type]
        out.extend(run_checks(checklist, answers, values, TODAY))  # type: ignore[arg-type]

    run("newborn", {}, {"mother.id_number": "320115198805120036"})
    run("newborn", {}, {"mother.id_number": "320115199003070043"})  # a woman's: nothing
    run(
        "newborn",
        {"age_band": "lt_1m", "born_in_province_hospital": False},
        {"child.birth_date": "2019-01-01"},
    )
    maternity = {"want_maternity": True, "mother_scheme": "resident", "maternity_claim": "allowance"}
    run("newborn", maternity, {})
    woman = {APPLICANT_ID: "320115199003070043"}
    flexible = {"insured_as": "flexible", "category": "female50", "kind_flexible": "normal"}
    run("retirement", flexible, {**woman, "retire.date": "2026-12-08"})
    run("retirement", {**flexible, "category": "male"}, woman)
    man = {APPLICANT_ID: "320115196606150014"}
    employee = {"insured_as": "employee", "category": "male"}
    run("retirement", {**employee, "kind": "flexible_delay"}, {**man, "retire.date": "2030-01-02"})
    run(
        "retirement",
        {**employee, "kind": "flexible_early"},
        {APPLICANT_ID: "320115196409050014", "retire.date": "2024-11-02"},
    )
    short = {**employee, "kind": "normal", "contribution_months": 170}
    run("retirement", short, {**man, "retire.date": "2026-11-02"})
    return out


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    assert install_translator(qapp, "en")
    yield
    install_translator(qapp, "zh_CN")


def test_every_code_has_a_template_that_makes_the_same_chinese(qapp: QApplication) -> None:
    found = findings()
    codes = [f.code for f in found]
    assert codes == [
        "check.sex_female",
        "check.age_band",
        "check.age_limit",  # the 2019 child is also past 出生即参保's 90 days (a warning)
        "check.answers",  # 生育津贴 asked for a mother in 城乡居民医保
        "check.retirement_before",
        "check.retirement_sex",
        "check.retirement_after",
        "check.retirement_none",
        "check.min_contribution",
    ]
    for f in found:
        template = str(TEMPLATES[f.code])
        filled = PLACEHOLDER.sub(lambda m, params=f.params: str(params[m.group(0)[1:-1]]), template)
        assert filled == f.message, f.code
        assert describe(f.error()) == f.message


def test_english_translates_each_template(qapp: QApplication, english: None) -> None:
    for f in findings():
        text = describe(f.error())
        assert text != f.detail and not PLACEHOLDER.search(text), (f.code, text)
    before = describe(next(f for f in findings() if f.code == "check.retirement_before").error())
    assert before.startswith("Born 1990-03, as ") and "before 2045-03" in before
    by_code = {f.code: describe(f.error()) for f in findings()}
    assert by_code["check.answers"].startswith("Answers that do not fit together: maternity allowance")
    assert by_code["check.min_contribution"].startswith("Pension contributions total 170 months;")
    assert "needs at least 180 months (10 short)" in by_code["check.min_contribution"]
    with pytest.raises(TongbanError) as info:
        YearMonth.parse("1966-13")
    assert describe(info.value) == '"1966-13" is not a year and month; write YYYY-MM, e.g. 1966-06.'
