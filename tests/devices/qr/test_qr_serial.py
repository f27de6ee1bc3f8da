"""Serial scanner driver against the pty simulator (research §4.1, §6.1), and its line framing."""

from __future__ import annotations

import queue
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.errors import DeviceDisconnected, DeviceError, DeviceNotFound, DeviceTimeout, DeviceUriError
from devices.qr import ScanResult
from devices.qr.serial_scanner import LineFramer, SerialScanner, Terminator

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pty simulator is posix-only")

from devices.qr.simulator import ScannerSimulator, run_scanner_simulator  # noqa: E402

# --- framing (pure) --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("terminator", "chunks", "expected"),
    [
        (Terminator.AUTO, [b"abc\r", b"def\r\n", b"ghi\n"], [b"abc", b"def", b"ghi"]),
        (Terminator.AUTO, [b"abc\r", b"\ndef\r"], [b"abc", b"def"]),  # CRLF split across reads
        (Terminator.AUTO, [b"\r\n\r\n"], []),
        (Terminator.CR, [b"a\nb\r"], [b"a\nb"]),  # multi-line payload (vCard) with CR suffix
        (Terminator.LF, [b"a\rb\n"], [b"a\rb"]),
        (Terminator.CRLF, [b"ab\r", b"\ncd\r\n"], [b"ab", b"cd"]),
        (Terminator.CRLF, [b"a\rb\r\n"], [b"a\rb"]),
        (Terminator.NONE, [b"abc", b"def"], []),  # only the idle gap ends it
    ],
)
def test_framing(terminator: Terminator, chunks: list[bytes], expected: list[bytes]) -> None:
    framer = LineFramer(terminator, idle_flush_s=0.1)
    out: list[bytes] = []
    for i, chunk in enumerate(chunks):
        out += framer.feed(chunk, now=i * 0.001)
    assert out == expected


def test_idle_flush_ends_a_payload_without_suffix() -> None:
    framer = LineFramer(Terminator.NONE, idle_flush_s=0.1)
    assert framer.feed(b"X3201", now=0.0) == []
    assert framer.feed(b"01001", now=0.01) == []
    assert framer.poll(now=0.105) == []
    assert framer.poll(now=0.111) == [b"X320101001"]
    assert framer.feed(b"next", now=0.5) == []
    assert framer.feed(b"", now=0.7) == [b"next"]


def test_idle_flush_disabled() -> None:
    framer = LineFramer(Terminator.CR, idle_flush_s=0)
    framer.feed(b"partial", now=0.0)
    assert framer.poll(now=100.0) == []


# --- driver vs simulator -----------------------------------------------------------------------


class Collector:
    def __init__(self) -> None:
        self.scans: queue.Queue[ScanResult] = queue.Queue()
        self.errors: queue.Queue[DeviceError] = queue.Queue()
        self.threads: set[str] = set()

    def on_scan(self, result: ScanResult) -> None:
        self.threads.add(threading.current_thread().name)
        self.scans.put(result)

    def on_error(self, error: DeviceError) -> None:
        self.errors.put(error)


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[ScannerSimulator]:
    with ScannerSimulator(link=tmp_path / "ttyScanner") as simulator:
        yield simulator


@pytest.mark.parametrize(
    ("text", "encoding", "terminator"),
    [
        ("王小明 出生医学证明", "utf-8", b"\r"),
        ("王小明 出生医学证明", "gbk", b"\r"),
        ("浙江省杭州市上城区", "gbk", b"\r\n"),
        ("https://zwfw.example.gov.cn/v?t=abc", "utf-8", b"\r\n"),
        ("X320101001", "utf-8", b"\n"),
    ],
)
def test_scans_arrive_decoded(sim: ScannerSimulator, text: str, encoding: str, terminator: bytes) -> None:
    got = Collector()
    scanner = SerialScanner(sim.uri)
    scanner.start(got.on_scan, got.on_error)
    try:
        assert scanner.wait_connected(5)
        sent = sim.scan_bytes(text.encode(encoding), terminator=terminator, chunks=3)
        result = got.scans.get(timeout=5)
    finally:
        scanner.stop()
    assert result.text == text
    assert result.raw == text.encode(encoding)
    assert sent.endswith(terminator)
    assert result.source == sim.uri
    assert got.threads == {"qr-serial"}
    assert got.errors.empty()


def test_several_scans_in_one_read_keep_order(sim: ScannerSimulator) -> None:
    got = Collector()
    scanner = SerialScanner(sim.uri)
    scanner.start(got.on_scan, got.on_error)
    try:
        assert scanner.wait_connected(5)
        sim.scan_bytes("一\r二\r\n三".encode() + b"\r", terminator=b"")
        texts = [got.scans.get(timeout=5).text for _ in range(3)]
    finally:
        scanner.stop()
    assert texts == ["一", "二", "三"]


