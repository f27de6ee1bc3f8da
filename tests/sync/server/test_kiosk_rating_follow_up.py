"""A kiosk 差评 with no case is followed up on the platform (GB/T 39734-2020 §9.3 差评处置; domain review §5
E1, E3): stored once, it opens a 整改 due ``bad_rating_follow_up_days`` working days after the day it was
given, on the calendar the platform serves; ``tongban platform ratings`` lists it once, and its 回访,
整改结果 and 申诉复核 are recorded with ``tongban platform rating-follow-up``.

Calendar vectors (issue 12 §1, State Council 2026 holiday notice: 国庆节、中秋节 10-01 to 10-08, make-up
working days 09-27 and 10-10): 2026-09-30 + 5 working days = 2026-10-13; + 15 = 2026-10-27.
"""

from __future__ import annotations

import json
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from sqlite_utils.migrations import Migrations

from core.cases.codec import evaluation_to_dict
from core.cases.model import Evaluation
from core.cases.ratings import RatingStage
from core.cli.main import main
from sync import contract
from sync.server.db import (
    m001_initial,
    m002_cases_by_applicant,
    m003_catalog_versions,
    m004_credit_records,
    m005_kiosk_ratings,
    open_platform_db,
)
from sync.server.ratings import kiosk_ratings
from sync.server.runner import ThreadedPlatform
from tests.sync.server.platform_kit import Device, Factory, case_number, insurance_case, new_code, wire_event

GIVEN = "2026-09-30T10:00:00+08:00"  # the eve of 国庆/中秋 2026


def _rating(level: int, reason: str, at: str = GIVEN) -> dict[str, Any]:
    return {
        "id": uuid.uuid4().hex,
        "at": at,
        "level": level,
        "reason": reason,
        "channel": "kiosk",
        "services": ["certificate"],
        "follow_up": level <= 2,
    }


def _send(device: Device, *ratings: dict[str, Any]) -> list[str]:
    response = device.request("POST", contract.P_RATINGS, body={"ratings": list(ratings)})
    assert response.status_code == 200, response.text
    return [r["status"] for r in response.json()["receipts"]]


