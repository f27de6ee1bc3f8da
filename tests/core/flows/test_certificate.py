"""The kiosk's certificate transaction: one request id per request, issued only after a good print."""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

import pytest

from core.errors import LifecycleError, ValidationError
from core.flows.certificate import (
    CONFIRM_RETRY_DELAYS_S,
    CertificateStage,
    CertificateTransaction,
    Failure,
    PrintTarget,
    certificate_document,
    certificate_from_response,
    certificate_receipt,
    receipt_fits,
)

ID = "320115198805120036"
CODE = "AB23-CD45"


def _answer(
    request_id: str, *, status: str = "reserved", certificate_id: str = "WFZ2026112300001"
) -> dict[str, Any]:
    return {
        "certificate_id": certificate_id,
        "request_id": request_id,
        "kind": "no_criminal_record",
        "title": "无犯罪记录证明",
        "lines": [
            "无犯罪记录证明",
            f"编号：{certificate_id}",
            f"未发现周建国（公民身份号码：{ID}）有犯罪记录。",
            "用途：就业",
            f"验证码：{CODE}（可在政务服务平台“证明核验”中查验，演示）",
        ],
        "verification_code": CODE,
        "status": status,
    }


def _transaction() -> CertificateTransaction:
    ids = count(1)
    return CertificateTransaction(ID, make_request_id=lambda: f"req-{next(ids)}")


def _reserved() -> CertificateTransaction:
    tx = _transaction()
    tx.choose("no_criminal_record", "就业")
    body = tx.reserve_request()
    tx.reserved(_answer(body["request_id"]))
    return tx


def test_a_request_goes_from_reserving_to_issued() -> None:
    tx = _transaction()
    assert tx.stage is CertificateStage.CHOOSING and tx.can_choose
    tx.choose("no_criminal_record", "就业")
    body = tx.reserve_request()
    assert body == {"request_id": "req-1", "kind": "no_criminal_record", "id_number": ID, "purpose": "就业"}
    assert tx.stage is CertificateStage.RESERVING
    certificate = tx.reserved(_answer("req-1"))
    assert tx.stage is CertificateStage.PREVIEW and tx.can_print
    assert tx.begin_print(PrintTarget.A4) is certificate
    assert tx.stage is CertificateStage.PRINTING
    tx.print_succeeded("2026-11-23T10:00:00+08:00")
    assert tx.stage is CertificateStage.CONFIRMING and tx.printed
    assert tx.confirm_request() == {
        "certificate_id": "WFZ2026112300001",
        "request_id": "req-1",
        "printed_at": "2026-11-23T10:00:00+08:00",
    }
    tx.confirmed(_answer("req-1", status="issued"))
    assert tx.stage is CertificateStage.ISSUED and tx.finished


def test_a_failed_reservation_is_retried_with_the_same_request_id() -> None:
    tx = _transaction()
    tx.choose("no_criminal_record", "就业")
    first = tx.reserve_request()["request_id"]
    tx.reserve_failed("timeout")
    assert tx.stage is CertificateStage.FAILED and tx.failure is Failure.RESERVE and tx.can_choose
    tx.choose("no_criminal_record", "就业")
    assert tx.reserve_request()["request_id"] == first
    assert tx.reserve_attempts == 2


def test_another_purpose_before_printing_is_a_new_request() -> None:
    tx = _reserved()
    tx.choose("no_criminal_record", "出国")
    assert tx.certificate is None
    assert tx.reserve_request()["request_id"] == "req-2"


def test_a_failed_print_keeps_the_reservation_and_prints_the_same_certificate_again() -> None:
    tx = _reserved()
    first = tx.begin_print(PrintTarget.A4)
    tx.print_failed("no printer")
    assert tx.stage is CertificateStage.FAILED and tx.failure is Failure.PRINT
    assert tx.can_print and not tx.printed and not tx.finished
    with pytest.raises(LifecycleError):
        tx.confirm_request()  # never confirmed without a good print
    again = tx.begin_print(PrintTarget.RECEIPT)
    assert again is first and tx.print_attempts == 2 and tx.request_id == "req-1"
    tx.print_succeeded("2026-11-23T10:01:00+08:00")
    assert tx.confirm_request()["certificate_id"] == first.certificate_id


