"""The offline tickets a kiosk kept (core/store/queue_outbox.py) reach the hall server once, by event id:
a resend after a lost answer is recognised, and the merged ticket is called like any other."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.clock import SystemClock
from core.config import DeviceConfig, write_config
from core.queue.model import Priority, load_queue_rules
from core.store.store import Store
from sync.enrollment import client_for, enroll
from sync.queue_client import call_next, send_events
from sync.queue_push import push_queue_outbox
from sync.server.config import PlatformConfig
from sync.server.runner import ThreadedPlatform
from sync.server.service import PlatformService
from tests.sync.server.platform_kit import new_code

CLOCK = SystemClock()


@pytest.fixture
def hall(tmp_path: Path) -> Iterator[ThreadedPlatform]:
    config = PlatformConfig(db_path=tmp_path / "hall.db", dept_delay=(0.01, 0.03), seed=7)
    with ThreadedPlatform(PlatformService.build(config)) as running:
        yield running


def _held(db_path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
        return [(str(i), str(k)) for i, k in db.execute("SELECT id, kind FROM queue_events ORDER BY seq")]


def test_offline_tickets_are_handed_over_once_and_called(tmp_path: Path, hall: ThreadedPlatform) -> None:
    data = tmp_path / "kiosk"
    config = DeviceConfig.demo(role="kiosk", device_no=102)
    write_config(data / "tongban.toml", config)
    with Store.open(data, clock=CLOCK) as store:
        enroll(store, config, CLOCK, hall.url, new_code(hall))
        for _ in range(3):
            store.queue_outbox.issue_offline(
                load_queue_rules(),
                slot=2,
                now=CLOCK.now(),
                device=store.device_id,
                service="newborn",
                service_name="新生儿出生“一件事”",
                priority=Priority.NONE,
            )
        kept = store.queue_outbox.pending()
        with client_for(store) as client:
            assert push_queue_outbox(store, client, CLOCK) == 3
            assert push_queue_outbox(store, client, CLOCK) == 0  # nothing pending: nothing sent
            assert send_events(client, kept) == {}  # a resend (a lost answer) is recognised, not doubled
            called = call_next(client, 3, ["newborn"])
        assert store.queue_outbox.pending_count() == 0
    assert [i for i, _kind in _held(tmp_path / "hall.db")][:3] == [e.id for e in kept]
    assert [kind for _i, kind in _held(tmp_path / "hall.db")] == ["issued"] * 3 + ["called"]
    assert called is not None and called.ticket.number == "A2001"  # the kiosk's number, first in line
    assert kept[0].ticket_id == called.ticket.id
