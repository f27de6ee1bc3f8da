"""Fixtures for the ID-card reader tests: demo cards, simulators on a pty and on TCP, fast readers."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest

from devices.id_reader.card_file import SimCard, demo_cards_path, load_cards
from devices.id_reader.serial_reader import SerialIdReader
from devices.id_reader.simulator import IdReaderSimulator

MakeReader = Callable[..., SerialIdReader]


@pytest.fixture(scope="session")
def demo_cards() -> list[SimCard]:
    return load_cards(demo_cards_path())


@pytest.fixture
def sim(demo_cards: list[SimCard]) -> Iterator[IdReaderSimulator]:
    """The demo cards served on a pseudo-terminal at 115200 baud, nothing on the reader yet."""
    with IdReaderSimulator(demo_cards, transport="pty", seed=7) as simulator:
        yield simulator


@pytest.fixture
def tcp_sim(demo_cards: list[SimCard]) -> Iterator[IdReaderSimulator]:
    with IdReaderSimulator(demo_cards, transport="tcp", seed=7) as simulator:
        yield simulator


@pytest.fixture
def make_reader() -> Iterator[MakeReader]:
    """Readers with test-sized intervals; every one is stopped and its thread checked at teardown."""
    readers: list[SerialIdReader] = []

    def make(target: str, **options: float | bool) -> SerialIdReader:
        settings: dict[str, float | bool] = {
            "poll_interval": 0.02,
            "response_timeout": 0.3,
            "read_timeout": 0.6,
            "reconnect_interval": 0.05,
        }
        settings.update(options)
        reader = SerialIdReader(target, **settings)  # type: ignore[arg-type]
        readers.append(reader)
        return reader

    yield make
    for reader in readers:
        reader.stop()
        assert not reader.running


@pytest.fixture(autouse=True)
def _id_reader_threads_stopped() -> Iterator[None]:
    """Our threads end when stop() returns: no grace period, unlike the suite-wide leak check."""
    yield
    alive = [t.name for t in threading.enumerate() if t.name.startswith("id-reader") and t.is_alive()]
    assert not alive, f"ID reader threads still running: {alive}"
