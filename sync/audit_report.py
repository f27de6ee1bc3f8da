"""The audit-log head a device sends with its events (tamper evidence that reaches the platform).

``audit_head_report(store)`` is what a sync request (sync.push) and a hand-sync export carry;
``confirm_audit_head`` is called once the platform answered a request that carried it. The platform
side is sync.server.audit_heads. Runs on the caller's thread with that thread's Store.
"""

from __future__ import annotations

from core.errors import AuditTamperedError
from core.store.store import Store
from sync import contract
from sync.errors import SyncPermanentError


def audit_head_report(store: Store) -> contract.AuditHeadReport:
    """The checked head (remembered as reported) and the chain at heads reported before; a log whose
    end does not match its authenticated head stops the round: SyncPermanentError ``audit_tampered``."""
    try:
        report = store.report_audit_head()
    except AuditTamperedError as exc:
        raise SyncPermanentError(exc.message, exc.detail, code="audit_tampered") from None
    return {
        "count": report.head.count,
        "hash": report.head.hash,
        "known": [{"count": mark.count, "hash": mark.hash} for mark in report.known],
    }


def confirm_audit_head(store: Store, report: contract.AuditHeadReport) -> None:
    """The platform answered (2xx) a request carrying ``report``: it holds that head now."""
    store.confirm_audit_head(report["count"])
