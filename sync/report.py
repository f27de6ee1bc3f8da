"""What one sync round did (``SyncReport``) and how far it is (``SyncProgress``), as plain values."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class SyncProgress:
    """For the GUIs' progress bars: events and attachment bytes done out of the round's total."""

    stage: str  # a core.store.sync_state.SyncStage value
    events_done: int
    events_total: int
    bytes_done: int
    bytes_total: int


ProgressCallback = Callable[[SyncProgress], None]


def no_progress(_: SyncProgress) -> None:
    """The progress callback of a caller that shows none."""


@dataclass(slots=True)
class RoundTally:
    """What a round has done so far; the stages add to it, even when a later stage fails."""

    pushed: int = 0
    acked: int = 0
    duplicates: int = 0
    attachments_uploaded: int = 0
    bytes_uploaded: int = 0
    pulled_updates: int = 0
    applied_updates: int = 0
    quarantined: list[str] = field(default_factory=list)
    held: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)  # Chinese, one line each, nothing personal
    catalog_version: str | None = None
    staff_accounts: int = 0


@dataclass(frozen=True, slots=True)
class SyncReport:
    """The outcome of ``SyncService.run_once``. ``ok``: the round ran to its end (the platform
    answered every stage); cases quarantined or held for a later round do not make it fail."""

    ok: bool
    started_at: str
    duration_s: float
    pushed: int  # events sent (retries of a lost acknowledgement included)
    acked: int  # events the platform gave a receipt for
    duplicates: int  # of which it already held (a retry after a lost acknowledgement)
    attachments_uploaded: int
    bytes_uploaded: int
    pulled_updates: int
    applied_updates: int  # of which changed a case (repeats change nothing)
    quarantined: tuple[str, ...]  # cases quarantined in this round
    held: tuple[str, ...]  # cases whose events wait for a later round (not quarantined)
    pending: int  # events still in the outbox after the round
    catalog_version: str | None  # a catalog installed in this round
    staff_accounts: int  # staff accounts updated
    problems: tuple[str, ...]  # per-case or per-update problems that did not stop the round
    error: str | None  # why the round stopped (Chinese), None when ok
    error_code: str | None
    error_detail: str | None  # English, for logs
    clock_skew_s: float | None  # device minus platform clock, when the platform refused it
    retry_after_s: float | None  # the platform's Retry-After (429/503): no new round before it

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["quarantined"] = list(self.quarantined)
        data["held"] = list(self.held)
        data["problems"] = list(self.problems)
        return data
