"""The platform's progress answer settles 出生一件事's "已在医院办理出生即参保？" (core.flows.newborn_handover).

Why it matters: 出生即参保 is the newborn's 医保 enrolment (医保办函〔2021〕11号 第十条: enrolled and paid
within 90 days, covered from birth); enrolling again in 出生一件事 would be a second registration.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from core.flows.newborn_handover import enrolled_case

TODAY = date(2026, 12, 7)


def case(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "case_number": "32011526120510100013",
        "bundle_id": "newborn_insurance",
        "status": "completed",
        "accepted_at": "2026-12-05T10:00:00+08:00",
        "matters": [{"matter_id": "mi_enrol", "status": "done"}],
    }
    return base | changes


def test_a_recent_hospital_enrolment_settles_the_answer() -> None:
    assert enrolled_case([case()], TODAY) == "32011526120510100013"
    assert enrolled_case(
        [case(status="dispatched", matters=[{"matter_id": "mi_enrol", "status": "processing"}])], TODAY
    )


@pytest.mark.parametrize(
    "other",
    [
        case(bundle_id="newborn"),  # 出生一件事 itself
        case(status="withdrawn"),
        case(status="not_accepted"),
        case(matters=[{"matter_id": "mi_enrol", "status": "rejected"}]),
        case(matters=[]),
        case(accepted_at="2025-11-30T10:00:00+08:00"),  # more than a year ago: an older child's
        case(accepted_at="2026-12-09T10:00:00+08:00"),  # after today: a wrong clock, not evidence
        case(accepted_at="yesterday"),
    ],
)
def test_other_cases_do_not(other: dict[str, Any]) -> None:
    assert enrolled_case([other], TODAY) is None


def test_the_first_matching_case_counts() -> None:
    assert enrolled_case([case(bundle_id="retirement"), case(case_number="X")], TODAY) == "X"
    assert enrolled_case([], TODAY) is None
