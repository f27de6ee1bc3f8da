"""``tongban platform import --db PATH DIR``: devices' USB-stick bundles taken in, receipts written back.

A bundle (sync/bundle.py) is checked — written for this platform, by a device enrolled here,
signed with that device's secret, every file whole and unchanged — before anything is stored.
Then it goes through exactly what the network takes: attachments through
``AttachmentStore.put_chunk``, events through ``ingest.store_batch`` (idempotent by
``(device_id, seq)``: importing twice answers "duplicate" with the first receipts), kiosk
ratings through ``store_ratings``. The receipt holds those answers and what the device would
have pulled (``updates_after``: results, official numbers, re-work; staff accounts), sealed and
signed for that device alone, written beside the bundle with its manifest last.
Runs on the calling thread; all database work on the service's storage worker.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, TypeVar

import sqlite_utils

from sync import contract, schemas
from sync.bundle import (
    EXPORT_EVENTS,
    EXPORT_MANIFEST,
    FORMAT,
    KIND_EXPORT,
    KIND_RECEIPT,
    RECEIPT_BODY,
    RECEIPT_MANIFEST,
    BundleError,
    FolderWriter,
    Manifest,
    Sealer,
    encode,
    foreign,
    holds_export,
    read_manifest,
    remove,
    sign_manifest,
    tampered,
)
from sync.server import audit_heads, ingest, registry
from sync.server import catalog as catalog_history
from sync.server.ratings import store_ratings
from sync.server.service import PlatformService
from sync.server.updates import updates_after
from sync.server.wire import ApiError

logger = logging.getLogger(__name__)

_T = TypeVar("_T")
_SHA256: Final = re.compile(r"[0-9a-f]{64}")
_MAX_UPDATE_PAGES: Final = 100  # × MAX_UPDATES_LIMIT; a device further behind gets the rest next time


@dataclass
class ImportSummary:
    """What one device's bundle did on the platform (for the CLI and tests)."""

    device_id: str
    export_no: int
    events: int = 0
    stored: int = 0
    duplicates: int = 0
    rejected: list[contract.EventRejection] = field(default_factory=list)
    attachments_new: int = 0
    ratings_stored: int = 0
    updates: int = 0


def bundle_folders(root: Path) -> list[Path]:
    """``root`` itself if it is one device's folder, else its sub-folders that hold bundle files."""
    if (root / EXPORT_MANIFEST).exists():
        return [root]
    if not root.is_dir():
        raise BundleError(f"找不到文件夹 {root}。", f"{root} is not a folder", code="bundle.missing")
    found = sorted(p for p in root.iterdir() if p.is_dir() and holds_export(p))
    if not found:
        raise BundleError(
            f"文件夹 {root} 中没有任何设备的导出包。", f"no device bundle under {root}", code="bundle.missing"
        )
    return found


