"""Pushing the outbox: acknowledged only on receipts, exactly once, quarantine per case, resumable uploads."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from werkzeug import Request, Response

from core.cases.model import Case
from core.cases.service import CaseService
from core.catalog.model import Catalog
from core.store.records import StoredEvent
from core.store.store import Store
from sync import contract
from sync.report import SyncProgress
from sync.service import SyncService
from tests.sync.client.conftest import assert_in_sync, device_events, page
from tests.sync.client.fake_platform import FakePlatform, ok

AddCase = Callable[..., Case]


def test_cases_with_scans_arrive_once_attachments_first(
    store: Store, platform: FakePlatform, sync: SyncService, add_case: AddCase, cases: CaseService
) -> None:
    first = add_case(page(1), page(2, 900))
    add_case(page(3))
    cases.evaluate(first.number, 5)
    report = sync.run_once()
    assert report.ok and report.error is None
    assert (report.pushed, report.acked, report.pending) == (3, 3, 0)
    assert report.attachments_uploaded == 3 and report.bytes_uploaded == sum(
        len(page(n)) for n in (1, 3)
    ) + len(page(2, 900))
    assert_in_sync(store, platform)
    # Every attachment was complete before the first event that names it was posted.
    first_post = next(i for i, (m, p) in enumerate(platform.requests) if p.endswith("/events"))
    puts = [i for i, (m, _) in enumerate(platform.requests) if m == "PUT"]
    assert puts and max(puts) < first_post
    again = sync.run_once()
    assert (again.pushed, again.attachments_uploaded) == (0, 0)


def test_a_2xx_without_receipts_acknowledges_nothing(
    store: Store, platform: FakePlatform, sync: SyncService, add_case: AddCase
) -> None:
    add_case()
    platform.inject("events", lambda r, p: ok({"receipts": [], "rejected": []}))
    report = sync.run_once()
    assert not report.ok and report.error_code == "no_receipt"
    assert (report.acked, report.pending) == (0, 1)
    assert store.sync.status().consecutive_failures == 1
    assert sync.run_once().ok
    assert_in_sync(store, platform)


def test_server_errors_stop_the_round_and_nothing_is_acknowledged(
    store: Store, platform: FakePlatform, sync: SyncService, add_case: AddCase
) -> None:
    for _ in range(4):
        add_case()
    platform.inject("events", 500)
    report = sync.run_once()
    assert not report.ok and report.error_code == "internal" and report.acked == 0
    platform.inject("events", 503)
    assert not sync.run_once().ok
    state = store.sync.status()
    assert state.consecutive_failures == 2 and state.last_error_code == "unavailable"
    assert "平台" in (state.last_error_message or "")
    report = sync.run_once()
    assert report.ok and report.acked == 4
    assert store.sync.status().consecutive_failures == 0
    assert_in_sync(store, platform)


def test_a_lost_acknowledgement_is_retried_without_a_duplicate(
    store: Store,
    platform: FakePlatform,
    client: Any,
    clock: Any,
    catalog: Any,
    add_case: AddCase,
    platform_url: str,
) -> None:
    """The platform stores the batch, then the reply is lost (read timeout): the retry is a duplicate."""
    from sync.client import PlatformClient

    for _ in range(2):
        add_case()

    def store_then_stall(request: Request, fake: FakePlatform) -> Response:
        answer = fake._events(request)  # stored durably on the platform …
        fake.release.wait(10)  # … but the device gives up waiting before the reply comes
        return answer

    platform.inject("events", store_then_stall)
    with PlatformClient(
        platform_url, device_id=store.device_id, secret=platform.secret, timeout=(1.0, 0.4)
    ) as impatient:
        lost = SyncService(store, impatient, clock, lambda: catalog, pull_catalog=False).run_once()
    platform.release.set()
    assert not lost.ok and lost.error_code == "timeout" and lost.acked == 0
    assert len(platform.stored_for(store.device_id)) == 2 and store.pending_count() == 2
    retry = SyncService(store, client, clock, lambda: catalog, pull_catalog=False).run_once()
    assert retry.ok and (retry.acked, retry.duplicates) == (2, 2)
    assert_in_sync(store, platform)


def test_duplicate_delivery_of_a_whole_batch_changes_nothing(
    store: Store, platform: FakePlatform, sync: SyncService, add_case: AddCase, client: Any, catalog: Catalog
) -> None:
    from sync.push import wire_event

    add_case()
    assert sync.run_once().ok
    events = [wire_event(e, catalog.version) for e in device_events(store).values()]
    replay = client.push_events(events)
    assert [r["status"] for r in replay["receipts"]] == ["duplicate"]
    assert platform.inserts == 1
    assert_in_sync(store, platform)


def test_same_key_different_content_quarantines_only_that_case(
    store: Store, platform: FakePlatform, sync: SyncService, add_case: AddCase, cases: CaseService
) -> None:
    bad, good = add_case(), add_case()
    bad_seq = store.events_for(bad.number)[0].seq
    # The platform already holds something else under (device, seq): e.g. a restored old backup.
    from tests.sync.client.fake_platform import StoredEvent

    platform.events[(store.device_id, bad_seq)] = StoredEvent({"other": "content"}, "R-x", "t")
    cases.evaluate(bad.number, 4)  # a later event of the quarantined case
    cases.evaluate(good.number, 5)
    report = sync.run_once()
    assert report.ok, "a rejected case is not a failed round"
    assert report.quarantined == (bad.number,)
    quarantine = store.sync.quarantined()
    assert [(q.case_number, q.seq, q.code) for q in quarantine] == [(bad.number, bad_seq, "conflict")]
    assert quarantine[0].message == "同一事件内容不一致"
    assert all(e.acked_at is None for e in store.events_for(bad.number))
    assert all(e.acked_at is not None for e in store.events_for(good.number))
    # Its later event was never sent; the next round leaves the case alone.
    later = store.events_for(bad.number)[1].seq
    assert (store.device_id, later) not in platform.events
    assert sync.run_once().pushed == 0
    platform.events.pop((store.device_id, bad_seq))
    platform.inserts = len(platform.stored_for(store.device_id))
    assert store.sync.release(bad.number)
    assert sync.run_once().acked == 2
    assert_in_sync(store, platform)


def test_an_invalid_event_quarantines_its_case_and_the_others_go_on(
    store: Store, platform: FakePlatform, sync: SyncService, add_case: AddCase
) -> None:
    bad = add_case()
    others = [add_case() for _ in range(4)]
    platform.invalid_cases.add(bad.number)
    report = sync.run_once()
    assert report.ok and report.quarantined == (bad.number,) and report.acked == 4
    assert store.sync.quarantined()[0].code == contract.ErrorCode.INVALID_EVENT
    assert_in_sync(store, platform, held={bad.number})
    assert all(store.events_for(c.number)[0].acked_at for c in others)


def test_a_missing_attachment_is_uploaded_again_and_the_event_retried(
    store: Store, platform: FakePlatform, sync: SyncService, add_case: AddCase
) -> None:
    case = add_case(page(7))
    (sha,) = [a for item in case.items for a in item.attachments]
    store.sync.mark_uploaded(sha)  # the device believes the platform has it; the platform lost it
    report = sync.run_once()
    assert report.ok and report.acked == 1 and report.attachments_uploaded == 1
    assert platform.uploads[sha].complete
    assert_in_sync(store, platform)


def test_an_upload_cut_halfway_resumes_at_the_platforms_offset(
    store: Store, platform: FakePlatform, sync: SyncService, add_case: AddCase
) -> None:
    add_case(page(9, 2000))  # 2006 bytes: 8 chunks of 256
    puts: list[int] = []

    def cut_after_three(request: Request, fake: FakePlatform) -> Response | None:
        if request.method == "PUT":
            puts.append(int(request.args["offset"]))
            if len(puts) == 4:
                return Response(status=500)
        return None

    platform.inject("attachments", *([cut_after_three] * 40))
    first = sync.run_once()
    assert not first.ok and first.bytes_uploaded == 3 * 256
    (upload,) = platform.uploads.values()
    assert len(upload.data) == 768 and not upload.complete
    second = sync.run_once()
    assert second.ok and second.acked == 1
    assert puts[4] == 768, "the second round continued where the platform stopped"
    assert puts == [0, 256, 512, 768, 768, 1024, 1280, 1536, 1792]
    assert second.bytes_uploaded == 2006 - 768
    assert_in_sync(store, platform)


def test_progress_counts_events_and_bytes(
    store: Store, platform: FakePlatform, client: Any, clock: Any, catalog: Any, add_case: AddCase
) -> None:
    for n in range(5):
        add_case(page(n, 500))
    seen: list[SyncProgress] = []
    service = SyncService(
        store, client, clock, lambda: catalog, seen.append, chunk_bytes=300, batch_size=2, pull_catalog=False
    )
    assert service.run_once().ok
    last = seen[-1]
    assert (last.events_done, last.events_total) == (5, 5)
    assert last.bytes_done == last.bytes_total == 5 * 506
    # one batch at a time: its attachments, then its events (the stage switches back and forth)
    pushing = [p.events_done for p in seen if p.stage == "pushing"]
    assert pushing == sorted(pushing) and list(dict.fromkeys(pushing)) == [0, 2, 4, 5]
    runs = [stage for stage, _ in itertools.groupby(p.stage for p in seen if p.stage != "pulling")]
    assert runs == ["uploading", "pushing"] * 3
    assert_in_sync(store, platform)


def test_the_outbox_is_opened_one_batch_at_a_time(
    store: Store,
    platform: FakePlatform,
    client: Any,
    clock: Any,
    catalog: Any,
    add_case: AddCase,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A device back from days offline must not open its whole outbox at once (memory, and the GUI
    thread's collector scanning every decoded body): no read returns more than one batch."""
    for n in range(5):
        add_case(page(n, 100))
    opened: list[int] = []
    read = store.pending_events

    def pending_events(limit: int | None = None, *, after_seq: int = 0) -> list[StoredEvent]:
        events = read(limit, after_seq=after_seq)
        opened.append(len(events))
        return events

    monkeypatch.setattr(store, "pending_events", pending_events)
    service = SyncService(store, client, clock, lambda: catalog, batch_size=2, pull_catalog=False)
    assert service.run_once().ok
    assert max(opened) == 2 and sum(opened) == 5
    assert_in_sync(store, platform)