def test_confirmation_is_retried_then_given_up_with_the_paper_printed() -> None:
    tx = _reserved()
    tx.begin_print(PrintTarget.A4)
    tx.print_succeeded("2026-11-23T10:00:00+08:00")
    delays = []
    for _ in range(len(CONFIRM_RETRY_DELAYS_S)):
        tx.confirm_request()
        delays.append(tx.confirm_failed("unreachable"))
    assert delays == list(CONFIRM_RETRY_DELAYS_S)
    assert tx.stage is CertificateStage.CONFIRMING
    tx.confirm_request()
    assert tx.confirm_failed("unreachable") is None
    assert tx.stage is CertificateStage.FAILED and tx.failure is Failure.CONFIRM
    assert tx.printed and tx.finished and not tx.can_print  # never printed twice


def test_a_permanent_confirmation_error_gives_up_at_once() -> None:
    tx = _reserved()
    tx.begin_print(PrintTarget.A4)
    tx.print_succeeded("2026-11-23T10:00:00+08:00")
    tx.confirm_request()
    assert tx.confirm_failed("404", permanent=True) is None
    assert tx.failure is Failure.CONFIRM


def test_a_reservation_for_another_request_is_refused() -> None:
    tx = _transaction()
    tx.choose("no_criminal_record", "就业")
    tx.reserve_request()
    with pytest.raises(ValidationError):
        tx.reserved(_answer("someone-else"))


def test_a_second_certificate_for_one_request_is_refused() -> None:
    tx = _reserved()
    tx.choose("no_criminal_record", "就业")  # back from the preview, same choice: same request
    tx.reserve_request()
    with pytest.raises(ValidationError):
        tx.reserved(_answer("req-1", certificate_id="WFZ2026112300002"))


def test_an_already_issued_reservation_is_not_printed_again() -> None:
    tx = _transaction()
    tx.choose("no_criminal_record", "就业")
    tx.reserve_request()
    tx.reserved(_answer("req-1", status="issued"))
    assert tx.stage is CertificateStage.ISSUED and not tx.can_print


def test_steps_out_of_order_are_refused() -> None:
    tx = _transaction()
    with pytest.raises(LifecycleError):
        tx.reserve_request()
    with pytest.raises(LifecycleError):
        tx.begin_print(PrintTarget.A4)
    with pytest.raises(ValidationError):
        tx.choose("birth_certificate", "就业")
    with pytest.raises(ValidationError):
        tx.choose("no_criminal_record", "随便")
    printed = _reserved()
    printed.begin_print(PrintTarget.A4)
    printed.print_succeeded("2026-11-23T10:00:00+08:00")
    with pytest.raises(LifecycleError):
        printed.choose("no_criminal_record", "出国")


def test_the_preview_masks_the_id_number_and_the_paper_does_not() -> None:
    certificate = certificate_from_response(_answer("req-1"))
    preview = "\n".join(certificate.preview_lines(ID))
    assert ID not in preview and "320115********0036" in preview
    document = certificate_document(
        certificate, hall_name="江宁区政务服务中心", printed_on=date(2026, 11, 23)
    )
    assert document.title == "无犯罪记录证明" and "无犯罪记录证明" not in document.body
    assert any(ID in line for line in document.body)
    assert CODE in document.verification_note and all(CODE not in line for line in document.body)
    assert "2026年11月23日" in document.footer[2] and "WFZ2026112300001" in document.footer[0]


def test_the_receipt_layout_carries_the_whole_certificate() -> None:
    certificate = certificate_from_response(_answer("req-1"))
    document = certificate_document(
        certificate, hall_name="江宁区政务服务中心", printed_on=date(2026, 11, 23)
    )
    assert receipt_fits(document)
    receipt = certificate_receipt(document)
    assert receipt.kind == "certificate" and receipt.title == "无犯罪记录证明"
    texts = [b.text for b in receipt.blocks if b.kind == "text"]
    assert CODE in texts and any(ID in t for t in texts)
    long = certificate_document(
        certificate_from_response(_answer("req-1") | {"lines": ["x" * 300]}),
        hall_name="h",
        printed_on=date(2026, 11, 23),
    )
    assert not receipt_fits(long)
