"""Real ``sync.report`` values for tests of what reads them (the GUIs' bridges, the scheduler): no look-alikes."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

from sync.report import SyncProgress, SyncReport

OK_REPORT = SyncReport(
    ok=True,
    started_at="2026-12-01T09:00:00+08:00",
    duration_s=0.2,
    pushed=0,
    acked=0,
    duplicates=0,
    attachments_uploaded=0,
    bytes_uploaded=0,
    pulled_updates=0,
    applied_updates=0,
    quarantined=(),
    held=(),
    pending=0,
    catalog_version=None,
    staff_accounts=0,
    problems=(),
    error=None,
    error_code=None,
    error_detail=None,
    clock_skew_s=None,
    retry_after_s=None,
)


def sync_report(ok: bool = True, **changes: Any) -> SyncReport:
    """A round's report: ``sync_report(ok=False, error_code="unreachable")``; a failed one gets an error text."""
    if not ok:
        changes = {"error": "同步失败", "error_detail": "test failure"} | changes
    return replace(OK_REPORT, ok=ok, **changes)


def sync_progress(done: int, total: int, bytes_done: int = 0, bytes_total: int = 0) -> SyncProgress:
    return SyncProgress("push", done, total, bytes_done, bytes_total)


class LongestJitter(random.Random):
    """Draws the longest wait the backoff allows, so a test knows when a retry is due."""

    def uniform(self, a: float, b: float) -> float:
        return b
