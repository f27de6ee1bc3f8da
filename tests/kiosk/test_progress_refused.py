"""A kiosk shows an application not accepted (补正告知, 不予受理: 行政许可法 §32) by its status, with no department."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from core.cases.model import CaseStatus
from core.flows.kiosk import CaseProgress
from kiosk.screens.progress_card import CaseCard, case_status_label
from qtkit.theme import current_scale


@pytest.mark.parametrize("status", list(CaseStatus))
def test_every_status_has_a_label(status: CaseStatus) -> None:
    assert case_status_label(status)


def test_a_supplement_record_shows_its_status(qtbot: QtBot) -> None:
    item = CaseProgress(
        "32011526112300100010", None, "居民身份证换、补领", CaseStatus.SUPPLEMENT_NOTIFIED,
        "2026-11-23T09:30:00+08:00", None, (), True, "platform",
    )  # fmt: skip
    card = CaseCard(item, current_scale(), reached=True)
    qtbot.addWidget(card)
    assert "已一次性告知" in card.accessibleName()