def _listed(db: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> list[dict[str, Any]]:
    assert main(["platform", "ratings", "--db", str(db), "--json", *extra]) == 0
    return list(json.loads(capsys.readouterr().out)["ratings"])


def _enrolled(platform: ThreadedPlatform) -> Device:
    device = Device(platform.url, uuid.uuid4().hex)
    assert device.enroll(new_code(platform), device_no=3).status_code == 200
    return device


@pytest.mark.parametrize(("days", "due"), [(5, "2026-10-13"), (15, "2026-10-27")])
def test_a_kiosk_bad_rating_opens_its_rectification_once_on_the_platform(
    platform_factory: Factory, capsys: pytest.CaptureFixture[str], days: int, due: str
) -> None:
    platform = platform_factory(bad_rating_follow_up_days=days)
    device = _enrolled(platform)
    bad, good = _rating(1, "打印机卡纸，等了很久"), _rating(5, "")
    assert _send(device, bad, good) == ["stored", "stored"]
    assert _send(device, bad) == ["duplicate"]  # a resend after a lost answer: still one 整改
    db = platform.platform.config.db_path
    listed = _listed(db, capsys)
    assert [r["id"] for r in listed] == [bad["id"], good["id"]]
    fix = listed[0]["handling"]["rectification"]
    assert (fix["deadline"], fix["at"]) == (due, None)
    assert listed[0]["open"] == ["rectify", "visit", "appeal"]
    assert "handling" not in listed[1]  # a good rating owes nothing
    assert [r["id"] for r in _listed(db, capsys, "--open")] == [bad["id"]]
    # The table a person reads: the 整改 deadline, once.
    assert main(["platform", "ratings", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.count(f"整改：{due} 前，待整改") == 1 and "打印机卡纸，等了很久" in out
    assert "回访：尚未回访" in out and "共 2 条。" in out


def test_visit_and_rectification_are_recorded_on_the_platform(
    platform: ThreadedPlatform, capsys: pytest.CaptureFixture[str]
) -> None:
    device = _enrolled(platform)
    bad, good = _rating(2, "看不懂操作说明"), _rating(4, "")
    _send(device, bad, good)
    db = str(platform.platform.config.db_path)
    short = bad["id"][:8]

    def follow_up(*args: str) -> int:
        return main(["platform", "rating-follow-up", "--db", db, *args])

    assert follow_up(short, "--action", "visit", "--text", "电话回访，已演示操作", "--staff", "李娜") == 2
    assert "回访日期" in capsys.readouterr().err  # a visit needs its date
    assert (
        follow_up(
            short,
            "--action",
            "visit",
            "--text",
            "电话回访，已演示操作",
            "--staff",
            "李娜",
            "--on",
            "2026-10-09",
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "已记录回访" in out and "回访：2026-10-09 李娜：电话回访，已演示操作" in out
    assert (
        follow_up(short, "--action", "visit", "--text", "again", "--staff", "李娜", "--on", "2026-10-09") == 2
    )
    assert "回访已记录" in capsys.readouterr().err  # once only
    assert follow_up(short, "--action", "rectify", "--text", "屏幕加了图示说明", "--staff", "王科长") == 0
    capsys.readouterr()
    assert follow_up(good["id"][:8], "--action", "rectify", "--text", "x", "--staff", "王科长") == 2
    assert "不是差评" in capsys.readouterr().err
    assert follow_up("zz", "--action", "rectify", "--text", "x", "--staff", "王科长") == 2
    assert "十六进制" in capsys.readouterr().err
    assert follow_up("0123456789", "--action", "rectify", "--text", "x", "--staff", "王科长") == 2
    assert "没有编号为" in capsys.readouterr().err
    (held,) = [r for r in _listed(Path(db), capsys) if r["id"] == bad["id"]]
    follow = held["handling"]
    assert follow["visit"]["on"] == "2026-10-09" and follow["visit"]["staff"] == "李娜"
    assert (follow["rectification"]["result"], follow["rectification"]["by"]) == (
        "屏幕加了图示说明",
        "王科长",
    )
    assert held["open"] == []
    assert _listed(Path(db), capsys, "--open") == []


def test_a_voided_appeal_owes_no_rectification(
    platform: ThreadedPlatform, capsys: pytest.CaptureFixture[str]
) -> None:
    device = _enrolled(platform)
    bad = _rating(1, "乱按的")
    _send(device, bad)
    db = str(platform.platform.config.db_path)
    args = ["platform", "rating-follow-up", "--db", db, bad["id"], "--staff", "王科长"]
    assert main([*args, "--action", "appeal", "--text", "监控显示为误触", "--outcome", "voided"]) == 0
    assert "申诉复核认定差评不成立，无需整改" in capsys.readouterr().out
    assert main([*args, "--action", "rectify", "--text", "x"]) == 2
    assert "无需整改" in capsys.readouterr().err
    (held,) = _listed(Path(db), capsys)
    assert held["open"] == ["visit"]  # every 差评 is still visited


def test_bad_ratings_stored_before_the_platform_followed_them_up_get_their_rectification(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "old-platform.db"
    old = Migrations("tongban-platform")
    for migration in (
        m001_initial,
        m002_cases_by_applicant,
        m003_catalog_versions,
        m004_credit_records,
        m005_kiosk_ratings,
    ):
        old()(migration)
    db = sqlite_utils.Database(path)
    old.apply(db)
    for rating in (_rating(1, "等了很久"), _rating(5, "")):
        db.execute(
            "INSERT INTO kiosk_ratings (device_id, id, body, received_at) VALUES (?, ?, ?, ?)",
            ("k" * 32, rating["id"], json.dumps(rating), "2026-10-02T09:00:00+08:00"),
        )
    db.conn.commit()
    db.close()
    db = open_platform_db(path)  # m006, m007
    try:
        held = kiosk_ratings(db)
    finally:
        db.close()
    assert held[0]["handling"]["rectification"]["deadline"] == date(2026, 10, 13).isoformat()  # type: ignore[index]
    assert "handling" not in held[1]


def test_a_cases_result_is_rated_once_whichever_device_rates_it(
    platform: ThreadedPlatform, device: Device, capsys: pytest.CaptureFixture[str]
) -> None:
    """一事一评 (GB/T 39734 §7.1): a kiosk's result rating of a case the platform holds is kept unless the
    case's result is already rated — by its own device's ``evaluated`` event or at a kiosk."""
    window = device
    kiosk = _enrolled(platform)
    rated_at_window, rated_nowhere = case_number(1, 1), case_number(1, 2)
    events = [
        wire_event(
            window.device_id,
            1,
            rated_at_window,
            "accepted",
            insurance_case(rated_at_window, window.device_id),
        ),
        wire_event(window.device_id, 2, rated_at_window, "evaluated", {**evaluation_to_dict(RESULT_RATING)}),
        wire_event(
            window.device_id, 3, rated_nowhere, "accepted", insurance_case(rated_nowhere, window.device_id)
        ),
    ]
    assert [r["status"] for r in window.push(events).json()["receipts"]] == ["stored"] * 3
    first, second = (
        {**_rating(2, "结果通知太晚"), "case_number": rated_nowhere, "stage": "result"},
        {**_rating(5, ""), "case_number": rated_nowhere, "stage": "result"},
    )
    late = {**_rating(1, "x"), "case_number": rated_at_window, "stage": "result"}
    assert _send(kiosk, first, second, late) == ["stored", "already_rated", "already_rated"]
    assert _send(kiosk, first) == ["duplicate"]
    db = platform.platform.config.db_path
    (held,) = _listed(db, capsys)
    assert held["id"] == first["id"] and held["handling"]["stage"] == "result"
    assert held["handling"]["rectification"]["deadline"] == "2026-10-13"
    assert main(["platform", "ratings", "--db", str(db)]) == 0
    assert f"办件 {rated_nowhere} 办结后评价" in capsys.readouterr().out


RESULT_RATING = Evaluation(level=5, reason="", at="2026-12-01T10:00:00+08:00", stage=RatingStage.RESULT)
