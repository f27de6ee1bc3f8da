"""Taking a batch of case events: idempotent by (device_id, seq), in order, all stored in one commit.

For each event in order: the same key with the same canonical content is a ``duplicate`` with the
original receipt; different content is a ``conflict``; an event whose case already had an event
refused in this batch, or whose case the platform does not know yet, is ``out_of_order``; a
referenced attachment that is not complete is ``missing_attachment``; otherwise the event is
stored and applied to the platform's record of its case. The whole batch commits before the
response is built, so every receipt names something durable (DESIGN.md: sync contract).

Runs on the storage worker thread.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlite_utils

from core.cases.codec import (
    evaluation_from_dict,
    evaluation_to_dict,
    evaluations_from_dict,
    item_from_dict,
)
from core.cases.model import CaseStatus, EventKind
from core.cases.special_procedures import procedure_from_dict, procedure_to_dict
from core.store.db import write_transaction
from sync import contract
from sync.contract import ErrorCode
from sync.server.db import canonical_json
from sync.server.event_checks import Refused, case_doc, check_number, check_range, number_range, refusal_doc
from sync.server.updates import add_update
from sync.server.wire import bad_request

logger = logging.getLogger(__name__)

# Kinds the device records when it applies what the platform sent (matter results, official
# numbers): stored as facts, but they change nothing here, where they came from.
_ECHOES = frozenset(
    {
        EventKind.DISPATCHED,
        EventKind.MATTER_RESULT,
        EventKind.COMPLETED,
        EventKind.REJECTED,
        EventKind.OFFICIAL_NUMBER_BOUND,
    }
)
_OPEN = frozenset({CaseStatus.ACCEPTED, CaseStatus.ACCEPTED_DEFICIENT, CaseStatus.DISPATCHED})


@dataclass
class BatchOutcome:
    """The response to send, and whether the department simulator has new work."""

    response: contract.EventsResponse
    new_work: bool = False
    stored: list[int] = field(default_factory=list)


def check_batch(device_id: str, events: list[dict[str, Any]]) -> None:
    """Whole-batch rules the schema cannot say: the signer's events only, strictly increasing seq."""
    previous = 0
    for index, event in enumerate(events):
        if event["device_id"] != device_id:
            raise bad_request(
                f"第 {index + 1} 个事件的设备标识与请求签名的设备不一致。",
                f"$.events[{index}].device_id differs from the signing device",
            )
        if event["seq"] <= previous:
            raise bad_request(
                "事件应按序号从小到大排列，且不能重复。", f"$.events[{index}].seq is not increasing"
            )
        previous = event["seq"]


def store_batch(
    db: sqlite_utils.Database,
    device_id: str,
    events: list[dict[str, Any]],
    now: datetime,
    catalogs: CatalogPolicy | None,
) -> BatchOutcome:
    """Store what can be stored of ``events`` (already schema-checked) in one transaction."""
    check_batch(device_id, events)
    received_at = now.isoformat()
    outcome = BatchOutcome({"receipts": [], "rejected": []})
    refused_cases: set[str] = set()
    with write_transaction(db):
        owner = number_range(db, device_id)
        for event in events:
            seq, number = event["seq"], event["case_number"]
            body = canonical_json(event)
            digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
            try:
                earlier = _earlier(db, device_id, seq, digest)
                if earlier is not None:
                    outcome.response["receipts"].append(
                        {"seq": seq, "status": "duplicate", "receipt": earlier[0], "received_at": earlier[1]}
                    )
                    continue
                if number in refused_cases:
                    raise Refused(
                        ErrorCode.OUT_OF_ORDER,
                        "本办件之前的事件未被平台接收，本事件暂不能接收。",
                        "an earlier event of this case in the batch was refused",
                    )
                outcome.new_work |= _apply(db, device_id, owner, event, catalogs, received_at)
            except Refused as exc:
                refused_cases.add(number)
                outcome.response["rejected"].append(
                    {"seq": seq, "code": exc.code.value, "message": exc.message, "detail": exc.detail}
                )
                continue
            receipt = f"rcpt-{secrets.token_hex(10)}"
            db.execute(
                "INSERT INTO events (device_id, seq, case_number, kind, digest, body, receipt, received_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (device_id, seq, number, event["kind"], digest, body, receipt, received_at),
            )
            db.execute(
                "UPDATE cases SET events = events + 1, updated_at = ? WHERE case_number = ?",
                (received_at, number),
            )
            outcome.stored.append(seq)
            outcome.response["receipts"].append(
                {"seq": seq, "status": "stored", "receipt": receipt, "received_at": received_at}
            )
    rejected = outcome.response["rejected"]
    logger.info(
        "batch from %s: %d stored, %d duplicate, %d rejected%s",
        device_id,
        len(outcome.stored),
        len(outcome.response["receipts"]) - len(outcome.stored),
        len(rejected),
        f" ({', '.join(sorted({r['code'] for r in rejected}))})" if rejected else "",
    )
    return outcome


