"""Validation of what people type or a card reader returns: ID numbers, codes, phones, form fields."""

from core.validation.certificates import parse_birth_certificate_number
from core.validation.contact import parse_mobile, parse_phone
from core.validation.fields import validate_field
from core.validation.idnumbers import IdKind, IdNumberInfo, normalise_id_number, parse_id_number
from core.validation.organisations import parse_uscc
from core.validation.regions import RegionTableError, is_known_region, region_name

__all__ = [
    "IdKind",
    "IdNumberInfo",
    "RegionTableError",
    "is_known_region",
    "normalise_id_number",
    "parse_birth_certificate_number",
    "parse_id_number",
    "parse_mobile",
    "parse_phone",
    "parse_uscc",
    "region_name",
    "validate_field",
]
