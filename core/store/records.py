"""What the store keeps, as plain values: cases, their events (the outbox) and audit entries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class CaseRecord:
    """A case as stored. ``payload`` (the full case state, personal data included) is encrypted
    at rest; the other fields are the plaintext index and hold nothing personal.

    ``person_hash`` / ``name_hash`` are keyed hashes (core.crypto) of the applicant's ID number
    and normalised name, so a case can be found by them without storing them in plain text.
    ``version`` starts at 1 and grows by one with every update (optimistic concurrency).
    """

    number: str
    bundle_id: str
    status: str
    person_hash: str
    name_hash: str
    catalog_version: str
    created_at: str  # ISO 8601 with offset
    updated_at: str
    payload: Mapping[str, Any]
    official_number: str | None = None
    deficiency_deadline: str | None = None  # ISO date of the earliest open 容缺 deadline
    version: int = 1


@dataclass(frozen=True, slots=True)
class NewEvent:
    """An append-only change to one case. ``payload`` is encrypted at rest.

    ``device_time`` is the device's wall clock (ISO 8601); ``counter`` a monotonic counter that
    orders events even when the wall clock jumps.
    """

    case_number: str
    kind: str
    payload: Mapping[str, Any]
    device_time: str
    counter: int
    operator: str


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as stored: ``(device_id, seq)`` is its idempotency key for sync."""

    seq: int
    device_id: str
    case_number: str
    kind: str
    payload: Mapping[str, Any]
    device_time: str
    counter: int
    operator: str
    acked_at: str | None = None
    receipt: str | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """Who did what on which case, when. ``detail`` must hold no plaintext personal data."""

    actor: str
    action: str
    at: str
    case_number: str | None = None
    detail: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class AuditHead:
    """The audit log's high-water mark: how many entries it holds and the hash of the last one
    (core.audit.GENESIS_HASH when empty). Travels with each sync so the platform sees a cut or a rewrite."""

    count: int
    hash: str


@dataclass(frozen=True, slots=True)
class AuditReport:
    """What a sync or an export reports: the head, and the chain at the heads reported before and not
    yet confirmed by the platform (the platform's last head is one of them, unless the log changed)."""

    head: AuditHead
    known: tuple[AuditHead, ...]


@dataclass(frozen=True, slots=True)
class AuditVerification:
    """Result of walking the audit hash chain. ``first_bad`` is the id of the first broken entry."""

    ok: bool
    entries: int
    first_bad: int | None = None
    reason: str = ""
