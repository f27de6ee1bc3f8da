"""The sync state of m002 (Store.sync), Store.batch, pre-acknowledged updates, and the m001 upgrade."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from core.errors import NotFoundError, StoreError
from core.store.store import Store
from core.store.sync_state import Enrollment, ReleaseRefused, StaffRecord, SyncStage

if TYPE_CHECKING:
    from conftest import Builder, FakeClock

FIXTURES = Path(__file__).with_name("fixtures")


def test_persisted_stage_values_never_change() -> None:
    assert [s.value for s in SyncStage] == ["idle", "uploading", "pushing", "pulling"]


def test_a_database_from_m001_upgrades_and_keeps_its_outbox(tmp_path: Path, clock: FakeClock) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "m001", data)
    (data / "keys").chmod(0o700)
    (data / "keys" / "device.key").chmod(0o600)
    with Store.open(data, clock=clock) as store:
        assert store.get_case("32011526112000100015").payload["number"] == "32011526112000100015"
        pending = store.pending_events()
        assert [(e.seq, e.case_number) for e in pending] == [(1, "32011526112000100015")]
        assert store.events_for("32011526112000100023")[0].receipt == "R-000002"
        sha = pending[0].payload["items"][0]["attachments"][0]
        assert store.get_attachment(sha) == b"\xff\xd8 saved page \xff\xd9"
        assert store.attachment_size(sha) == 16
        state = store.sync.status()
        assert (state.stage, state.consecutive_failures, state.last_success_at) == (SyncStage.IDLE, 0, None)
        assert store.sync.enrollment() is None and store.sync.cursor("updates") == 0
        assert store.verify_audit().ok


def test_enrollment_round_trips_with_the_secret_sealed(store: Store, data_dir: Path) -> None:
    secret = bytes(range(32))
    first = Enrollment("https://a.example", "p1", secret, "2026-11-23T09:00:00+08:00", pin="ab" * 32)
    store.sync.save_enrollment(first)
    assert store.sync.enrollment() == first
    second = replace(first, platform_url="https://b.example", platform_id="p2", secret=b"x" * 32, pin=None)
    store.sync.save_enrollment(second)
    assert store.sync.enrollment() == second
    assert b"x" * 32 not in (data_dir / "tongban.db").read_bytes()
    assert "<sealed>" in repr(second) and "xxxx" not in repr(second)


def test_failures_count_up_and_a_success_resets_them(store: Store, clock: FakeClock) -> None:
    store.sync.record_attempt()
    assert store.sync.record_failure("unreachable", "连不上平台", "connection refused") == 1
    clock.advance(5)
    assert store.sync.record_failure("clock_skew", "时钟不准", "skew", clock_skew_s=-7200.0) == 2
    state = store.sync.status()
    assert (state.last_error_code, state.last_error_message, state.clock_skew_s) == (
        "clock_skew",
        "时钟不准",
        -7200.0,
    )
    assert state.last_attempt_at is not None and state.last_success_at is None
    store.sync.set_stage(SyncStage.PUSHING)
    assert store.sync.status().stage is SyncStage.PUSHING
    store.sync.record_success()
    state = store.sync.status()
    assert (state.consecutive_failures, state.clock_skew_s, state.stage) == (0, None, SyncStage.IDLE)
    assert state.last_error_code == "clock_skew", "the last error stays visible after a success"


def test_cursors_only_move_forward(store: Store) -> None:
    store.sync.advance_cursor("updates", 7)
    store.sync.advance_cursor("updates", 3)
    assert store.sync.cursor("updates") == 7 and store.sync.cursor("staff") == 0


def test_quarantine_keeps_the_first_reason_until_released(store: Store, build: Builder) -> None:
    build.add("Q1")
    store.sync.quarantine("Q1", 1, "conflict", "同一事件内容不一致", "digest differs")
    store.sync.quarantine("Q1", 2, "invalid_event", "later", "")
    (q,) = store.sync.quarantined()
    assert (q.case_number, q.seq, q.code, q.message, q.detail) == (
        "Q1",
        1,
        "conflict",
        "同一事件内容不一致",
        "digest differs",
    )
    assert store.sync.quarantined_numbers() == {"Q1"}
    assert store.sync.release("Q1") and not store.sync.release("Q1")
    assert store.sync.quarantined() == []


def test_a_case_no_retry_can_help_is_not_released(store: Store, build: Builder) -> None:
    """The rule behind both ``sync release`` and the case desk's 解除隔离 (one place: the store)."""
    build.add("Q2")
    store.sync.quarantine("Q2", 1, "number_taken", "办件编号已由另一台设备提交", "taken", retry_helps=False)
    with pytest.raises(ReleaseRefused) as refused:
        store.sync.release("Q2")
    assert refused.value.code == "sync.release_refused" and refused.value.exit_code == 1
    assert "不能靠重试上传" in refused.value.message and "retrying cannot help" in refused.value.detail
    assert store.sync.quarantined_numbers() == {"Q2"}


