"""A kiosk's offline tickets (m006): numbered from its slot per day and lane, never twice, the ISSUED
event sealed in the outbox until the hall server has it; the slot from tongban.toml or the device number."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from core.config import CONFIG_NAME, DeviceConfig, load_config, write_config
from core.errors import ValidationError
from core.queue.model import Applicant, EventKind, Priority, load_queue_rules
from core.queue.rules import queue_event
from core.store.queue_outbox import offline_counter_scope
from core.store.store import Store
from tests.core.store.test_store_plaintext import _leaks

if TYPE_CHECKING:
    from tests.core.store.conftest import FakeClock

RULES = load_queue_rules()
ELDER = Applicant("张三丰", "11010519491231002X", "1949-12-31", "男")


def _issue(store: Store, clock: FakeClock, priority: Priority = Priority.NONE, slot: int = 3) -> str:
    ticket = store.queue_outbox.issue_offline(
        RULES,
        slot=slot,
        now=clock.now(),
        device=store.device_id,
        service="school_entry",
        service_name="教育入学“一件事”",
        priority=priority,
        applicant=ELDER if priority is Priority.ELDERLY else None,
    )
    return ticket.number


def test_numbers_run_per_lane_and_day_and_survive_a_reopen(
    data_dir: Path, store: Store, clock: FakeClock
) -> None:
    assert [_issue(store, clock) for _ in range(2)] == ["A3001", "A3002"]
    assert _issue(store, clock, Priority.ELDERLY) == "V3001"  # its own lane, its own count
    store.close()
    with Store.open(data_dir, clock=clock) as again:
        assert _issue(again, clock) == "A3003"  # a committed number is never handed out again
        clock.advance(timedelta(days=1).total_seconds())
        assert _issue(again, clock) == "A3001"  # a new day
        pending = again.queue_outbox.pending()
        assert [e.kind for e in pending] == [EventKind.ISSUED] * 5
        assert pending[2].data["ticket"]["applicant"]["id_number"] == ELDER.id_number  # opened again


def test_the_outbox_marks_sent_once_and_holds_no_plaintext(
    data_dir: Path, store: Store, clock: FakeClock
) -> None:
    _issue(store, clock, Priority.ELDERLY)
    (issued,) = store.queue_outbox.pending()
    later = queue_event(
        issued.ticket_id, EventKind.CALLED, clock.now().isoformat(), store.device_id, window=5
    )
    store.queue_outbox.add([later])
    assert store.queue_outbox.pending_count() == 2
    store.queue_outbox.mark_sent([issued.id], "2025-03-03T09:05:00+08:00")
    assert [e.id for e in store.queue_outbox.pending()] == [later.id]
    store.queue_outbox.mark_sent([issued.id, later.id], "2025-03-03T09:06:00+08:00")
    assert [(o.event.id, o.sent_at) for o in store.queue_outbox.all()] == [
        (issued.id, "2025-03-03T09:05:00+08:00"),  # the first answer's time is kept
        (later.id, "2025-03-03T09:06:00+08:00"),
    ]
    store.close()
    assert _leaks(data_dir) == []  # the applicant's name and number are sealed


def test_a_slot_used_up_for_the_day_says_so(data_dir: Path, store: Store, clock: FakeClock) -> None:
    day = clock.now().date().isoformat()
    store.close()
    with sqlite3.connect(data_dir / "tongban.db") as db:  # 998 tickets taken today from slot 3
        db.execute(
            "INSERT INTO counters (scope, value) VALUES (?, 998)", [offline_counter_scope(day, "A", 3)]
        )
    with Store.open(data_dir, clock=clock) as again:
        assert _issue(again, clock) == "A3999"
        with pytest.raises(ValidationError) as caught:
            _issue(again, clock)
        assert "人工窗口" in caught.value.message
        assert _issue(again, clock, slot=4) == "A4001"  # another slot is unaffected
        assert again.queue_outbox.pending_count() == 2  # the refused one left nothing behind


def test_the_offline_slot_comes_from_the_config_or_the_device_number(tmp_path: Path) -> None:
    assert DeviceConfig(device_no=101).offline_queue_slot == 1
    assert DeviceConfig(device_no=110).offline_queue_slot is None  # last digit 0: no slot
    assert DeviceConfig(device_no=110, queue_slot=7).offline_queue_slot == 7
    path = write_config(tmp_path / CONFIG_NAME, DeviceConfig(device_no=110, queue_slot=7))
    assert "queue_slot = 7" in path.read_text(encoding="utf-8") and load_config(path).queue_slot == 7
    path.write_text("queue_slot = 10\n", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        load_config(path)
    assert "queue_slot" in caught.value.message
