"""Printing a certificate at a kiosk (证明打印) as a Qt-free transaction: reserve, check, print, confirm.

The platform reserves a certificate under the kiosk's own ``request_id`` and issues it only when
the kiosk confirms the print (sync/server/certificates.py). So the request id is made once per
request and kept for every retry — a lost answer or a jammed printer asks again with the same id
and gets the same reservation, never a second certificate — and the confirmation is sent only
after the printer took the page. A failed print leaves the certificate "reserved" (not issued); a
failed confirmation after a good print is retried a few times, and the citizen keeps the paper.

Stages: CHOOSING → RESERVING → PREVIEW → PRINTING → CONFIRMING → ISSUED, or FAILED (``failure``
says where; a FAILED print or reservation may be retried). Nothing here does I/O or knows Qt: the
kiosk screen feeds in what the platform and the printers said and asks what to do next.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Final

from core.errors import LifecycleError, ValidationError
from core.masking import mask_id_number
from core.receipts import Receipt, ReceiptBlock, display_width

# What the reference platform can issue (sync/server/certificates.py KINDS).
CERTIFICATE_KINDS: Final = {"no_criminal_record": "无犯罪记录证明"}
# 用途: printed on the certificate as given (《公安机关办理犯罪记录查询工作规定》 asks for the purpose).
PURPOSES: Final = ("就业", "入学", "出国", "其他")
# Seconds before each further confirmation attempt after the first one failed (then give up).
CONFIRM_RETRY_DELAYS_S: Final = (2.0, 5.0, 15.0)
# A certificate goes to the 80 mm receipt printer only when it is short enough to stay readable.
RECEIPT_MAX_LINES: Final = 24
RECEIPT_MAX_LINE_WIDTH: Final = 48 * 4  # display columns (a 48-column roll, at most four rows a line)


class CertificateStage(StrEnum):
    """Where a certificate request stands. Logged: never rename a value."""

    CHOOSING = "choosing"  # kind and purpose not chosen yet
    RESERVING = "reserving"  # asking the platform
    PREVIEW = "preview"  # reserved; the citizen checks the text
    PRINTING = "printing"
    CONFIRMING = "confirming"  # printed; telling the platform
    ISSUED = "issued"  # the platform marked it issued
    FAILED = "failed"  # see ``failure``


class Failure(StrEnum):
    RESERVE = "reserve"  # the platform did not reserve it: choose again (same request id) or leave
    PRINT = "print"  # the printer failed: still reserved, print again
    CONFIRM = "confirm"  # printed fine, the platform was not told (gave up after the retries)


class PrintTarget(StrEnum):
    A4 = "a4"  # the kiosk's A4 printer, through the system print service
    RECEIPT = "receipt"  # the 80 mm receipt printer


@dataclass(frozen=True, slots=True)
class ReservedCertificate:
    """A certificate as the platform reserved it (sync.contract.CertificateResponse)."""

    certificate_id: str
    request_id: str
    kind: str
    title: str
    lines: tuple[str, ...]
    verification_code: str
    status: str  # "reserved" | "issued"

    def preview_lines(self, id_number: str) -> tuple[str, ...]:
        """The lines for the screen: the ID number masked (the paper carries it in full)."""
        if not id_number:
            return self.lines
        masked = mask_id_number(id_number)
        return tuple(
            line.replace(id_number, masked).replace(id_number.lower(), masked) for line in self.lines
        )


def certificate_from_response(answer: Mapping[str, Any]) -> ReservedCertificate:
    return ReservedCertificate(
        certificate_id=str(answer["certificate_id"]),
        request_id=str(answer["request_id"]),
        kind=str(answer["kind"]),
        title=str(answer["title"]),
        lines=tuple(str(line) for line in answer["lines"]),
        verification_code=str(answer["verification_code"]),
        status=str(answer["status"]),
    )


def new_request_id() -> str:
    return str(uuid.uuid4())


class CertificateTransaction:
    """One citizen's request for one certificate. Lives on its caller's thread (the GUI's).

    ``request_id`` is made the first time a (kind, purpose) is reserved and kept for every retry
    of that request; choosing another kind or purpose before anything was printed starts a new
    request (the platform would answer the old one's text for the old id).
    """

    def __init__(self, id_number: str, *, make_request_id: Callable[[], str] = new_request_id) -> None:
        self.id_number = id_number
        self._make_request_id = make_request_id
        self.stage = CertificateStage.CHOOSING
        self.kind: str | None = None
        self.purpose: str | None = None
        self.request_id: str | None = None
        self.certificate: ReservedCertificate | None = None
        self.target: PrintTarget | None = None
        self.failure: Failure | None = None
        self.error = ""  # why the last step failed (English, for logs)
        self.reserve_attempts = 0
        self.print_attempts = 0
        self.confirm_attempts = 0
        self.printed_at: str | None = None

    # -- what the screen asks ------------------------------------------------------------------

    @property
    def printed(self) -> bool:
        return self.printed_at is not None

    @property
    def can_print(self) -> bool:
        return self.stage is CertificateStage.PREVIEW or (
            self.stage is CertificateStage.FAILED and self.failure is Failure.PRINT
        )

    @property
    def can_choose(self) -> bool:
        return self.stage is CertificateStage.CHOOSING or (
            self.stage is CertificateStage.FAILED and self.failure is Failure.RESERVE
        )

    @property
    def finished(self) -> bool:
        """Nothing more to do for this request (issued, or printed and the platform gave up on)."""
        return self.stage is CertificateStage.ISSUED or (
            self.stage is CertificateStage.FAILED and self.failure is Failure.CONFIRM
        )

    # -- choosing and reserving ----------------------------------------------------------------

    def choose(self, kind: str, purpose: str) -> None:
        if kind not in CERTIFICATE_KINDS:
            raise ValidationError("kind", "本机不能开具这种证明，请到人工窗口办理", f"unknown kind {kind!r}")
        if purpose not in PURPOSES:
            raise ValidationError("purpose", "请选择证明用途", f"unknown purpose {purpose!r}")
        changeable = self.can_choose or self.stage is CertificateStage.PREVIEW or self.can_print
        if not changeable or self.printed:
            raise LifecycleError("现在不能更改证明申请", f"choose in stage {self.stage}")
        if (kind, purpose) != (self.kind, self.purpose):
            self.kind, self.purpose = kind, purpose
            self.request_id = None
            self.certificate = None
        self.stage = CertificateStage.CHOOSING
        self.failure = None

    def reserve_request(self) -> dict[str, str]:
        """The body of the reservation (sync.contract.CertificateRequest); stage RESERVING."""
        if not self.can_choose or self.kind is None or self.purpose is None:
            raise LifecycleError("请先选择证明种类和用途", f"reserve in stage {self.stage}")
        if self.request_id is None:
            self.request_id = self._make_request_id()
        self.stage = CertificateStage.RESERVING
        self.failure = None
        self.reserve_attempts += 1
        return {
            "request_id": self.request_id,
            "kind": self.kind,
            "id_number": self.id_number,
            "purpose": self.purpose,
        }

    def reserved(self, answer: Mapping[str, Any]) -> ReservedCertificate:
        """The platform's reservation: PREVIEW (or ISSUED when it says this request was issued)."""
        self._expect(CertificateStage.RESERVING)
        certificate = certificate_from_response(answer)
        if certificate.request_id != self.request_id or certificate.kind != self.kind:
            raise ValidationError(
                "certificate",
                "政务服务平台返回的证明与申请不一致，请到人工窗口办理",
                f"reservation {certificate.request_id}/{certificate.kind} does not answer {self.request_id}",
            )
        if self.certificate is not None and self.certificate.certificate_id != certificate.certificate_id:
            raise ValidationError(
                "certificate",
                "政务服务平台返回了另一份证明，请到人工窗口办理",
                f"{certificate.certificate_id} replaced {self.certificate.certificate_id} for one request",
            )
        self.certificate = certificate
        self.stage = CertificateStage.ISSUED if certificate.status == "issued" else CertificateStage.PREVIEW
        return certificate

    def reserve_failed(self, error: str) -> None:
        self._expect(CertificateStage.RESERVING)
        self._fail(Failure.RESERVE, error)

    # -- printing ------------------------------------------------------------------------------

    def begin_print(self, target: PrintTarget) -> ReservedCertificate:
        """The certificate to print (the same one on every attempt); stage PRINTING."""
        if not self.can_print or self.certificate is None:
            raise LifecycleError("现在不能打印", f"print in stage {self.stage}")
        self.stage = CertificateStage.PRINTING
        self.target = target
        self.failure = None
        self.print_attempts += 1
        return self.certificate

    def print_succeeded(self, printed_at: str) -> None:
        """The printer took the page: confirm next (stage CONFIRMING)."""
        self._expect(CertificateStage.PRINTING)
        self.printed_at = printed_at
        self.error = ""
        self.confirm_attempts = 0
        self.stage = CertificateStage.CONFIRMING

    def print_failed(self, error: str) -> None:
        """Nothing (usable) came out: the certificate stays reserved, print again."""
        self._expect(CertificateStage.PRINTING)
        self._fail(Failure.PRINT, error)

    # -- confirming ----------------------------------------------------------------------------

    def confirm_request(self) -> dict[str, str]:
        """What to send to ``confirm_certificate_printed`` (one attempt)."""
        self._expect(CertificateStage.CONFIRMING)
        assert self.certificate is not None and self.printed_at is not None and self.request_id is not None
        self.confirm_attempts += 1
        return {
            "certificate_id": self.certificate.certificate_id,
            "request_id": self.request_id,
            "printed_at": self.printed_at,
        }

    def confirmed(self, answer: Mapping[str, Any]) -> None:
        self._expect(CertificateStage.CONFIRMING)
        assert self.certificate is not None
        if (
            answer.get("certificate_id") != self.certificate.certificate_id
            or answer.get("status") != "issued"
        ):
            raise ValidationError(
                "certificate",
                "政务服务平台没有确认开具，请联系工作人员",
                f"confirmation answered {answer.get('certificate_id')}/{answer.get('status')}",
            )
        self.stage = CertificateStage.ISSUED

    def confirm_failed(self, error: str, *, permanent: bool = False) -> float | None:
        """Seconds to wait before the next attempt, or None: given up (FAILED, ``Failure.CONFIRM``)."""
        self._expect(CertificateStage.CONFIRMING)
        self.error = error
        retries_done = self.confirm_attempts - 1
        if permanent or retries_done >= len(CONFIRM_RETRY_DELAYS_S):
            self._fail(Failure.CONFIRM, error)
            return None
        return CONFIRM_RETRY_DELAYS_S[retries_done]

    # -- internals -----------------------------------------------------------------------------

    def _expect(self, stage: CertificateStage) -> None:
        if self.stage is not stage:
            raise LifecycleError("证明打印的步骤不对，请重新开始", f"expected stage {stage}, at {self.stage}")

    def _fail(self, failure: Failure, error: str) -> None:
        self.stage = CertificateStage.FAILED
        self.failure = failure
        self.error = error


# -- what goes on paper ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CertificateDocument:
    """The certificate laid out for paper: header, title, body lines, the verification box, footer."""

    hall_name: str
    title: str
    body: tuple[str, ...]
    verification_code: str
    verification_note: str  # the platform's line about the code, shown in its box
    footer: tuple[str, ...]


def certificate_document(
    certificate: ReservedCertificate, *, hall_name: str, printed_on: date
) -> CertificateDocument:
    """The full text (ID number included: the paper is the citizen's own document)."""
    lines = list(certificate.lines)
    if lines and lines[0].strip() == certificate.title:
        lines.pop(0)  # the title is drawn once, large
    note = next((line for line in lines if certificate.verification_code in line), "")
    body = tuple(line for line in lines if line != note)
    day = f"{printed_on.year}年{printed_on.month}月{printed_on.day}日"
    return CertificateDocument(
        hall_name=hall_name,
        title=certificate.title,
        body=body,
        verification_code=certificate.verification_code,
        verification_note=note or f"验证码：{certificate.verification_code}",
        footer=(
            f"证明编号：{certificate.certificate_id}",
            f"打印地点：{hall_name}自助终端",
            f"打印日期：{day}",
        ),
    )


def receipt_fits(document: CertificateDocument) -> bool:
    """Whether the certificate stays readable on an 80 mm receipt roll."""
    lines = (*document.body, document.verification_note, *document.footer)
    return len(lines) <= RECEIPT_MAX_LINES and all(display_width(x) <= RECEIPT_MAX_LINE_WIDTH for x in lines)


def certificate_receipt(document: CertificateDocument) -> Receipt:
    """The certificate as a receipt-printer layout (kind "certificate")."""

    def text(value: str, align: str = "left", emphasis: str = "normal") -> ReceiptBlock:
        return ReceiptBlock("text", value, align, emphasis)

    blocks = [
        text(document.hall_name, "center", "bold"),
        text(document.title, "center", "title"),
        ReceiptBlock("rule"),
        *(text(line) for line in document.body),
        ReceiptBlock("rule"),
        text("验证码", "center", "bold"),
        text(document.verification_code, "center", "large"),
        text(document.verification_note, "center"),
        ReceiptBlock("rule"),
        *(text(line, "center") for line in document.footer),
        ReceiptBlock("feed"),
    ]
    return Receipt("certificate", document.title, tuple(blocks))
