"""The client SIGKILLed mid-round — mid-upload, after the platform stored a batch, at random
moments — and restarted: nothing lost, nothing twice (research/anchors-mission.md §3.1, §3.2)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from werkzeug import Request, Response

from core.cases.model import Case
from core.crypto import KEY_FILE_ENV
from core.store.store import Store
from core.store.sync_state import Enrollment
from sync.service import SyncService
from tests.sync.client.conftest import assert_in_sync, page
from tests.sync.client.fake_platform import FakePlatform

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

CHILD = Path(__file__).with_name("child_sync.py")
AddCase = Callable[..., Case]


@pytest.fixture
def spawn(data_dir: Path, enrolled: Enrollment) -> Iterator[Callable[[int, int], subprocess.Popen[str]]]:
    children: list[subprocess.Popen[str]] = []
    env = {k: v for k, v in os.environ.items() if k != KEY_FILE_ENV}

    def start(chunk_bytes: int, batch_size: int) -> subprocess.Popen[str]:
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(data_dir), str(chunk_bytes), str(batch_size)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        children.append(child)
        return child

    yield start
    for child in children:
        if child.poll() is None:
            child.kill()
        child.wait(10)
        if child.stdout:
            child.stdout.close()


def _kill(child: subprocess.Popen[str]) -> None:
    child.send_signal(signal.SIGKILL)
    assert child.wait(10) == -signal.SIGKILL


def _block_when(
    condition: Callable[[Request], bool], reached: threading.Event
) -> Callable[[Request, FakePlatform], Response | None]:
    """A fault hook: the matching request is processed, then its reply is held until the test lets go."""

    def hook(request: Request, fake: FakePlatform) -> Response | None:
        if not condition(request):
            return None
        route = request.path.removeprefix("/api/v1/").split("/")[0]
        answer: Response = getattr(fake, f"_{route}")(request)
        reached.set()
        fake.release.wait(20)
        return answer

    return hook


def test_killed_after_the_platform_stored_a_batch(
    store: Store, platform: FakePlatform, sync: SyncService, add_case: AddCase, spawn: Any
) -> None:
    for _ in range(5):
        add_case()
    reached = threading.Event()
    platform.inject("events", _block_when(lambda r: True, reached))
    child = spawn(256, 3)
    assert reached.wait(20), "the child never posted a batch"
    _kill(child)
    platform.release.set()
    assert len(platform.stored_for(store.device_id)) == 3 and store.pending_count() == 5
    report = sync.run_once()  # restarted
    assert report.ok and report.duplicates == 3 and report.acked == 5
    assert_in_sync(store, platform)


def test_killed_mid_upload_resumes_from_the_platforms_offset(
    store: Store, platform: FakePlatform, sync: SyncService, add_case: AddCase, spawn: Any
) -> None:
    add_case(page(1, 3000))
    reached = threading.Event()
    offsets: list[int] = []

    def third_chunk(request: Request) -> bool:
        if request.method != "PUT":
            return False
        offsets.append(int(request.args["offset"]))
        return len(offsets) == 3

    platform.inject("attachments", *([_block_when(third_chunk, reached)] * 30))
    child = spawn(256, 200)
    assert reached.wait(20)
    _kill(child)
    platform.release.set()
    (upload,) = platform.uploads.values()
    assert len(upload.data) == 768 and not upload.complete
    report = sync.run_once()
    assert report.ok and report.acked == 1
    assert offsets[3] == 768 and report.bytes_uploaded == 3006 - 768
    assert_in_sync(store, platform)


@pytest.mark.slow
def test_killed_at_random_moments_nothing_lost_nothing_twice(
    store: Store, platform: FakePlatform, sync: SyncService, add_case: AddCase, spawn: Any
) -> None:
    rng = random.Random(20261123)
    slow = threading.Event()  # never set: each request takes a little while, so kills land mid-round

    def delay(request: Request, fake: FakePlatform) -> None:
        slow.wait(0.005)
        return None

    killed = 0
    stored_each: list[int] = []
    for trial in range(6):
        for n in range(6):
            add_case(page(trial * 10 + n, 700)) if n % 2 else add_case()
        platform.inject("events", *([delay] * 100))
        platform.inject("attachments", *([delay] * 100))
        child = spawn(256, 2)
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.5))  # a random moment of the round: the point of this test
        if child.poll() is None:
            # SIGKILL; a child that ended its round between poll() and the signal counts as not killed.
            child.send_signal(signal.SIGKILL)
            code = child.wait(10)
            assert code in (0, -signal.SIGKILL), f"the child ended with {code}"
            killed += code == -signal.SIGKILL
        platform.faults.clear()
        stored_each.append(len(platform.stored_for(store.device_id)))
    report = sync.run_once()
    assert report.ok and store.pending_count() == 0
    assert_in_sync(store, platform)
    assert killed >= 2, f"too few trials killed the child mid-round (stored after each: {stored_each})"