def _earlier(db: sqlite_utils.Database, device_id: str, seq: int, digest: str) -> tuple[str, str] | None:
    """The original receipt of a retried event; Refused(conflict) if the key carries other content."""
    row = db.execute(
        "SELECT digest, receipt, received_at FROM events WHERE device_id = ? AND seq = ?", (device_id, seq)
    ).fetchone()
    if row is None:
        return None
    if row[0] != digest:
        raise Refused(
            ErrorCode.CONFLICT,
            f"平台已收到本设备序号为 {seq} 的另一内容的事件，本事件与之冲突，不能接收。",
            f"(device, seq {seq}) already stored with different content",
        )
    return str(row[1]), str(row[2])


def _apply(
    db: sqlite_utils.Database,
    device_id: str,
    owner: tuple[str, int],
    event: Mapping[str, Any],
    catalogs: CatalogPolicy | None,
    at: str,
) -> bool:
    """Check ``event`` against its case and apply it; True when departments have new work."""
    number, kind = event["case_number"], event["kind"]
    try:
        known_kind = EventKind(kind)
    except ValueError:
        raise Refused(
            ErrorCode.INVALID_EVENT, f"未知的事件类型“{kind}”。", f"unknown kind {kind!r}"
        ) from None
    in_range = check_number(number)
    row = db.execute("SELECT device_id, status, doc FROM cases WHERE case_number = ?", (number,)).fetchone()
    if row is not None and row[0] != device_id:
        raise Refused(
            ErrorCode.NUMBER_TAKEN,
            f"办件编号 {number} 已由另一台设备提交，本件无法上传，重试也不会成功（两台设备用过同一个设备编号）。"
            "请为申请人重新受理（将得到新的办件编号和回执），并撤回本件。",
            "the case number belongs to another device (two devices held one device number); retrying "
            "cannot help: take the application again under a new number and withdraw this case",
        )
    if known_kind in (EventKind.ACCEPTED, EventKind.NOT_ACCEPTED):
        check_range(number, in_range, owner)
    if known_kind is EventKind.NOT_ACCEPTED:
        if row is not None:
            raise Refused(
                ErrorCode.CONFLICT, f"办件编号 {number} 已有记录，不能重复提交。", "case number known"
            )
        doc = refusal_doc(event)
        _require_attachments(db, event, _item_attachments(doc.get("items", ())))
        _insert_case(db, device_id, event, doc, at, dispatch=False)  # stored, never dispatched
        return False
    if known_kind is EventKind.ACCEPTED:
        if row is not None:
            raise Refused(
                ErrorCode.CONFLICT, f"办件 {number} 已受理过，不能重复受理。", "case already accepted"
            )
        doc = case_doc(event)
        _require_attachments(db, event, _item_attachments(doc.get("items", ())))
        rework = None if catalogs is None else catalogs.rework(event["catalog_version"], doc["matters"])
        _insert_case(db, device_id, event, doc, at, dispatch=rework is None)
        if rework is not None:
            # Stored, never refused (a failed sync helps nobody): staff get it back as re-work.
            assert catalogs is not None
            add_update(db, device_id, number, "rework", at, message=rework, catalog_version=catalogs.version)
            return False
        return True
    if row is None:
        raise Refused(
            ErrorCode.OUT_OF_ORDER,
            "平台尚未收到本办件的受理事件，请先同步受理事件。",
            "no accepted event for this case yet",
        )
    if known_kind in _ECHOES:
        _require_attachments(db, event, set())
        return False
    doc = json.loads(row[2])
    rearm = _update_doc(doc, known_kind, event)
    _require_attachments(db, event, _item_attachments(event["payload"].get("items", ())))
    db.execute(
        "UPDATE cases SET status = ?, doc = ? WHERE case_number = ?",
        (doc["status"], canonical_json(doc), number),
    )
    for sha256 in _item_attachments(doc.get("items", ())) | set(event["attachments"]):
        db.execute(
            "INSERT INTO case_attachments (case_number, sha256) VALUES (?, ?) ON CONFLICT DO NOTHING",
            (number, sha256),
        )
    if doc["status"] in (CaseStatus.WITHDRAWN, CaseStatus.TERMINATED):
        db.execute("DELETE FROM dept_jobs WHERE case_number = ?", (number,))
    if rearm:
        # Materials supplied: matters that waited for them go on at once.
        db.execute("UPDATE dept_jobs SET due_at = 0 WHERE case_number = ? AND due_at IS NULL", (number,))
    return rearm


