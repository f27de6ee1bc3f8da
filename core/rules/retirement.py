"""Statutory retirement age under the 2025 law, from the tables in assets/rules/retirement.json.

《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》(2024-09-13, in force
2025-01-01) approves the State Council's 办法: men from 60 to 63 and women of original age 55 to 58
by one month every four months of birth, women of original age 50 to 55 by one month every two
months (第一条, 附件1–3); the minimum contribution for a monthly pension rises from 15 years by
six months a year from 2030 to 20 years (第二条, 附件4); flexible early retirement by at most three
years, never below the original age, and flexible delay by at most three years (第三条).

The tables are data (one row per band of birth months, as the annexes print them); this module
only reads them: the retirement month is the birth month plus the statutory age.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Final

from core.assets import assets_dir
from core.errors import TongbanError, ValidationError

FORMAT: Final = 1
_YEAR_MONTH_RE: Final = re.compile(r"([0-9]{4})-([0-9]{1,2})\Z")


class RulesDataError(TongbanError):
    """The shipped rules data is malformed (a packaging defect, not the user's input)."""

    exit_code = 1
    default_code = "rules.invalid"


class Category(StrEnum):
    """Whose table applies: men, or women by their original (pre-2025) retirement age."""

    MALE = "male"
    FEMALE50 = "female50"
    FEMALE55 = "female55"


class Kind(StrEnum):
    """What a retirement application claims, as far as age decides it."""

    STATUTORY = "statutory"  # 到龄正常退休: at or after the statutory month
    FLEXIBLE_EARLY = "flexible_early"  # 弹性提前: up to 36 months early, never below the original age
    FLEXIBLE_DELAY = "flexible_delay"  # 弹性延迟: up to 36 months late
    EARLY = "early"  # 特殊工种、因病或非因工致残提前退休 (国家另有规定): before the statutory month


@dataclass(frozen=True, order=True, slots=True)
class YearMonth:
    """A calendar month, e.g. 2026-11."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str, *, field: str = "birth") -> YearMonth:
        """``YYYY-MM`` (or ``YYYY-M``, full-width digits too); ValidationError in Chinese otherwise."""
        match = _YEAR_MONTH_RE.match(unicodedata.normalize("NFKC", text).strip())
        if match is None or not 1 <= int(match.group(2)) <= 12 or not 1900 <= int(match.group(1)) <= 2100:
            raise ValidationError(
                field,
                f"“{text}”不是有效的年月，请写成 YYYY-MM，如 1966-06",
                f"{text!r} is not a year and month (YYYY-MM)",
                code="rules.bad_month",
                params={"text": text},
            )
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> YearMonth:
        return cls(day.year, day.month)

    @classmethod
    def from_index(cls, index: int) -> YearMonth:
        year, month = divmod(index, 12)
        return cls(year, month + 1)

    @property
    def index(self) -> int:
        """Months since year 0: differences of indexes are whole months."""
        return self.year * 12 + self.month - 1

    def plus(self, months: int) -> YearMonth:
        return YearMonth.from_index(self.index + months)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """As staff write it: 2026年11月."""
        return f"{self.year}年{self.month}月"


def age_text(months: int) -> str:
    """An age or a period in Chinese: 60岁, 60岁5个月."""
    years, rest = divmod(months, 12)
    return f"{years}岁" + (f"{rest}个月" if rest else "")


def years_text(months: int) -> str:
    """A contribution period in Chinese: 15年, 16年6个月."""
    years, rest = divmod(months, 12)
    return f"{years}年" + (f"{rest}个月" if rest else "")


def years_value(months: int) -> int | float:
    """A period in years for JSON: 15, 16.5 (months are always whole or half years here)."""
    return months // 12 if months % 12 == 0 else round(months / 12, 2)


@dataclass(frozen=True, slots=True)
class Band:
    """One row of an annex: births from ``first`` to ``last`` (None: every later month) retire at ``age`` months."""

    first: YearMonth
    last: YearMonth | None
    age: int


@dataclass(frozen=True, slots=True)
class CategoryTable:
    category: Category
    label: str
    sex: str  # "male" or "female"
    original_age: int  # years, before the reform
    rhythm: str  # 每四个月延迟一个月 …
    bands: tuple[Band, ...]

    def age_for(self, born: YearMonth) -> int:
        """The statutory age in months for someone born in ``born``."""
        if born < self.bands[0].first:
            return self.original_age * 12
        for band in self.bands:
            if band.last is None or born <= band.last:
                return band.age
        raise AssertionError("the last band is open-ended (checked on load)")


@dataclass(frozen=True, slots=True)
class Retirement:
    """Someone's statutory retirement and the windows of the flexible choices (all months inclusive)."""

    category: Category
    born: YearMonth
    age: int  # statutory age in months
    original_age: int  # years
    retire_month: YearMonth
    min_contribution_months: int  # for a pension starting in the statutory month's year
    early_from: YearMonth  # 弹性提前: the earliest month (may be after early_to: no early choice)
    early_to: YearMonth
    delay_to: YearMonth  # 弹性延迟: the latest month

    @property
    def age_years(self) -> int:
        return self.age // 12

    @property
    def age_months(self) -> int:
        return self.age % 12

    @property
    def min_contribution_years(self) -> int | float:
        return years_value(self.min_contribution_months)

    def window(self, kind: Kind) -> tuple[YearMonth | None, YearMonth | None]:
        """The months (first, last; None: open) in which a retirement of ``kind`` may start."""
        if kind is Kind.STATUTORY:
            return self.retire_month, None
        if kind is Kind.FLEXIBLE_EARLY:
            return self.early_from, self.early_to
        if kind is Kind.FLEXIBLE_DELAY:
            return self.retire_month.plus(1), self.delay_to
        return None, self.retire_month.plus(-1)

    def allows(self, kind: Kind, month: YearMonth) -> bool:
        first, last = self.window(kind)
        return (first is None or month >= first) and (last is None or month <= last)

    def to_json(self) -> dict[str, object]:
        return {
            "category": self.category.value,
            "birth": str(self.born),
            "age_years": self.age_years,
            "age_months": self.age_months,
            "retire_month": str(self.retire_month),
            "min_contribution_years": self.min_contribution_years,
            "original_age_years": self.original_age,
            "flexible_early_from": str(self.early_from) if self.early_from <= self.early_to else None,
            "flexible_delay_to": str(self.delay_to),
        }


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class RetirementRules:
    """The tables of the 2025 law, as read from the data file."""

    basis: str
    in_force: date
    tables: Mapping[Category, CategoryTable]
    early_max_months: int
    delay_max_months: int
    min_contribution: tuple[tuple[int, int], ...]  # (from year, months), ascending
    sources: tuple[Source, ...]

    def min_contribution_months(self, year: int) -> int:
        """The minimum contribution (months) for a monthly pension starting in ``year``."""
        months = self.min_contribution[0][1]
        for first_year, value in self.min_contribution:
            if year >= first_year:
                months = value
        return months

    def statutory(self, born: YearMonth | date, category: Category | str) -> Retirement:
        """The statutory retirement of someone born in ``born`` (a month or a birth date)."""
        month = YearMonth.of(born) if isinstance(born, date) else born
        table = self.tables[Category(category)]
        age = table.age_for(month)
        retire = month.plus(age)
        floor = month.plus(table.original_age * 12)
        return Retirement(
            category=table.category,
            born=month,
            age=age,
            original_age=table.original_age,
            retire_month=retire,
            min_contribution_months=self.min_contribution_months(retire.year),
            early_from=max(retire.plus(-self.early_max_months), floor),
            early_to=retire.plus(-1),
            delay_to=retire.plus(self.delay_max_months),
        )


def category_sex(category: Category | str) -> str:
    """Whom a category is for: "male" or "female"."""
    return "male" if Category(category) is Category.MALE else "female"


def default_path() -> Path:
    return assets_dir() / "rules" / "retirement.json"


@functools.cache
def retirement_rules() -> RetirementRules:
    """The shipped tables (read once)."""
    return load_rules(default_path())


def load_rules(path: Path) -> RetirementRules:
    """The rules in ``path``; RulesDataError listing every problem when the file is malformed."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RulesDataError(
            f"退休年龄规则数据 {path} 无法读取：{exc}", f"cannot read {path}: {exc}"
        ) from exc
    return read_rules(data, str(path))


def read_rules(data: object, where: str = "retirement.json") -> RetirementRules:
    """The rules in decoded JSON ``data``, checked: every band follows the previous one, ages rise
    by one month a band up to the final age, the minimum contributions rise with the years."""
    reader = _Reader(where)
    rules = reader.rules(data)
    if reader.problems or rules is None:
        raise RulesDataError(
            "退休年龄规则数据有误：\n" + "\n".join(reader.problems), "; ".join(reader.problems)
        )
    return rules


class _Reader:
    def __init__(self, where: str) -> None:
        self.where = where
        self.problems: list[str] = []

    def bad(self, path: str, what: str) -> None:
        self.problems.append(f"{self.where}: {path}: {what}")

    def rules(self, data: object) -> RetirementRules | None:
        if not isinstance(data, dict):
            self.bad("$", "expected an object")
            return None
        if data.get("format") != FORMAT:
            self.bad("$.format", f"expected {FORMAT}")
        basis = data.get("basis")
        try:
            in_force = date.fromisoformat(str(data.get("in_force")))
        except ValueError:
            self.bad("$.in_force", "expected a date YYYY-MM-DD")
            in_force = date(2025, 1, 1)
        tables: dict[Category, CategoryTable] = {}
        raw_tables = data.get("categories")
        if not isinstance(raw_tables, dict) or set(raw_tables) != {c.value for c in Category}:
            self.bad("$.categories", f"expected exactly: {', '.join(c.value for c in Category)}")
            raw_tables = {}
        for key, value in raw_tables.items():
            table = self.table(Category(key), value, f"$.categories.{key}")
            if table is not None:
                tables[table.category] = table
        flexible = data.get("flexible")
        early: object = None
        delay: object = None
        if isinstance(flexible, dict):
            early, delay = flexible.get("early_max_months"), flexible.get("delay_max_months")
        if not (_whole(early) and _whole(delay)):
            self.bad("$.flexible", "expected early_max_months and delay_max_months (whole numbers)")
        minimum = self.minimum(data.get("min_contribution"))
        sources = self.sources(data.get("sources"))
        if not isinstance(basis, str) or not basis.strip():
            self.bad("$.basis", "expected the legal basis (text)")
        if self.problems:
            return None
        assert isinstance(basis, str) and isinstance(early, int) and isinstance(delay, int)
        return RetirementRules(basis, in_force, tables, early, delay, minimum, sources)

    def table(self, category: Category, value: object, path: str) -> CategoryTable | None:
        if not isinstance(value, dict):
            self.bad(path, "expected an object")
            return None
        label, sex, original, rhythm = (value.get(k) for k in ("label", "sex", "original_age", "rhythm"))
        if sex != category_sex(category):
            self.bad(f"{path}.sex", f"expected {category_sex(category)}")
        if not _whole(original):
            self.bad(f"{path}.original_age", "expected a whole number of years")
            return None
        assert isinstance(original, int)
        rows = value.get("table")
        if not isinstance(rows, list) or not rows:
            self.bad(f"{path}.table", "expected rows")
            return None
        bands: list[Band] = []
        for i, row in enumerate(rows):
            band = self.band(row, f"{path}.table[{i}]")
            if band is None:
                return None
            previous_age = bands[-1].age if bands else original * 12
            if band.age != previous_age + 1:
                self.bad(f"{path}.table[{i}]", "each band retires one month later than the one before")
            if bands and (bands[-1].last is None or band.first != bands[-1].last.plus(1)):
                self.bad(f"{path}.table[{i}]", "bands must follow each other without gap or overlap")
            if band.last is not None and band.last < band.first:
                self.bad(f"{path}.table[{i}]", "the band ends before it starts")
            bands.append(band)
        if bands[-1].last is not None:
            self.bad(f"{path}.table", "the last band must be open-ended (null end: every later birth)")
        if not isinstance(label, str) or not isinstance(rhythm, str):
            self.bad(path, "expected label and rhythm (text)")
            return None
        return CategoryTable(category, label, category_sex(category), original, rhythm, tuple(bands))

    def band(self, row: object, path: str) -> Band | None:
        if not (isinstance(row, list) and len(row) == 4):
            self.bad(path, "expected [first birth month, last birth month or null, years, months]")
            return None
        first, last, years, months = row
        try:
            start = YearMonth.parse(str(first))
            end = None if last is None else YearMonth.parse(str(last))
        except ValidationError:
            self.bad(path, "birth months are written YYYY-MM")
            return None
        if not (_whole(years) and _whole(months) and months < 12):
            self.bad(path, "the age is whole years and 0–11 months")
            return None
        assert isinstance(years, int) and isinstance(months, int)
        return Band(start, end, years * 12 + months)

    def minimum(self, value: object) -> tuple[tuple[int, int], ...]:
        rows = value.get("by_year") if isinstance(value, dict) else None
        out: list[tuple[int, int]] = []
        if not isinstance(rows, list) or not rows:
            self.bad("$.min_contribution.by_year", "expected [year, months] rows")
            return ((0, 180),)
        for i, row in enumerate(rows):
            if not (isinstance(row, list) and len(row) == 2 and _whole(row[0]) and _whole(row[1])):
                self.bad(f"$.min_contribution.by_year[{i}]", "expected [year, months]")
                continue
            if out and (row[0] <= out[-1][0] or row[1] < out[-1][1]):
                self.bad(f"$.min_contribution.by_year[{i}]", "years ascend and minimums never fall")
            out.append((row[0], row[1]))
        return tuple(out) or ((0, 180),)

    def sources(self, value: object) -> tuple[Source, ...]:
        out: list[Source] = []
        for i, item in enumerate(value if isinstance(value, list) else []):
            if (
                isinstance(item, dict)
                and isinstance(item.get("title"), str)
                and isinstance(item.get("url"), str)
            ):
                out.append(Source(item["title"], item["url"]))
            else:
                self.bad(f"$.sources[{i}]", "expected {title, url}")
        if not out:
            self.bad("$.sources", "the rules must cite their sources")
        return tuple(out)


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def statutory_retirement(born: YearMonth | date, category: Category | str) -> Retirement:
    """The statutory retirement under the shipped tables."""
    return retirement_rules().statutory(born, category)
