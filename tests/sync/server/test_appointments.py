"""预约 on the hall server: ``platform appointment add|list|cancel`` on a real platform database, and a
kiosk's redemption over real HTTP — the Y ticket with the server's own slot, once; refusals in Chinese."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from core.queue.appointment import appointment_qr_payload, parse_appointment_qr
from core.queue.model import Applicant, Priority
from core.store.db import write_transaction
from devices.qr.camera_decoder import decode_image
from sync.client import PlatformClient
from sync.errors import SyncPermanentError
from sync.queue_client import call_next, redeem_appointment, take_ticket
from sync.server import appointments
from sync.server.__main__ import main
from sync.server.db import open_platform_db
from sync.server.runner import ThreadedPlatform
from tests.sync.server.platform_kit import Device

TIMEOUT = (1.0, 5.0)
MOTHER_ID = "320115199003070043"


def _client(platform: ThreadedPlatform, device: Device) -> PlatformClient:
    return PlatformClient(platform.url, device_id=device.device_id, secret=device.secret, timeout=TIMEOUT)


def book(
    platform: ThreadedPlatform, slot: datetime, *, made: datetime | None = None, **who: str
) -> appointments.Appointment:
    """An appointment straight into the running platform's database (WAL: the server sees it)."""
    db = open_platform_db(platform.platform.config.db_path)
    try:
        with write_transaction(db):
            return appointments.add(
                db,
                service="newborn",
                service_name="新生儿出生“一件事”",
                slot=slot,
                now=made or slot - timedelta(days=1),
                **who,
            )
    finally:
        db.close()


