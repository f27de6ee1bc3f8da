"""The demo sandbox both GUIs share: demo configs per role, the demo cards, a window client and a kiosk on one platform."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from core.config import CONFIG_NAME, load_config
from core.validation.idnumbers import parse_id_number
from devices.id_reader.card_file import load_cards
from devices.id_reader.sim_machine import CardState
from devices.manager import SimulatorRack
from services.sandbox import (
    CARDS_NAME,
    FATHER_CARD,
    KIOSK_DEVICE_NO,
    MOTHER_CARD,
    EmbeddedPlatform,
    demo_config,
    enroll_device,
    write_cards,
)
from sync.errors import SyncPermanentError
from sync.server.seed import demo_people

TODAY = date(2026, 11, 23)


def _card_file(uri: str) -> Path:
    assert uri.startswith("sim:")
    return Path(uri.removeprefix("sim:").partition("?")[0])


def test_a_window_client_gets_the_mother_and_staff_defaults(tmp_path: Path) -> None:
    config = demo_config(tmp_path)
    assert (config.role, config.operator, config.device_no) == ("window", "window01", 1)
    assert set(config.devices) == {"id_reader", "printer", "scanner", "camera"}
    path = _card_file(config.devices["id_reader"])
    assert path == tmp_path / CARDS_NAME
    assert [card.card.name for card in load_cards(path)] == ["林晓雨"]
    assert demo_config(tmp_path, role="outreach").operator == "outreach01"


def test_a_kiosk_gets_its_own_number_no_staff_and_the_father_first(tmp_path: Path) -> None:
    config = demo_config(tmp_path, role="kiosk")
    assert (config.role, config.operator, config.device_no) == ("kiosk", "kiosk", KIOSK_DEVICE_NO)
    assert demo_config(tmp_path / "window").device_no != KIOSK_DEVICE_NO
    cards = load_cards(_card_file(config.devices["id_reader"]))
    assert [card.card.id_number for card in cards] == [FATHER_CARD["id_number"], MOTHER_CARD["id_number"]]


def test_explicit_arguments_win(tmp_path: Path) -> None:
    given = write_cards(tmp_path / "mine.json", [MOTHER_CARD])
    config = demo_config(tmp_path, role="kiosk", cards=given, operator="hospital", device_no=7)
    assert (config.operator, config.device_no) == ("hospital", 7)
    assert config.devices["id_reader"] == f"sim:{given}?card=none&cycle=0"  # a kiosk's reader starts empty
    assert not (tmp_path / CARDS_NAME).exists()
    listed = demo_config(tmp_path, cards=[FATHER_CARD])
    assert [c.card.name for c in load_cards(_card_file(listed.devices["id_reader"]))] == ["周建国"]
    with pytest.raises(ValueError, match="role"):
        demo_config(tmp_path, role="teller")
    with pytest.raises(ValueError, match="card"):
        write_cards(tmp_path / "none.json", [])


def test_the_demo_cards_are_valid_and_seeded_on_the_platform() -> None:
    seeded = {person.id_number: person for person in demo_people()}
    for card in (MOTHER_CARD, FATHER_CARD):
        number = str(card["id_number"])
        info = parse_id_number(number, today=TODAY)
        assert (info.birth_date.isoformat(), info.sex) == (card["birth_date"], card["sex"])
        person = seeded[number]
        assert (person.name, person.sex, person.birth_date) == (card["name"], card["sex"], card["birth_date"])
        id_card = next(licence for licence in person.licences if licence.licence == "id_card")
        assert (id_card.valid_to, id_card.issued_by) == (card["valid_to"], card["issuing_authority"])
    assert FATHER_CARD["address"] == MOTHER_CARD["address"]  # one 户口簿 (320115003581)


def test_a_window_sim_reader_starts_with_the_card_on_it_and_a_kiosk_reader_empty(tmp_path: Path) -> None:
    for role, names, state in (
        ("window", ["林晓雨"], CardState.PRESENT),  # staff read the applicant's card at once
        ("kiosk", ["周建国", "林晓雨"], CardState.NO_CARD),  # a lying card would start a session
    ):
        config = demo_config(tmp_path / role, role=role)
        rack = SimulatorRack()
        try:
            rack.resolve("id_reader", config.devices["id_reader"])
            reader = rack.id_reader
            assert [card.name for card in reader.cards] == names
            assert reader.card_state is state, role
        finally:
            rack.stop()


def test_a_window_client_and_a_kiosk_enroll_on_one_platform(tmp_path: Path) -> None:
    platform = EmbeddedPlatform(tmp_path / "platform", dept_delay="0.05:0.2", seed_random=7)
    platform.start()
    try:
        window, kiosk = tmp_path / "window", tmp_path / "kiosk"
        assert enroll_device(window, platform, demo_config(window)).ok
        assert enroll_device(kiosk, platform, demo_config(kiosk, role="kiosk")).ok
        written = load_config(kiosk / CONFIG_NAME)
        assert (written.role, written.operator, written.platform_url) == ("kiosk", "kiosk", platform.url)
        second = tmp_path / "second-kiosk"
        with pytest.raises(SyncPermanentError) as refused:  # the same (region_code, device_no)
            enroll_device(second, platform, demo_config(second, role="kiosk"))
        assert refused.value.status == 409
    finally:
        platform.stop()
