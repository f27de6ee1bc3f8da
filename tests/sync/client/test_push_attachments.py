"""Every attachment a case references travels before its event: scans, signature, authorisation."""

from __future__ import annotations

from datetime import date

from core.cases.codec import case_to_dict
from core.cases.model import (
    Applicant,
    Case,
    CaseStatus,
    ItemRecord,
    ItemState,
    ProxyAuthorisation,
)
from sync.push import attachments_of


def test_the_event_names_every_attachment_of_the_case() -> None:
    case = Case(
        number="32011526112200100019",
        bundle_id="newborn",
        bundle_name="新生儿出生“一件事”",
        catalog_version="2024.1-r1",
        status=CaseStatus.ACCEPTED,
        applicant=Applicant("林晓雨", "320115199003070043", "resident"),
        answers={},
        items=(
            ItemRecord("host_hukou", "户口簿", ItemState.SCANNED, attachments=("a" * 64, "b" * 64)),
            ItemRecord("dna", "亲子鉴定", ItemState.SCANNED, attachments=("a" * 64,)),
        ),
        form={},
        matters=(),
        operator="outreach01",
        device_id="dev",
        created_at="2026-11-22T10:00:00+08:00",
        status_changed_at="2026-11-22T10:00:00+08:00",
        promised_date=date(2026, 11, 30),
        signature="c" * 64,
        proxy=ProxyAuthorisation(
            "赵帮办", "320115198805120036", "代办", date(2026, 12, 31), "d" * 64, "e" * 64
        ),
    )
    assert attachments_of(case_to_dict(case)) == list(case.attachments)
    assert len(case.attachments) == 5