def import_bundle(service: PlatformService, folder: Path) -> ImportSummary:
    """Check, ingest and answer the bundle in ``folder``; BundleError (nothing stored) if refused."""
    manifest = read_manifest(folder, EXPORT_MANIFEST, KIND_EXPORT)
    secret = _check_origin(service, manifest)
    manifest.verify(secret)
    sealer = Sealer(secret)
    body = manifest.read_json(sealer, EXPORT_EVENTS)
    events, ratings, attachments = _checked(body, manifest)
    summary = ImportSummary(manifest.device_id, manifest.export_no, events=len(events))
    device_id = manifest.device_id

    report = body.get("audit_head")
    now = service.clock.now()
    try:  # as POST /events does: a device whose audit log was cut or rewritten is held
        _call(service, lambda db: audit_heads.admit(db, device_id, report, now))
    except ApiError as exc:
        raise BundleError(exc.message, f"bundle refused: {exc.detail}", code="bundle.audit_held") from None

    held: list[str] = []
    for sha, name in attachments.items():
        data = manifest.read(sealer, name)
        if hashlib.sha256(data).hexdigest() != sha:
            raise tampered(f"{name}: content does not hash to its sha256")
        summary.attachments_new += _upload(service, sha, data)
        held.append(sha)

    answers: contract.EventsResponse = {"receipts": [], "rejected": []}
    policy = ingest.CatalogPolicy(
        service.catalog.version, service.catalog.codes, service.config.accepted_catalogs
    )
    for start in range(0, len(events), contract.MAX_EVENTS_PER_BATCH):
        batch = events[start : start + contract.MAX_EVENTS_PER_BATCH]
        outcome = _store_batch(service, device_id, batch, policy)
        answers["receipts"].extend(outcome.response["receipts"])
        answers["rejected"].extend(outcome.response["rejected"])
        summary.stored += len(outcome.stored)
        if outcome.new_work:
            service.departments.notify()
    summary.duplicates = len(answers["receipts"]) - summary.stored
    summary.rejected = answers["rejected"]

    rating_receipts: list[contract.RatingReceipt] = []
    for start in range(0, len(ratings), contract.MAX_RATINGS_PER_BATCH):
        part = ratings[start : start + contract.MAX_RATINGS_PER_BATCH]
        reply = _store_ratings(service, device_id, part)
        rating_receipts.extend(reply["receipts"])
    summary.ratings_stored = sum(1 for r in rating_receipts if r["status"] == "stored")

    updates, next_cursor = _updates(service, device_id, int(manifest.data.get("updates_cursor") or 0))
    summary.updates = len(updates)
    catalog = _catalog(service, manifest.data.get("catalog_version"))
    calendar = _calendar(service, manifest.data.get("calendar_version"))
    staff = _call(service, lambda db: registry.staff_after(db, int(manifest.data.get("staff_cursor") or 0)))
    _write_receipt(
        service,
        manifest,
        sealer,
        secret,
        {
            "answers": answers,
            "attachments": held,
            "ratings": rating_receipts,
            "updates": updates,
            "next_cursor": next_cursor,
            "staff": staff,
            "catalog": catalog,
            "calendar": calendar,
            "audit_head": report,
        },
    )
    logger.info(
        "bundle %d of device %s imported: %d stored, %d duplicate, %d rejected, %d attachments new, %d updates out",
        manifest.export_no,
        device_id,
        summary.stored,
        summary.duplicates,
        len(summary.rejected),
        summary.attachments_new,
        summary.updates,
    )
    return summary


def _check_origin(service: PlatformService, manifest: Manifest) -> bytes:
    """The secret of the device that wrote ``manifest``, if it was written for this platform."""
    if manifest.platform_id != service.platform_id:
        raise foreign(
            f"该导出包是写给另一个平台（{manifest.platform_id}）的，不是本平台（{service.platform_id}），已拒绝导入。",
            f"bundle for platform {manifest.platform_id}, this is {service.platform_id}",
        )
    row = _call(
        service,
        lambda db: db.execute(
            "SELECT secret FROM devices WHERE device_id = ?", (manifest.device_id,)
        ).fetchone(),
    )
    if row is None:
        raise foreign(
            f"设备 {manifest.device_id} 没有在本平台登记，不能导入它的导出包。",
            f"device {manifest.device_id} is not enrolled here",
        )
    return base64.b64decode(row[0])


def _checked(
    body: dict[str, Any], manifest: Manifest
) -> tuple[list[dict[str, Any]], list[contract.WireRating], dict[str, str]]:
    """The events and ratings, each batch valid as the network's request would have to be, and
    the attachments (sha256 → file name), every one listed in the manifest."""
    events, ratings, attachments = body.get("events"), body.get("ratings"), body.get("attachments")
    if (
        not isinstance(events, list)
        or not isinstance(ratings, list)
        or not isinstance(attachments, dict)
        or len(events) != manifest.data.get("events")
        or not all(isinstance(name, str) and name in manifest.files for name in attachments.values())
        or not all(_SHA256.fullmatch(str(sha)) for sha in attachments)
    ):
        raise tampered("events file does not hold what the manifest says")
    try:
        for start in range(0, len(events), contract.MAX_EVENTS_PER_BATCH):
            batch = events[start : start + contract.MAX_EVENTS_PER_BATCH]
            schemas.validate("EventsRequest", {"events": batch})
            ingest.check_batch(manifest.device_id, batch)
        for start in range(0, len(ratings), contract.MAX_RATINGS_PER_BATCH):
            schemas.validate(
                "RatingsRequest", {"ratings": ratings[start : start + contract.MAX_RATINGS_PER_BATCH]}
            )
    except schemas.SchemaViolation as exc:
        raise _invalid(exc.message, exc.detail) from None
    except ApiError as exc:
        raise _invalid(exc.message, exc.detail) from None
    return events, ratings, attachments


