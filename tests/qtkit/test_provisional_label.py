"""A promised date past the holiday calendar's last year is shown as 暂定 (provisional), in both languages.

The shipped calendar covers 2025 and 2026 (国务院办公厅 notices of 2024-11-12 and 2025-11-04,
assets/calendar/README.md); a 2027 date is counted with the statutory fixed-date holidays only.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import QApplication

from core.calendar import shipped_calendar
from kiosk.screens.declare_summary import promised_text
from qtkit.i18n import install_translator
from qtkit.labels import promised_label


def test_a_date_past_the_calendar_is_marked_provisional(chinese: None) -> None:
    assert promised_label(date(2026, 10, 13)) == "2026-10-13"
    assert promised_label(date(2027, 1, 5)) == "2027-01-05（暂定：2027 年节假日安排尚未发布）"
    assert promised_label(None) == "以部门告知为准"
    assert "暂定" in promised_text(date(2027, 1, 5)) and "暂定" not in promised_text(date(2026, 12, 14))


def test_a_calendar_that_covers_the_year_removes_the_warning(chinese: None) -> None:
    covering = replace(shipped_calendar(), years=(2025, 2026, 2027))
    assert promised_label(date(2027, 1, 5), covering) == "2027-01-05"


def test_the_warning_in_english(qapp: QApplication, chinese: None) -> None:
    try:
        assert install_translator(qapp, "en")
        text = promised_label(date(2027, 1, 5))
        assert text == "2027-01-05 (provisional: the 2027 holiday calendar is not published yet)"
        assert json.dumps(text, ensure_ascii=True) == json.dumps(text)  # no Chinese left
    finally:
        install_translator(qapp, "zh_CN")
