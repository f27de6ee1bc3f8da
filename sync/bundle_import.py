"""``tongban sync import DIR``: the platform's receipt for this device's USB-stick bundle, applied.

The receipt (sync/bundle.py) must be addressed to this device, written by the platform it is
enrolled with, signed with its secret, whole, and newer than the last one applied (a replayed
old receipt is refused; the same one again changes nothing). Its answers then go through the
network round's own code: ``Pusher`` settles each event's receipt or rejection exactly as a reply
to ``POST /events`` (acknowledge, quarantine), and ``Puller`` applies updates and staff accounts
by cursor exactly as pulled (sync/pull.py), both reading from ``ReceiptChannel`` instead of HTTP.
An event acknowledged over the network meanwhile is not pending any more and is left alone.
Runs on the caller's thread with that thread's Store.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.cases.service import CaseService
from core.catalog.model import Catalog
from core.clock import Clock
from core.config import DeviceConfig
from core.store.store import Store
from sync import contract
from sync.adapter import Capability
from sync.audit_report import confirm_audit_head
from sync.bundle import (
    EXPORT_MANIFEST,
    KIND_RECEIPT,
    RECEIPT_BODY,
    RECEIPT_CURSOR,
    RECEIPT_MANIFEST,
    BundleError,
    Sealer,
    check_adapter,
    device_folder,
    foreign,
    holds_receipt,
    read_manifest,
    tampered,
)
from sync.enrollment import enrollment_of
from sync.errors import SyncPermanentError
from sync.pull import Puller
from sync.push import Pusher
from sync.report import RoundTally, no_progress
from sync.service import PLATFORM_OPERATOR

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ReceiptSummary:
    """What applying one receipt changed (for the CLI)."""

    export_no: int
    already_applied: bool
    acked: int = 0
    duplicates: int = 0
    quarantined: tuple[str, ...] = ()
    pulled_updates: int = 0
    applied_updates: int = 0
    staff_accounts: int = 0
    ratings: int = 0
    pending: int = 0
    problems: tuple[str, ...] = ()


class ReceiptChannel:
    """The platform as a receipt describes it: the answers it gave to this bundle's events, the
    attachments it holds, and the updates and staff accounts it had for this device.
    Implements sync.push.PushChannel and sync.pull.PullChannel; no I/O."""

    capabilities = frozenset({Capability.CATALOG, Capability.CALENDAR, Capability.STAFF})

    def __init__(self, body: dict[str, Any]) -> None:
        answers = body["answers"]
        self._receipts = {int(r["seq"]): r for r in answers["receipts"]}
        self._rejected = {int(r["seq"]): r for r in answers["rejected"]}
        self._held = set(body["attachments"])
        self._updates: list[contract.Update] = list(body["updates"])
        self._staff: list[contract.StaffAccount] = list(body["staff"]["accounts"])
        self._catalog: dict[str, Any] | None = body["catalog"]
        self._calendar: contract.CalendarResponse | None = body["calendar"]
        self._ratings = [str(r["id"]) for r in body["ratings"]]

    def answered(self) -> set[int]:
        return set(self._receipts) | set(self._rejected)

    def attachment_status(self, sha256: str) -> contract.AttachmentStatus:
        if sha256 in self._held:
            return {"sha256": sha256, "received": 0, "size": None, "complete": True}
        return {"sha256": sha256, "received": 0, "size": None, "complete": False}

    def put_chunk(self, sha256: str, offset: int, chunk: bytes, total: int) -> contract.AttachmentStatus:
        raise SyncPermanentError(
            "平台回执中没有这个附件，无法在本机补传；请在下次导出或联网同步时上传。",
            f"attachment {sha256[:12]}… is not in the receipt",
            code="attachment_stalled",
        )

    def push_events(
        self, events: Sequence[contract.WireEvent], audit_head: contract.AuditHeadReport | None = None
    ) -> contract.EventsResponse:
        seqs = [e["seq"] for e in events]
        return {
            "receipts": [self._receipts[s] for s in seqs if s in self._receipts],
            "rejected": [self._rejected[s] for s in seqs if s in self._rejected],
        }

    def updates(self, cursor: int, limit: int | None = None) -> contract.UpdatesResponse:
        page = [u for u in self._updates if u["cursor"] > cursor][: limit or contract.DEFAULT_UPDATES_LIMIT]
        return {"updates": page, "next_cursor": page[-1]["cursor"] if page else cursor}

    def catalog(self, have: str | None) -> contract.CatalogResponse | None:
        """The platform's answer for the version the device had at export, or the whole feed
        (asked for with None when a delta does not apply); nothing for any other question."""
        if self._catalog is None:
            return None
        if have == self._catalog["have"]:
            reply: contract.CatalogResponse = self._catalog["reply"]
            return reply
        if have is None:
            whole: contract.CatalogResponse | None = self._catalog["whole"]
            return whole
        return None

    def calendar(self, have: str | None) -> contract.CalendarResponse | None:
        return self._calendar

    def staff(self, cursor: int) -> contract.StaffResponse:
        accounts = [a for a in self._staff if a["cursor"] > cursor]
        return {"accounts": accounts, "next_cursor": accounts[-1]["cursor"] if accounts else cursor}

    def rating_ids(self) -> list[str]:
        return list(self._ratings)


def import_receipt(
    store: Store, clock: Clock, catalog: Catalog, config: DeviceConfig, root: Path
) -> ReceiptSummary:
    """Check and apply the receipt in ``root/<device_id>/`` (or ``root`` itself); BundleError if refused."""
    enrollment = enrollment_of(store)
    check_adapter(enrollment)
    folder = device_folder(root, store.device_id)
    if not folder.is_dir() and (root / RECEIPT_MANIFEST).is_file():
        folder = root
    if not holds_receipt(folder) and (folder / EXPORT_MANIFEST).is_file():
        raise BundleError(
            f"{folder} 中只有本机的导出包，还没有平台回执：请先把 U 盘拿到平台端执行 tongban platform import。",
            f"{folder} holds this device's export but no receipt yet: run `tongban platform import` first",
            code="bundle.no_receipt",
        )
    receipt = read_manifest(folder, RECEIPT_MANIFEST, KIND_RECEIPT)
    if receipt.device_id != store.device_id:
        raise foreign(
            f"这份平台回执是发给另一台设备（{receipt.device_id}）的，不是本机，已拒绝导入。",
            f"receipt for device {receipt.device_id}, this is {store.device_id}",
        )
    if receipt.platform_id != enrollment.platform_id:
        raise foreign(
            f"这份回执来自另一个平台（{receipt.platform_id}），本机登记的平台是 {enrollment.platform_id}，已拒绝导入。",
            f"receipt from platform {receipt.platform_id}, enrolled with {enrollment.platform_id}",
        )
    receipt.verify(enrollment.secret)
    applied = store.sync.cursor(RECEIPT_CURSOR)
    if receipt.export_no < applied:
        raise BundleError(
            f"这是第 {receipt.export_no} 次导出的旧回执，本机已导入第 {applied} 次导出的回执，已拒绝导入（未作任何更改）。",
            f"replayed receipt: export {receipt.export_no}, receipts up to export {applied} already applied",
            code="bundle.replayed",
        )
    if receipt.export_no == applied:
        logger.info("receipt for export %d already applied; nothing to do", applied)
        return ReceiptSummary(receipt.export_no, True, pending=store.pending_count())
    body = receipt.read_json(Sealer(enrollment.secret), RECEIPT_BODY)
    try:
        channel = ReceiptChannel(body)
    except (KeyError, TypeError, ValueError) as exc:
        raise tampered(f"receipt body is not what the platform writes: {exc!r}") from None

    tally = RoundTally()
    answered = channel.answered()
    quarantined = store.sync.quarantined_numbers()
    events = [e for e in store.pending_events() if e.seq in answered and e.case_number not in quarantined]
    Pusher(store, channel, tally, no_progress).push_answered(events)
    if body.get("audit_head"):  # the platform admitted the head the export carried
        confirm_audit_head(store, body["audit_head"])
    for sha in body["attachments"]:
        store.sync.mark_uploaded(sha)
    ratings_before = store.kiosk_ratings.pending_count()
    store.kiosk_ratings.mark_sent(channel.rating_ids())  # only those still pending change
    ratings = ratings_before - store.kiosk_ratings.pending_count()
    cases = CaseService(catalog, store, clock, config, PLATFORM_OPERATOR)
    puller = Puller(store, channel, tally, cases)
    puller.pull_updates()
    puller.pull_catalog(store.data_dir, catalog.version)
    puller.pull_calendar(store.data_dir)
    puller.pull_staff()
    store.sync.advance_cursor(RECEIPT_CURSOR, receipt.export_no)  # last: a crash before it re-applies
    logger.info(
        "receipt for export %d applied: %d acknowledged, %d quarantined, %d updates applied",
        receipt.export_no,
        tally.acked,
        len(tally.quarantined),
        tally.applied_updates,
    )
    return ReceiptSummary(
        receipt.export_no,
        False,
        acked=tally.acked,
        duplicates=tally.duplicates,
        quarantined=tuple(tally.quarantined),
        pulled_updates=tally.pulled_updates,
        applied_updates=tally.applied_updates,
        staff_accounts=tally.staff_accounts,
        ratings=ratings,
        pending=store.pending_count(),
        problems=tuple(tally.problems),
    )
