"""The real drivers against real endpoints: TCP against PrinterSimulator, serial over a pty, file:, cups: with a fake lp."""

from __future__ import annotations

import os
import select
import socket
import stat
import sys
import threading
import time
import tty
from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.errors import (
    DeviceDisconnected,
    DeviceNotFound,
    DeviceTimeout,
    DeviceUnavailableFeature,
    DeviceUriError,
)
from devices.printer import PrinterCoverOpen, PrinterOffline, PrinterPaperOut, ReceiptPrinter
from devices.printer.escpos_printer import SimulatedPrinter, fonts_for_uri, open_printer, print_receipt
from devices.printer.inspect import EscPosDecoder, decode_escpos
from devices.printer.profiles import DEFAULT_PROFILE, get_profile
from devices.printer.render import ReceiptLayoutError, render_receipt
from devices.printer.simulator import PrinterSimulator
from devices.uri import parse_device_uri
from tests.devices.printer.printer_samples import NOTO_CJK, QR_PAYLOAD, Block, Receipt, acceptance_receipt

PROFILE = get_profile(DEFAULT_PROFILE)
RECEIPT = acceptance_receipt()
DATA = render_receipt(RECEIPT, PROFILE).data
STATUS = b"\x10\x04\x01\x10\x04\x02\x10\x04\x04"


@pytest.fixture
def sim() -> Iterator[PrinterSimulator]:
    with PrinterSimulator() as simulator:
        yield simulator


@pytest.fixture
def printer(sim: PrinterSimulator) -> Iterator[ReceiptPrinter]:
    opened = open_printer(sim.uri, 1.0)
    yield opened
    opened.close()


def test_healthy_print_sends_status_receipt_status(sim: PrinterSimulator, printer: ReceiptPrinter) -> None:
    result = print_receipt(printer, RECEIPT, PROFILE)
    assert result.confirmed and result.bytes_sent == len(DATA)
    assert result.status_after.online and not result.paper_near_end
    assert sim.received == STATUS + DATA + STATUS
    assert any(op.text == QR_PAYLOAD for op in decode_escpos(sim.connections()[0]))


def test_paper_near_end_still_prints_and_says_so(sim: PrinterSimulator, printer: ReceiptPrinter) -> None:
    sim.set_paper("near_end")
    assert print_receipt(printer, RECEIPT, PROFILE).paper_near_end


def test_paper_out_before_refuses_and_sends_nothing(sim: PrinterSimulator, printer: ReceiptPrinter) -> None:
    sim.set_paper("out")
    with pytest.raises(PrinterPaperOut) as caught:
        print_receipt(printer, RECEIPT, PROFILE)
    assert caught.value.message == "打印机缺纸，请装纸后重试"
    assert caught.value.sent is False
    assert sim.received == STATUS


