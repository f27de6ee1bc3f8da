"""The kiosk session as a Qt-free step machine: identity, services per mode, inactivity, progress, wipe."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from core.cases.model import CaseStatus, MatterStatus
from core.errors import ValidationError
from core.flows.intake import CardData
from core.flows.kiosk import (
    ELDERLY_POLICY,
    STANDARD_POLICY,
    CaseProgress,
    InactivityPolicy,
    KioskMode,
    KioskSession,
    MatterProgress,
    Phase,
    Service,
    citizen_from_card,
    citizen_from_token,
    merge_progress,
    progress_of_platform,
)

TODAY = date(2026, 11, 23)
FATHER = CardData(
    "周建国", "320115198805120036", "男", "汉", date(1988, 5, 12), "南京市江宁区东山街道竹山路8号"
)


def _remote(number: str, status: str = "dispatched", at: str = "2026-11-23T10:00:00+08:00") -> dict[str, Any]:
    return {
        "case_number": number,
        "official_number": "X" * 43,
        "bundle_id": "newborn_insurance",
        "bundle_name": "新生儿参保登记（出生即参保）",
        "status": status,
        "status_changed_at": at,
        "promised_date": "2026-11-24",
        "matters": [
            {
                "matter_id": "mi_enrol",
                "name": "城乡居民基本医疗保险参保登记（新生儿）",
                "dept": "medical_insurance",
                "dept_name": "医疗保障",
                "status": "done",
                "result": "参保登记成功",
                "updated_at": at,
            }
        ],
    }


def _local(number: str, *, uploaded: bool, at: str = "2026-11-23T09:00:00+08:00") -> CaseProgress:
    return CaseProgress(
        number=number,
        official_number=None,
        bundle_name="新生儿出生“一件事”",
        status=CaseStatus.ACCEPTED,
        status_changed_at=at,
        promised_date=date(2026, 11, 30),
        matters=(MatterProgress("出生登记", "公安", MatterStatus.PENDING),),
        uploaded=uploaded,
        source="local",
    )


def test_a_card_identifies_the_citizen_and_masks_on_screen() -> None:
    citizen = citizen_from_card(FATHER, TODAY)
    assert citizen.id_kind and citizen.birth_date == date(1988, 5, 12)
    assert citizen.masked_name == "周*国"
    assert "198805" not in citizen.masked_id and citizen.masked_id.endswith("0036")
    assert citizen.card_data().id_number == FATHER.id_number


def test_a_card_whose_number_does_not_check_is_refused_in_chinese() -> None:
    with pytest.raises(ValidationError) as caught:
        citizen_from_card(replace(FATHER, id_number="320115198805120037"), TODAY)
    assert "校验" in caught.value.message or "号码" in caught.value.message


def test_a_token_answer_identifies_the_citizen() -> None:
    answer = {
        "token_type": "essc",
        "issuer": "电子社保卡",
        "name": "林晓雨",
        "id_number": "320115199003070043",
        "id_kind": "resident",
        "valid_until": "2026-11-23T10:00:00+08:00",
    }
    citizen = citizen_from_token(answer, TODAY)
    assert (citizen.source, citizen.token_issuer, citizen.sex) == ("token", "电子社保卡", "女")
    assert citizen.birth_date == date(1990, 3, 7)


def test_services_follow_the_mode_and_need_a_person() -> None:
    general = KioskSession()
    assert general.services == (Service.TICKET, Service.PROGRESS, Service.CERTIFICATE, Service.DECLARE)
    general.choose(Service.TICKET)  # 不刷身份证取号: a ticket needs nobody identified
    assert not Service.TICKET.needs_identity and Service.PROGRESS.needs_identity
    with pytest.raises(ValidationError):
        general.choose(Service.CERTIFICATE)  # nobody identified yet
    with pytest.raises(ValidationError):
        general.choose(Service.NEWBORN)  # not offered in a service hall
    general.identify_case("32011510120261123000")
    general.choose(Service.PROGRESS)  # a receipt QR is enough for the progress query
    hospital = KioskSession(mode=KioskMode.HOSPITAL)
    assert hospital.services[0] is Service.NEWBORN
    hospital.identify(citizen_from_card(FATHER, TODAY))
    hospital.choose(Service.NEWBORN)
    assert hospital.service is Service.NEWBORN


@pytest.mark.parametrize("policy", [STANDARD_POLICY, ELDERLY_POLICY])
def test_inactivity_warns_then_expires(policy: InactivityPolicy) -> None:
    assert policy.phase(0) is Phase.ACTIVE
    assert policy.phase(policy.warn_after_s - 0.1) is Phase.ACTIVE
    assert policy.phase(policy.warn_after_s) is Phase.WARNING
    assert policy.remaining_s(policy.warn_after_s) == int(policy.countdown_s)
    assert policy.remaining_s(policy.timeout_s - 0.5) == 1
    assert policy.phase(policy.timeout_s) is Phase.EXPIRED
    assert policy.remaining_s(policy.timeout_s + 5) == 0


def test_elderly_sessions_wait_longer() -> None:
    assert ELDERLY_POLICY.warn_after_s > STANDARD_POLICY.warn_after_s
    assert ELDERLY_POLICY.countdown_s > STANDARD_POLICY.countdown_s
    assert KioskSession(elderly=True).policy is ELDERLY_POLICY


def test_after_a_service_the_session_asks_for_a_rating_once() -> None:
    session = KioskSession()
    session.identify(citizen_from_card(FATHER, TODAY))
    assert not session.wants_rating
    session.choose(Service.PROGRESS)
    session.served_case("32011510120261123000")
    session.served_case("32011510120261123000")
    session.finish_service()
    assert session.wants_rating and session.cases_to_rate == ["32011510120261123000"]
    session.rating_done()
    assert not session.wants_rating and session.cases_to_rate == []
    session.choose(Service.CERTIFICATE)
    session.finish_service()
    assert session.wants_rating  # 好差评 after every service


def test_wipe_forgets_everything_of_the_citizen() -> None:
    session = KioskSession(mode=KioskMode.HOSPITAL, elderly=True)
    session.identify(citizen_from_card(FATHER, TODAY))
    session.choose(Service.NEWBORN)
    session.served_case("32011510120261123000")
    session.notes["birth_cert_no"] = "Q320123456"
    session.finish_service()
    session.wipe()
    assert session.citizen is None and session.case_ref is None and session.service is None
    assert not session.cases_to_rate and not session.notes and not session.served and not session.rated
    assert repr(session).count("周建国") == 0 and "Q320123456" not in repr(session)


def test_progress_prefers_the_platform_but_keeps_what_it_has_not_got() -> None:
    remote = [
        _remote("32011510120261123001"),
        _remote("32011500120261120007", at="2026-11-20T10:00:00+08:00"),
    ]
    local = [
        _local("32011510120261123001", uploaded=True),  # the platform's answer wins
        _local("32011510120261123002", uploaded=False),  # accepted offline: only here
    ]
    merged = merge_progress(local, remote)
    by_number = {item.number: item for item in merged}
    assert set(by_number) == {"32011510120261123001", "32011510120261123002", "32011500120261120007"}
    assert by_number["32011510120261123001"].source == "platform"
    assert by_number["32011510120261123001"].matters[0].status is MatterStatus.DONE
    offline = by_number["32011510120261123002"]
    assert not offline.uploaded and "尚未上传" in offline.note
    assert merged[0].number == "32011510120261123001"  # newest first


def test_progress_offline_says_the_statuses_are_the_last_synced_ones() -> None:
    merged = merge_progress([_local("32011510120261123001", uploaded=True)], None)
    assert merged[0].source == "local" and "连不上" in merged[0].note


def test_a_platform_case_becomes_progress() -> None:
    item = progress_of_platform(_remote("32011510120261123001", status="completed"))
    assert item.status is CaseStatus.COMPLETED and item.promised_date == date(2026, 11, 24)
    assert item.matters[0].dept_name == "医疗保障" and item.note == ""