def test_the_cli_books_lists_and_cancels_on_a_real_platform_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, png = tmp_path / "p.db", tmp_path / "qr.png"
    slot = (datetime.now().astimezone() + timedelta(days=1)).replace(
        hour=9, minute=30, second=0, microsecond=0
    )
    argv = ["platform", "appointment", "add", "--db", str(db), "--service", "retirement"]
    assert main([*argv, "--slot", slot.strftime("%Y-%m-%dT%H:%M"), "--qr", str(png), "--json"]) == 0
    booked = json.loads(capsys.readouterr().out)
    assert booked["service_name"] == "企业职工退休“一件事”"
    assert booked["status"] == "booked" and booked["slot"] == slot.isoformat(timespec="minutes")
    assert parse_appointment_qr(booked["qr"]) == booked["code"]
    assert [r.text for r in decode_image(png)] == [booked["qr"]]  # what the kiosk's camera decoder reads
    assert (
        main(
            [
                *argv[:-1],
                "newborn",
                "--slot",
                slot.strftime("%Y-%m-%dT%H:%M"),
                "--name",
                "林晓雨",
                "--id-number",
                MOTHER_ID,
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "预约码 code: " in out and "二维码 QR: TY1:" in out and "新生儿出生" in out
    assert main(["platform", "appointment", "list", "--db", str(db), "--day", slot.date().isoformat()]) == 0
    listed = capsys.readouterr().out
    assert listed.count("待取号") == 2 and "林晓雨" in listed and "共 2 个" in listed
    assert main(["platform", "appointment", "cancel", "--db", str(db), booked["code"]]) == 0
    assert main(["platform", "appointment", "cancel", "--db", str(db), booked["code"]]) == 2
    assert "已于" in capsys.readouterr().err
    assert main(["platform", "appointment", "list", "--db", str(db), "--json"]) == 0
    states = [a["status"] for a in json.loads(capsys.readouterr().out)["appointments"]]
    assert sorted(states) == ["booked", "cancelled"]
    # Refusals: an unknown service, a past slot, a bad slot, a typo in the code, a code not booked.
    refusals = {
        ("--service", "nosuch", "--slot", slot.strftime("%Y-%m-%dT%H:%M")): "没有事项",
        ("--service", "newborn", "--slot", "2020-01-01T09:00"): "已经过去",
        ("--service", "newborn", "--slot", "tomorrow"): "格式有误",
        ("--service", "newborn", "--slot", slot.strftime("%Y-%m-%dT%H:%M"), "--name", "某人"): "一起给出",
    }
    for extra, said in refusals.items():
        assert main(["platform", "appointment", "add", "--db", str(db), *extra]) == 2, extra
        assert said in capsys.readouterr().err
    typo = booked["code"][:-1] + str((int(booked["code"][-1]) + 1) % 10)
    assert main(["platform", "appointment", "cancel", "--db", str(db), typo]) == 2
    assert "预约码有误" in capsys.readouterr().err
    assert main(["platform", "appointment", "cancel", "--db", str(db), "123456786"]) == 2
    assert "没有这个预约" in capsys.readouterr().err
    assert main(["platform", "appointment", "list", "--db", str(tmp_path / "none.db")]) == 2


def test_a_redeemed_appointment_is_a_y_ticket_with_the_servers_slot_once(
    platform: ThreadedPlatform, enrolled: Callable[..., Device]
) -> None:
    now = platform.platform.clock.now()
    slot = now.replace(second=0, microsecond=0) + timedelta(minutes=5)
    if slot.date() != now.date():
        pytest.skip("too close to midnight for a same-day slot")
    booked = book(platform, slot, name="林晓雨", id_number=MOTHER_ID)
    kiosk, window = _client(platform, enrolled()), _client(platform, enrolled())
    with kiosk, window:
        take_ticket(kiosk, service="newborn", service_name="出生")  # A001, waiting before the appointment
        issued = redeem_appointment(kiosk, booked.code)
        ticket = issued.ticket
        assert (ticket.number, ticket.lane, ticket.priority) == ("Y001", "Y", Priority.APPOINTMENT)
        assert ticket.slot == booked.slot and ticket.appointment == booked.code and not issued.again
        assert ticket.service == "newborn" and ticket.service_name == "新生儿出生“一件事”"
        assert ticket.applicant == Applicant("林晓雨", MOTHER_ID, "1990-03-07", "女")
        again = redeem_appointment(kiosk, booked.code)  # the citizen scans again: the same ticket
        assert again.again and again.ticket == ticket
        called = call_next(window, 3, ["newborn"])
        assert called is not None and called.ticket.number == "Y001"  # its slot has come: before A001
    db = open_platform_db(platform.platform.config.db_path)
    try:
        (found,) = appointments.listed(db)
        assert found.status == "redeemed" and found.ticket_id == ticket.id
        issued_rows = db.execute("SELECT COUNT(*) FROM queue_events WHERE kind = 'issued'").fetchone()[0]
        assert issued_rows == 2
    finally:
        db.close()


def test_refusals_are_in_chinese_and_a_kiosk_slot_is_not_trusted(
    platform: ThreadedPlatform, enrolled: Callable[..., Device]
) -> None:
    now = platform.platform.clock.now()
    late = book(platform, now - timedelta(minutes=31), made=now - timedelta(hours=2))
    tomorrow = book(platform, now + timedelta(days=1))
    cancelled = book(platform, now + timedelta(minutes=1))
    db = open_platform_db(platform.platform.config.db_path)
    try:
        with write_transaction(db):
            appointments.cancel(db, cancelled.code, now)
    finally:
        db.close()
    kiosk = _client(platform, enrolled())
    refused = {
        late.code: "预约已失效，请取普通号",
        tomorrow.code: "不是今天",
        cancelled.code: "已经取消",
        "123456786": "没有这个预约",
        late.code[:-1] + str((int(late.code[-1]) + 1) % 10): "预约码有误",
        appointment_qr_payload(late.code): "9 位数字",  # the QR text itself: the kiosk sends the code
    }
    with kiosk:
        for code, said in refused.items():
            with pytest.raises(SyncPermanentError) as caught:
                redeem_appointment(kiosk, code)
            assert said in caught.value.message, (code, caught.value.message)
        # An ordinary ticket that claims an appointment's slot is an ordinary ticket.
        answer = kiosk.request_json(
            "POST",
            "/api/v1/queue/tickets",
            {"service": "newborn", "service_name": "出生", "slot": now.isoformat()},
        )
        assert answer["ticket"]["lane"] == "A" and answer["ticket"]["slot"] is None
        assert answer["ticket"]["priority"] == "none"
