"""Draining the outbox: attachments first (resumable chunks), then events in sequence order.

The rules (DESIGN.md "Sync contract", research/anchors-mission.md §3.1–3.2):
- an event is acknowledged only on a receipt for its seq — never on a timeout, an error, or a
  2xx without a receipt (OpenCRVS #7005 lost records by reading an error as success);
- a permanent per-event rejection quarantines that case, shown to staff with the reason; its
  later events wait, other cases go on (CommCare: one bad form must not brick the queue);
- a transient failure stops the round; the same events go again later with the same
  ``(device_id, seq)`` and content, which the platform answers "duplicate" if it had them;
- attachments go before the events that name them (one batch at a time: its attachments, then
  its events), and an interrupted upload continues at the platform's offset (Morango resumes where it stopped, research/aesthetics.md §1.5).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol

from core.errors import NotFoundError, StoreError
from core.store.records import StoredEvent
from core.store.store import Store
from core.store.sync_state import SyncStage
from sync import contract
from sync.audit_report import audit_head_report, confirm_audit_head
from sync.client import AttachmentOffsetMismatch
from sync.errors import SyncPermanentError, SyncTransientError
from sync.report import ProgressCallback, RoundTally, SyncProgress

logger = logging.getLogger(__name__)

_MAX_OFFSET_RETRIES = 3
# Upload refusals about one file; any other permanent error (signature, clock, a bad reply) is
# about the device or the platform and stops the round.
_ATTACHMENT_CODES = frozenset(
    {
        contract.ErrorCode.DIGEST_MISMATCH,
        contract.ErrorCode.TOO_LARGE,
        contract.ErrorCode.OFFSET_MISMATCH,
        contract.ErrorCode.BAD_REQUEST,
        contract.ErrorCode.NOT_FOUND,
        "attachment_mismatch",
        "attachment_stalled",
    }
)


def attachments_of(payload: Mapping[str, Any]) -> list[str]:
    """The sha256s an event body references: every item's ``attachments`` (accepted, supplemented),
    the applicant's signature, and a 帮办代办 authorisation's signature and photo."""
    found: list[str] = []

    def add(sha: object) -> None:
        if isinstance(sha, str) and sha and sha not in found:
            found.append(sha)

    items = payload.get("items")
    for item in items if isinstance(items, list) else ():
        shas = item.get("attachments") if isinstance(item, Mapping) else None
        for sha in shas if isinstance(shas, list) else ():
            add(sha)
    add(payload.get("signature"))
    proxy = payload.get("proxy")
    if isinstance(proxy, Mapping):
        add(proxy.get("signature"))
        add(proxy.get("photo"))
    return found


def wire_event(
    event: StoredEvent, case_catalog_version: str, attachments: list[str] | None = None
) -> contract.WireEvent:
    """The event exactly as pushed; built only from stored fields, so a retry sends the same content.

    The catalog version is the one the event's own body names (an "accepted" case was validated
    against it), else the case's.
    """
    own = event.payload.get("catalog_version")
    catalog_version = own if isinstance(own, str) else case_catalog_version
    return {
        "device_id": event.device_id,
        "seq": event.seq,
        "case_number": event.case_number,
        "kind": event.kind,
        "device_time": event.device_time,
        "counter": event.counter,
        "operator": event.operator,
        "catalog_version": catalog_version,
        "attachments": attachments_of(event.payload) if attachments is None else list(attachments),
        "payload": dict(event.payload),
    }


class PushChannel(Protocol):
    """What a push asks of the platform: any PlatformAdapter (sync/adapter.py), or the answers a receipt
    bundle carries back on a USB stick (sync/bundle_import.py)."""

    def attachment_status(self, sha256: str) -> contract.AttachmentStatus: ...

    def put_chunk(self, sha256: str, offset: int, chunk: bytes, total: int) -> contract.AttachmentStatus: ...

    def push_events(
        self, events: Sequence[contract.WireEvent], audit_head: contract.AuditHeadReport | None = None
    ) -> contract.EventsResponse: ...


class Pusher:
    """One push stage of one round; lives on the sync worker thread with that thread's Store."""

    def __init__(
        self,
        store: Store,
        client: PushChannel,
        tally: RoundTally,
        progress: ProgressCallback,
        *,
        chunk_bytes: int = contract.MAX_CHUNK_BYTES,
        batch_size: int = contract.MAX_EVENTS_PER_BATCH,
    ) -> None:
        self._store = store
        self._client = client
        self._tally = tally
        self._progress = progress
        self._chunk = max(1, min(chunk_bytes, contract.MAX_CHUNK_BYTES))
        self._batch = max(1, min(batch_size, contract.MAX_EVENTS_PER_BATCH))
        self._versions: dict[str, str] = {}
        self._events_total = 0
        self._events_done = 0
        self._bytes_total = 0
        self._bytes_done = 0
        self._unconfirmed = 0  # events answered 2xx without a receipt or a rejection
        self._attachments: dict[int, list[str]] = {}  # seq → sha256s its body names (this batch's)
        self._stage: SyncStage | None = None

    def run(self) -> None:
        """Push what is pending. Raises SyncTransientError/SyncPermanentError when the platform
        cannot take requests at all; per-case problems are recorded in the tally instead.

        The outbox goes one batch at a time, read, uploaded for and pushed before the next is read:
        a device back from days offline holds one batch of opened events, not all of them (their
        decoded bodies are what the GUI thread's cyclic collector would otherwise scan, qtkit.collector).
        """
        quarantined = self._store.sync.quarantined_numbers()
        waiting = self._store.pending_by_case()
        self._events_total = sum(count for number, count in waiting.items() if number not in quarantined)
        if not self._events_total:
            return
        retry: list[StoredEvent] = []
        after = 0
        while page := self._store.pending_events(self._batch, after_seq=after):
            after = page[-1].seq
            events = [
                e for e in page if e.case_number not in quarantined and e.case_number not in self._tally.held
            ]
            self._attachments = {e.seq: attachments_of(e.payload) for e in events}
            self._upload_attachments(events)
            retry.extend(self._push(events))
        if retry:  # missing_attachment: upload again (the platform lost or never had it), then once more
            self._upload_attachments(retry, recheck=True)
            again = {e.case_number for e in retry} - set(self._tally.quarantined)
            self._tally.held -= again
            fresh = [e for e in self._store.pending_events() if e.case_number in again]
            if self._push(fresh):
                self._tally.problems.append("平台仍缺少部分附件，相关办件将在下一轮重试。")
        unconfirmed = self._unconfirmed
        if unconfirmed:  # a 2xx that names neither a receipt nor a rejection acknowledges nothing
            raise SyncTransientError(
                f"平台收下了请求但没有给出 {unconfirmed} 条事件的回执，这些事件仍算未上传，稍后重试。",
                f"POST events: 2xx without a receipt for {unconfirmed} event(s); not acknowledged",
                code="no_receipt",
            )

    def push_answered(self, events: Sequence[StoredEvent]) -> None:
        """Push exactly ``events`` (pending, in seq order) with no upload stage and settle the
        answers, as ``run`` does: for a channel that already holds the platform's answers to them
        (a receipt bundle, sync/bundle_import.py)."""
        self._events_total = len(events)
        self._stage = SyncStage.PUSHING  # reported to the caller, not recorded: no round is running
        self._push(events, report_audit=False)  # the export carried its head (sync/bundle_export.py)

    # -- attachments -------------------------------------------------------------------------

    def _upload_attachments(self, events: Sequence[StoredEvent], *, recheck: bool = False) -> None:
        needed: dict[str, list[StoredEvent]] = {}
        for event in events:
            for sha in self._attachments_of(event):
                if recheck or not self._store.sync.is_uploaded(sha):
                    needed.setdefault(sha, []).append(event)
        if not needed:
            return
        sizes = {sha: self._size(sha, users) for sha, users in needed.items()}
        self._bytes_total += sum(size for size in sizes.values() if size is not None)
        self._enter(SyncStage.UPLOADING)
        for sha, users in needed.items():
            size = sizes[sha]
            if size is None:
                continue
            try:
                self._upload(sha, size)
            except SyncPermanentError as exc:
                if exc.code not in _ATTACHMENT_CODES:
                    raise  # not about this file (a refused signature, a bad reply): the round stops
                logger.warning("attachment upload refused (%s): %s", exc.code, exc.detail)
                self._hold((e.case_number for e in users), f"附件上传被平台拒绝（{exc.code}）：{exc.message}")
            except (StoreError, NotFoundError) as exc:  # the local copy is damaged or gone
                self._local_problem(users, exc)

    def _size(self, sha: str, users: Sequence[StoredEvent]) -> int | None:
        try:
            return self._store.attachment_size(sha)
        except (StoreError, NotFoundError) as exc:  # the event names a file this device lacks
            self._local_problem(users, exc)
            return None

    def _local_problem(self, users: Sequence[StoredEvent], exc: StoreError | NotFoundError) -> None:
        """A file this device cannot read: no retry can help, so staff must see it (quarantine)."""
        logger.error(
            "an attachment of case(s) %s cannot be read locally: %s",
            ", ".join(dict.fromkeys(e.case_number for e in users)),
            exc.detail,
        )
        for event in users:
            if event.case_number not in self._tally.held:
                self._quarantine(
                    event.case_number,
                    event.seq,
                    "local_attachment",
                    f"本机附件无法读取，不能上传：{exc.message}",
                    exc.detail,
                )

    def _upload(self, sha: str, size: int) -> None:
        status = self._client.attachment_status(sha)
        data: bytes | None = None
        retries = 0
        while not status["complete"]:
            offset = status["received"]
            if offset > size or status["size"] not in (None, size):
                raise SyncPermanentError(
                    "平台上的附件与本机不一致。",
                    f"attachment: platform holds {offset} of {status['size']} bytes, device has {size}",
                    code="attachment_mismatch",
                )
            if data is None:
                data = self._store.get_attachment(sha)
            chunk = data[offset : offset + self._chunk]
            try:
                status = self._client.put_chunk(sha, offset, chunk, size)
            except AttachmentOffsetMismatch:
                retries += 1  # another upload of the same file (a second device?) moved it on
                if retries > _MAX_OFFSET_RETRIES:
                    raise
                status = self._client.attachment_status(sha)
                continue
            if status["received"] <= offset and not status["complete"]:
                raise SyncPermanentError(
                    "平台没有收下附件数据。",
                    f"attachment chunk at {offset} not taken (platform holds {status['received']})",
                    code="attachment_stalled",
                )
            self._tally.bytes_uploaded += len(chunk)
            self._bytes_done += len(chunk)
            self._report(SyncStage.UPLOADING)
        self._store.sync.mark_uploaded(sha)
        if data is not None:
            self._tally.attachments_uploaded += 1

    # -- events ------------------------------------------------------------------------------

    def _push(self, events: Sequence[StoredEvent], *, report_audit: bool = True) -> list[StoredEvent]:
        """Send ``events`` in batches, skipping held cases; returns those rejected missing_attachment."""
        missing: list[StoredEvent] = []
        for batch in self._batches(events):
            self._enter(SyncStage.PUSHING)
            wire = [wire_event(e, self._catalog_version(e), self._attachments_of(e)) for e in batch]
            # tamper evidence (issue #13): every batch says it
            head = audit_head_report(self._store) if report_audit else None
            reply = self._client.push_events(wire, audit_head=head)
            if head is not None:
                confirm_audit_head(self._store, head)
            self._tally.pushed += len(batch)
            missing.extend(self._settle(batch, reply))
        return missing

    def _batches(self, events: Iterable[StoredEvent]) -> Iterator[list[StoredEvent]]:
        """Batches in seq order; a case held by an earlier batch's answer is skipped from then on."""
        batch: list[StoredEvent] = []
        for event in events:
            if event.case_number in self._tally.held:
                continue
            batch.append(event)
            if len(batch) == self._batch:
                yield batch
                batch = []
        if batch:
            yield batch

    def _settle(self, batch: Sequence[StoredEvent], reply: contract.EventsResponse) -> list[StoredEvent]:
        sent = {e.seq: e for e in batch}
        receipts: list[tuple[int, str]] = []
        for receipt in reply["receipts"]:
            if receipt["seq"] not in sent:
                logger.error("platform sent a receipt for seq %d, which was not in the batch", receipt["seq"])
                continue
            receipts.append((receipt["seq"], receipt["receipt"]))
            if receipt["status"] == "duplicate":
                self._tally.duplicates += 1
        self._store.mark_acked_each(receipts)  # durable before anything else is believed
        self._tally.acked += len(receipts)
        answered = {seq for seq, _ in receipts}
        missing: list[StoredEvent] = []
        for rejection in reply["rejected"]:
            event = sent.get(rejection["seq"])
            if event is None or event.seq in answered:
                continue
            answered.add(event.seq)
            code = rejection["code"]
            detail = rejection.get("detail", "")
            if code in contract.PERMANENT_EVENT_CODES:
                self._quarantine(event.case_number, event.seq, code, rejection["message"], detail)
            elif code == contract.ErrorCode.MISSING_ATTACHMENT:
                missing.append(event)
                self._tally.held.add(event.case_number)
            else:  # out_of_order and anything new: not this event's fault, try again next round
                logger.info(
                    "event %d of case %s deferred by the platform: %s", event.seq, event.case_number, code
                )
                self._hold([event.case_number], f"平台暂未接收（{code}），下一轮重试。")
        unconfirmed = [e for seq, e in sent.items() if seq not in answered]
        if unconfirmed:
            logger.warning("platform answered without a receipt for %d event(s)", len(unconfirmed))
            self._unconfirmed += len(unconfirmed)
            self._tally.held.update(e.case_number for e in unconfirmed)
        self._events_done += len(receipts)
        self._report(SyncStage.PUSHING)
        return missing

    # -- helpers -----------------------------------------------------------------------------

    def _attachments_of(self, event: StoredEvent) -> list[str]:
        found = self._attachments.get(event.seq)
        if found is None:
            found = self._attachments[event.seq] = attachments_of(event.payload)
        return found

    def _catalog_version(self, event: StoredEvent) -> str:
        """The case's catalog version, read only for events whose body does not name one."""
        if isinstance(event.payload.get("catalog_version"), str):
            return ""  # unused: wire_event takes the body's own
        if event.case_number not in self._versions:
            self._versions[event.case_number] = self._store.get_case(event.case_number).catalog_version
        return self._versions[event.case_number]

    def _quarantine(self, number: str, seq: int, code: str, message: str, detail: str) -> None:
        logger.warning("case %s quarantined: event %d rejected (%s)", number, seq, code)
        retry_helps = code not in contract.FINAL_EVENT_CODES
        self._store.sync.quarantine(number, seq, code, message, detail, retry_helps=retry_helps)
        if number not in self._tally.quarantined:
            self._tally.quarantined.append(number)
        self._tally.held.add(number)

    def _hold(self, cases: Iterable[str], problem: str) -> None:
        for number in dict.fromkeys(cases):
            if number not in self._tally.held:
                self._tally.held.add(number)
                self._tally.problems.append(f"办件 {number}：{problem}")

    def _enter(self, stage: SyncStage) -> None:
        """Record the stage and report it, only when it changes (recording is a store write)."""
        if stage is not self._stage:
            self._stage = stage
            self._store.sync.set_stage(stage)
            self._report(stage)

    def _report(self, stage: SyncStage) -> None:
        self._progress(
            SyncProgress(
                stage.value, self._events_done, self._events_total, self._bytes_done, self._bytes_total
            )
        )