@dataclass(frozen=True, slots=True)
class CatalogPolicy:
    """What the platform takes a new case under: its current catalog and the versions it accepts."""

    version: str  # the catalog the platform serves now
    codes: frozenset[str]  # the 实施编码 of its matters
    accepted: frozenset[str] | None = None  # None: every version

    def rework(self, case_version: str, matters: Sequence[Mapping[str, Any]]) -> str | None:
        """Why a case taken under ``case_version`` must be re-worked by staff, or None."""
        if self.accepted is not None and case_version not in self.accepted:
            return (
                f"本办件依据的事项目录 {case_version} 已停用（现行目录 {self.version}），"
                "请按现行目录核对情形和材料后重新受理。"
            )
        if case_version != self.version:
            gone = [m for m in matters if m.get("code") and m["code"] not in self.codes]
            if gone:
                names = "、".join(f"“{m['name']}”（{m['code']}）" for m in gone)
                return f"事项{names}已不在现行目录 {self.version} 中，请按现行目录核对后重新受理。"
        return None


def _item_attachments(items: Iterable[Any]) -> set[str]:
    found: set[str] = set()
    for item in items:
        if isinstance(item, Mapping):
            found.update(str(a) for a in item.get("attachments", ()) or ())
    return found


def _require_attachments(db: sqlite_utils.Database, event: Mapping[str, Any], referenced: set[str]) -> None:
    """Every attachment listed or referenced by the payload must be complete (attachments go first)."""
    wanted = sorted(set(event["attachments"]) | referenced)
    missing = [
        sha
        for sha in wanted
        if db.execute("SELECT 1 FROM attachments WHERE sha256 = ? AND complete = 1", (sha,)).fetchone()
        is None
    ]
    if missing:
        raise Refused(
            ErrorCode.MISSING_ATTACHMENT,
            f"本事件引用的 {len(missing)} 个附件尚未上传完成，请先上传附件。",
            "attachments not complete: " + ", ".join(m[:12] + "…" for m in missing),
        )


def _insert_case(
    db: sqlite_utils.Database,
    device_id: str,
    event: Mapping[str, Any],
    doc: dict[str, Any],
    at: str,
    *,
    dispatch: bool = True,
) -> None:
    number = event["case_number"]
    db.execute(
        "INSERT INTO cases (case_number, device_id, bundle_id, status, catalog_version, doc, events,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)",
        (
            number,
            device_id,
            doc["bundle_id"],
            doc["status"],
            doc["catalog_version"],
            canonical_json(doc),
            at,
            at,
        ),
    )
    for matter in doc["matters"] if dispatch or doc.get("refusal") is None else ():
        db.execute(
            "INSERT INTO matters (case_number, matter_id, name, dept, status, result, updated_at, code)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                number,
                matter["matter_id"],
                matter["name"],
                matter["dept"],
                matter["status"],
                matter["result"],
                at,
                matter.get("code", ""),
            ),
        )
    for sha256 in _item_attachments(doc["items"]) | set(event["attachments"]):
        db.execute("INSERT INTO case_attachments (case_number, sha256) VALUES (?, ?)", (number, sha256))
    if (
        dispatch
    ):  # The simulator dispatches at once: '*' is the whole case's dispatch step (sync.server.departments).
        db.execute(
            "INSERT INTO dept_jobs (case_number, matter_id, step, due_at) VALUES (?, '*', 'dispatch', 0)",
            (number,),
        )


