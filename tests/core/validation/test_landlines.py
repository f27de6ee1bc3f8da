"""联系电话: a mobile or a landline (domain-review V4: the `phone` type refused landlines, which older
applicants without a mobile have; 国办发〔2020〕45号 asks services not to force smartphones on them).

Numbering per MIIT 《电信网编号计划（2017年版）》: trunk 0 + area code (10, 20–29 two digits; others three)
+ a local number of 7–8 digits starting 2–9.
"""

from __future__ import annotations

from datetime import date

import pytest

from core.catalog.model import FieldType
from core.errors import ValidationError
from core.validation import parse_phone, validate_field


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("025-52345678", "025-52345678"),  # 南京
        ("(025)52345678", "025-52345678"),
        ("（025）5234 5678", "025-52345678"),
        ("02552345678", "025-52345678"),
        ("010 8765 4321", "010-87654321"),  # 北京
        ("0311-8765432", "0311-8765432"),  # 石家庄, 7-digit local number
        ("+86 25 5234 5678", "025-52345678"),  # the trunk 0 is dropped after +86
        ("0086-25-52345678", "025-52345678"),
        ("025-52345678-801", "025-52345678-801"),  # an extension
        ("025-52345678转801", "025-52345678-801"),
        ("13812341234", "13812341234"),
        ("86 13812341234", "13812341234"),  # "86" without + before a mobile (V4)
        ("+86 138 1234 1234", "13812341234"),
    ],
)
def test_mobiles_and_landlines_are_normalised(typed: str, expected: str) -> None:
    assert parse_phone(typed) == expected


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("52345678", "phone.landline_area"),  # no area code
        ("001-52345678", "phone.landline_area_unknown"),
        ("0125-2345678", "phone.landline_area_unknown"),  # 01x other than 010 is not an area
        ("025-1234567", "phone.landline_local"),  # a local number never starts with 1
        ("025-523456", "phone.landline_local"),  # too short
        ("025-523456789", "phone.landline_local"),  # too long
        ("13812341234转801", "phone.extension"),
        ("1381234123", "phone.length"),
        ("025-5234567a", "phone.not_digit"),
        ("", "phone.empty"),
    ],
)
def test_wrong_numbers_say_what_is_wrong(typed: str, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_phone(typed, field="applicant.phone")
    assert caught.value.code == code and caught.value.field == "applicant.phone"


def test_the_phone_field_type_takes_a_landline() -> None:
    taken = validate_field(FieldType.PHONE, "025-52345678", field="applicant.phone", today=date(2026, 12, 7))
    assert taken == "025-52345678"
