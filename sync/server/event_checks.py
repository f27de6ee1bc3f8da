"""Per-event checks that need no case record: the case number's form and range, and the payload of
an event that creates a case. Each failure is ``Refused`` with its rejection code (sync.server.ingest).

Runs on the storage worker thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlite_utils

from core.case_numbers import parse_case_number
from core.cases.codec import case_from_dict
from core.cases.model import Case, CaseStatus
from core.errors import ValidationError
from sync.contract import ErrorCode


class Refused(Exception):
    """One event refused: its per-event rejection code, Chinese message and English detail."""

    def __init__(self, code: ErrorCode, message: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.message = message
        self.detail = detail


def number_range(db: sqlite_utils.Database, device_id: str) -> tuple[str, int]:
    """The (region, device number) the signer was enrolled with: the only range it may number cases in."""
    region, device_no = db.execute(
        "SELECT region_code, device_no FROM devices WHERE device_id = ?", (device_id,)
    ).fetchone()
    return str(region), int(device_no)


def check_number(number: str) -> tuple[str, int]:
    """The (region, device number) of a canonical case number (20 digits with its Damm check digit,
    core.case_numbers); Refused(invalid_event) for anything else, such as SQL text."""
    try:
        parsed = parse_case_number(number)
    except ValidationError as exc:
        raise Refused(
            ErrorCode.INVALID_EVENT, "办件编号格式有误（应为 20 位数字并含校验位）。", exc.detail
        ) from None
    if parsed.digits != number:  # grouped, full-width or a receipt QR: a device sends the canonical form
        raise Refused(
            ErrorCode.INVALID_EVENT, "办件编号应为 20 位数字的规范形式。", "case number not in canonical form"
        )
    return parsed.region, parsed.device_no


def check_range(number: str, in_range: tuple[str, int], owner: tuple[str, int]) -> None:
    """A new case must be numbered in the signer's own (region, device number): numbers are unique
    only because each device numbers in its own range, so a case in another's range would squat
    that device's case (issue #13). No retry can help: the case must be taken again."""
    if in_range != owner:
        region, device_no = owner
        raise Refused(
            ErrorCode.NUMBER_TAKEN,
            f"办件编号 {number} 不属于本设备（本设备为地区 {region} 的 {device_no} 号设备），平台不予接收，"
            "重试也不会成功。请为申请人重新受理（将得到新的办件编号和回执），并撤回本件。",
            f"case number is in range {in_range}, the signer was enrolled as {owner}; retrying cannot help: "
            "take the application again under a new number and withdraw this case",
        )


def _decoded(event: Mapping[str, Any], what: str) -> Case:
    """The event's payload decoded as a case (core.cases.codec) with the event's number, or Refused."""
    try:
        case = case_from_dict(event["payload"])
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise Refused(
            ErrorCode.INVALID_EVENT,
            f"{what}数据不完整或格式有误。",
            f"payload does not decode as a case: {type(exc).__name__}: {exc}",
        ) from None
    if case.number != event["case_number"]:
        raise Refused(ErrorCode.INVALID_EVENT, f"{what}编号与事件不一致。", "payload number differs")
    return case


def case_doc(event: Mapping[str, Any]) -> dict[str, Any]:
    """The accepted event's payload (the whole case, core.cases.codec) checked by decoding it."""
    payload = event["payload"]
    case = _decoded(event, "受理事件中的办件")
    if case.status not in (CaseStatus.ACCEPTED, CaseStatus.ACCEPTED_DEFICIENT):
        raise Refused(
            ErrorCode.INVALID_EVENT,
            f"受理事件中的办件状态应为已受理，现在是“{case.status.label}”。",
            f"accepted event with status {case.status.value}",
        )
    if not case.matters:
        raise Refused(ErrorCode.INVALID_EVENT, "办件没有任何办理事项。", "case has no matters")
    ids = [m.matter_id for m in case.matters]
    twice = sorted({m for m in ids if ids.count(m) > 1})
    if twice:  # one row per (case, matter) on the platform: a second would be a constraint failure
        raise Refused(
            ErrorCode.INVALID_EVENT,
            f"办件中的事项“{'、'.join(twice)}”重复列出。",
            f"matter(s) listed twice: {', '.join(twice)}",
        )
    return dict(payload)


def refusal_doc(event: Mapping[str, Any]) -> dict[str, Any]:
    """The not_accepted event's payload: the whole record of an application not accepted
    (补正告知 or 不予受理, core/cases/refusal.py), checked by decoding it."""
    payload = event["payload"]
    case = _decoded(event, "未受理记录的办件")
    if case.refusal is None or case.status is not case.refusal.kind.status:
        raise Refused(
            ErrorCode.INVALID_EVENT,
            f"未受理记录的状态应为已告知补正或不予受理，现在是“{case.status.label}”。",
            f"not_accepted event with status {case.status.value}",
        )
    return dict(payload)
