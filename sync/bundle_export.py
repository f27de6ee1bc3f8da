"""``tongban sync export --to DIR``: what the platform has not acknowledged, sealed onto a USB stick.

The bundle holds the pending events of every case not quarantined (in sequence order, exactly
as ``sync.push.wire_event`` would push them), every attachment they name, and the pending kiosk
ratings (``sync.ratings_push.wire_rating``). Exporting marks nothing acknowledged: only a
platform receipt does (``tongban sync import``, sync/bundle_import.py), so a lost stick loses
nothing, and whatever is still pending goes again in the next export or network round.
Runs on the caller's thread with that thread's Store.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from core.calendar import current_calendar
from core.clock import Clock
from core.errors import NotFoundError, StoreError
from core.store.store import Store
from sync.audit_report import audit_head_report
from sync.bundle import (
    EXPORT_EVENTS,
    EXPORT_MANIFEST,
    FORMAT,
    KIND_EXPORT,
    KIND_RECEIPT,
    RECEIPT_BODY,
    RECEIPT_CURSOR,
    RECEIPT_MANIFEST,
    BundleError,
    FolderWriter,
    Sealer,
    attachment_file,
    check_adapter,
    device_folder,
    encode,
    read_manifest,
    remove,
    remove_unlisted,
    sign_manifest,
)
from sync.catalog_update import current_version
from sync.enrollment import enrollment_of
from sync.pull import STAFF_CURSOR, UPDATES_CURSOR
from sync.push import attachments_of, wire_event
from sync.ratings_push import wire_rating

logger = logging.getLogger(__name__)

MAX_RATINGS: int = 100_000


@dataclass(frozen=True, slots=True)
class ExportSummary:
    """What one export wrote (for the CLI)."""

    folder: Path
    bundle_id: str
    export_no: int
    events: int
    cases: int
    attachments: int
    ratings: int
    bytes: int
    seq_first: int | None
    seq_last: int | None
    left_out: tuple[str, ...]  # cases whose attachments this device cannot read: not exported


def export_bundle(store: Store, clock: Clock, root: Path, current_catalog: str) -> ExportSummary:
    """Write this device's bundle into ``root/<device_id>/`` (BundleError, OSError on failure).

    ``current_catalog`` is the version of the catalog in use (the platform answers with a newer
    one in the receipt, as ``GET /catalog`` would)."""
    enrollment = enrollment_of(store)
    check_adapter(enrollment)
    folder = device_folder(root, store.device_id)
    folder.mkdir(parents=True, exist_ok=True)
    _refuse_unapplied_receipt(store, folder, enrollment.secret)

    quarantined = store.sync.quarantined_numbers()
    pending = [e for e in store.pending_events() if e.case_number not in quarantined]
    shas = {e.seq: attachments_of(e.payload) for e in pending}
    ratings = [wire_rating(r) for r in store.kiosk_ratings.pending(MAX_RATINGS)]
    bundle_id = uuid.uuid4().hex
    export_no = store.next_sequence("bundle_export")
    # From here the folder holds no whole bundle until the new manifest is written (last).
    remove(folder, EXPORT_MANIFEST, RECEIPT_MANIFEST, RECEIPT_BODY)
    writer = FolderWriter(folder, Sealer(enrollment.secret), bundle_id)
    written = _write_attachments(store, writer, dict.fromkeys(s for e in pending for s in shas[e.seq]))
    # A case with a file this device cannot read stays out whole (its later events need the
    # first); the next network round quarantines it with the reason for staff (sync/push.py).
    left_out = sorted({e.case_number for e in pending if any(s not in written for s in shas[e.seq])})
    events = [e for e in pending if e.case_number not in left_out]
    needed = {sha: written[sha] for e in events for sha in shas[e.seq]}
    for sha, name in written.items():
        if sha not in needed:  # only a left-out case named it: not part of this bundle
            del writer.files[name]
    versions: dict[str, str] = {}
    wire = []
    for event in events:
        if event.case_number not in versions:
            versions[event.case_number] = store.get_case(event.case_number).catalog_version
        wire.append(wire_event(event, versions[event.case_number], shas[event.seq]))
    head = audit_head_report(store)  # tamper evidence reaches the platform on the stick too
    body = {"events": wire, "ratings": ratings, "attachments": needed, "audit_head": head}
    writer.add(EXPORT_EVENTS, encode(body))
    manifest = sign_manifest(
        enrollment.secret,
        {
            "format": FORMAT,
            "kind": KIND_EXPORT,
            "bundle_id": bundle_id,
            "device_id": store.device_id,
            "platform_id": enrollment.platform_id,
            "created_at": clock.now().isoformat(timespec="seconds"),
            "export_no": export_no,
            "seq_first": events[0].seq if events else None,
            "seq_last": events[-1].seq if events else None,
            "events": len(events),
            "cases": len(versions),
            "attachments": len(needed),
            "ratings": len(ratings),
            "updates_cursor": store.sync.cursor(UPDATES_CURSOR),
            "staff_cursor": store.sync.cursor(STAFF_CURSOR),
            "catalog_version": current_version(store.data_dir, current_catalog),
            "calendar_version": current_calendar(store.data_dir).version,
            "bytes": sum(int(f["size"]) for f in writer.files.values()),
            "files": writer.files,
        },
    )
    writer.finish(EXPORT_MANIFEST, manifest)
    remove_unlisted(folder, set(writer.files))
    size = int(manifest["bytes"])
    logger.info(
        "exported bundle %d (%s): %d events of %d cases, %d attachments, %d ratings, %d bytes to %s",
        export_no,
        bundle_id,
        len(events),
        len(versions),
        len(needed),
        len(ratings),
        size,
        folder,
    )
    return ExportSummary(
        folder,
        bundle_id,
        export_no,
        len(events),
        len(versions),
        len(needed),
        len(ratings),
        size,
        manifest["seq_first"],
        manifest["seq_last"],
        tuple(left_out),
    )


def _write_attachments(store: Store, writer: FolderWriter, shas: Iterable[str]) -> dict[str, str]:
    """Seal each readable attachment into the folder; sha256 → file name of those written."""
    written: dict[str, str] = {}
    for sha in shas:
        try:
            data = store.get_attachment(sha)
        except (StoreError, NotFoundError) as exc:
            logger.error(
                "attachment %s… cannot be read locally, its case is not exported: %s", sha[:12], exc.detail
            )
            continue
        name = attachment_file(len(written))
        writer.add(name, data)
        written[sha] = name
    return written


def _refuse_unapplied_receipt(store: Store, folder: Path, secret: bytes) -> None:
    """A receipt on the stick this device has not applied yet would be overwritten: apply it first.

    (Overwriting would lose nothing — the events are still pending and the platform answers them
    again as duplicates — but staff would wait a trip longer for the platform's results.)
    """
    if not (folder / RECEIPT_MANIFEST).is_file():
        return
    try:
        receipt = read_manifest(folder, RECEIPT_MANIFEST, KIND_RECEIPT)
        receipt.verify(secret)
    except BundleError:
        return  # not a receipt this device could apply anyway
    if receipt.device_id == store.device_id and receipt.export_no > store.sync.cursor(RECEIPT_CURSOR):
        raise BundleError(
            f"U 盘上有平台对第 {receipt.export_no} 次导出的回执尚未导入本机。"
            f"请先执行 tongban sync import {folder.parent}，再导出。",
            f"{folder / RECEIPT_MANIFEST}: receipt for export {receipt.export_no} not applied yet; "
            f"run `tongban sync import {folder.parent}` first",
            code="bundle.unapplied_receipt",
        )
