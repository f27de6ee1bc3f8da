"""The catalog's cross-field checks at intake (core.catalog.checks through core.cases.intake.build_case).

Sources: ../shared/research/domain-review.md §2.1 (probe: a male mother's ID number and a 2019 birth
date with the answer 不满一个月 were accepted), §2.2 (probe: a woman born 1990-03-07 applying for
normal retirement on 2026-12-08 was accepted) and §3 V6. Retirement ages: 《国务院关于渐进式延迟法定
退休年龄的办法》第一条、第三条 (http://www.gzjdyjgxx.com/hy_news/2erql/js/neilianwfdup.html,
https://360.xilu.com/v/1000150004770746_5.html); the tables themselves are tested in tests/core/rules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from core.cases.intake import IntakeContext, IntakeRequest, build_case
from core.cases.model import Case
from core.catalog import build_checklist
from core.catalog.answers import answers_from_json
from core.catalog.checks import APPLICANT_ID, Severity, run_checks
from core.catalog.model import Catalog
from core.errors import ValidationError
from core.validation.idnumbers import resident_check_char

CHINA = timezone(timedelta(hours=8))
NOW = datetime(2026, 12, 7, 9, 30, tzinfo=CHINA)  # the review's probe day
CTX = IntakeContext(number="32011526120700100013", device_id="dev1", operator="window07", now=NOW)

Make = Callable[..., IntakeRequest]


def id_number(born: str, *, female: bool) -> str:
    """A valid resident ID number of 江宁区 for ``born`` (YYYYMMDD)."""
    body = f"320115{born}00{2 if female else 1}"
    return body + resident_check_char(body)


def person(born: str, *, female: bool) -> dict[str, str]:
    return {
        "name": "张桂兰" if female else "李建国",
        "id_number": id_number(born, female=female),
        "phone": "13912345678",
        "address": "南京市江宁区东山街道竹山路 8 号",
    }


def retirement(
    make_request: Make,
    born: str,
    *,
    female: bool,
    category: str,
    date_: str,
    kind: str = "normal",
    insured_as: str = "employee",
) -> IntakeRequest:
    key = "kind" if insured_as == "employee" else "kind_flexible"
    answers: dict[str, Any] = {"insured_as": insured_as, "category": category, key: kind}
    request = make_request("retirement", answers, applicant=person(born, female=female))
    return replace(request, form={**request.form, "retire.date": date_})


Take = Callable[[IntakeRequest], Case]


@pytest.fixture
def take(catalog: Catalog) -> Take:
    return lambda request: build_case(catalog, request, CTX)


def refused(take: Take, request: IntakeRequest) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        take(request)
    return info.value


# -- retirement (review §2.2) ----------------------------------------------------------------


def test_the_review_probe_a_woman_born_1990_cannot_retire_normally_in_2026(
    take: Take, make_request: Make
) -> None:
    request = retirement(
        make_request, "19900307", female=True, category="female50", date_="2026-12-08", insured_as="flexible"
    )
    error = refused(take, request)
    assert error.field == "form.retire.date" and error.code == "check.retirement_before"
    assert (
        "1990-03 出生" in error.message
        and "55 岁 0 个月" in error.message
        and "2045-03 到龄" in error.message
    )
    assert "不能按“到龄正常退休”办理" in error.message
    assert error.params["retire"] == "2045-03" and error.params["first"] == "2045-03"


@pytest.mark.parametrize(
    ("born", "female", "category", "retire_on", "accepted"),
    [
        ("19660615", False, "male", "2026-11-02", True),  # 60y5m → 2026-11 (review vector)
        ("19660615", False, "male", "2026-10-30", False),  # a month before the statutory month
        ("19800115", True, "female50", "2032-08-01", True),  # 52y7m → 2032-08 (review vector)
        ("19800115", True, "female50", "2032-07-31", False),
        ("19700108", True, "female55", "2025-02-01", True),  # 55y1m → 2025-02
        ("19641205", False, "male", "2024-12-20", True),  # born before the reform: 60 → 2024-12
    ],
)
def test_normal_retirement_from_the_statutory_month(
    take: Take, make_request: Make, born: str, female: bool, category: str, retire_on: str, accepted: bool
) -> None:
    request = retirement(make_request, born, female=female, category=category, date_=retire_on)
    if accepted:
        assert take(request).answers["category"] == category
    else:
        assert refused(take, request).code == "check.retirement_before"


def test_flexible_early_at_most_three_years_and_never_below_the_original_age(
    take: Take, make_request: Make
) -> None:
    # a man born 1980-01: 63y0m → 2043-01; flexible early from 2040-01 (three years) to 2042-12
    def early(day: str) -> IntakeRequest:
        return retirement(
            make_request, "19800110", female=False, category="male", date_=day, kind="flexible_early"
        )

    assert take(early("2040-01-05")).status.value == "accepted"
    assert refused(take, early("2039-12-31")).params["first"] == "2040-01"
    after = refused(take, early("2043-01-05"))
    assert after.code == "check.retirement_after" and after.params["last"] == "2042-12"
    # a man born 1966-06: 60y5m → 2026-11; never before 60 → 2026-06
    floor = retirement(
        make_request, "19660615", female=False, category="male", date_="2026-05-20", kind="flexible_early"
    )
    assert refused(take, floor).params["first"] == "2026-06"
    # born before the reform: nothing to bring forward
    none = retirement(
        make_request, "19641205", female=False, category="male", date_="2024-11-20", kind="flexible_early"
    )
    assert refused(take, none).code == "check.retirement_none"


def test_flexible_delay_at_most_three_years(take: Take, make_request: Make) -> None:
    def delay(day: str) -> IntakeRequest:
        return retirement(
            make_request, "19660615", female=False, category="male", date_=day, kind="flexible_delay"
        )

    assert take(delay("2029-11-30")).status.value == "accepted"
    assert refused(take, delay("2029-12-01")).params["last"] == "2029-11"
    assert refused(take, delay("2026-11-15")).params["first"] == "2026-12"  # that is the statutory month


def test_flexible_delay_is_offered_to_employees_only(catalog: Catalog) -> None:
    bundle = catalog.bundle("retirement")
    employee = build_checklist(catalog, "retirement", {"insured_as": "employee"})
    flexible = build_checklist(catalog, "retirement", {"insured_as": "flexible"})
    asked_employee = next(q for q in employee.questions if q.id.startswith("kind"))
    asked_flexible = next(q for q in flexible.questions if q.id.startswith("kind"))
    assert "flexible_delay" in [o.value for o in asked_employee.options]
    assert "flexible_delay" not in [o.value for o in asked_flexible.options]
    with pytest.raises(ValidationError):
        answers_from_json(bundle, {"insured_as": "flexible", "kind_flexible": "flexible_delay"})


def test_the_category_must_fit_the_id_card(take: Take, make_request: Make) -> None:
    error = refused(
        take, retirement(make_request, "19660615", female=False, category="female55", date_="2026-11-02")
    )
    assert error.field == "answers.category" and error.code == "check.retirement_sex"
    assert "男性" in error.message and "女职工，原法定退休年龄五十五周岁" in error.message
    woman = refused(
        take, retirement(make_request, "19800115", female=True, category="male", date_="2043-01-02")
    )
    assert woman.params["sex"] == "女性"


def test_early_kinds_must_come_before_the_statutory_month(take: Take, make_request: Make) -> None:
    special = retirement(
        make_request, "19700110", female=False, category="male", date_="2026-12-08", kind="special_job_early"
    )
    assert take(special).status.value == "accepted"
    late = retirement(
        make_request, "19660615", female=False, category="male", date_="2026-12-08", kind="disability_early"
    )
    assert refused(take, late).code == "check.retirement_after"


def test_no_personnel_file_from_an_ordinary_employee(
    catalog: Catalog, take: Take, make_request: Make
) -> None:
    request = retirement(make_request, "19660615", female=False, category="male", date_="2026-11-02")
    assert request.answers["needs_file_review"] is False
    checklist = build_checklist(
        catalog, "retirement", answers_from_json(catalog.bundle("retirement"), request.answers)
    )
    assert "personnel_file" not in [i.material.id for i in checklist.items]
    special = build_checklist(
        catalog,
        "retirement",
        answers_from_json(catalog.bundle("retirement"), {**request.answers, "kind": "special_job_early"}),
    )
    assert "personnel_file" in [i.material.id for i in special.items]  # 档案审核 for 特殊工种


# -- newborn (review §2.1) -------------------------------------------------------------------


def test_the_mothers_id_number_must_be_a_womans(take: Take, make_request: Make) -> None:
    request = make_request("newborn", {"married": True, "follow": "father"})
    male = id_number("19880512", female=False)
    error = refused(
        take,
        replace(request, form={**request.form, "mother.id_number": male, "child.birth_date": "2026-12-01"}),
    )
    assert error.field == "form.mother.id_number" and error.code == "check.sex_female"
    assert error.message == "母亲身份证号码是男性的号码，应为女性，请核对"


@pytest.mark.parametrize(
    ("band", "born", "agrees"),
    [
        ("lt_1m", "2026-11-08", True),
        ("lt_1m", "2026-11-07", False),  # one month old today
        ("1m_to_1y", "2026-11-07", True),
        ("1m_to_1y", "2025-12-08", True),
        ("1m_to_1y", "2025-12-07", False),  # one year old today
        ("gt_1y", "2025-12-07", True),
        ("gt_1y", "2019-01-01", True),
        ("lt_1m", "2019-01-01", False),  # the review's probe
    ],
)
def test_the_childs_birth_date_agrees_with_the_age_answer(
    take: Take, make_request: Make, band: str, born: str, agrees: bool
) -> None:
    request = make_request("newborn", {"married": True, "follow": "father", "age_band": band})
    request = replace(request, form={**request.form, "child.birth_date": born})
    if agrees:
        take(request)
    else:
        error = refused(take, request)
        assert error.field == "form.child.birth_date" and error.code == "check.age_band"
        assert f"孩子出生日期 {born} 与情形“孩子现在多大？”的回答" in error.message


def test_newborn_insurance_past_90_days_is_a_warning_not_a_refusal(
    catalog: Catalog, take: Take, make_request: Make
) -> None:
    answers = {"married": True, "follow": "father", "age_band": "1m_to_1y", "late_reason": "documents"}
    request = make_request("newborn", answers)
    bundle = catalog.bundle("newborn")
    checklist = build_checklist(catalog, "newborn", answers_from_json(bundle, request.answers))
    values = {**request.form, APPLICANT_ID: request.applicant["id_number"]}
    at_90 = run_checks(checklist, request.answers, {**values, "child.birth_date": "2026-09-08"}, NOW.date())
    assert at_90 == ()
    (late,) = run_checks(checklist, request.answers, {**values, "child.birth_date": "2026-09-07"}, NOW.date())
    assert late.severity is Severity.WARN and late.code == "check.age_limit"
    assert late.params["days"] == 90 and "不能追溯" in late.message
    take(replace(request, form={**request.form, "child.birth_date": "2026-09-07"}))  # still accepted


def test_a_check_reads_the_applicants_own_number_not_a_typed_one(take: Take, make_request: Make) -> None:
    request = retirement(make_request, "19660615", female=False, category="male", date_="2026-11-02")
    typed = {**request.form, "applicant.id_number": id_number("19900307", female=True)}
    case = take(replace(request, form=typed))  # a man born 1966-06, as his card says
    assert case.applicant.birth_date == date(1966, 6, 15)