def test_paper_out_reported_after_sending_raises_so_the_job_is_kept(
    sim: PrinterSimulator, printer: ReceiptPrinter
) -> None:
    sim.paper_out_after(len(DATA) // 2)
    with pytest.raises(PrinterPaperOut) as caught:
        print_receipt(printer, RECEIPT, PROFILE)
    assert caught.value.sent is True
    assert "补打" in caught.value.message
    assert caught.value.status.paper_ok is False


def test_offline_and_cover_open_are_refused(sim: PrinterSimulator, printer: ReceiptPrinter) -> None:
    sim.set_offline(True)
    with pytest.raises(PrinterOffline, match="离线"):
        print_receipt(printer, RECEIPT, PROFILE)
    sim.set_offline(False)
    sim.set_cover_open(True)
    with pytest.raises(PrinterCoverOpen, match="盖"):
        print_receipt(printer, RECEIPT, PROFILE)
    sim.set_cover_open(False)
    assert print_receipt(printer, RECEIPT, PROFILE).confirmed  # recovers on the same connection


def test_connection_closed_mid_job_is_a_disconnect(sim: PrinterSimulator, printer: ReceiptPrinter) -> None:
    sim.close_after(len(DATA) // 3)
    with pytest.raises(DeviceDisconnected, match="连接中断"):
        print_receipt(printer, RECEIPT, PROFILE)


def test_a_printer_that_does_not_answer_times_out(sim: PrinterSimulator) -> None:
    sim.set_silent(True)
    printer = open_printer(sim.uri, 0.3)
    started = time.monotonic()
    try:
        with pytest.raises(DeviceTimeout, match="无响应"):
            print_receipt(printer, RECEIPT, PROFILE)
    finally:
        printer.close()
    assert time.monotonic() - started < 2
    assert sim.wait_for_bytes(3, 1) and sim.received == b"\x10\x04\x01"


def test_a_printer_that_stops_reading_makes_send_time_out(sim: PrinterSimulator) -> None:
    printer = open_printer(sim.uri, 0.3)
    sim.set_stalled(True)
    try:
        with pytest.raises(DeviceTimeout):
            printer.send(bytes(64 * 1024 * 1024))  # more than both socket buffers hold
    finally:
        printer.close()


def test_nothing_listening_is_device_not_found() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(DeviceNotFound, match="连接不到打印机"):
        open_printer(f"tcp:127.0.0.1:{port}", 0.5)


def test_status_query_split_across_tcp_reads_is_answered(sim: PrinterSimulator) -> None:
    with socket.create_connection(("127.0.0.1", sim.port), timeout=2) as conn:
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for part in (b"\x1b@\x10", b"\x04", b"\x04"):
            conn.sendall(part)
            time.sleep(0.15)  # the simulator reads each part separately
        assert conn.recv(16) == b"\x12"
        sim.set_paper("out")
        conn.sendall(b"\x10\x04\x04")
        assert conn.recv(16) == b"\x72"


def test_sim_uri_starts_a_simulator_behind_the_real_tcp_driver(tmp_path: Path) -> None:
    out = tmp_path / "sim.bin"
    printer = open_printer(f"sim:{out}", 1.0)
    assert isinstance(printer, SimulatedPrinter)
    try:
        printer.simulator.set_paper("near_end")
        assert print_receipt(printer, RECEIPT, PROFILE).paper_near_end
    finally:
        printer.close()
    assert out.read_bytes() == STATUS + DATA + STATUS


def test_file_transport_appends_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "receipts.bin"
    printer = open_printer(f"file:{path}", 1.0)
    try:
        result = print_receipt(printer, RECEIPT, PROFILE)
        print_receipt(printer, RECEIPT, PROFILE)
    finally:
        printer.close()
    assert not result.confirmed and not result.status_after.readable
    assert path.read_bytes() == DATA + DATA


def test_file_transport_missing_device_node() -> None:
    with pytest.raises(DeviceNotFound, match="/dev/usb/no-such-lp"):
        open_printer("file:/dev/usb/no-such-lp", 1.0)


def _fake_lp(bin_dir: Path, script: str) -> None:
    bin_dir.mkdir(exist_ok=True)
    lp = bin_dir / "lp"
    lp.write_text("#!/bin/sh\n" + script)
    lp.chmod(lp.stat().st_mode | stat.S_IXUSR)


@pytest.mark.skipif(sys.platform == "win32", reason="shell-script lp")
def test_cups_transport_pipes_raw_bytes_to_lp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_lp(
        tmp_path / "bin", f'echo "$@" > {tmp_path}/args\ncat > {tmp_path}/job\necho "request id is R-1"\n'
    )
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    printer = open_printer("cups:Receipt", 2.0)
    result = print_receipt(printer, RECEIPT, PROFILE)
    assert not result.confirmed
    assert (tmp_path / "job").read_bytes() == DATA
    assert (tmp_path / "args").read_text().split()[:4] == ["-d", "Receipt", "-o", "raw"]


@pytest.mark.skipif(sys.platform == "win32", reason="shell-script lp")
def test_cups_errors_are_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    system_path = os.environ["PATH"]
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(DeviceNotFound, match="CUPS"):
        open_printer("cups:Receipt", 1.0)
    _fake_lp(
        tmp_path / "bin", "cat >/dev/null\necho 'lp: The printer or class does not exist.' >&2\nexit 1\n"
    )
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{system_path}")
    with pytest.raises(DeviceNotFound, match="Receipt"):
        open_printer("cups:Receipt", 1.0).send(DATA)
    _fake_lp(tmp_path / "bin", "exec sleep 5\n")
    with pytest.raises(DeviceTimeout):
        open_printer("cups:Receipt", 0.3).send(DATA)


def test_usb_without_pyusb_or_device_is_a_clear_error() -> None:
    with pytest.raises((DeviceUnavailableFeature, DeviceNotFound), match="USB"):
        open_printer("usb:0x0416:0x5011", 1.0)


def test_not_a_printer_uri() -> None:
    with pytest.raises(DeviceUriError):
        open_printer("camera:0", 1.0)
    with pytest.raises(DeviceUriError):
        open_printer("tcp:nohost", 1.0)


class _PtyPrinter:
    """A serial printer on the master side of a pty: records bytes, answers DLE EOT with 0x12."""

    def __init__(self) -> None:
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)  # otherwise the slave echoes and rewrites line ends (§6.1)
        self.path = os.ttyname(self.slave)
        self.received = bytearray()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pty-printer")

    def _run(self) -> None:
        decoder = EscPosDecoder()
        while not self._stop.is_set():
            if not select.select([self.master], [], [], 0.05)[0]:
                continue
            data = os.read(self.master, 4096)
            self.received += data
            queries = sum(op.name == "status_query" for op in decoder.feed(data))
            os.write(self.master, b"\x12" * queries)

    def __enter__(self) -> _PtyPrinter:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        os.close(self.master)
        os.close(self.slave)


@pytest.mark.skipif(sys.platform == "win32", reason="pty")
def test_serial_transport_over_a_pty() -> None:
    with _PtyPrinter() as device:
        printer = open_printer(f"serial:{device.path}?baudrate=115200", 1.0)
        try:
            result = print_receipt(printer, RECEIPT, PROFILE)
        finally:
            printer.close()
        assert result.confirmed
        assert bytes(device.received) == STATUS + DATA + STATUS


def test_serial_port_missing() -> None:
    with pytest.raises(DeviceNotFound, match="串口"):
        open_printer("serial:/dev/ttyNOSUCH0", 0.5)


def test_stale_bytes_do_not_shift_status_replies(sim: PrinterSimulator, printer: ReceiptPrinter) -> None:
    sim.set_paper("near_end")
    printer.send(b"\x10\x04\x04")  # an unsolicited query: its reply 0x1E waits unread in the socket
    assert sim.wait_for_bytes(3, 1)
    time.sleep(0.2)
    status = printer.status()
    assert status.online and status.paper_near_end and status.raw == b"\x12\x12\x1e"


def test_a_receipt_that_cannot_be_laid_out_sends_nothing(
    sim: PrinterSimulator, printer: ReceiptPrinter
) -> None:
    bad = Receipt("receipt", "受理回执", (Block("table", "x"),))
    with pytest.raises(ReceiptLayoutError):
        print_receipt(printer, bad, PROFILE)
    time.sleep(0.1)
    assert sim.received == b""


@pytest.mark.skipif(not NOTO_CJK.is_file(), reason="Noto Sans CJK (fonts-noto-cjk) is not installed")
def test_font_option_in_the_uri_comes_first() -> None:
    assert fonts_for_uri(parse_device_uri("tcp:10.0.0.5:9100")) is None
    fonts = fonts_for_uri(parse_device_uri(f"tcp:10.0.0.5:9100?font={NOTO_CJK}"))
    assert fonts is not None and fonts[0].path == NOTO_CJK