def test_aim_identifier_gives_the_format(tmp_path: Path) -> None:
    with ScannerSimulator(aim=True, link=tmp_path / "tty") as simulator:
        scanner = SerialScanner(simulator.uri + "&aim=1")
        got = Collector()
        scanner.start(got.on_scan, got.on_error)
        try:
            assert scanner.wait_connected(5)
            simulator.scan("X320101001", symbology="CODE128")
            result = got.scans.get(timeout=5)
        finally:
            scanner.stop()
    assert (result.format, result.text) == ("CODE128", "X320101001")


def test_unplug_is_reported_once_and_replug_reconnects(sim: ScannerSimulator) -> None:
    got = Collector()
    scanner = SerialScanner(sim.uri, reconnect_interval_s=0.05)
    scanner.start(got.on_scan, got.on_error)
    try:
        assert scanner.wait_connected(5)
        sim.unplug()
        assert isinstance(got.errors.get(timeout=5), DeviceDisconnected)
        sim.replug()
        assert scanner.wait_connected(5)
        sim.scan("回来了", "gbk")
        assert got.scans.get(timeout=5).text == "回来了"
    finally:
        scanner.stop()
    assert got.errors.empty()  # retries while unplugged did not report again


def test_callback_exception_does_not_kill_the_owner_thread(sim: ScannerSimulator) -> None:
    received: queue.Queue[str] = queue.Queue()

    def flaky(result: ScanResult) -> None:
        received.put(result.text)
        if result.text == "first":
            raise RuntimeError("GUI bridge bug")

    scanner = SerialScanner(sim.uri)
    scanner.start(flaky, lambda e: None)
    try:
        assert scanner.wait_connected(5)
        sim.scan("first")
        assert received.get(timeout=5) == "first"
        sim.scan("second")
        assert received.get(timeout=5) == "second"
    finally:
        scanner.stop()


def test_read_one_and_its_timeout(sim: ScannerSimulator) -> None:
    scanner = SerialScanner(sim.uri)
    with pytest.raises(DeviceTimeout) as caught:
        scanner.read_one(0.2)
    assert "秒内" in caught.value.message

    def later() -> None:
        # read_one opens (and flushes) the port first; a real scan comes long after
        threading.Event().wait(0.3)
        sim.scan("王小明", "gbk")

    writer = threading.Thread(target=later)
    writer.start()
    try:
        assert scanner.read_one(5).text == "王小明"
    finally:
        writer.join()


def test_missing_port_is_device_not_found(tmp_path: Path) -> None:
    scanner = SerialScanner(f"serial:{tmp_path / 'nothing'}")
    with pytest.raises(DeviceNotFound) as caught:
        scanner.read_one(1)
    assert "扫码枪" in caught.value.message
    got = Collector()
    scanner.start(got.on_scan, got.on_error)
    try:
        assert isinstance(got.errors.get(timeout=5), DeviceNotFound)
    finally:
        scanner.stop()


@pytest.mark.parametrize(
    "uri", ["camera:0", "serial:/dev/ttyS0?terminator=tab", "serial:/dev/ttyS0?baudrate=fast"]
)
def test_bad_uris(uri: str) -> None:
    with pytest.raises(DeviceUriError):
        SerialScanner(uri)


def test_run_scanner_simulator_sends_stdin_lines(tmp_path: Path) -> None:
    received: queue.Queue[ScanResult] = queue.Queue()
    scanners: list[SerialScanner] = []
    texts: list[ScanResult] = []

    def on_ready(uri: str) -> None:
        scanner = SerialScanner(uri)
        scanner.start(received.put, lambda e: None)
        scanners.append(scanner)
        assert scanner.wait_connected(5)

    def stdin() -> Iterator[str]:
        yield "utf8 文字\n"
        texts.append(received.get(timeout=5))
        yield "\n"
        yield "gbk:😀\n"  # no GBK code: skipped, not fatal
        yield "gbk:国标文字\r\n"
        texts.append(received.get(timeout=5))

    try:
        count = run_scanner_simulator(on_ready, lines=stdin(), link=tmp_path / "tty", linger_s=0)
    finally:
        for scanner in scanners:
            scanner.stop()
    assert count == 2
    assert [t.text for t in texts] == ["utf8 文字", "国标文字"]
    assert texts[1].raw == "国标文字".encode("gbk")
    assert received.empty()


def test_stop_from_inside_a_callback(sim: ScannerSimulator) -> None:
    scanner = SerialScanner(sim.uri)
    stopped = threading.Event()

    def on_scan(result: ScanResult) -> None:
        scanner.stop()  # e.g. a dialog that closes on the first scan
        stopped.set()

    scanner.start(on_scan, lambda e: None)
    try:
        assert scanner.wait_connected(5)
        sim.scan("once")
        assert stopped.wait(5)
        deadline = time.monotonic() + 5
        while scanner.wait_connected(0) and time.monotonic() < deadline:
            time.sleep(0.01)  # the owner thread closes the port and clears the flag on its way out
        assert not scanner.wait_connected(0)
        sim.scan("ignored")  # nobody reads any more
        assert stopped.is_set()
    finally:
        scanner.stop()
