"""The GUIs' DeviceBridge wires core's card rules into the reader: a card they refuse never becomes card_read."""

from __future__ import annotations

from dataclasses import replace

from pytestqt.qtbot import QtBot

from devices.id_reader.simulator import IdReaderSimulator
from devices.manager import DeviceHealth
from qtkit.bridge import DeviceBridge
from qtkit.tasks import TaskRunner
from tests.card_samples import VALID

CARD = VALID


def test_a_card_core_refuses_is_reported_not_read(qtbot: QtBot, runner: TaskRunner) -> None:
    # The chip holds the number of issue #10 with its check character wrong: the chip format is
    # fine (18 digits), only core's GB 11643 rule can refuse it.
    bad = replace(CARD, id_number=CARD.id_number[:-1] + "4")
    bridge = DeviceBridge({"id_reader": "sim?card=none&cycle=0"}, runner)
    cards: list[object] = []
    health: list[DeviceHealth] = []
    bridge.card_read.connect(cards.append)
    bridge.device_health_changed.connect(health.append)
    try:
        with qtbot.waitSignal(bridge.devices_started, timeout=20_000):
            bridge.start()
        simulator: IdReaderSimulator = bridge.manager.simulators.id_reader  # type: ignore[attr-defined]
        simulator.place_card(bad)
        qtbot.waitUntil(lambda: any("校验位" in h.message for h in health), timeout=20_000)
        at, refused = next((i, h) for i, h in enumerate(health) if "校验位" in h.message)
        assert refused.ok is False and "check character" in refused.detail
        assert cards == [] and simulator.counts()["30 10"] == 3  # read three times, then given up
        # The reader no longer finds the card it gave up on (§1.10 step 5); then the next is placed.
        qtbot.waitUntil(lambda: any(h.message == "就绪，请放置证件" for h in health[at:]), timeout=20_000)
        simulator.place_card(CARD)  # the right card reads
        qtbot.waitUntil(lambda: bool(cards), timeout=20_000)
        assert cards == [CARD]
    finally:
        bridge.stop()
