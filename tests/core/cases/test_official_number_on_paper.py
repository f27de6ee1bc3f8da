"""Once the platform binds its 办件编号, every document printed for the case (reprints too) shows it
beside the local number, and the receipt QR carries it (TB2) while still finding the case by the
local number, as a citizen's older receipt (TB1) does (issue #13, item 4)."""

from __future__ import annotations

from collections.abc import Callable

from core.case_numbers import parse_case_number
from core.cases.intake import IntakeRequest
from core.cases.service import CaseService
from core.config import DeviceConfig
from core.receipts import acceptance_receipt, deficiency_notice, receipt_qr_payload, render_text

OFFICIAL = "YJS20261207000001"


def _qr(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("[二维码："))[5:-1]


def test_before_binding_the_receipt_has_the_local_number_only(
    service: CaseService, make_request: Callable[..., IntakeRequest]
) -> None:
    case = service.accept(make_request())
    text = render_text(acceptance_receipt(case, DeviceConfig.demo()))
    assert "统一办件编号" not in text
    assert _qr(text) == receipt_qr_payload(case.number) and _qr(text).startswith("TB1:")


def test_after_binding_a_reprint_shows_the_official_number_and_both_qrs_find_the_case(
    service: CaseService, make_request: Callable[..., IntakeRequest]
) -> None:
    first = service.accept(make_request(defer=True))
    old_qr = _qr(render_text(acceptance_receipt(first, DeviceConfig.demo())))
    case = service.bind_official_number(first.number, OFFICIAL, "platform-update:1")
    for document in (
        acceptance_receipt(case, DeviceConfig.demo(), reprint=True),
        deficiency_notice(case, DeviceConfig.demo()),
    ):
        text = render_text(document)
        assert f"统一办件编号：{OFFICIAL}" in text
        assert parse_case_number(case.number).display in text
        new_qr = _qr(text)
        assert new_qr.startswith(f"TB2:{case.number}:{OFFICIAL}:")
    for qr in (old_qr, new_qr):
        assert service.get(qr).number == case.number  # the desk and the kiosk look a scan up like this
    assert service.get(OFFICIAL).number == case.number
