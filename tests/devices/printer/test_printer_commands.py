"""CLI handlers: print-test exit codes and output, simulate-printer as a real process, inspect-receipt."""

from __future__ import annotations

import argparse
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from devices.printer.commands import (
    add_arguments_inspect_receipt,
    add_arguments_print_test,
    cmd_inspect_receipt,
    cmd_print_test,
)
from devices.printer.inspect import decode_escpos, printed_lines
from devices.printer.simulator import PrinterSimulator, run_printer_simulator
from devices.printer.testpage import TEST_BARCODE, TEST_QR_PAYLOAD
from tests.devices.printer.printer_samples import golden_fonts

REPO = Path(__file__).resolve().parents[3]
needs_font = pytest.mark.skipif(
    golden_fonts() is None, reason="Noto Sans CJK (fonts-noto-cjk) is not installed"
)


def parse(add: Callable[[argparse.ArgumentParser], None], argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add(parser)
    return parser.parse_args(argv)


@needs_font
def test_print_test_on_the_simulator_prints_every_part(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "page.bin"
    assert cmd_print_test(parse(add_arguments_print_test, ["--printer", f"sim:{out}"])) == 0
    assert "测试页已发送" in capsys.readouterr().out
    ops = decode_escpos(out.read_bytes())
    names = [op.name for op in ops]
    assert names[names.index("init") - 3 : names.index("init")] == ["status_query"] * 3
    assert [op.text for op in ops if op.name == "qr_store"] == [TEST_QR_PAYLOAD]
    assert [op.text for op in ops if op.name == "barcode"] == ["{B" + TEST_BARCODE]
    assert sum(op.name == "raster" for op in ops) == 1  # the rare-character line, and only it
    assert "cut" in names
    assert "打印测试" in printed_lines(ops)


@needs_font
def test_print_test_with_a_profile_override(tmp_path: Path) -> None:
    out = tmp_path / "page.bin"
    args = parse(add_arguments_print_test, ["--printer", f"file:{out}", "--profile", "basic-58-gb2312"])
    assert cmd_print_test(args) == 0
    ops = decode_escpos(out.read_bytes())
    assert "qr_store" not in [op.name for op in ops]
    assert all(op.args[0] == 48 for op in ops if op.name == "raster")  # 384 dots


def test_print_test_device_error_exits_1_with_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert cmd_print_test(parse(add_arguments_print_test, ["--printer", f"tcp:127.0.0.1:{port}"])) == 1
    assert "打印失败：连接不到打印机" in capsys.readouterr().err


def test_print_test_refused_on_paper_out_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    with PrinterSimulator() as sim:
        sim.set_paper("out")
        assert cmd_print_test(parse(add_arguments_print_test, ["--printer", sim.uri])) == 1
    assert "打印机缺纸，请装纸后重试" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [["--printer", "tcp:nohost"], ["--printer", "bogus:1"], ["--printer", "sim", "--profile", "epson-99"]],
)
def test_print_test_bad_uri_or_profile_exits_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cmd_print_test(parse(add_arguments_print_test, argv)) == 2
    err = capsys.readouterr().err
    assert err and "Traceback" not in err


def test_run_printer_simulator_serves_until_stopped(tmp_path: Path) -> None:
    out, stop, uris = tmp_path / "out.bin", threading.Event(), []
    ready = threading.Event()

    def on_ready(uri: str) -> None:
        uris.append(uri)
        ready.set()

    server = threading.Thread(target=run_printer_simulator, args=(out, on_ready), kwargs={"stop": stop})
    server.start()
    try:
        assert ready.wait(5)
        host, port = uris[0].removeprefix("tcp:").rsplit(":", 1)
        with socket.create_connection((host, int(port)), timeout=2) as conn:
            conn.sendall(b"\x1b@\x10\x04\x01")
            assert conn.recv(1) == b"\x12"
    finally:
        stop.set()
        server.join(5)
    assert not server.is_alive()
    assert out.read_bytes() == b"\x1b@\x10\x04\x01"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_simulate_printer_process_prints_its_uri_first_and_stops_on_a_signal(
    tmp_path: Path, stop_signal: signal.Signals
) -> None:
    out = tmp_path / "out.bin"
    script = (
        "import argparse, sys\n"
        "from devices.printer.commands import add_arguments_simulate_printer, cmd_simulate_printer\n"
        "p = argparse.ArgumentParser(); add_arguments_simulate_printer(p)\n"
        "sys.exit(cmd_simulate_printer(p.parse_args(sys.argv[1:])))\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, "--out", str(out)], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        uri = proc.stdout.readline().strip()
        assert uri.startswith("tcp:127.0.0.1:")
        with socket.create_connection(("127.0.0.1", int(uri.rsplit(":", 1)[1])), timeout=2) as conn:
            conn.sendall(b"\x1b@hello\n\x10\x04\x04")
            assert conn.recv(1) == b"\x12"
        proc.send_signal(stop_signal)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
    assert out.read_bytes() == b"\x1b@hello\n\x10\x04\x04"


def test_inspect_receipt_lists_operations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.bin"
    path.write_bytes(b"\x1b@\x1c&" + "受理回执".encode("gb18030") + b"\n\x1dV\x01")
    assert cmd_inspect_receipt(parse(add_arguments_inspect_receipt, [str(path)])) == 0
    assert capsys.readouterr().out.splitlines() == ["init", "chinese_on", "text '受理回执'", "lf", "cut 1"]
    assert cmd_inspect_receipt(parse(add_arguments_inspect_receipt, [str(tmp_path / "missing.bin")])) == 2
    assert (
        cmd_inspect_receipt(parse(add_arguments_inspect_receipt, [str(path), "--encoding", "klingon"])) == 2
    )
