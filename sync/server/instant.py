"""即办件 (matters decided on the spot): which the simulated departments settle at dispatch, and their results.

A hospital self-service point enrols a newborn in medical insurance (出生即参保) and, online, the
医保 platform confirms at once. The reference platform simulates that: a matter whose id is in
``PlatformConfig.instant_matters`` is taken up and decided in the dispatch transaction itself,
never rejected, with a result that names a deterministic demo number (the same case always gets
the same number, so seeded runs and restarts agree).
"""

from __future__ import annotations

import hashlib
from typing import Final

DEFAULT_INSTANT_MATTERS: Final = frozenset({"mi_enrol"})  # 城乡居民基本医疗保险参保登记


def insurance_number(case_number: str) -> str:
    """A demo 医保参保编号: the case's region code and 10 digits derived from the case number."""
    digest = int(hashlib.sha256(f"mi_enrol|{case_number}".encode()).hexdigest(), 16)
    return f"{case_number[:6]}{digest % 10**10:010d}"


def instant_result(case_number: str, matter_id: str) -> str:
    """The department's result text for an instant matter (Chinese, shown to staff and citizens)."""
    if matter_id == "mi_enrol":
        return f"参保登记成功，医保参保编号 {insurance_number(case_number)}（模拟结果）"
    return "即时办结，准予办理（模拟结果）"