def _upload(service: PlatformService, sha: str, data: bytes) -> int:
    """Put ``data`` into the platform's attachment area chunk by chunk (resuming a partial upload,
    as the network does); 1 if these bytes were new, 0 if the platform held them already."""
    status = _call(service, lambda db: service.attachments.status(db, sha))
    if status["complete"]:
        return 0
    offset = status["received"] if status["size"] in (None, len(data)) else 0
    try:
        while True:
            chunk = data[offset : offset + contract.MAX_CHUNK_BYTES]
            after = _put_chunk(service, sha, offset, data, chunk)
            if after["complete"]:
                return 1
            offset = after["received"]
    except ApiError as exc:
        raise _invalid(exc.message, exc.detail) from None


def _updates(service: PlatformService, device_id: str, cursor: int) -> tuple[list[contract.Update], int]:
    found: list[contract.Update] = []
    for _ in range(_MAX_UPDATE_PAGES):
        page = _updates_page(service, device_id, cursor)
        found.extend(page["updates"])
        if page["next_cursor"] <= cursor:
            break
        cursor = page["next_cursor"]
    return found, cursor


def _catalog(service: PlatformService, have: object) -> dict[str, Any] | None:
    """What ``GET /catalog?have=`` would answer (None: current), and the whole feed beside a
    delta, which a device that cannot apply the delta asks for next (sync/pull.py)."""
    version = have if isinstance(have, str) and have else None
    reply = _call(service, lambda db: catalog_history.answer(db, service.catalog, version))
    if reply is None:
        return None
    parsed = json.loads(reply)
    whole = json.loads(service.catalog.body) if parsed.get("base") is not None else None
    return {"have": version, "reply": parsed, "whole": whole}


def _calendar(service: PlatformService, have: object) -> dict[str, Any] | None:
    """What ``GET /calendar?have=`` would answer (None: the device's is as new)."""
    answer = service.calendar.answer(have if isinstance(have, str) and have else None)
    if answer.status_code == 304:
        return None
    value: dict[str, Any] = json.loads(bytes(answer.body))
    return value


def _write_receipt(
    service: PlatformService, manifest: Manifest, sealer: Sealer, secret: bytes, body: dict[str, Any]
) -> None:
    folder = manifest.folder
    remove(folder, RECEIPT_MANIFEST)
    writer = FolderWriter(folder, sealer, manifest.bundle_id)
    writer.add(RECEIPT_BODY, encode(body))
    answers = body["answers"]
    writer.finish(
        RECEIPT_MANIFEST,
        sign_manifest(
            secret,
            {
                "format": FORMAT,
                "kind": KIND_RECEIPT,
                "bundle_id": manifest.bundle_id,
                "device_id": manifest.device_id,
                "platform_id": service.platform_id,
                "created_at": service.clock.now().isoformat(timespec="seconds"),
                "export_no": manifest.export_no,
                "receipts": len(answers["receipts"]),
                "rejected": len(answers["rejected"]),
                "updates": len(body["updates"]),
                "files": writer.files,
            },
        ),
    )


def _store_batch(
    service: PlatformService, device_id: str, batch: list[dict[str, Any]], policy: ingest.CatalogPolicy
) -> ingest.BatchOutcome:
    now = service.clock.now()
    return _call(service, lambda db: ingest.store_batch(db, device_id, batch, now, policy))


def _store_ratings(
    service: PlatformService, device_id: str, ratings: list[contract.WireRating]
) -> contract.RatingsResponse:
    now = service.clock.now()
    return _call(service, lambda db: store_ratings(db, device_id, ratings, now, service.rating_policy))


def _put_chunk(
    service: PlatformService, sha: str, offset: int, data: bytes, chunk: bytes
) -> contract.AttachmentStatus:
    now = service.clock.now()
    return _call(service, lambda db: service.attachments.put_chunk(db, sha, offset, len(data), chunk, now))


def _updates_page(service: PlatformService, device_id: str, cursor: int) -> contract.UpdatesResponse:
    return _call(service, lambda db: updates_after(db, device_id, cursor, contract.MAX_UPDATES_LIMIT))


def _call(service: PlatformService, fn: Callable[[sqlite_utils.Database], _T]) -> _T:
    return service.worker.call(fn)


def _invalid(message: str, detail: str) -> BundleError:
    return BundleError(
        f"导出包的内容不符合接口约定，已拒绝导入：{message}",
        f"bundle refused, content breaks the contract: {detail}",
        code="bundle.invalid",
    )


def describe_rejections(rejected: Sequence[contract.EventRejection]) -> list[str]:
    return [f"seq {r['seq']}: {r['code']} {r['message']}" for r in rejected]
