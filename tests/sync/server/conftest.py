"""Fixtures: a real reference platform on 127.0.0.1 (port 0, its own thread) and enrolled devices."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from sync.server.config import PlatformConfig
from sync.server.runner import ThreadedPlatform, Tls
from sync.server.service import PlatformService
from tests.sync.server.platform_kit import Device, Factory, new_code

FAST = (0.01, 0.03)  # department delays: fast, but still a real wait on the simulator thread


@pytest.fixture
def platform_factory(tmp_path: Path) -> Iterator[Factory]:
    """Start platforms on demand; every one is stopped (with its threads) at the end of the test.

    No demo data unless asked (``seeds=("demo",)``): hashing the demo passwords is the slowest
    part of a start.
    """
    started: list[ThreadedPlatform] = []

    def start(
        *, db: Path | None = None, tls: Tls | None = None, seeds: tuple[str, ...] = (), **options: Any
    ) -> ThreadedPlatform:
        options.setdefault("dept_delay", FAST)
        options.setdefault("seed", 7)
        options.setdefault("faults_enabled", True)
        config = PlatformConfig(db_path=db or tmp_path / f"platform-{len(started)}.db", **options)
        running = ThreadedPlatform(PlatformService.build(config, seeds=seeds), tls=tls)
        started.append(running)
        return running.start()

    yield start
    for running in started:
        running.stop()


@pytest.fixture
def platform(platform_factory: Factory) -> ThreadedPlatform:
    return platform_factory()


@pytest.fixture
def enrolled(platform: ThreadedPlatform) -> Callable[..., Device]:
    """Make devices enrolled on ``platform`` (device numbers 1, 2, … unless given)."""
    count = 0

    def make(device_no: int | None = None) -> Device:
        nonlocal count
        count += 1
        device = Device(platform.url, uuid.uuid4().hex)
        response = device.enroll(new_code(platform), device_no=device_no or count)
        assert response.status_code == 200, response.text
        return device

    return make


@pytest.fixture
def device(enrolled: Callable[..., Device]) -> Device:
    return enrolled()