def _update_doc(doc: dict[str, Any], kind: EventKind, event: Mapping[str, Any]) -> bool:
    """Apply a device-side change to the platform's copy of the case; True if materials were supplied.

    Only the device's own decisions change the record: supplements, the 核查 of a commitment, the
    好差评 rating, 特别程序 (the clock paused), withdrawal and termination. A withdrawal that arrives after the platform settled the case is stored as a
    fact but does not reopen or change a final status (the lifecycle is one-way).
    """
    payload = event["payload"]
    status = CaseStatus(doc["status"])
    try:
        if kind is EventKind.SUPPLEMENTED:
            changed = {i["material_id"]: item_from_dict(i) for i in payload["items"]}
            doc["items"] = [
                {**item, **_item_fields(payload, item["material_id"])}
                if item["material_id"] in changed
                else item
                for item in doc["items"]
            ]
            if status is CaseStatus.ACCEPTED_DEFICIENT and payload.get("status") == CaseStatus.ACCEPTED:
                doc["status"] = CaseStatus.ACCEPTED.value
            return True
        if (
            kind is EventKind.COMMITMENT_CHECKED
        ):  # the 核查 of a 告知承诺: the checked item, as the device has it
            checked = {i["material_id"]: item_from_dict(i) for i in payload["items"]}
            doc["items"] = [
                {**item, **_item_fields(payload, item["material_id"])}
                if item["material_id"] in checked
                else item
                for item in doc["items"]
            ]
            return False
        if kind is EventKind.EVALUATED:  # one rating per stage (一次一评, 一事一评): core/cases/ratings.py
            rating = evaluation_from_dict({"at": event["device_time"], **payload})
            if rating.level not in range(1, 6):
                raise ValueError(f"level {rating.level}")
            kept = [e for e in evaluations_from_dict(doc) if e.stage is not rating.stage]
            doc.pop("evaluation", None)
            doc["evaluations"] = [evaluation_to_dict(e) for e in (*kept, rating)]
            return False
        if kind is EventKind.RATING_FOLLOWED_UP:  # a 差评's 整改, 回访 or 申诉复核: the rating as now
            rating = evaluation_from_dict(payload["evaluation"])
            doc["evaluations"] = [
                evaluation_to_dict(rating if e.stage is rating.stage else e)
                for e in evaluations_from_dict(doc)
            ]
            doc.pop("evaluation", None)
            return False
        if kind in (EventKind.PROCEDURE_STARTED, EventKind.PROCEDURE_ENDED):
            # 特别程序 (core/cases/special_procedures.py): the case's procedures as now (each with the due
            # date it moved its scope to; core.cases.model.Case.due_date).
            procedures = [procedure_from_dict(p) for p in payload["special_procedures"]]
            procedure_from_dict(payload["procedure"])
            doc["special_procedures"] = [procedure_to_dict(p) for p in procedures]
            return False
        if kind in (EventKind.WITHDRAWN, EventKind.TERMINATED):
            reason = str(payload.get("reason", ""))
            target = CaseStatus.WITHDRAWN if kind is EventKind.WITHDRAWN else CaseStatus.TERMINATED
            if status in _OPEN:
                doc["status"] = target.value
                doc["history"] = [*doc.get("history", []), f"{target.label}：{reason}"]
            else:
                logger.info("case %s is already %s; %s recorded only", event["case_number"], status, kind)
            return False
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise Refused(
            ErrorCode.INVALID_EVENT,
            f"“{kind.value}”事件的数据不完整或格式有误。",
            f"payload of {kind.value} invalid: {type(exc).__name__}: {exc}",
        ) from None
    return False


def _item_fields(payload: Mapping[str, Any], material_id: str) -> dict[str, Any]:
    return next(dict(i) for i in payload["items"] if i["material_id"] == material_id)
