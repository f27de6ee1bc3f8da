"""ID cards the tests place on the simulated reader: a foreigner's without a Chinese name, an expired one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from devices.id_reader import CardType, IdCard

FOREIGNER = IdCard(
    card_type=CardType.FOREIGN_PERMANENT_2023,
    name="",  # a foreigner's card may have no Chinese name (devices.id_reader.IdCard)
    sex="女",
    nation="",
    birth_date=date(1985, 4, 12),
    address="",
    id_number="911826198504120014",
    issuing_authority="国家移民管理局",
    valid_from=date(2023, 12, 1),
    valid_to=date(2033, 12, 1),
    english_name="GARCIA LOPEZ, MARIA",
    nationality="ESP",
    issue_count="00",
)
EXPIRED = IdCard(
    card_type=CardType.RESIDENT,
    name="林晓雨",
    sex="女",
    nation="汉",
    birth_date=date(1990, 3, 7),
    address="南京市江宁区东山街道竹山路8号",
    id_number="320115199003070043",
    issuing_authority="南京市公安局江宁分局",
    valid_from=date(2006, 4, 2),
    valid_to=date(2016, 4, 2),
)
VALID = replace(EXPIRED, valid_from=date(2016, 4, 2), valid_to=date(2036, 4, 2))  # the same card, renewed
