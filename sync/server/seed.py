"""Demo data for ``--seed demo``: staff accounts, people with their e-licences, online QR tokens.

The people are the ones the shipped examples use: the parents of assets/examples/newborn-case.json
(林晓雨 and 周建国, with their newborn 周子墨's 出生医学证明) and the cards of
assets/devices/cards-demo.json when that file exists. All of it is fictitious. Passwords and
tokens are listed in sync/server/README.md. Seeding is idempotent and runs once per database.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

import sqlite_utils

from core.assets import assets_dir
from core.passwords import hash_password
from core.store.db import write_transaction
from sync.server.db import advance_counter

logger = logging.getLogger(__name__)

SEEDS: Final = ("demo",)
_FOREVER: Final = "2099-12-31T23:59:59+08:00"

# (staff_id, name, role, password): documented demo passwords, never for a real hall.
DEMO_STAFF: Final = (
    ("admin", "平台管理员（演示）", "admin", "Admin@2026"),
    ("window01", "张敏（综合窗口，演示）", "window", "Window01@2026"),
    ("supervisor01", "李强（值班长，演示）", "supervisor", "Supervisor01@2026"),
    ("outreach01", "赵芳（帮办代办，演示）", "outreach", "Outreach01@2026"),
)


@dataclass(frozen=True, slots=True)
class DemoLicence:
    licence: str  # catalog licence type id
    holder_name: str
    licence_number: str
    issued_by: str
    valid_to: str


@dataclass(frozen=True, slots=True)
class DemoPerson:
    name: str
    id_number: str
    id_kind: str
    sex: str
    birth_date: str
    licences: tuple[DemoLicence, ...] = field(default=())


_JIANGNING_POLICE: Final = "南京市公安局江宁分局"
_NEWBORN_FAMILY: Final = (
    DemoPerson(
        "林晓雨",
        "320115199003070043",
        "resident",
        "女",
        "1990-03-07",
        (
            DemoLicence("id_card", "林晓雨", "320115199003070043", _JIANGNING_POLICE, "2036-04-02"),
            DemoLicence("hukou_book", "林晓雨", "320115003581", _JIANGNING_POLICE, "长期"),
            DemoLicence("marriage_cert", "林晓雨", "J320115-2019-004127", "南京市江宁区民政局", "长期"),
            DemoLicence("birth_medical_cert", "周子墨", "Q320123456", "南京市江宁区妇幼保健院", "长期"),
        ),
    ),
    DemoPerson(
        "周建国",
        "320115198805120036",
        "resident",
        "男",
        "1988-05-12",
        (
            DemoLicence("id_card", "周建国", "320115198805120036", _JIANGNING_POLICE, "2038-09-15"),
            DemoLicence("hukou_book", "周建国", "320115003581", _JIANGNING_POLICE, "长期"),
            DemoLicence("marriage_cert", "周建国", "J320115-2019-004127", "南京市江宁区民政局", "长期"),
            DemoLicence("birth_medical_cert", "周子墨", "Q320123456", "南京市江宁区妇幼保健院", "长期"),
        ),
    ),
)

# (token, token_type, id_number, valid_until). Real tokens are opaque and short-lived
# (research/devices.md §5); these are long-lived so demos keep working, except the expired one.
_NEWBORN_TOKENS: Final = (
    ("DEMO-ESSC-LINXIAOYU-2026", "essc", "320115199003070043", _FOREVER),
    ("DEMO-NHSA-LINXIAOYU-2026", "nhsa_ec", "320115199003070043", _FOREVER),
    ("DEMO-ESSC-ZHOUJIANGUO-2026", "essc", "320115198805120036", _FOREVER),
    ("DEMO-SUFU-ZHOUJIANGUO-2026", "gov_code", "320115198805120036", _FOREVER),
    ("DEMO-ESSC-EXPIRED-2020", "essc", "320115199003070043", "2020-01-01T00:00:00+08:00"),
)


# (id_number, listed_by, listed_on): one card holder of assets/devices/cards-demo.json recorded as
# 失信, so a demo shows that 告知承诺 and 容缺 are closed to him (李建国, card 2 of the set).
DEMO_DISHONEST: Final = (
    ("330106196810021370", "杭州市上城区人民法院（失信被执行人名单，演示）", "2025-03-01"),
)


def demo_people() -> list[DemoPerson]:
    """The newborn family, then one person per card of assets/devices/cards-demo.json (if present)."""
    people = list(_NEWBORN_FAMILY)
    path = assets_dir() / "devices" / "cards-demo.json"
    if path.exists():
        cards = json.loads(path.read_text(encoding="utf-8")).get("cards", [])
        people.extend(_card_people(cards))
    return people


def demo_tokens(people: list[DemoPerson]) -> list[tuple[str, str, str, str]]:
    tokens = list(_NEWBORN_TOKENS)
    for n, person in enumerate(people[len(_NEWBORN_FAMILY) :], start=1):
        tokens.append((f"DEMO-ESSC-CARD{n}-2026", "essc", person.id_number, _FOREVER))
    return tokens


def _card_people(cards: list[dict[str, Any]]) -> list[DemoPerson]:
    """Resident cards get 居民身份证 and 户口簿; two residents of one address, 结婚证 too.

    Holders of residence permits and permanent residence cards have none of these mainland
    e-licences: a look-up for them answers ``found: false``, as a real platform would.
    """
    residents = [c for c in cards if c.get("card_type") == "resident"]
    by_address: dict[str, list[dict[str, Any]]] = {}
    for card in residents:
        by_address.setdefault(card.get("address", ""), []).append(card)
    people = []
    for card in cards:
        licences: list[DemoLicence] = []
        if card.get("card_type") == "resident":
            authority = card.get("issuing_authority", "")
            number = card["id_number"]
            licences.append(DemoLicence("id_card", card["name"], number, authority, card.get("valid_to", "")))
            licences.append(
                DemoLicence("hukou_book", card["name"], number[:6] + "00" + number[-4:], authority, "长期")
            )
            household = by_address.get(card.get("address", ""), [])
            if len(household) == 2 and household[0]["sex"] != household[1]["sex"]:
                licences.append(
                    DemoLicence(
                        "marriage_cert",
                        card["name"],
                        f"J{number[:6]}-2015-00{number[-4:]}",
                        "婚姻登记机关",
                        "长期",
                    )
                )
        people.append(
            DemoPerson(
                card["name"],
                card["id_number"],
                card.get("card_type", "resident"),
                card.get("sex", ""),
                card.get("birth_date", ""),
                tuple(licences),
            )
        )
    return people


def seed(db: sqlite_utils.Database, name: str, now: datetime) -> bool:
    """Load seed ``name`` once; False when this database already had it."""
    if name not in SEEDS:
        raise ValueError(f"unknown seed {name!r}")
    key = f"seed:{name}"
    if db.execute("SELECT 1 FROM meta WHERE key = ?", (key,)).fetchone() is not None:
        return False
    people = demo_people()
    hashes = [(staff_id, hash_password(password)) for staff_id, *_, password in DEMO_STAFF]
    with write_transaction(db):
        if db.execute("SELECT 1 FROM meta WHERE key = ?", (key,)).fetchone() is not None:
            return False  # another process seeded it while we were hashing
        for (staff_id, staff_name, role, _), (_, password_hash) in zip(DEMO_STAFF, hashes, strict=True):
            db.execute(
                "INSERT INTO staff (staff_id, name, role, password_hash, active, cursor) VALUES (?, ?, ?, ?, 1, ?)"
                " ON CONFLICT (staff_id) DO NOTHING",
                (staff_id, staff_name, role, password_hash, advance_counter(db, "staff")),
            )
        for person in people:
            db.execute(
                "INSERT INTO people (id_number, name, id_kind, sex, birth_date) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (id_number) DO NOTHING",
                (person.id_number, person.name, person.id_kind, person.sex, person.birth_date),
            )
            for lic in person.licences:
                db.execute(
                    "INSERT INTO licences (id_number, licence, holder_name, licence_number, issued_by, valid_to)"
                    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    (
                        person.id_number,
                        lic.licence,
                        lic.holder_name,
                        lic.licence_number,
                        lic.issued_by,
                        lic.valid_to,
                    ),
                )
        for token, token_type, id_number, valid_until in demo_tokens(people):
            db.execute(
                "INSERT INTO tokens (token, token_type, id_number, valid_until) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (token) DO NOTHING",
                (token, token_type, id_number, valid_until),
            )
        for id_number, listed_by, listed_on in DEMO_DISHONEST:
            db.execute(
                "INSERT INTO credit_records (id_number, listed_by, listed_on) VALUES (?, ?, ?)"
                " ON CONFLICT (id_number) DO NOTHING",
                (id_number, listed_by, listed_on),
            )
        db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, now.isoformat()))
    logger.info("seeded %r: %d staff, %d people", name, len(DEMO_STAFF), len(people))
    return True
