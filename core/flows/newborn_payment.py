"""出生即参保's contribution (缴费) and its 90-day rule, for the hospital flow (core.flows.newborn).

A newborn enrolled and paid within 90 days of birth is covered from birth; later, cover starts after
payment as local rules say (医保办函〔2021〕11号 第十条, https://hm0092.com/212-28/2421890.html; e.g. Fujian:
https://1renshi.com/news/96077.html). The rule is catalog data: the ``newborn_insurance`` bundle's
``age_limit`` check, evaluated by core.catalog.checks like every check (``birth_date_notices``).

The kiosk takes no money and reaches no payment gateway: the 城乡居民医保 contribution is paid to the
tax authority (税务) at the hospital's cashier, by phone or at a counter. What the kiosk records is what
the parent says was paid, where, how much, and the receipt's number, labelled as the parent's own
statement (``SELF_REPORTED``) on the confirm page, in the case's form and on the receipt; 医保 and 税务
go by what actually arrived. Qt-free; lives on the GUI thread with its NewbornForm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Final

from core.catalog import build_checklist
from core.catalog.check_findings import Finding, Severity
from core.catalog.checks import run_checks
from core.flows.intake import Problem

if TYPE_CHECKING:
    from core.catalog.model import Catalog

SELF_REPORTED: Final = "家长自述，本机不收费、未核验；以医保和税务部门实际到账为准"
MAX_AMOUNT_YUAN: Final = 10_000  # a year's resident contribution is a few hundred yuan: more is a typo
_RECEIPT_RE: Final = re.compile(r"[0-9A-Z]{6,30}\Z")


class PaymentChannel(StrEnum):
    """Where the parent paid; the values are the catalog field ``payment.channel``'s options."""

    NOT_YET = "not_yet"  # 还没有缴费 (payment.status unpaid, no channel)
    HOSPITAL = "hospital"  # 医院收费处
    MOBILE = "mobile"  # 手机缴费（税务APP、微信、支付宝等）
    COUNTER = "counter"  # 银行或税务、医保服务大厅


CHANNEL_LABELS: Final = {
    PaymentChannel.NOT_YET: "还没有缴费",
    PaymentChannel.HOSPITAL: "医院收费处",
    PaymentChannel.MOBILE: "手机缴费（税务APP、微信、支付宝等）",
    PaymentChannel.COUNTER: "银行或税务、医保服务大厅",
}


@dataclass(frozen=True, slots=True)
class Payment:
    """What the parent said about the contribution: where, how much (whole yuan), the receipt number."""

    channel: PaymentChannel
    amount_yuan: int | None = None
    receipt_no: str = ""

    @property
    def paid(self) -> bool:
        return self.channel is not PaymentChannel.NOT_YET

    def form_values(self) -> dict[str, str | int]:
        """The case's ``payment.*`` form values."""
        if not self.paid:
            return {"payment.status": "unpaid"}
        values: dict[str, str | int] = {"payment.status": "paid", "payment.channel": self.channel.value}
        if self.amount_yuan is not None:
            values["payment.amount"] = self.amount_yuan
        if self.receipt_no:
            values["payment.receipt_no"] = self.receipt_no
        return values

    def summary(self) -> str:
        """One line for the confirm page and the receipt, honestly labelled."""
        if not self.paid:
            return f"尚未缴费（{SELF_REPORTED}）"
        parts = [f"已缴费：{CHANNEL_LABELS[self.channel]}"]
        if self.amount_yuan is not None:
            parts.append(f"{self.amount_yuan} 元")
        if self.receipt_no:
            parts.append(f"凭证号 {self.receipt_no}")
        return "，".join(parts) + f"（{SELF_REPORTED}）"


def make_payment(channel: PaymentChannel, amount: str = "", receipt: str = "") -> Payment | Problem:
    """The payment from what the parent entered, or the problem with it (field-named, in Chinese).

    Paid: the amount (whole yuan, 1 … MAX_AMOUNT_YUAN) is required; the receipt number (6–30 digits
    or capital letters) is optional, as not every channel shows one to the parent.
    """
    if channel is PaymentChannel.NOT_YET:
        return Payment(channel)
    text = amount.strip()
    if not text:
        return Problem(
            "payment.amount",
            "请输入缴费金额（元），按缴费凭证或手机上的缴费记录填写。",
            "no amount",
            "newborn.payment_amount_required",
        )
    if not text.isdigit() or not 1 <= int(text) <= MAX_AMOUNT_YUAN:
        return Problem(
            "payment.amount",
            f"缴费金额应为 1 到 {MAX_AMOUNT_YUAN} 之间的整数（元），请核对。",
            f"amount {text!r} is not a whole number of yuan from 1 to {MAX_AMOUNT_YUAN}",
            "newborn.payment_amount_invalid",
            {"max": MAX_AMOUNT_YUAN},
        )
    number = receipt.strip().upper()
    if number and not _RECEIPT_RE.match(number):
        return Problem(
            "payment.receipt_no",
            "缴费凭证号应为 6 到 30 位数字或字母，请核对；没有凭证号可以不填。",
            "receipt number is not 6-30 digits or letters",
            "newborn.payment_receipt_invalid",
        )
    return Payment(channel, int(text), number)


def birth_date_notices(catalog: Catalog, bundle_id: str, birth: date, today: date) -> tuple[Finding, ...]:
    """The bundle's warnings about the baby's birth date (its ``age_limit`` check: past 90 days)."""
    checklist = build_checklist(catalog, bundle_id, {})
    findings = run_checks(checklist, {}, {"child.birth_date": birth.isoformat()}, today)
    return tuple(f for f in findings if f.severity is Severity.WARN)
