"""Who applies, validated: the applicant's ID document (a card, or a typed 回乡证, 台胞证 or
passport), name, sex, birth date and contact, and whether the bundle's matters accept that document."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from core.cases.model import Applicant
from core.catalog.checklist import Checklist
from core.catalog.model import FieldType
from core.errors import ValidationError
from core.validation import parse_id_number, validate_field
from core.validation.idnumbers import IdKind
from core.validation.travel_documents import (
    TYPED_KINDS,
    document_kind,
    document_name,
    parse_document_number,
    parse_latin_name,
    parse_nationality,
    parse_residence_permit,
    typed_birth_date,
)

# What an intake's "applicant" may hold (the window's applicant page, ``tongban cases add``'s JSON).
APPLICANT_KEYS = frozenset(
    {
        "name",
        "id_number",
        "phone",
        "address",
        "nation",
        "id_kind",
        "sex",
        "birth_date",
        "latin_name",
        "nationality",
        "residence_permit",
    }
)


# What staff type beside a typed document's number (the holder's data the number does not encode),
# and a passport's further keys.
TYPED_DOCUMENT_KEYS = ("latin_name", "sex", "birth_date")
PASSPORT_KEYS = ("nationality", "residence_permit")


def document_keys(kind: str) -> tuple[str, ...]:
    """The applicant keys a document of ``kind`` (an IdKind value, "" = a card) asks for beyond
    name, number, phone, address and nation."""
    if kind == IdKind.FOREIGN_PASSPORT:
        return (*TYPED_DOCUMENT_KEYS, *PASSPORT_KEYS)
    if kind in {k.value for k in TYPED_KINDS}:
        return TYPED_DOCUMENT_KEYS
    return ()


def applicant_from(raw: Mapping[str, Any], today: date, source: str) -> Applicant:
    """The applicant as validated: name, ID document (kind and number), optional phone and address.

    Without ``id_kind`` the number says which card it is (parse_id_number). A typed document
    (回乡证, 台胞证, passport: core.validation.travel_documents) also needs the holder's sex and
    birth date as printed, a passport its nationality; its 居留许可 number is optional. The name
    may be Chinese, Latin (``latin_name``) or both.
    """
    for key in raw:
        if key not in APPLICANT_KEYS:
            raise ValidationError(
                f"applicant.{key}",
                f"申请人信息中没有“{key}”这一项",
                f"unknown key {key}",
                code="applicant.unknown_key",
                params={"key": key},
            )
    latin = parse_latin_name(str(raw.get("latin_name") or ""), field="applicant.latin_name")
    given_name = raw.get("name") or latin  # a passport may carry a Latin name only
    name = str(validate_field(FieldType.NAME, given_name, field="applicant.name", today=today))
    kind_text = str(raw.get("id_kind") or "")
    kind = document_kind(kind_text, "applicant.id_kind") if kind_text else None
    number = str(raw.get("id_number", ""))
    if kind in TYPED_KINDS:
        assert kind is not None
        id_number = parse_document_number(kind, number, field="applicant.id_number", today=today)
        sex = str(validate_field(FieldType.SEX, raw.get("sex", ""), field="applicant.sex", today=today))
        birth = typed_birth_date(raw.get("birth_date", ""), field="applicant.birth_date", today=today)
    else:
        info = parse_id_number(number, field="applicant.id_number", today=today)
        if kind is not None:
            parse_document_number(kind, number, field="applicant.id_number", today=today)
        _agree_with_number(raw, info.sex, info.birth_date, today)
        id_number, kind, sex, birth = info.number, info.kind, info.sex, info.birth_date
    nationality = residence_permit = ""
    if kind is IdKind.FOREIGN_PASSPORT:
        nationality = parse_nationality(str(raw.get("nationality") or ""), field="applicant.nationality")
        residence_permit = parse_residence_permit(
            str(raw.get("residence_permit") or ""), field="applicant.residence_permit"
        )
    phone = raw.get("phone") or ""
    if phone:
        phone = str(validate_field(FieldType.PHONE, phone, field="applicant.phone", today=today))
    address = raw.get("address") or ""
    if address:
        address = str(validate_field(FieldType.ADDRESS, address, field="applicant.address", today=today))
    return Applicant(
        name=name,
        id_number=id_number,
        id_kind=str(kind),
        sex=sex,
        birth_date=birth,
        nation=str(raw.get("nation") or ""),
        address=address,
        phone=phone,
        source=source,
        latin_name=latin if latin != name else "",
        nationality=nationality,
        residence_permit=residence_permit,
    )


def check_documents(checklist: Checklist, applicant: Applicant) -> None:
    """ValidationError when a matter of the checklist does not accept the applicant's document
    (the catalog's ``accepted_documents``, e.g. 户口 matters: 居民身份证 only)."""
    for matter in checklist.matters:
        accepted = matter.accepted_documents
        if accepted and applicant.id_kind not in accepted:
            names = "、".join(document_name(kind) for kind in accepted)
            doc = document_name(applicant.id_kind)
            raise ValidationError(
                "applicant.id_kind",
                f"“{matter.name}”须持{names}办理，不能使用{doc}",
                f"matter {matter.id} accepts {', '.join(accepted)}, not {applicant.id_kind}",
                code="applicant.document_not_accepted",
                params={"matter": matter.name, "accepted": names, "doc": doc},
            )


def _agree_with_number(raw: Mapping[str, Any], sex: str, birth: date, today: date) -> None:
    """A sex or birth date given beside a card's number must be the number's own."""
    if raw.get("sex"):
        given = validate_field(FieldType.SEX, raw["sex"], field="applicant.sex", today=today)
        if given != sex:
            raise ValidationError(
                "applicant.sex",
                "性别与证件号码不一致，请核对",
                "the given sex differs from the number's sex digit",
                code="applicant.sex_mismatch",
            )
    if raw.get("birth_date"):
        given_birth = typed_birth_date(raw["birth_date"], field="applicant.birth_date", today=today)
        if given_birth != birth:
            raise ValidationError(
                "applicant.birth_date",
                "出生日期与证件号码不一致，请核对",
                "the given birth date differs from the number's",
                code="applicant.birth_date_mismatch",
            )


def number_checks_apply(applicant: Applicant) -> bool:
    """Whether the applicant's number encodes sex and birth date (a card, not a typed document)."""
    return applicant.id_kind not in TYPED_KINDS
