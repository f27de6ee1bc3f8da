"""出生即参保's payment as the parent states it, and the 90-day rule (core.flows.newborn_payment).

Source of the rule: 医保办函〔2021〕11号《基本医疗保险参保管理经办规程》第十条 — a newborn enrolled and paid
within 90 days of birth is covered from birth (quoted at https://hm0092.com/212-28/2421890.html);
Fujian's notice says the same and that later payment covers from the day of payment
(https://1renshi.com/news/96077.html). The rule is the newborn_insurance bundle's age_limit check.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from core.cases.intake import IntakeContext, build_case
from core.catalog.loader import load_catalog
from core.catalog.model import Catalog
from core.flows.intake import Problem
from core.flows.newborn import BUNDLE_ID, NewbornForm, NewbornStep, handover_answers
from core.flows.newborn_payment import (
    SELF_REPORTED,
    Payment,
    PaymentChannel,
    birth_date_notices,
    make_payment,
)
from tests.core.flows.test_newborn import FATHER, TODAY, filled


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def test_not_yet_paid_needs_nothing_more() -> None:
    payment = make_payment(PaymentChannel.NOT_YET, "abc", "!!")  # ignored: nothing was paid
    assert payment == Payment(PaymentChannel.NOT_YET)
    assert isinstance(payment, Payment) and payment.form_values() == {"payment.status": "unpaid"}
    assert SELF_REPORTED in payment.summary() and payment.summary().startswith("尚未缴费")


def test_a_payment_records_where_how_much_and_the_receipt() -> None:
    payment = make_payment(PaymentChannel.MOBILE, " 400 ", "ab12345678")
    assert payment == Payment(PaymentChannel.MOBILE, 400, "AB12345678")
    assert isinstance(payment, Payment)
    assert payment.form_values() == {
        "payment.status": "paid",
        "payment.channel": "mobile",
        "payment.amount": 400,
        "payment.receipt_no": "AB12345678",
    }
    assert payment.summary().startswith("已缴费：手机缴费") and "400 元" in payment.summary()
    assert "未核验" in payment.summary()  # honestly labelled: the kiosk neither takes nor checks it
    without_receipt = make_payment(PaymentChannel.HOSPITAL, "380")
    assert isinstance(without_receipt, Payment) and "payment.receipt_no" not in without_receipt.form_values()


@pytest.mark.parametrize(
    ("amount", "receipt", "field", "code"),
    [
        ("", "", "payment.amount", "newborn.payment_amount_required"),
        ("0", "", "payment.amount", "newborn.payment_amount_invalid"),
        ("10001", "", "payment.amount", "newborn.payment_amount_invalid"),
        ("3.5", "", "payment.amount", "newborn.payment_amount_invalid"),
        ("-4", "", "payment.amount", "newborn.payment_amount_invalid"),
        ("400", "12345", "payment.receipt_no", "newborn.payment_receipt_invalid"),
        ("400", "票号 123456", "payment.receipt_no", "newborn.payment_receipt_invalid"),
    ],
)
def test_bad_payment_values_are_refused_in_chinese(amount: str, receipt: str, field: str, code: str) -> None:
    problem = make_payment(PaymentChannel.HOSPITAL, amount, receipt)
    assert isinstance(problem, Problem) and problem.field == field and problem.code == code
    assert problem.message and not problem.message.isascii()


def test_the_payment_step_must_be_answered_before_confirming() -> None:
    form = filled(NewbornForm(FATHER, TODAY))
    form.payment = None
    form.current = NewbornStep.PAYMENT
    (problem,) = form.next()
    assert problem.field == "payment.status" and form.current is NewbornStep.PAYMENT
    assert form.set_payment(PaymentChannel.COUNTER, "x") is not None and form.payment is None
    assert form.set_payment(PaymentChannel.COUNTER, "400") is None
    assert form.next() == [] and form.current is NewbornStep.CONFIRM


def test_the_payment_goes_into_the_case_and_not_into_the_hand_over(catalog: Catalog) -> None:
    form = filled(NewbornForm(FATHER, TODAY))
    assert form.set_payment(PaymentChannel.HOSPITAL, "400", "332026031000123") is None
    case = build_case(
        catalog, form.request(), IntakeContext("3" * 20, "dev", "kiosk", datetime(2026, 3, 10, 9))
    )
    assert case.form["payment.status"] == "paid" and case.form["payment.amount"] == 400
    assert case.form["payment.receipt_no"] == "332026031000123"
    assert not any(k.startswith("payment.") for k in form.form_values())  # 出生一件事 has no such fields


def test_the_hand_over_tells_the_bundle_not_to_enrol_again(catalog: Catalog) -> None:
    from core.catalog import build_checklist
    from core.catalog.answers import answers_from_json

    answers = answers_from_json(catalog.bundle("newborn"), handover_answers())
    assert "mi_enrol" not in [m.id for m in build_checklist(catalog, "newborn", answers).matters]


@pytest.mark.parametrize(("days", "warned"), [(0, False), (90, False), (91, True), (300, True)])
def test_past_90_days_the_parent_is_warned(catalog: Catalog, days: int, warned: bool) -> None:
    today = date(2026, 12, 7)
    notices = birth_date_notices(catalog, BUNDLE_ID, today - timedelta(days=days), today)
    assert bool(notices) is warned
    if warned:
        (notice,) = notices
        assert notice.code == "check.age_limit" and notice.field == "form.child.birth_date"
        assert "超过 90 天" in notice.message and "不能追溯到出生之日" in notice.message
