"""A case's promised date (承诺办结) and 容缺 deadline count on the official holiday calendar.

Vector: ../shared/research/domain-review.md §4 R1 — accepted 2026-09-30 under 国务院办公厅关于2026年部分
节假日安排的通知 (2025-11-04, https://politics.gmw.cn/2025-11/04/content_38391083.htm).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from core.calendar import shipped_calendar
from core.cases.intake import IntakeRequest
from core.cases.service import CaseService
from core.catalog.model import Catalog
from core.config import DeviceConfig
from core.receipts import acceptance_receipt, promised_line, render_text
from core.workdays import add_working_days
from tests.conftest import CHINA


def test_promised_date_skips_the_national_day_holiday(
    service: CaseService, make_request: Callable[..., IntakeRequest], clock: Any, catalog: Catalog
) -> None:
    clock.set(datetime(2026, 9, 30, 10, 0, tzinfo=CHINA))
    case = service.accept(make_request(defer=True))
    days = max(m.promise_days or 0 for m in case.matters)
    assert days >= 5
    expected = shipped_calendar().due(date(2026, 9, 30), days).day
    assert case.promised_date == expected
    assert case.promised_date != add_working_days(date(2026, 9, 30), days)  # Monday–Friday alone is wrong
    deadline = case.deficiency_deadline
    assert deadline is not None and shipped_calendar().is_working_day(deadline)
    assert deadline > date(2026, 10, 7)  # never inside 国庆节


def test_a_promised_date_past_the_calendar_is_printed_as_provisional(
    service: CaseService, make_request: Callable[..., IntakeRequest], clock: Any
) -> None:
    clock.set(datetime(2026, 12, 28, 10, 0, tzinfo=CHINA))  # 5 working days on is in 2027
    # The samples' birth date (2026-11-20) is over a month before: answer the age question so.
    case = service.accept(make_request(answers={"married": True, "follow": "father", "age_band": "1m_to_1y"}))
    assert case.promised_date is not None and case.promised_date.year == 2027
    text = render_text(acceptance_receipt(case, DeviceConfig.demo()))
    assert (
        f"承诺办结：{case.promised_date.isoformat()} 前（暂定：2027 年节假日安排尚未发布）"
        in text.replace("\n", "")
    )
    assert promised_line(date(2026, 10, 13)) == "承诺办结：2026-10-13 前"