def test_uploaded_attachments_are_remembered_by_keyed_hash(store: Store, data_dir: Path) -> None:
    sha = store.put_attachment(b"scan", media_type="image/jpeg")
    assert not store.sync.is_uploaded(sha)
    store.sync.mark_uploaded(sha)
    store.sync.mark_uploaded(sha)
    assert store.sync.is_uploaded(sha)
    assert sha.encode() not in (data_dir / "tongban.db").read_bytes()


def test_staff_accounts_upsert_by_cursor(store: Store, data_dir: Path) -> None:
    old = StaffRecord("window07", "周敏", "window", "scrypt$1$8$1$c2FsdA==$aGFzaA==", True, 5)
    store.sync.upsert_staff([old])
    store.sync.upsert_staff([replace(old, active=False, cursor=3)])  # an older state arriving late
    assert store.sync.staff("window07") == old
    store.sync.upsert_staff([replace(old, active=False, cursor=6)])
    assert store.sync.staff("window07") == replace(old, active=False, cursor=6)
    assert store.sync.staff("nobody") is None
    assert [a.staff_id for a in store.sync.staff_accounts()] == ["window07"]
    assert "周敏".encode() not in (data_dir / "tongban.db").read_bytes()


def test_rework_flags_replace_and_clear(store: Store, build: Builder) -> None:
    build.add("W1")
    store.sync.flag_rework("W1", "2025.1", "请补充说明", "2026-11-23T10:00:00+08:00")
    store.sync.flag_rework("W1", "2025.2", "再次退回", "2026-11-24T10:00:00+08:00")
    (flag,) = store.sync.rework()
    assert (flag.catalog_version, flag.message) == ("2025.2", "再次退回")
    assert store.sync.clear_rework("W1") and store.sync.rework() == []


def test_a_batch_commits_everything_or_nothing(store: Store, build: Builder) -> None:
    build.add("B1")
    with pytest.raises(RuntimeError), store.batch():
        store.sync.advance_cursor("updates", 9)
        build.add("B2")
        raise RuntimeError("crash in the middle")
    assert store.sync.cursor("updates") == 0
    with pytest.raises(NotFoundError):
        store.get_case("B2")
    with store.batch():
        store.sync.advance_cursor("updates", 9)
        with pytest.raises(StoreError), store.batch():  # a failed inner write undoes only itself
            build.add("B1")
        build.add("B3")
    assert store.sync.cursor("updates") == 9 and store.get_case("B3").number == "B3"


def test_changes_from_the_platform_are_stored_already_acknowledged(store: Store, build: Builder) -> None:
    record = build.add("A1")
    stored = store.update_case(
        replace(record, version=2, status="dispatched"),
        [build.event("A1", "dispatched")],
        build.audit("A1", "case.platform_status"),
        expected_version=1,
        acknowledged="platform-update:4",
    )
    assert stored[0].receipt == "platform-update:4" and stored[0].acked_at is not None
    assert [e.seq for e in store.pending_events()] == [1]
    store.mark_acked_each([(1, "R-1")])
    assert store.pending_count() == 0 and store.events_for("A1")[0].receipt == "R-1"


def test_receipts_for_unknown_events_are_refused_and_nothing_is_acknowledged(
    store: Store, build: Builder
) -> None:
    build.add("U1", events=2)
    with pytest.raises(NotFoundError):
        store.mark_acked_each([(1, "R-1"), (99, "R-99")])
    assert store.pending_count() == 2
    with pytest.raises(StoreError):
        store.mark_acked_each([(1, " ")])
    store.mark_acked_each([(1, "R-1"), (2, "R-2")])
    store.mark_acked_each([(1, "R-again")])  # the first receipt stays
    assert [e.receipt for e in store.events_for("U1")] == ["R-1", "R-2"]
