"""Every outbox counted in one place (core/store/unsent.py), in process and as the package's postrm runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from core.store import unsent as unsent_module
from core.store.records import AuditEntry
from core.store.store import Store
from core.store.unsent import Unsent, unsent_in

if TYPE_CHECKING:
    from conftest import Builder, FakeClock

NUMBER = "32011525030300100011"
SCAN = b"%PDF-1.4 a scanned page"


def _rating(store: Store, clock: FakeClock) -> str:
    audit = AuditEntry("kiosk", "kiosk.evaluation", clock.now().isoformat(), None, {"level": 5})
    return store.kiosk_ratings.add({"level": 5, "services": ["birth"]}, audit).id


def _standalone(db: Path) -> list[str]:
    """The file run by a bare python3 outside the project, fed on stdin as postrm feeds it."""
    source = Path(unsent_module.__file__).read_text(encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-I", "-", str(db)],
        input=source,
        capture_output=True,
        text=True,
        cwd="/",
        timeout=60,
        check=True,
    )
    return done.stdout.splitlines()


def test_each_outbox_counts_until_the_platform_holds_it(
    store: Store, build: Builder, clock: FakeClock, data_dir: Path
) -> None:
    assert unsent_in(data_dir / "tongban.db") == Unsent()
    [event] = store.add_case(build.case(NUMBER), [build.event(NUMBER)], build.audit(NUMBER))
    sha = store.put_attachment(SCAN, media_type="application/pdf")
    rating = _rating(store, clock)
    found = unsent_in(data_dir / "tongban.db")
    assert (found.events, found.attachments, found.kiosk_ratings, found.total) == (1, 1, 1, 3)
    assert found.oldest_at == event.device_time
    assert found.describe_zh() == "1 条办件记录、1 个附件、1 条评价"
    assert _standalone(data_dir / "tongban.db")[0] == "3"

    store.kiosk_ratings.mark_sent([rating])  # a rating alone was what purge used to miss
    assert unsent_in(data_dir / "tongban.db").kiosk_ratings == 0
    store.sync.mark_uploaded(sha)
    assert unsent_in(data_dir / "tongban.db").attachments == 0
    store.mark_acked([event.seq], "receipt-1")
    assert unsent_in(data_dir / "tongban.db") == Unsent()
    assert _standalone(data_dir / "tongban.db") == ["0", "没有记录", Unsent().describe_en()]


def test_a_rating_alone_is_unsent(store: Store, clock: FakeClock, data_dir: Path) -> None:
    _rating(store, clock)
    assert unsent_in(data_dir / "tongban.db").total == 1
    assert _standalone(data_dir / "tongban.db")[:2] == ["1", "1 条评价"]


def test_no_database_is_nothing_unsent_and_an_unreadable_one_is_unknown(tmp_path: Path) -> None:
    assert _standalone(tmp_path / "none.db") == ["0"]
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 100)
    done = subprocess.run(
        [sys.executable, "-I", unsent_module.__file__, str(bad)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1 and done.stdout.strip() == "unknown"


def test_an_offline_queue_ticket_is_unsent_until_the_hall_server_has_it_and_is_never_held(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    from core.queue.model import Priority, load_queue_rules
    from core.store import numbering

    def issue() -> str:
        ticket = store.queue_outbox.issue_offline(
            load_queue_rules(),
            slot=3,
            now=clock.now(),
            device=store.device_id,
            service="school_entry",
            service_name="教育入学“一件事”",
            priority=Priority.NONE,
        )
        return ticket.number

    issue()
    found = unsent_in(data_dir / "tongban.db")
    assert (found.queue_events, found.total) == (1, 1) and found.describe_zh() == "1 条排队记录"
    assert _standalone(data_dir / "tongban.db")[:2] == ["1", "1 条排队记录"]
    store.queue_outbox.mark_sent([e.id for e in store.queue_outbox.pending()], clock.now().isoformat())
    assert unsent_in(data_dir / "tongban.db") == Unsent()
    # a restore's hold is about case numbers and event seqs, which the platform's marks settle;
    # a kiosk's offline tickets go on (the marks would not cover them anyway)
    store.close()
    numbering.hold_database(data_dir / "tongban.db", "2026-12-07T09:00:00+08:00")
    with Store.open(data_dir, clock=clock) as again:
        store = again
        assert issue() == "A3002"
        with pytest.raises(numbering.NumberingHeld):
            again.next_sequence("case_number:320115:1:2025-03-03")
