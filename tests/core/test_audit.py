"""The audit hash chain (core.audit): canonical form, pinned hashes, and what the verifier catches."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest

from core.audit import GENESIS_HASH, canonical_entry, chain_hash, verify_chain
from core.store.records import AuditEntry

ENTRY = AuditEntry(
    actor="w01",
    action="case.reveal",
    at="2025-03-03T09:00:00+08:00",
    case_number="3301062503030001",
    detail={"purpose": "核验身份", "b": 2, "a": [1, "二"]},
)


def _chain(entries: list[AuditEntry]) -> list[tuple[int, AuditEntry, str, str]]:
    rows, prev = [], GENESIS_HASH
    for row_id, entry in enumerate(entries, start=1):
        digest = chain_hash(prev, entry)
        rows.append((row_id, entry, prev, digest))
        prev = digest
    return rows


def _entries(n: int) -> list[AuditEntry]:
    return [replace(ENTRY, action=f"case.step{i}") for i in range(n)]


def test_canonical_form_is_sorted_compact_utf8() -> None:
    assert (
        canonical_entry(ENTRY)
        == (
            '{"action":"case.reveal","actor":"w01","at":"2025-03-03T09:00:00+08:00",'
            '"case_number":"3301062503030001","detail":{"a":[1,"二"],"b":2,"purpose":"核验身份"},"v":1}'
        ).encode()
    )


def test_hashes_are_pinned() -> None:
    # Persisted in every audit row: changing the canonical form would break every existing log.
    assert hashlib.sha256(b"tongban audit log genesis v1").hexdigest() == GENESIS_HASH
    assert (
        chain_hash(GENESIS_HASH, ENTRY)
        == hashlib.sha256(GENESIS_HASH.encode() + b"\n" + canonical_entry(ENTRY)).hexdigest()
    )
    assert chain_hash(GENESIS_HASH, AuditEntry("w01", "x", "t")) == (
        hashlib.sha256(
            GENESIS_HASH.encode()
            + b'\n{"action":"x","actor":"w01","at":"t","case_number":null,"detail":null,"v":1}'
        ).hexdigest()
    )


def test_detail_key_order_does_not_matter() -> None:
    reordered = replace(ENTRY, detail={"a": [1, "二"], "purpose": "核验身份", "b": 2})
    assert chain_hash(GENESIS_HASH, reordered) == chain_hash(GENESIS_HASH, ENTRY)


def test_non_json_detail_is_refused() -> None:
    with pytest.raises(TypeError):
        canonical_entry(replace(ENTRY, detail={"when": object()}))


def test_an_intact_chain_verifies() -> None:
    result = verify_chain(_chain(_entries(5)))
    assert result.ok
    assert result.entries == 5
    assert result.first_bad is None
    assert verify_chain([]).ok


def test_an_edited_entry_is_the_first_bad_one() -> None:
    rows = _chain(_entries(5))
    row_id, entry, prev, digest = rows[2]
    rows[2] = (row_id, replace(entry, actor="w02"), prev, digest)
    result = verify_chain(rows)
    assert (result.ok, result.first_bad) == (False, 3)
    assert "altered" in result.reason


def test_an_edited_hash_is_the_first_bad_one() -> None:
    rows = _chain(_entries(5))
    row_id, entry, prev, _ = rows[1]
    rows[1] = (row_id, entry, prev, "0" * 64)
    assert verify_chain(rows).first_bad == 2


def test_a_deleted_middle_entry_is_detected() -> None:
    rows = _chain(_entries(5))
    del rows[2]
    result = verify_chain(rows)
    assert (result.ok, result.first_bad) == (False, 4)


def test_a_deleted_then_renumbered_entry_is_detected() -> None:
    rows = _chain(_entries(5))
    del rows[2]
    rows = [(i, entry, prev, digest) for i, (_, entry, prev, digest) in enumerate(rows, start=1)]
    assert verify_chain(rows).first_bad == 3


def test_a_swapped_pair_is_detected() -> None:
    rows = _chain(_entries(4))
    (a_id, a, a_prev, a_hash), (b_id, b, b_prev, b_hash) = rows[1], rows[2]
    rows[1], rows[2] = (a_id, b, b_prev, b_hash), (b_id, a, a_prev, a_hash)
    assert verify_chain(rows).first_bad == 2


def test_a_chain_must_start_at_the_genesis_hash() -> None:
    rows = _chain(_entries(2))
    row_id, entry, _, _ = rows[0]
    rows[0] = (row_id, entry, "f" * 64, chain_hash("f" * 64, entry))
    assert verify_chain(rows).first_bad == 1
