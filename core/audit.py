"""The audit log's hash chain, pure: canonical entry bytes, chain hashes and a chain verifier.

Each entry's hash is ``sha256(previous hash + canonical entry)``; the first entry follows
:data:`GENESIS_HASH`. Editing, reordering or deleting an entry breaks every later link.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from core.store.records import AuditEntry, AuditVerification

CANONICAL_VERSION = 1
GENESIS_HASH = hashlib.sha256(b"tongban audit log genesis v1").hexdigest()


def _plain(value: object) -> Any:
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"audit detail holds a {type(value).__name__}, which is not JSON")


def canonical_entry(entry: AuditEntry) -> bytes:
    """The entry as canonical JSON (sorted keys, no spaces, UTF-8 without escapes): the hashed form."""
    body = {
        "v": CANONICAL_VERSION,
        "actor": entry.actor,
        "action": entry.action,
        "at": entry.at,
        "case_number": entry.case_number,
        "detail": None if entry.detail is None else dict(entry.detail),
    }
    text = json.dumps(
        body, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False, default=_plain
    )
    return text.encode("utf-8")


def chain_hash(previous: str, entry: AuditEntry) -> str:
    """The hash of ``entry`` linked to the hash of the entry before it (hex)."""
    return hashlib.sha256(previous.encode("ascii") + b"\n" + canonical_entry(entry)).hexdigest()


def head_message(count: int, digest: str) -> bytes:
    """What the device key authenticates about the log's end (core.store.audit_log keeps the MAC)."""
    return f"tongban audit head v1\n{count}\n{digest}".encode("ascii")


def verify_chain(rows: Iterable[tuple[int, AuditEntry, str, str]]) -> AuditVerification:
    """Walk ``(id, entry, stored_prev, stored_hash)`` rows in id order; report the first broken one.

    Ids run 1, 2, 3… without gaps (the store never skips one). A row is broken when the row
    before it is missing, when its stored previous hash is not the hash of the row before it (a
    row was deleted, inserted or reordered), or when its stored hash is not the hash of its
    content (it was edited). ``entries`` counts the rows walked, up to and including a broken one.
    """
    expected_prev = GENESIS_HASH
    count = 0
    for row_id, entry, stored_prev, stored_hash in rows:
        count += 1
        if row_id != count:
            return AuditVerification(
                ok=False, entries=count, first_bad=row_id, reason=f"an entry before {row_id} is missing"
            )
        if stored_prev != expected_prev:
            return AuditVerification(
                ok=False,
                entries=count,
                first_bad=row_id,
                reason=f"entry {row_id} does not link to the entry before it (deleted or reordered)",
            )
        if chain_hash(stored_prev, entry) != stored_hash:
            return AuditVerification(
                ok=False, entries=count, first_bad=row_id, reason=f"entry {row_id} was altered"
            )
        expected_prev = stored_hash
    return AuditVerification(ok=True, entries=count)
