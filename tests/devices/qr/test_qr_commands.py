"""``devices scan`` and ``devices simulate-scanner`` handlers: output, JSON, exit codes 0/1/2."""

from __future__ import annotations

import argparse
import json
import os
import queue
import subprocess
import sys
from pathlib import Path

import cv2
import pytest

from devices.qr import ScanResult
from devices.qr.commands import add_arguments_scan, add_arguments_simulate_scanner, cmd_scan
from devices.qr.payloads import make_receipt_payload
from devices.qr.scenes import code_scene, qr_modules
from devices.qr.serial_scanner import SerialScanner

ROOT = Path(__file__).resolve().parents[3]
RECEIPT = make_receipt_payload("20240101330100000123")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="tongban devices scan")
    add_arguments_scan(p)
    return p


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cmd_scan(parser().parse_args(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def gbk_png(tmp_path: Path) -> Path:
    path = tmp_path / "code.png"
    cv2.imwrite(
        str(path),
        cv2.resize(qr_modules("王小明".encode("gbk")), None, fx=6, fy=6, interpolation=cv2.INTER_NEAREST),
    )
    return path


def test_scan_image_prints_format_and_text(gbk_png: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--image", str(gbk_png)], capsys) == (0, "QRCODE\t王小明\n", "")


def test_scan_image_json(gbk_png: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--image", str(gbk_png), "--json"], capsys)
    assert code == 0
    assert "王小明" in out  # ensure_ascii=False
    [item] = json.loads(out)
    assert item["format"] == "QRCODE"
    assert item["text"] == "王小明"
    assert bytes.fromhex(item["raw_hex"]) == "王小明".encode("gbk")
    assert item["kind"] == "unknown"


def test_scan_video_classifies_our_receipt(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 10, (1280, 720))
    writer.write(code_scene(RECEIPT.encode(), 2, size_px=260))
    writer.release()
    code, out, _ = run(["--video", str(path), "--json", "--timeout", "5"], capsys)
    assert code == 0
    [item] = json.loads(out)
    assert (item["kind"], item["value"]) == ("tongban_receipt", "20240101330100000123")


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["--camera", "95", "--timeout", "1"], 1, "找不到摄像头 95"),
        (["--camera", "front"], 2, "--camera"),
        (["--video", "/nonexistent.avi"], 1, "找不到视频文件"),
        (["--image", "/nonexistent.png"], 1, "找不到图片"),
        (["--device", "serial:/nonexistent/tty", "--timeout", "0.2"], 1, "打不开扫码枪"),
        (["--device", "camera:0"], 2, "serial:"),
        (["--device", "nonsense"], 2, "不认识的类型"),
        (["--device", "serial:/dev/null", "--timeout", "-1"], 2, "--timeout"),
    ],
)
def test_scan_errors(argv: list[str], code: int, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    got, out, err = run(argv, capsys)
    assert (got, out) == (code, "")
    assert message in err
    assert "Traceback" not in err


def test_nothing_in_the_image_is_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "blank.png"
    cv2.imwrite(str(path), cv2.resize(qr_modules(b"x")[:5, :5] * 0 + 200, (300, 300)))
    assert run(["--image", str(path)], capsys) == (
        1,
        "",
        "图片中没有找到二维码或条码。\nerror: no QR code or barcode in the image\n",
    )


def test_exactly_one_source_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in ([], ["--image", "a.png", "--video", "b.avi"]):
        with pytest.raises(SystemExit) as caught:
            parser().parse_args(argv)
        assert caught.value.code == 2
    capsys.readouterr()


def test_simulate_scanner_arguments() -> None:
    p = argparse.ArgumentParser()
    add_arguments_simulate_scanner(p)
    args = p.parse_args(["--baudrate", "115200"])
    assert (args.baudrate, args.link) == (115200, None)


@pytest.mark.skipif(sys.platform == "win32", reason="pty simulator is posix-only")
def test_simulate_scanner_process_feeds_a_real_scanner(tmp_path: Path) -> None:
    script = (
        "import argparse, sys\n"
        "from devices.qr.commands import add_arguments_simulate_scanner, cmd_simulate_scanner\n"
        "p = argparse.ArgumentParser(); add_arguments_simulate_scanner(p)\n"
        "sys.exit(cmd_simulate_scanner(p.parse_args(sys.argv[1:])))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", script, "--link", str(tmp_path / "ttySim")]
    pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    scans: queue.Queue[ScanResult] = queue.Queue()
    scanner: SerialScanner | None = None
    with subprocess.Popen(command, env=env, text=True, encoding="utf-8", **pipes) as proc:  # type: ignore[call-overload]
        try:
            uri = proc.stdout.readline().strip()
            assert uri == f"serial:{tmp_path / 'ttySim'}?baudrate=9600"
            scanner = SerialScanner(uri)
            scanner.start(scans.put, lambda e: None)
            assert scanner.wait_connected(5)
            proc.stdin.write(f"{RECEIPT}\ngbk:出生医学证明\n")
            proc.stdin.flush()
            texts = [scans.get(timeout=10).text for _ in range(2)]
            _, stderr = proc.communicate(timeout=10)  # closes stdin: EOF ends the simulator
        finally:
            if scanner is not None:
                scanner.stop()
            if proc.poll() is None:
                proc.kill()
    assert proc.returncode == 0
    assert texts == [RECEIPT, "出生医学证明"]
    assert "已模拟扫码 2 次" in stderr
