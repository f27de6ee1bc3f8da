"""``poll=`` on an ID reader's device URI: how often the reader is asked for a card, in ms (50-2000)."""

from __future__ import annotations

import pytest

from devices.errors import DeviceUriError
from devices.id_reader.card_file import demo_cards_path
from devices.id_reader.serial_reader import DEFAULT_POLL_INTERVAL, SerialIdReader
from devices.id_reader.simulator import IdReaderSimulator
from devices.id_reader.transport import resolve_target
from devices.simulator_rack import SimulatorRack
from tests.devices.id_reader.id_reader_support import Recorder, wait_until


def test_the_poll_option_sets_the_interval_in_milliseconds() -> None:
    assert resolve_target("serial:/dev/ttyUSB0?baudrate=115200&poll=100").poll_interval == 0.1
    assert resolve_target("tcp:127.0.0.1:9000?poll=2000").poll_interval == 2.0
    assert resolve_target("serial:/dev/ttyUSB0").poll_interval is None
    assert SerialIdReader("serial:/dev/ttyUSB0?poll=50").poll_interval == 0.05
    assert SerialIdReader("serial:/dev/ttyUSB0").poll_interval == DEFAULT_POLL_INTERVAL
    # A caller's own interval wins over the URI's (tests, read_one_card).
    assert SerialIdReader("serial:/dev/ttyUSB0?poll=500", poll_interval=0.02).poll_interval == 0.02


@pytest.mark.parametrize("value", ["0", "49", "2001", "-100", "fast", ""])
def test_a_poll_out_of_range_or_not_a_number_is_refused_in_both_languages(value: str) -> None:
    with pytest.raises(DeviceUriError) as caught:
        resolve_target(f"serial:/dev/ttyUSB0?poll={value}")
    message = caught.value.message
    assert "poll" in message and ("毫秒" in message or "整数" in message), message
    assert "poll" in caught.value.detail and caught.value.detail.isascii()


def test_a_simulated_reader_keeps_the_poll_of_its_sim_uri() -> None:
    cards = demo_cards_path()
    rack = SimulatorRack()
    try:
        resolved = rack.resolve("id_reader", f"sim:{cards}?card=none&cycle=0&poll=60")
        assert resolve_target(resolved).poll_interval == 0.06
        plain = SimulatorRack()
        try:
            assert resolve_target(plain.resolve("id_reader", f"sim:{cards}")).poll_interval is None
        finally:
            plain.stop()
    finally:
        rack.stop()


def test_a_reader_polled_at_the_uris_interval_reads_the_card(sim: IdReaderSimulator) -> None:
    reader = SerialIdReader(f"{sim.uri}&poll=50")
    recorder = Recorder()
    reader.start(recorder.on_card, recorder.on_error, recorder.on_state)
    try:
        sim.place_card(0)
        wait_until(lambda: recorder.cards, 10)
        assert recorder.cards[0].name
    finally:
        reader.stop()
