"""The real SerialIdReader against the byte-faithful simulator: every card type, every fault, debounce, unplug."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from devices.errors import DeviceDisconnected, DeviceNotFound, DeviceProtocolError, DeviceTimeout
from devices.id_reader import IdCard, ReaderState, SamStatusError
from devices.id_reader.card_file import SimCard
from devices.id_reader.serial_reader import SerialIdReader, read_one_card
from devices.id_reader.sim_machine import Fault
from devices.id_reader.simulator import IdReaderSimulator
from tests.devices.id_reader.conftest import MakeReader
from tests.devices.id_reader.id_reader_support import Recorder, wait_until


def started(
    make_reader: MakeReader, sim: IdReaderSimulator, recorder: Recorder, **options: float | bool
) -> SerialIdReader:
    reader = make_reader(sim.uri, **options)
    reader.start(recorder.on_card, recorder.on_error, recorder.on_state)
    return reader


@pytest.mark.parametrize(
    "index", range(5), ids=["mother", "father_long_term", "hk_permit", "foreign_2023", "foreign_2017"]
)
def test_every_card_type_reads_over_a_pty(
    sim: IdReaderSimulator, make_reader: MakeReader, demo_cards: list[SimCard], index: int
) -> None:
    recorder = Recorder()
    sim.place_card(index)
    started(make_reader, sim, recorder)
    card = recorder.wait_cards(1)
    assert card == demo_cards[index].card  # every field, photo and fingerprints included
    assert recorder.states[:2] == ["connected", "reading"]  # the card was on the reader at start
    assert recorder.threads == {f"id-reader:{sim.uri}"}  # callbacks come from the owner thread
    assert sim.counts()["30 10"] == 1  # text + photo + fingerprint by default


def test_text_and_photo_only_read_uses_30_01(sim: IdReaderSimulator, make_reader: MakeReader) -> None:
    recorder = Recorder()
    sim.place_card(0)
    started(make_reader, sim, recorder, fingerprint=False)
    card = recorder.wait_cards(1)
    assert card.fingerprint is None and len(card.photo_wlt) == 1024
    assert sim.counts().get("30 01") == 1 and "30 10" not in sim.counts()


def test_reads_over_tcp_and_through_the_blocking_helper(
    tcp_sim: IdReaderSimulator, demo_cards: list[SimCard]
) -> None:
    assert tcp_sim.uri.startswith("tcp:127.0.0.1:")
    tcp_sim.place_card(2)
    assert read_one_card(tcp_sim.uri, timeout=5) == demo_cards[2].card
    tcp_sim.place_card(1)
    assert read_one_card(tcp_sim.port, timeout=5) == demo_cards[1].card  # socket:// form too


def test_one_read_per_placement_when_the_reader_refuses_to_refind(
    sim: IdReaderSimulator, make_reader: MakeReader
) -> None:
    # Standard readers answer 80 to find right after a read (§1.10 step 5).
    recorder = Recorder()
    sim.place_card(0)
    started(make_reader, sim, recorder)
    recorder.wait_cards(1)
    polls = sim.counts()["20 01"]
    wait_until(lambda: sim.counts()["20 01"] >= polls + 10, what="ten more polls")
    assert len(recorder.cards) == 1 and sim.counts()["30 10"] == 1
    sim.remove_card()
    sim.place_card(1)
    assert recorder.wait_cards(2).name == "李建国"
    assert sim.counts()["30 10"] == 2


def test_driver_debounces_readers_that_keep_finding_the_card(
    demo_cards: list[SimCard], make_reader: MakeReader
) -> None:
    with IdReaderSimulator(demo_cards, refind_after_read=True) as sim:
        recorder = Recorder()
        sim.place_card(0)
        started(make_reader, sim, recorder)
        recorder.wait_cards(1)
        polls = sim.counts()["20 01"]
        wait_until(lambda: sim.counts()["20 01"] >= polls + 10, what="ten more polls")
        assert len(recorder.cards) == 1 and sim.counts()["30 10"] == 1
        assert recorder.states[-1] == "awaiting_removal"
        sim.remove_card()
        recorder.wait_state("no_card", after=len(recorder.states) - 1)
        sim.place_card(0)
        recorder.wait_cards(2)
        assert sim.counts()["30 10"] == 2


def test_no_card_reports_state_and_read_once_times_out(
    sim: IdReaderSimulator, make_reader: MakeReader
) -> None:
    recorder = Recorder()
    reader = started(make_reader, sim, recorder)
    recorder.wait_state("no_card")
    with pytest.raises(DeviceTimeout, match="没有读到证件"):
        reader.read_once(timeout=0.2)
    assert recorder.errors == [] and recorder.cards == []


@pytest.mark.parametrize(
    "faults", [(Fault.STRAY_BYTES,), (Fault.SPLIT_WRITES,), (Fault.STRAY_BYTES, Fault.SPLIT_WRITES)]
)
def test_line_noise_and_split_writes_are_absorbed(
    sim: IdReaderSimulator, make_reader: MakeReader, demo_cards: list[SimCard], faults: tuple[Fault, ...]
) -> None:
    recorder = Recorder()
    sim.set_fault(*faults)
    sim.place_card(3)
    started(make_reader, sim, recorder)
    assert recorder.wait_cards(1) == demo_cards[3].card
    assert recorder.errors == []


@pytest.mark.parametrize(
    ("fault", "error_type", "text"),
    [
        (Fault.BAD_CHECKSUM, DeviceProtocolError, "校验和"),
        (Fault.TRUNCATED, DeviceProtocolError, "不完整"),
        (Fault.READ_FAILURE, SamStatusError, "读证件失败"),
        (Fault.SELECT_FAILURE, SamStatusError, "选取证件失败"),
    ],
)
def test_card_faults_are_reported_once_then_the_next_placement_reads(
    sim: IdReaderSimulator, make_reader: MakeReader, fault: Fault, error_type: type[Exception], text: str
) -> None:
    recorder = Recorder()
    sim.set_fault(fault)
    sim.place_card(0)
    started(make_reader, sim, recorder)
    error = recorder.wait_errors(1)
    assert isinstance(error, error_type) and text in error.message
    polls = sim.counts()["20 01"]
    wait_until(lambda: sim.counts()["20 01"] >= polls + 5, what="more polls")
    assert len(recorder.errors) == 1 and recorder.cards == []  # not repeated for the same placement
    sim.set_fault()
    sim.remove_card()  # a person takes the card away (seen by the driver) and puts one down
    recorder.wait_state("no_card", after=recorder.states.index("awaiting_removal"))
    sim.place_card(1)
    assert recorder.wait_cards(1).name == "李建国"


def test_sam_fault_and_recovery(sim: IdReaderSimulator, make_reader: MakeReader) -> None:
    recorder = Recorder()
    sim.set_fault(Fault.SAM_FAULT)
    started(make_reader, sim, recorder)
    error = recorder.wait_errors(1)
    assert isinstance(error, SamStatusError) and error.sw3 == 0x60 and "自检失败" in error.message
    assert recorder.wait_state("fault") >= 0
    sim.set_fault()
    sim.place_card(0)
    recorder.wait_cards(1)
    assert "connected" in recorder.states[recorder.states.index("fault") :]


def test_silent_reader_is_not_responding_then_recovers(
    sim: IdReaderSimulator, make_reader: MakeReader
) -> None:
    recorder = Recorder()
    sim.set_fault(Fault.SILENT)
    reader = started(make_reader, sim, recorder)
    error = recorder.wait_errors(1)
    assert isinstance(error, DeviceTimeout) and "没有应答" in error.message
    recorder.wait_state("not_responding")
    with pytest.raises(DeviceTimeout, match="没有应答"):  # read_once names the real trouble
        reader.read_once(timeout=0.2)
    sim.set_fault()
    sim.place_card(0)
    recorder.wait_cards(1)
    assert len(recorder.errors) == 1


@pytest.mark.parametrize("transport", ["pty", "tcp"])
def test_unplug_reports_disconnected_and_replug_reconnects_without_restart(
    demo_cards: list[SimCard], make_reader: MakeReader, transport: str
) -> None:
    with IdReaderSimulator(demo_cards, transport=transport) as sim:  # type: ignore[arg-type]
        recorder = Recorder()
        reader = started(make_reader, sim, recorder)
        recorder.wait_state("no_card")
        sim.unplug()
        at = recorder.wait_state("disconnected")
        assert isinstance(recorder.wait_errors(1), DeviceDisconnected)
        time.sleep(0.2)  # several failed reconnection attempts while unplugged
        assert recorder.states[at:] == ["disconnected"] and len(recorder.errors) == 1
        sim.replug()
        recorder.wait_state("connected", after=at)
        sim.place_card(1)
        assert recorder.wait_cards(1).name == "李建国"
        assert reader.running


def test_reader_started_before_the_port_exists_connects_when_it_appears(
    demo_cards: list[SimCard], make_reader: MakeReader
) -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    recorder = Recorder()
    reader = make_reader(f"tcp:127.0.0.1:{port}")
    reader.start(recorder.on_card, recorder.on_error, recorder.on_state)
    recorder.wait_state("disconnected")
    assert isinstance(recorder.wait_errors(1), DeviceNotFound)
    with IdReaderSimulator(demo_cards, transport="tcp", tcp_port=port) as sim:
        sim.place_card(0)
        assert recorder.wait_cards(1).name == "陈晓梅"


def test_read_one_card_on_a_missing_port_fails_at_once() -> None:
    started_at = time.monotonic()
    with pytest.raises(DeviceNotFound, match="找不到身份证阅读器"):
        read_one_card("serial:/nonexistent/ttyIDR9?baudrate=115200", timeout=5)
    assert time.monotonic() - started_at < 2


def test_read_once_alongside_callbacks_and_start_adopting_its_thread(
    sim: IdReaderSimulator, make_reader: MakeReader
) -> None:
    recorder = Recorder()
    reader = make_reader(sim.uri)
    result: list[IdCard] = []
    waiter = threading.Thread(target=lambda: result.append(reader.read_once(timeout=5)), name="test-waiter")
    waiter.start()
    wait_until(lambda: reader.running, what="owner thread")
    reader.start(recorder.on_card, recorder.on_error, recorder.on_state)  # adopts the running thread
    sim.place_card(0)
    waiter.join(5)
    assert result and recorder.wait_cards(1) == result[0]
    assert reader.running  # start() made it permanent
    with pytest.raises(RuntimeError):
        reader.start(recorder.on_card, recorder.on_error, recorder.on_state)


def test_faulty_callbacks_do_not_kill_the_owner_thread(
    sim: IdReaderSimulator, make_reader: MakeReader, caplog: pytest.LogCaptureFixture
) -> None:
    recorder = Recorder(raise_in="card")
    sim.place_card(0)
    reader = started(make_reader, sim, recorder)
    recorder.wait_cards(1)
    recorder.wait_state("no_card")  # the reader answers 80 after a read (§1.10 step 5)
    sim.place_card(1)
    recorder.wait_cards(2)
    assert reader.running and "on_card callback failed" in caplog.text


def test_stop_from_inside_a_callback_and_prompt_stop_during_a_silent_read(
    sim: IdReaderSimulator, make_reader: MakeReader
) -> None:
    reader = make_reader(sim.uri, read_timeout=30.0, response_timeout=30.0)
    stopped = threading.Event()

    def on_state(state: str) -> None:
        if state == ReaderState.CONNECTED:
            sim.set_fault(Fault.SILENT)  # the next exchange waits for an answer that never comes
        if state == ReaderState.STOPPED:
            stopped.set()

    reader.start(lambda card: None, lambda error: None, on_state)
    wait_until(lambda: sim.counts().get("20 01", 0) >= 1, what="a silent poll")
    began = time.monotonic()
    reader.stop()
    assert time.monotonic() - began < 1.0 and stopped.is_set() and not reader.running

    inner = make_reader(sim.uri)
    sim.set_fault()
    sim.place_card(0)
    inner.start(lambda card: inner.stop(), lambda error: None, lambda state: None)
    wait_until(lambda: not inner.running, what="stop from on_card")
