"""Statutory retirement under the 2025 law (core.rules.retirement over assets/rules/retirement.json).

Vectors: ../shared/research/domain-review.md §2.2, computed from 《国务院关于渐进式延迟法定退休年龄的办法》
第一条 (men and women of original age 55: one month every four months; women of original age 50: one
month every two months, from 2025-01-01; text: http://www.gzjdyjgxx.com/hy_news/2erql/js/neilianwfdup.html)
and 第二条 (minimum contribution 15 years until 2029, six months more a year from 2030, 20 years from 2039:
https://jsychrss.yancheng.gov.cn/art/2024/9/24/art_45150_4238273.html). Worked examples from a
provincial broadcaster (https://gzstv.cn/a/bb516ef406b74a2080d4cfa91920729d): men due in January–April
2025 retire in February–May; women (50) due in January and February 2025 in February and March, those
due in March and April in May and June.
"""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest

from core.errors import ValidationError
from core.rules.retirement import (
    Category,
    Kind,
    RulesDataError,
    YearMonth,
    default_path,
    read_rules,
    retirement_rules,
    statutory_retirement,
)

# (category, born, statutory age (years, months), retires, minimum contribution years): review §2.2
REVIEW_VECTORS = [
    ("male", "1964-12", (60, 0), "2024-12", 15),
    ("male", "1965-01", (60, 1), "2025-02", 15),
    ("male", "1965-05", (60, 2), "2025-07", 15),
    ("male", "1966-06", (60, 5), "2026-11", 15),
    ("male", "1970-01", (61, 4), "2031-05", 16),
    ("male", "1976-09", (63, 0), "2039-09", 20),
    ("female55", "1970-01", (55, 1), "2025-02", 15),
    ("female55", "1975-01", (56, 4), "2031-05", 16),
    ("female55", "1981-09", (58, 0), "2039-09", 20),
    ("female50", "1975-01", (50, 1), "2025-02", 15),
    ("female50", "1975-03", (50, 2), "2025-05", 15),
    ("female50", "1980-01", (52, 7), "2032-08", 16.5),
    ("female50", "1984-11", (55, 0), "2039-11", 20),
]


@pytest.mark.parametrize(("category", "born", "age", "retires", "minimum"), REVIEW_VECTORS)
def test_the_review_vectors(
    category: str, born: str, age: tuple[int, int], retires: str, minimum: float
) -> None:
    r = statutory_retirement(YearMonth.parse(born), category)
    assert (r.age_years, r.age_months) == age
    assert str(r.retire_month) == retires
    assert r.min_contribution_years == minimum


@pytest.mark.parametrize(
    ("category", "born", "retires"),
    [
        # gzstv.cn: men who would have retired in January–April 2025 retire in February–May
        ("male", "1965-01", "2025-02"),
        ("male", "1965-04", "2025-05"),
        # … those due in May–August in July–October
        ("male", "1965-05", "2025-07"),
        ("male", "1965-08", "2025-10"),
        # women (50) due in January and February 2025 retire in February and March …
        ("female50", "1975-01", "2025-02"),
        ("female50", "1975-02", "2025-03"),
        # … those due in March and April in May and June
        ("female50", "1975-03", "2025-05"),
        ("female50", "1975-04", "2025-06"),
    ],
)
def test_the_published_worked_examples(category: str, born: str, retires: str) -> None:
    assert str(statutory_retirement(YearMonth.parse(born), category).retire_month) == retires


def test_before_and_after_the_transition() -> None:
    # born before the first band: the original age; after the last: the final age, for ever
    assert statutory_retirement(YearMonth(1960, 3), "male").age == 60 * 12
    assert statutory_retirement(YearMonth(1969, 12), "female55").age == 55 * 12
    assert statutory_retirement(YearMonth(1974, 12), "female50").age == 50 * 12
    assert statutory_retirement(YearMonth(1990, 3), "female50").age == 55 * 12
    assert statutory_retirement(YearMonth(2001, 7), "male").age == 63 * 12
    assert statutory_retirement(YearMonth(1995, 1), "female55").age == 58 * 12
    # a birth date counts by its month
    assert statutory_retirement(date(1966, 6, 30), Category.MALE).retire_month == YearMonth(2026, 11)


def test_minimum_contribution_by_year_of_retirement() -> None:
    rules = retirement_rules()
    assert [rules.min_contribution_months(y) for y in (2020, 2029, 2030, 2031, 2035, 2039, 2050)] == [
        180,
        180,
        186,
        192,
        216,
        240,
        240,
    ]


def test_flexible_windows() -> None:
    # 办法第三条: early by at most three years and never below the original age; delay by at most three
    r = statutory_retirement(YearMonth(1966, 6), "male")  # 60y5m → 2026-11; original 60 → 2026-06
    assert r.window(Kind.FLEXIBLE_EARLY) == (YearMonth(2026, 6), YearMonth(2026, 10))
    assert r.window(Kind.FLEXIBLE_DELAY) == (YearMonth(2026, 12), YearMonth(2029, 11))
    assert r.window(Kind.STATUTORY) == (YearMonth(2026, 11), None)
    assert r.window(Kind.EARLY) == (None, YearMonth(2026, 10))
    late = statutory_retirement(YearMonth(1980, 1), "male")  # 63y → 2043-01: early floor is 3 years
    assert late.window(Kind.FLEXIBLE_EARLY)[0] == YearMonth(2040, 1)
    assert not statutory_retirement(YearMonth(1964, 12), "male").allows(
        Kind.FLEXIBLE_EARLY, YearMonth(2024, 11)
    )
    assert r.allows(Kind.STATUTORY, YearMonth(2027, 3)) and not r.allows(Kind.STATUTORY, YearMonth(2026, 10))


def test_json_keys() -> None:
    data = statutory_retirement(YearMonth(1980, 1), "female50").to_json()
    assert data["age_years"] == 52 and data["age_months"] == 7
    assert data["retire_month"] == "2032-08" and data["min_contribution_years"] == 16.5


@pytest.mark.parametrize("text", ["1966", "1966-13", "66-06", "1966/06", "", "1966-0６x", "٢٠٢٠-01"])
def test_a_bad_month_is_refused_in_chinese(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        YearMonth.parse(text)
    assert "年月" in info.value.message and info.value.code == "rules.bad_month"


def test_the_shipped_file_cites_the_law() -> None:
    rules = retirement_rules()
    assert "2024年9月13日" in rules.basis and rules.in_force == date(2025, 1, 1)
    assert any("gzjdyjgxx" in s.url for s in rules.sources)


def test_full_width_digits_are_read() -> None:
    assert YearMonth.parse("１９６６－０６") == YearMonth(1966, 6)


def _shipped() -> dict[str, object]:
    data = json.loads(default_path().read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_a_gap_between_bands_is_refused() -> None:
    data = copy.deepcopy(_shipped())
    table = data["categories"]["male"]["table"]  # type: ignore[index]
    del table[3]
    with pytest.raises(RulesDataError) as info:
        read_rules(data)
    assert "$.categories.male.table[3]" in str(info.value)


def test_a_falling_minimum_and_a_closed_last_band_are_refused() -> None:
    data = copy.deepcopy(_shipped())
    data["min_contribution"]["by_year"][3][1] = 100  # type: ignore[index]
    data["categories"]["female50"]["table"][-1][1] = "1984-12"  # type: ignore[index]
    with pytest.raises(RulesDataError) as info:
        read_rules(data)
    problems = str(info.value)
    assert "min_contribution.by_year[3]" in problems and "open-ended" in problems
