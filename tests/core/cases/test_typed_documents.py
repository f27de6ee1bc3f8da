"""Applicants with a typed document (回乡证, 台胞证, foreign passport) through intake on a real store:
validated, stored, found again by the document number, named on the receipt, refused by matters
that take only a 居民身份证 (catalog ``accepted_documents``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from core.cases.intake import IntakeRequest
from core.cases.model import CaseStatus
from core.cases.service import CaseQuery, CaseService
from core.catalog.model import Catalog
from core.config import DeviceConfig
from core.errors import ValidationError
from core.receipts import acceptance_receipt, render_text
from core.store.store import Store

Make = Callable[..., IntakeRequest]

PASSPORT = {
    "id_kind": "foreign_passport",
    "id_number": "e1234567a",
    "latin_name": "Anna  Schmidt",
    "nationality": "deu",
    "residence_permit": "y1234 5678",
    "sex": "女",
    "birth_date": "1990-03-07",
    "phone": "025-52345678",  # a landline (core.validation.contact)
}
HOME_RETURN = {
    "id_kind": "hk_mo_travel_permit",
    "id_number": "H1234567801",
    "name": "陈美玲",
    "sex": "女",
    "birth_date": "1988-05-12",
}


def test_a_passport_holder_is_accepted_stored_and_found_by_the_number(
    service: CaseService, store: Store, make_request: Make, tmp_path: Path, catalog: Catalog, clock: Any
) -> None:
    case = service.accept(make_request(applicant=PASSPORT))
    a = case.applicant
    assert (a.id_kind, a.id_number, a.name, a.latin_name) == (
        "foreign_passport",
        "E1234567A",
        "ANNA SCHMIDT",
        "",
    )
    assert (a.nationality, a.residence_permit, a.sex, a.birth_date) == (
        "DEU",
        "Y12345678",
        "女",
        date(1990, 3, 7),
    )
    store.close()
    reopened = Store.open(tmp_path / "data", clock=clock)
    try:
        again = CaseService(catalog, reopened, clock, DeviceConfig.demo(), "window07")
        assert again.get(case.number) == case
        assert [c.number for c in again.find(CaseQuery(id_number="e1234567A"))] == [case.number]
        payload = reopened.events_for(case.number)[0].payload["applicant"]
        assert (payload["id_kind"], payload["id_number"], payload["nationality"]) == (
            "foreign_passport",
            "E1234567A",
            "DEU",
        )
    finally:
        reopened.close()
    text = render_text(acceptance_receipt(case, DeviceConfig.demo()))
    assert "证件号码（外国护照 DEU）：E******7A" in text
    assert "E1234567A" not in text


def test_a_chinese_and_a_latin_name_are_both_kept(service: CaseService, make_request: Make) -> None:
    case = service.accept(make_request(applicant={**PASSPORT, "name": "安娜", "latin_name": "anna schmidt"}))
    assert (case.applicant.name, case.applicant.latin_name) == ("安娜", "ANNA SCHMIDT")


def test_a_home_return_permit_holder_is_accepted(service: CaseService, make_request: Make) -> None:
    case = service.accept(make_request(applicant=HOME_RETURN))
    assert (case.applicant.id_kind, case.applicant.id_number, case.status) == (
        "hk_mo_travel_permit",
        "H1234567801",
        CaseStatus.ACCEPTED,
    )


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"sex": ""}, "applicant.sex", "请填写性别"),
        ({"birth_date": "2027-01-01"}, "applicant.birth_date", "出生日期 2027-01-01 晚于今天，请按证件核对"),
        (
            {"nationality": "CHN"},
            "applicant.nationality",
            "国籍为 CHN 的是中国护照，不是外国护照；中国公民请使用居民身份证",
        ),
        (
            {"id_number": "E123"},
            "applicant.id_number",
            "外国护照号码应为 5–20 位英文字母或数字，现在是“E123”",
        ),
        ({"id_kind": "military"}, "applicant.id_kind", "不认识的证件类型“military”"),
        ({"latin_name": ""}, "applicant.name", "请填写姓名"),
    ],
)
def test_what_a_typed_document_needs_is_named(
    service: CaseService, make_request: Make, change: dict[str, str], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        service.accept(make_request(applicant={**PASSPORT, **change}))
    assert caught.value.field == field
    assert caught.value.message.startswith(message)
    assert service.find(CaseQuery()) == []


def test_a_card_number_given_with_another_sex_is_refused(service: CaseService, make_request: Make) -> None:
    mother = {"name": "林晓雨", "id_number": "320115199003070043", "id_kind": "resident"}
    assert service.accept(make_request(applicant={**mother, "sex": "女"})).applicant.id_kind == "resident"
    with pytest.raises(ValidationError, match="性别与证件号码不一致"):
        service.accept(make_request(applicant={**mother, "sex": "男"}))
    with pytest.raises(ValidationError, match="这是居民身份证的号码，不是港澳台居民居住证的号码"):
        service.accept(make_request(applicant={**mother, "id_kind": "hk_mo_tw_permit"}))


def test_retirement_takes_no_passport(service: CaseService, make_request: Make) -> None:
    # The retirement bundle's 2025 retirement-age rule reads the birth date from a card's number;
    # its pension matter lists the cards (assets/catalog/README.md, accepted_documents).
    with pytest.raises(ValidationError) as caught:
        service.accept(
            make_request("retirement", applicant={**PASSPORT, "sex": "男", "birth_date": "1966-06-15"})
        )
    assert caught.value.field == "applicant.id_kind"
    assert caught.value.code == "applicant.document_not_accepted"
    assert caught.value.message.startswith("“企业职工基本养老保险退休申请及待遇核定支付”须持居民身份证、")
    assert caught.value.message.endswith("办理，不能使用外国护照")


def test_hukou_takes_only_the_resident_id(service: CaseService, make_request: Make) -> None:
    with pytest.raises(ValidationError) as caught:
        service.accept(make_request("police_hukou_move_in", applicant=HOME_RETURN))
    assert caught.value.message == "“户口迁移（迁入）”须持居民身份证办理，不能使用港澳居民来往内地通行证"
